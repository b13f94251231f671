/**
 * «Нэгтгэл» as blocks, one per source (DESIGN.md section 16, issue 18): a source's rows are
 * always contiguous in the table (rowOrder), so a re-push replaces whole blocks. What a target
 * keeps of its blocks — each one's source, first row and summary rows — lets a re-push place the
 * pushed sources' new blocks, renumber the ones after them and recompute «Товчоо» without
 * reading the other 60,000 rows back. Pure: src/xlsx/blocks.ts keeps the bytes.
 */
import {
  DEBT_COLUMNS,
  ROW_COMPARE,
  consolidate,
  rowOrder,
  sourceId,
  type ConsolidatedRow,
  type ConsolidationResult,
  type DebtRow,
  type Push,
  type RowPlace,
} from './consolidate';
import { HEADER_ROW, type ConsolidationSheets } from './plans/consolidation';
import type { SummaryRow } from './summary';

/** What a target keeps of a row: what the summary reads, its key, and a hash of what an update compares. */
export interface KeptRow extends SummaryRow {
  key: string;
  hash: number;
}

/** One source's rows of «Нэгтгэл», in the table's order. */
export interface Block {
  id: string;
  /** Its first row's place: where the block goes among the others. */
  first: RowPlace;
  rows: KeptRow[];
  /** Its line of the state as read from the target: a kept block is written back as it was. */
  line?: string;
}

/** Where the blocked sheet's part is and the size, CRC and deflated size of it and of each segment. */
export interface PartLayout {
  part: string;
  size: number;
  crc: number;
  csize: number;
  /** CRC-32 of the deflated bytes: the segments' boundaries hold only for these very bytes. */
  dcrc: number;
  /** The head, segments of whole blocks in order (the size of each block in it), the tail. */
  segments: { size: number; crc: number; csize: number; blocks: number[] }[];
  /** The shared strings the blocks refer to, as written with them; null when their text is inline. */
  strings: PartCheck | null;
  /** Other parts the state speaks for (the «Авлага» sheet, whose rows it keeps), as written with it. */
  others: PartCheck[];
}

/** A part as written: another writer's part of the same name differs in size or CRC. */
export interface PartCheck {
  part: string;
  size: number;
  crc: number;
}

/** The strings the blocks' lines of a state refer to, and how many there were when it was last built afresh. */
export interface StringTable {
  strings: string[];
  base: number;
}

/** What a target keeps of its consolidation besides the sheets. */
export interface TableState {
  name: string;
  layout: PartLayout;
  blocks: Block[];
  /** «Авлага»'s rows: a small table, kept whole so a re-push reads no sheet. */
  debt: DebtRow[];
  /** The table the kept blocks' lines refer to (read from the target); none: every line is written anew. */
  table?: StringTable;
}

/** What the summary reads of a row, and nothing else. */
export const summaryOf = (r: SummaryRow): SummaryRow => ({
  via: r.via,
  unit: r.unit,
  person: r.person,
  goal: r.goal,
  section: r.section,
  percent: r.percent,
  year: r.year,
  period: r.period,
});

/** A hash of a text, 32 bits: the file target passes zlib's CRC-32, native and fast. */
export type TextHash = (text: string) => number;

/**
 * What the state keeps of the columns an update compares: the hash of their text and the text's
 * length (53 bits). A pushed row whose hash equals the kept one's is unchanged. Types are kept
 * apart in the text (100 is not "100").
 */
function rowHash(r: ConsolidatedRow, hash: TextHash): number {
  // Each value with its type and length before it, so that no two rows make the same text.
  let text = '';
  for (const k of ROW_COMPARE) {
    const v = r[k] ?? '';
    text += typeof v === 'number' ? `n${v};` : `s${String(v).length}:${v}`;
  }
  return hash(text) * 0x200000 + (text.length & 0x1fffff);
}

function keptOf(r: ConsolidatedRow, hash: TextHash): KeptRow {
  const kept = summaryOf(r) as KeptRow;
  kept.key = r.key;
  kept.hash = rowHash(r, hash);
  return kept;
}

const placeOf = (r: RowPlace): RowPlace => ({
  key: r.key,
  via: r.via,
  unit: r.unit,
  person: r.person,
  year: r.year,
  period: r.period,
  sheet: r.sheet,
  row: r.row,
});

/** The blocks of a table's rows (in the table's order). */
export function blocksOf(rows: ConsolidatedRow[], hash: TextHash): Block[] {
  const out: Block[] = [];
  let prev: ConsolidatedRow | undefined;
  for (const r of rows) {
    // The source's id is built only where the fields it is made of change.
    const same =
      prev &&
      prev.via === r.via &&
      prev.unit === r.unit &&
      prev.person === r.person &&
      prev.year === r.year &&
      prev.period === r.period &&
      prev.sheet === r.sheet;
    const last = out[out.length - 1];
    if (same || last?.id === sourceId(r)) last.rows.push(keptOf(r, hash));
    else out.push({ id: sourceId(r), first: placeOf(r), rows: [keptOf(r, hash)] });
    prev = r;
  }
  return out;
}

