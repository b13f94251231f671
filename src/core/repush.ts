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
}

/** Where the blocked sheet's part is and the size, CRC and deflated size of it and of each segment. */
export interface PartLayout {
  part: string;
  size: number;
  crc: number;
  csize: number;
  /** CRC-32 of the deflated bytes: the segments' boundaries hold only for these very bytes. */
  dcrc: number;
  /** The head, one per block, the tail. */
  segments: { size: number; crc: number; csize: number }[];
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

/** What a target keeps of its consolidation besides the sheets. */
export interface TableState {
  name: string;
  layout: PartLayout;
  blocks: Block[];
  /** «Авлага»'s rows: a small table, kept whole so a re-push reads no sheet. */
  debt: DebtRow[];
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

const VERSION = 3;

/** The state as compact JSON: strings once in a table, rows as arrays of indexes and numbers. */
export function encodeState(s: TableState): string {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (x: string) => {
    let i = ids.get(x);
    if (i === undefined) {
      i = strings.push(x) - 1;
      ids.set(x, i);
    }
    return i;
  };
  const blocks = s.blocks.map((b) => {
    // A block's keys share its source's part: it is kept once.
    let prefix = b.rows[0]?.key ?? '';
    for (const r of b.rows) while (!r.key.startsWith(prefix)) prefix = prefix.slice(0, -1);
    return {
      id: id(b.id),
      prefix: id(prefix),
      first: [
        id(b.first.key),
        id(b.first.via),
        id(b.first.unit),
        id(b.first.person),
        b.first.year,
        id(b.first.period),
        id(b.first.sheet),
        b.first.row,
      ],
      rows: b.rows.map((r) => [
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
      ]),
    };
  });
  return JSON.stringify({ v: VERSION, name: s.name, layout: s.layout, strings, blocks, debt: s.debt });
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
const isCheck = (x: PartCheck | undefined): boolean =>
  typeof x?.part === 'string' && [x.size, x.crc].every(isNum);

/** The state a target's JSON states, or null when it is not one this version wrote. */
export function decodeState(json: string): TableState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const o = raw as {
    v?: unknown;
    name?: unknown;
    layout?: PartLayout;
    strings?: unknown;
    blocks?: { id: number; prefix: number; first: unknown[]; rows: unknown[][] }[];
    debt?: unknown;
  };
  if (
    o?.v !== VERSION ||
    typeof o.name !== 'string' ||
    !Array.isArray(o.strings) ||
    !Array.isArray(o.blocks) ||
    !isDebt(o.debt)
  )
    return null;
  const l = o.layout;
  if (
    !l ||
    typeof l.part !== 'string' ||
    ![l.size, l.crc, l.csize, l.dcrc].every(isNum) ||
    !Array.isArray(l.segments) ||
    l.segments.length !== o.blocks.length + 2 ||
    !l.segments.every((x) => [x?.size, x?.crc, x?.csize].every(isNum)) ||
    !(l.strings === null || isCheck(l.strings)) ||
    !Array.isArray(l.others) ||
    !l.others.every(isCheck)
  )
    return null;
  const strings = o.strings as unknown[];
  const str = (i: unknown): string => {
    const x = isNum(i) ? strings[i] : undefined;
    if (typeof x !== 'string') throw new Error('state: not a string');
    return x;
  };
  const num = (x: unknown): number | null => {
    if (!isNumOrNull(x)) throw new Error('state: not a number');
    return x;
  };
  try {
    const blocks = o.blocks.map((b): Block => {
      const prefix = str(b.prefix);
      const [key, via, unit, person, year, period, sheet, row] = b.first;
      return {
        id: str(b.id),
        first: {
          key: str(key),
          via: str(via),
          unit: str(unit),
          person: str(person),
          year: num(year),
          period: str(period),
          sheet: str(sheet),
          row: num(row) ?? 0,
        },
        rows: b.rows.map(([v, u, p, goal, section, y, per, percent, key, hash]) => ({
          via: str(v),
          unit: str(u),
          person: str(p),
          goal: str(goal),
          section: str(section),
          year: num(y),
          period: str(per),
          percent: num(percent),
          key: typeof key === 'string' ? prefix + key : str(undefined),
          hash: num(hash) ?? NaN,
        })),
      };
    });
    return { name: o.name, layout: l, blocks, debt: o.debt };
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
