/**
 * «Нэгтгэл» as blocks, one per source (DESIGN.md section 16, issue 18): a source's rows are
 * always contiguous in the table (rowOrder), so a re-push replaces whole blocks. What a target
 * keeps of its blocks — each one's source, first row and summary rows — lets a re-push place the
 * pushed sources' new blocks, renumber the ones after them and recompute «Товчоо» without
 * reading the other 60,000 rows back. Pure: src/xlsx/blocks.ts keeps the bytes.
 */
import {
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

/** One source's rows of «Нэгтгэл», in the table's order. */
export interface Block {
  id: string;
  /** Its first row's place: where the block goes among the others. */
  first: RowPlace;
  rows: SummaryRow[];
}

/** Where the blocked sheet's part is and the size, CRC and deflated size of it and of each segment. */
export interface PartLayout {
  part: string;
  size: number;
  crc: number;
  csize: number;
  /** The head, one per block, the tail. */
  segments: { size: number; crc: number; csize: number }[];
}

/** What a target keeps of its consolidation besides the sheets. */
export interface TableState {
  name: string;
  layout: PartLayout;
  blocks: Block[];
}

/** What the summary reads of a row, and nothing else. */
export const summaryOf = (r: ConsolidatedRow): SummaryRow => ({
  via: r.via,
  unit: r.unit,
  person: r.person,
  goal: r.goal,
  section: r.section,
  percent: r.percent,
  year: r.year,
  period: r.period,
});

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
export function blocksOf(rows: ConsolidatedRow[]): Block[] {
  const out: Block[] = [];
  for (const r of rows) {
    const id = sourceId(r);
    const last = out[out.length - 1];
    if (last?.id === id) last.rows.push(summaryOf(r));
    else out.push({ id, first: placeOf(r), rows: [summaryOf(r)] });
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

const VERSION = 1;

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
  const blocks = s.blocks.map((b) => ({
    id: id(b.id),
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
    ]),
  }));
  return JSON.stringify({ v: VERSION, name: s.name, layout: s.layout, strings, blocks });
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNumOrNull = (x: unknown): x is number | null => x === null || isNum(x);

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
    blocks?: { id: number; first: unknown[]; rows: unknown[][] }[];
  };
  if (o?.v !== VERSION || typeof o.name !== 'string' || !Array.isArray(o.strings) || !Array.isArray(o.blocks))
    return null;
  const l = o.layout;
  if (
    !l ||
    typeof l.part !== 'string' ||
    ![l.size, l.crc, l.csize].every(isNum) ||
    !Array.isArray(l.segments) ||
    l.segments.length !== o.blocks.length + 2 ||
    !l.segments.every((x) => [x?.size, x?.crc, x?.csize].every(isNum))
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
        rows: b.rows.map(([v, u, p, goal, section, y, per, percent]) => ({
          via: str(v),
          unit: str(u),
          person: str(p),
          goal: str(goal),
          section: str(section),
          year: num(y),
          period: str(per),
          percent: num(percent),
        })),
      };
    });
    return { name: o.name, layout: l, blocks };
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
  result: ConsolidationResult & { rows: ConsolidatedRow[] };
  /** What the sheets show; only the pushed sources' rows are written into «Нэгтгэл». */
  sheets: ConsolidationSheets;
  blocks: Block[];
  kept: KeptBlock[];
}

/** The block indexes of the sources a push replaces, so their rows can be read back. */
export function pushedBlocks(state: TableState, pushes: Push[]): number[] {
  const ids = new Set(pushes.map((p) => sourceId(p.source)));
  return state.blocks.flatMap((b, i) => (ids.has(b.id) ? [i] : []));
}

/**
 * A push into a target from its state: `old` are the rows the target has of the pushed sources
 * (read back from their blocks), `debt` its whole receivables table. The counts and the pushed
 * sources' rows are exactly what consolidating the whole table gives: the upsert never touches
 * the rows of other sources, and sorts the table by rowOrder, under which each block stays whole.
 */
export function planRepush(
  state: TableState,
  old: ConsolidatedRow[],
  debt: DebtRow[],
  pushes: Push[],
  name: string,
): Repush {
  const result = consolidate({ rows: old, debt, name }, pushes);
  const fresh = blocksOf(result.rows);
  const ids = new Set(pushes.map((p) => sourceId(p.source)));
  const before = cutsOf(state.blocks);
  const kept = state.blocks.flatMap((b, i) => (ids.has(b.id) ? [] : [{ block: b, from: i }]));
  const blocks: Block[] = [];
  const from: (number | null)[] = [];
  let k = 0;
  for (const b of fresh) {
    while (k < kept.length && rowOrder(kept[k].block.first, b.first) < 0) {
      blocks.push(kept[k].block);
      from.push(kept[k++].from);
    }
    blocks.push(b);
    from.push(null);
  }
  for (; k < kept.length; k++) {
    blocks.push(kept[k].block);
    from.push(kept[k].from);
  }
  const cuts = cutsOf(blocks);
  const runs = fresh.map((b) => ({
    at: cuts[blocks.indexOf(b)] - HEADER_ROW - 1,
    rows: [] as ConsolidatedRow[],
  }));
  const byId = new Map(fresh.map((b, i) => [b.id, runs[i]]));
  for (const r of result.rows) byId.get(sourceId(r))!.rows.push(r);
  return {
    result,
    sheets: { name, rows: blocks.flatMap((b) => b.rows), runs, debt: result.debt },
    blocks,
    kept: from.flatMap((f, at) => (f === null ? [] : [{ at, from: f, delta: cuts[at] - before[f] }])),
  };
}
