/**
 * The keyed upsert of one Excel table through the Graph workbook API, as pure planning: what a
 * table read says (rows by index, parsed with core readTable semantics), and the row
 * operations that turn it into the wanted state for the pushed sources.
 *
 * Every write is positional (Graph has no "update where key = …"), so each one is guarded: in
 * the same sequential batch it is preceded by a read of exactly the cells it overwrites or the
 * row it deletes. The guard's answer (the pre-image) says whether the row was the one planned;
 * when another writer moved rows in between, the pre-image shows whose row was hit, a foreign
 * row is written back (restored) and the next round re-reads the table and recomputes.
 */
import {
  cellOf,
  readTable,
  sourceId,
  upsert,
  type Push,
  type SourceRow,
  type TableColumn,
} from '../../core/consolidate';
import { cellAddress, columnLetter, parseRange, type CellRange, type CellValue } from '../../core/snapshot';
import { MAX_REQUEST_BYTES, jsonBytes } from './client';
import { GraphError } from './errors';

export interface TableSpec<T extends SourceRow> {
  /** Worksheet that holds the table. */
  sheet: string;
  /** Excel table name (ASCII: Graph addresses tables by name in URLs). */
  table: string;
  columns: TableColumn<T>[];
  compare: (keyof T)[];
  /** What a push contributes to this table. */
  rowsOf: (push: Push) => T[];
}

/** A table as read: `GET …/tables/{name}/range` (header row + body). */
export interface TableRead<T> {
  sheet: string;
  /** Sheet coordinates of the whole table range (header included). */
  range: CellRange;
  header: string[];
  /** Per spec column, its 0-based column in the table. */
  columnIndex: number[];
  keyColumn: number;
  body: CellValue[][];
  /** Parsed body rows; `rec` is null for a blank row. */
  rows: { index: number; blank: boolean; key: string; rec: T | null }[];
}

export type RawRow = CellValue[];

export function isBlankRow(row: CellValue[]): boolean {
  return row.every((v) => v === null || v === '');
}

/** `Нэгтгэл!A1:T11` or `'My sheet'!A1:T11` → its cell range. */
export function parseAddress(address: string): CellRange {
  const at = address.lastIndexOf('!');
  return parseRange(at >= 0 ? address.slice(at + 1) : address);
}

/** Reads a table range answer with core readTable semantics (labels in Mongolian or English). */
export function parseTable<T extends SourceRow>(
  spec: TableSpec<T>,
  address: string,
  values: CellValue[][],
): TableRead<T> {
  const range = parseAddress(address);
  const header = (values[0] ?? []).map((v) => String(v ?? '').trim());
  const columnIndex = spec.columns.map((c) => header.findIndex((h) => h === c.mn || h === c.en));
  const missing = spec.columns.filter((c, i) => columnIndex[i] < 0 && !c.optional).map((c) => c.mn);
  if (missing.length) {
    throw new GraphError(
      'unknown',
      `table ${spec.table} on sheet ${spec.sheet} lacks the columns ${missing.join(', ')}; restore its header row`,
    );
  }
  const keyColumn = columnIndex[spec.columns.findIndex((c) => c.id === 'key')];
  const body = values.slice(1).map((r) => header.map((_, j) => (r[j] === undefined ? '' : r[j])));
  const rows = body.map((row, index) => {
    if (isBlankRow(row)) return { index, blank: true, key: '', rec: null };
    return { index, blank: false, key: String(row[keyColumn] ?? ''), rec: parseRow(spec, header, row) };
  });
  return { sheet: spec.sheet, range, header, columnIndex, keyColumn, body, rows };
}

/** One body row as a record, exactly as core readTable reads a sheet. */
export function parseRow<T>(
  spec: { columns: TableColumn<T>[] },
  header: string[],
  row: CellValue[],
): T | null {
  const [rec] = readTable<T>(
    { name: '', origin: { row: 1, col: 1 }, values: [header, row], merges: [] },
    spec.columns,
  );
  return rec ?? null;
}

