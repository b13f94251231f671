/**
 * Live re-checking without reading the whole sheet again: which cells an edit asks to re-read,
 * and the snapshot those cells make when patched into the one already read.
 */
import { parseRange, type CellRange, type CellValue, type SheetSnapshot, type ValueType } from './snapshot';

/** One edit the host reported: on which sheet (its name, or Excel's worksheet id), which cells, and whether rows or columns moved. */
export interface SheetChange {
  sheet: string;
  /** A1 address of the changed cells; null when the host does not say. */
  address: string | null;
  /** Rows or columns inserted or deleted, cells shifted: every address after it moved. */
  structural: boolean;
}

/** Cells read again: a snapshot of one range only (its origin is the range's top-left cell; no merges). */
export type CellsRead = Pick<SheetSnapshot, 'origin' | 'values' | 'numberFormats' | 'valueTypes'>;

/** Above this many changed cells (a paste over a whole table) a full read is cheaper than patching. */
export const PATCH_MAX_CELLS = 20_000;

export type Reread = { kind: 'full' } | { kind: 'cells'; sheet: string; ranges: CellRange[] };

const area = (r: CellRange) => (r.bottom - r.top + 1) * (r.right - r.left + 1);

function rangeOf(address: string | null): CellRange | null {
  if (!address) return null;
  try {
    // A whole column or row ("C:C", "5:5") is no cell address: read everything.
    return parseRange(address.replace(/^.*!/, ''));
  } catch {
    return null;
  }
}

const overlaps = (a: CellRange, b: CellRange) =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/** The range grown to whole merged areas: a merged area's value lives in its top-left cell, wherever the edit landed. */
function withMerges(range: CellRange, merges: CellRange[]): CellRange {
  let r = range;
  for (let grown = true; grown;) {
    grown = false;
    for (const m of merges)
      if (overlaps(r, m) && (m.top < r.top || m.left < r.left || m.bottom > r.bottom || m.right > r.right)) {
        r = {
          top: Math.min(r.top, m.top),
          left: Math.min(r.left, m.left),
          bottom: Math.max(r.bottom, m.bottom),
          right: Math.max(r.right, m.right),
        };
        grown = true;
      }
  }
  return r;
}

/**
 * What a re-check reads after these edits: only the changed ranges when every edit is a plain
 * edit of known cells on one sheet, else the whole sheet (structural change, unknown or large
 * address, edits on several sheets, or an activation among the events: `changes` is then null).
 * `merges` are the sheet's merged areas: a range touching one is read with the whole area.
 */
export function rereadOf(changes: SheetChange[] | null, merges: CellRange[] = []): Reread {
  if (!changes || changes.length === 0) return { kind: 'full' };
  const sheet = changes[0].sheet;
  const ranges: CellRange[] = [];
  for (const c of changes) {
    const r = rangeOf(c.address);
    if (!r || c.structural || c.sheet !== sheet) return { kind: 'full' };
    ranges.push(withMerges(r, merges));
  }
  if (ranges.reduce((n, r) => n + area(r), 0) > PATCH_MAX_CELLS) return { kind: 'full' };
  return { kind: 'cells', sheet, ranges };
}

/**
 * `previous` with the cells read again written over it: the grid grows to hold cells typed
 * outside it and shrinks where its edge rows or columns became empty, as a full read would
 * (a used range of values). Merges stay: an edit of values does not merge or unmerge.
 */
export function patchSnapshot(previous: SheetSnapshot, reads: CellsRead[]): SheetSnapshot {
  const cells = new Map<string, { v: CellValue; f: string; t: ValueType | undefined }>();
  const key = (r: number, c: number) => `${r},${c}`;
  const put = (s: CellsRead) =>
    s.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const r = s.origin.row + i;
        const c = s.origin.col + j;
        if (v === null || v === '') cells.delete(key(r, c));
        else
          cells.set(key(r, c), { v, f: s.numberFormats?.[i]?.[j] ?? 'General', t: s.valueTypes?.[i]?.[j] });
      }),
    );
  put(previous);
  reads.forEach(put);
  const keys = [...cells.keys()].map((k) => k.split(',').map(Number));
  if (!keys.length)
    return {
      name: previous.name,
      origin: { row: 1, col: 1 },
      values: [],
      numberFormats: [],
      valueTypes: [],
      merges: previous.merges,
    };
  const top = Math.min(...keys.map(([r]) => r));
  const left = Math.min(...keys.map(([, c]) => c));
  const bottom = Math.max(...keys.map(([r]) => r));
  const right = Math.max(...keys.map(([, c]) => c));
  const grid = <T>(at: (r: number, c: number) => T): T[][] =>
    Array.from({ length: bottom - top + 1 }, (_, i) =>
      Array.from({ length: right - left + 1 }, (_, j) => at(top + i, left + j)),
    );
  const out: SheetSnapshot = {
    name: previous.name,
    origin: { row: top, col: left },
    values: grid((r, c) => cells.get(key(r, c))?.v ?? null),
    numberFormats: grid((r, c) => cells.get(key(r, c))?.f ?? 'General'),
    merges: previous.merges,
  };
  // Value types only where the reader gave them; else core infers them from the values.
  if (previous.valueTypes || reads.some((s) => s.valueTypes))
    out.valueTypes = grid((r, c) => {
      const cell = cells.get(key(r, c));
      return cell ? (cell.t ?? inferred(cell.v)) : 'Empty';
    });
  return out;
}

function inferred(v: CellValue): ValueType {
  return typeof v === 'number'
    ? 'Double'
    : typeof v === 'boolean'
      ? 'Boolean'
      : v === null
        ? 'Empty'
        : 'String';
}