/** The sheet row each block starts at. */
export function cutsOf(blocks: Block[]): number[] {
  const cuts: number[] = [];
  let at = HEADER_ROW + 1;
  for (const b of blocks) {
    cuts.push(at);
    at += b.rows.length;
  }
  return cuts;
}

const VERSION = 6;

/**
 * JSON that is also XML text: the state is a Custom XML part, and a line without `&`, `<` or
 * `>` is written into it and read back as it is.
 */
const xmlSafe = (json: string) =>
  /[&<>]/.test(json) ? json.replace(/[&<>]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) : json;

/**
 * A block as one line of JSON: its keys' shared prefix, its first row's sheet and row (the rest
 * of its place is its first row's), and its rows with their strings as indexes into the table.
 */
function blockLine(b: Block, id: (s: string) => number): string {
  let prefix = b.rows[0]?.key ?? '';
  for (const r of b.rows) while (!r.key.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const rows = b.rows.map((r) => [
    id(r.via),
    id(r.unit),
    id(r.person),
    id(r.goal),
    id(r.section),
    r.year,
    id(r.period),
    r.percent,
    r.key.slice(prefix.length),
    r.hash,
  ]);
  return xmlSafe(JSON.stringify([prefix, id(b.first.sheet), b.first.row, rows]));
}

/**
 * The state as text: a line of JSON with the name, the layout, «Авлага»'s rows and the string
 * table, then a line per block. The table only grows between two writes, so a block kept from
 * the target keeps its line and a re-push encodes only the blocks it pushes; once it has grown by
 * half (strings of replaced blocks pile up), every line is written anew with a fresh table.
 */
export function encodeState(s: TableState): string {
  const t = s.table;
  const reuse = !!t && t.strings.length - t.base <= Math.max(1000, t.base / 2);
  const strings = reuse ? [...t.strings] : [];
  const ids = new Map<string, number>();
  strings.forEach((x, i) => ids.has(x) || ids.set(x, i));
  const id = (x: string) => {
    let i = ids.get(x);
    if (i === undefined) {
      i = strings.push(x) - 1;
      ids.set(x, i);
    }
    return i;
  };
  const lines = s.blocks.map((b) => (reuse && b.line) || blockLine(b, id));
  const base = reuse ? t.base : strings.length;
  const head = { v: VERSION, name: s.name, layout: s.layout, debt: s.debt, strings, base };
  return [xmlSafe(JSON.stringify(head)), ...lines].join('\n');
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Rows of «Авлага» as the state keeps them: each column of its kind. */
function isDebt(x: unknown): x is DebtRow[] {
  return (
    Array.isArray(x) &&
    x.every(
      (d: Record<string, unknown>) =>
        typeof d === 'object' &&
        d !== null &&
        DEBT_COLUMNS.every((c) => (c.kind ? isNumOrNull(d[c.id]) : typeof d[c.id] === 'string')),
    )
  );
}
const isNumOrNull = (x: unknown): x is number | null => x === null || isNum(x);
/** The head and the tail hold no block, every other segment whole blocks, and their sizes add up. */
function isSegments(x: PartLayout['segments'] | undefined, blocks: number): boolean {
  if (!Array.isArray(x) || x.length < 2) return false;
  let count = 0;
  const ok = x.every((s, i) => {
    if (![s?.size, s?.crc, s?.csize].every(isNum) || !Array.isArray(s.blocks) || !s.blocks.every(isNum))
      return false;
    count += s.blocks.length;
    const inner = i > 0 && i < x.length - 1;
    return inner ? s.blocks.length > 0 && s.blocks.reduce((a, b) => a + b, 0) === s.size : !s.blocks.length;
  });
  return ok && count === blocks;
}
const isCheck = (x: PartCheck | undefined): boolean =>
  typeof x?.part === 'string' && [x.size, x.crc].every(isNum);

const num = (x: unknown): number | null => {
  if (!isNumOrNull(x)) throw new Error('state: not a number');
  return x;
};

/** A block's line as blockLine writes it, with the table it refers to; throws when it is not one. */
function lineBlock(line: string, strings: string[]): Block {
  const [prefix, sheet, row, rows] = JSON.parse(line) as unknown[];
  if (typeof prefix !== 'string' || !Array.isArray(rows) || !rows.length)
    throw new Error('state: not a block');
  const at = (i: unknown): string => {
    const x = isNum(i) ? strings[i] : undefined;
    if (x === undefined) throw new Error('state: not a string');
    return x;
  };
  const kept = (rows as unknown[][]).map(([v, u, p, goal, section, y, per, percent, k, hash]): KeptRow => {
    if (typeof k !== 'string') throw new Error('state: not a key');
    return {
      via: at(v),
      unit: at(u),
      person: at(p),
      goal: at(goal),
      section: at(section),
      year: num(y),
      period: at(per),
      percent: num(percent),
      key: prefix + k,
      hash: num(hash) ?? NaN,
    };
  });
  const first = placeOf({ ...kept[0], sheet: at(sheet), row: num(row) ?? 0 });
  return { id: sourceId(first), first, rows: kept, line };
}

/** The state a target's text states, or null when it is not one this version wrote. */
export function decodeState(text: string): TableState | null {
  const lines = text.split('\n');
  let o: {
    v?: unknown;
    name?: unknown;
    layout?: PartLayout;
    debt?: unknown;
    strings?: unknown;
    base?: unknown;
  };
  try {
    o = JSON.parse(lines[0]) as typeof o;
  } catch {
    return null;
  }
  if (o?.v !== VERSION || typeof o.name !== 'string' || !isDebt(o.debt)) return null;
  const { strings, base } = o;
  if (!Array.isArray(strings) || !strings.every((x) => typeof x === 'string') || !isNum(base)) return null;
  const l = o.layout;
  if (
    !l ||
    typeof l.part !== 'string' ||
    ![l.size, l.crc, l.csize, l.dcrc].every(isNum) ||
    !isSegments(l.segments, lines.length - 1) ||
    !(l.strings === null || isCheck(l.strings)) ||
    !Array.isArray(l.others) ||
    !l.others.every(isCheck)
  )
    return null;
  try {
    const blocks = lines.slice(1).map((line) => lineBlock(line, strings as string[]));
    return { name: o.name, layout: l, blocks, debt: o.debt, table: { strings: strings as string[], base } };
  } catch {
    return null;
  }
}

/** A block of the new table kept from the target: its index there, and how far its rows move. */
export interface KeptBlock {
  at: number;
  from: number;
  delta: number;
}

export interface Repush {
  result: ConsolidationResult;
  /** What the sheets show; only the pushed sources' rows are written into «Нэгтгэл». */
  sheets: ConsolidationSheets;
  blocks: Block[];
  kept: KeptBlock[];
}

/**
 * A push into a target from its state. The
 * pushed sources' rows and the counts are what consolidating the whole table gives: the upsert
 * never touches other sources' rows and sorts by rowOrder, under which each block stays whole;
 * a kept row counts as unchanged when its hash is the pushed row's.
 */
export function planRepush(state: TableState, pushes: Push[], name: string, hash: TextHash): Repush {
  const fresh = consolidate({ rows: [], debt: state.debt, name }, pushes);
  const ids = new Set(pushes.map((p) => sourceId(p.source)));
  const old = new Map<string, number>();
  for (const b of state.blocks) if (ids.has(b.id)) for (const r of b.rows) old.set(r.key, r.hash);
  const changes = { added: [] as string[], updated: [] as string[], removed: [] as string[] };
  const unchanged: string[] = [];
  const now = new Set<string>();
  // In the upsert's order: pushed rows, one per key, the later winning.
  const incoming = new Map(pushes.flatMap((p) => p.rows).map((r) => [r.key, r]));
  for (const r of incoming.values()) {
    now.add(r.key);
    const before = old.get(r.key);
    if (before === undefined) changes.added.push(r.key);
    else if (before === rowHash(r, hash)) unchanged.push(r.key);
    else changes.updated.push(r.key);
  }
  changes.removed = [...old.keys()].filter((k) => !now.has(k));
  const result = {
    ...fresh,
    added: changes.added.length,
    updated: changes.updated.length,
    removed: changes.removed.length,
    unchanged: unchanged.length,
    changes,
  };
  const pushed = blocksOf(result.rows, hash);
  const before = cutsOf(state.blocks);
  const kept = state.blocks.flatMap((b, i) => (ids.has(b.id) ? [] : [{ block: b, from: i }]));
  const blocks: Block[] = [];
  const from: (number | null)[] = [];
  /** Where each pushed block lands among all of them. */
  const landed: number[] = [];
  let k = 0;
  for (const b of pushed) {
    while (k < kept.length && rowOrder(kept[k].block.first, b.first) < 0) {
      blocks.push(kept[k].block);
      from.push(kept[k++].from);
    }
    landed.push(blocks.push(b) - 1);
    from.push(null);
  }
  for (; k < kept.length; k++) {
    blocks.push(kept[k].block);
    from.push(kept[k].from);
  }
  const cuts = cutsOf(blocks);
  const runs = pushed.map((_, i) => ({
    at: cuts[landed[i]] - HEADER_ROW - 1,
    rows: [] as ConsolidatedRow[],
  }));
  const byId = new Map(pushed.map((b, i) => [b.id, runs[i]]));
  for (const r of result.rows) byId.get(sourceId(r))!.rows.push(r);
  return {
    result,
    sheets: { name, rows: blocks.flatMap((b) => b.rows), runs, debt: result.debt },
    blocks,
    kept: from.flatMap((f, at) => (f === null ? [] : [{ at, from: f, delta: cuts[at] - before[f] }])),
  };
}