function same<T>(a: T, b: T, ids: (keyof T)[]): boolean {
  return ids.every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

export interface TableCounts {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
}

/** What a push changes in a table, counted with core upsert (the preview and the result). */
export function countChanges<T extends SourceRow>(
  spec: TableSpec<T>,
  read: TableRead<T> | null,
  pushes: Push[],
): TableCounts & { after: T[] } {
  const existing = (read?.rows ?? []).flatMap((r) => (r.rec ? [r.rec] : []));
  const sources = pushes.map((p) => sourceId(p.source));
  const r = upsert(existing, sources, pushes.flatMap(spec.rowsOf), spec.compare);
  return { added: r.added, updated: r.updated, removed: r.removed, unchanged: r.unchanged, after: r.rows };
}

/** A positional operation on the table, with what its target must hold when it runs. */
export type RowOp =
  | { kind: 'delete'; index: number; expect: Expect }
  | { kind: 'fill'; index: number; rows: CellValue[][]; formats: (string | null)[][]; expect: Expect[] }
  | { kind: 'append'; index: number; count: number };

/** A guard's expectation: the row holds this key, or is blank. */
export type Expect = { key: string } | { blank: true };

export interface TablePlan {
  ops: RowOp[];
  /** Rows written back after another writer's change made a write land on them. */
  restores: number;
}

export interface PlanLimits {
  /** Rows in one fill request (a range PATCH). */
  maxFillRows: number;
  /** UTF-8 bytes of one fill's values and formats (a single longer row still goes alone). */
  maxFillBytes: number;
  /** Rows in one `rows/add`. */
  maxAppendRows: number;
  /** UTF-8 bytes of one HTTP request body: a JSON batch is packed under it. */
  maxRequestBytes: number;
}

export const DEFAULT_LIMITS: PlanLimits = {
  maxFillRows: 50,
  maxFillBytes: 1024 * 1024,
  maxAppendRows: 200,
  maxRequestBytes: MAX_REQUEST_BYTES,
};

/** Cells of a spec row in table column order; cells of other (user) columns are null: left as they are. */
export function cellsOf<T extends SourceRow>(
  spec: TableSpec<T>,
  read: Pick<TableRead<T>, 'header' | 'columnIndex'>,
  row: T,
): { values: CellValue[]; formats: (string | null)[] } {
  const values: CellValue[] = read.header.map(() => null);
  const formats: (string | null)[] = read.header.map(() => null);
  spec.columns.forEach((c, i) => {
    const j = read.columnIndex[i];
    if (j < 0) return; // an optional column the table was made without
    values[j] = cellOf(c, row) ?? '';
    // Text is stored as text ("@" before the value): "=…", "+…", "-…", "@…" never become formulas.
    formats[j] = c.kind === 'percent' ? '0.0' : c.kind === 'number' ? 'General' : '@';
  });
  return { values, formats };
}

/** A restored row as it was read: strings as text, other cells as they were. */
export function rawCells(row: RawRow, width: number): { values: CellValue[]; formats: (string | null)[] } {
  const values = Array.from({ length: width }, (_, j) =>
    row[j] === undefined || row[j] === null ? '' : row[j],
  );
  return { values, formats: values.map((v) => (typeof v === 'string' && v !== '' ? '@' : null)) };
}

/**
 * The row operations that bring `read` to the wanted state of the pushed sources: deletes from
 * the bottom up, then patches of changed rows, then new rows (into blank rows first, then
 * appended). `restore` are rows of other sources that an earlier round overwrote by accident.
 */
export function planTable<T extends SourceRow>(
  spec: TableSpec<T>,
  read: TableRead<T>,
  pushes: Push[],
  restore: RawRow[] = [],
  limits: PlanLimits = DEFAULT_LIMITS,
): TablePlan {
  const pushed = new Set(pushes.map((p) => sourceId(p.source)));
  const wanted = new Map<string, T>();
  for (const r of pushes.flatMap(spec.rowsOf)) wanted.set(r.key, r);

  const mine = new Map<string, number[]>();
  const blanks: number[] = [];
  const presentKeys = new Set<string>();
  for (const r of read.rows) {
    if (r.blank) {
      blanks.push(r.index);
      continue;
    }
    presentKeys.add(r.key);
    if (r.rec && pushed.has(sourceId(r.rec))) {
      const list = mine.get(r.key);
      if (list) list.push(r.index);
      else mine.set(r.key, [r.index]);
    }
  }

  const deletes = new Set<number>();
  const patches: { index: number; row: T }[] = [];
  const adds: { values: CellValue[]; formats: (string | null)[] }[] = [];
  for (const [key, row] of wanted) {
    const idxs = mine.get(key) ?? [];
    const keep = idxs.find((i) => same(read.rows[i].rec as T, row, spec.compare)) ?? idxs[0];
    if (keep === undefined) adds.push(cellsOf(spec, read, row));
    else if (!same(read.rows[keep].rec as T, row, spec.compare)) patches.push({ index: keep, row });
    for (const i of idxs) if (i !== keep) deletes.add(i); // duplicates of a key
  }
  for (const [key, idxs] of mine) if (!wanted.has(key)) for (const i of idxs) deletes.add(i);

  // Rows of other sources lost to a misplaced write come back, unless already there again.
  let restores = 0;
  const width = read.header.length;
  for (const raw of restore) {
    const key = String(raw[read.keyColumn] ?? '');
    if (key ? presentKeys.has(key) : read.body.some((b) => b.every((v, j) => (v ?? '') === (raw[j] ?? ''))))
      continue;
    if (key) presentKeys.add(key);
    adds.push(rawCells(raw, width));
    restores++;
  }

  // Blank rows take new rows first; the rest go, but a table keeps at least one body row.
  const slots = blanks.slice(0, adds.length);
  for (const b of blanks.slice(adds.length)) deletes.add(b);
  const bodyRows = read.rows.length;
  let clearLast: number | null = null;
  if (bodyRows > 0 && deletes.size === bodyRows && adds.length === 0) {
    // Deleting every row would leave Excel's table without a body: keep the top one, blank.
    clearLast = Math.min(...deletes);
    deletes.delete(clearLast);
  }

  const ops: RowOp[] = [];
  const expectAt = (i: number): Expect => (read.rows[i].blank ? { blank: true } : { key: read.rows[i].key });
  const down = [...deletes].sort((a, b) => b - a);
  for (const i of down) ops.push({ kind: 'delete', index: i, expect: expectAt(i) });
  const shift = (i: number) => i - down.filter((d) => d < i).length;

  type Fill = { index: number; values: CellValue[]; formats: (string | null)[]; expect: Expect };
  const fills: Fill[] = [];
  if (clearLast !== null && !read.rows[clearLast].blank) {
    fills.push({
      index: shift(clearLast),
      values: read.header.map(() => ''),
      formats: read.header.map(() => null),
      expect: expectAt(clearLast),
    });
  }
  for (const p of patches)
    fills.push({ index: shift(p.index), ...cellsOf(spec, read, p.row), expect: expectAt(p.index) });
  slots.forEach((s, k) => fills.push({ index: shift(s), ...adds[k], expect: { blank: true } }));
  ops.push(...blocks(fills, limits));

  const rest = adds.slice(slots.length);
  let end = bodyRows - down.length;
  for (let from = 0; from < rest.length; from += limits.maxAppendRows) {
    const chunk = rest.slice(from, from + limits.maxAppendRows);
    ops.push({ kind: 'append', index: end, count: chunk.length });
    ops.push(
      ...blocks(
        chunk.map((c, k) => ({ index: end + k, ...c, expect: { blank: true } as Expect })),
        limits,
      ),
    );
    end += chunk.length;
  }
  return { ops, restores };
}

/** Fills of consecutive rows become one range write (up to the limits' rows and bytes). */
function blocks(
  fills: { index: number; values: CellValue[]; formats: (string | null)[]; expect: Expect }[],
  limits: Pick<PlanLimits, 'maxFillRows' | 'maxFillBytes'>,
): RowOp[] {
  const sorted = [...fills].sort((a, b) => a.index - b.index);
  const out: RowOp[] = [];
  let cur: Extract<RowOp, { kind: 'fill' }> | null = null;
  let bytes = 0;
  for (const f of sorted) {
    const size = jsonBytes(f.values) + jsonBytes(f.formats);
    if (
      cur &&
      f.index === cur.index + cur.rows.length &&
      cur.rows.length < limits.maxFillRows &&
      bytes + size <= limits.maxFillBytes
    ) {
      cur.rows.push(f.values);
      cur.formats.push(f.formats);
      cur.expect.push(f.expect);
      bytes += size;
    } else {
      cur = { kind: 'fill', index: f.index, rows: [f.values], formats: [f.formats], expect: [f.expect] };
      out.push(cur);
      bytes = size;
    }
  }
  return out;
}

/** Sheet address of body rows [index, index + count) of a table read at `range`. */
export function bodyAddress(range: CellRange, index: number, count: number): string {
  const top = range.top + 1 + index;
  return `${cellAddress(top, range.left)}:${cellAddress(top + count - 1, range.right)}`;
}

/** `C:C`, the address of a whole column. */
export function columnAddress(col: number): string {
  const l = columnLetter(col);
  return `${l}:${l}`;
}

/** Whether a guard's pre-image matches what the plan expected there. */
export function matches(expect: Expect, row: CellValue[], keyColumn: number): boolean {
  if ('blank' in expect) return isBlankRow(row);
  return String(row[keyColumn] ?? '') === expect.key;
}
