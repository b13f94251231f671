/**
 * Metamorphic layouts (DESIGN.md section 14): the same content laid out as documents arrive —
 * paragraphs pasted onto rows and merged down, page breaks, a preamble above the header,
 * columns reordered with empty ones between, goal/total/signature rows in other spellings,
 * scores moved to the goal level. Each layout says where every old row and column now sits,
 * so the analyses can be compared cell for cell. Seeded, pure, fast.
 */
import { analyzeSheet } from '../../src/core/analyze';
import type { SheetAnalysis } from '../../src/core/model';
import type { CellRange, CellValue, SheetSnapshot } from '../../src/core/snapshot';
import { columnLetter, columnNumber } from '../../src/core/snapshot';

/** A sheet as a dense matrix from A1, with its formats and merges. */
export interface Dense {
  name: string;
  values: CellValue[][];
  formats: string[][];
  merges: CellRange[];
}

export interface Layout {
  name: string;
  sheet: Dense;
  /** Old row → the rows its content now spans (first, last). */
  row: (r: number) => [number, number];
  /** Old column → new column. */
  col: (c: number) => number;
}

/** A small deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function dense(snap: SheetSnapshot): Dense {
  const rows = snap.origin.row - 1 + snap.values.length;
  const cols = snap.origin.col - 1 + snap.values.reduce((m, r) => Math.max(m, r.length), 0);
  const values: CellValue[][] = [];
  const formats: string[][] = [];
  for (let r = 0; r < rows; r++) {
    values.push(new Array<CellValue>(cols).fill(null));
    formats.push(new Array<string>(cols).fill('General'));
  }
  snap.values.forEach((row, i) =>
    row.forEach((v, j) => {
      values[snap.origin.row - 1 + i][snap.origin.col - 1 + j] = v;
      formats[snap.origin.row - 1 + i][snap.origin.col - 1 + j] = snap.numberFormats?.[i]?.[j] ?? 'General';
    }),
  );
  return { name: snap.name, values, formats, merges: snap.merges.map((m) => ({ ...m })) };
}

export function snapshot(d: Dense): SheetSnapshot {
  return {
    name: d.name,
    origin: { row: 1, col: 1 },
    values: d.values,
    numberFormats: d.formats,
    merges: d.merges,
  };
}

const width = (d: Dense) => d.values.reduce((m, r) => Math.max(m, r.length), 0);
const blankRow = (n: number) => ({
  v: new Array<CellValue>(n).fill(null),
  f: new Array<string>(n).fill('General'),
});
const mergedAt = (d: Dense, r: number) =>
  d.merges.some((m) => m.top <= r && m.bottom >= r && (m.bottom > m.top || m.top === r));

/** Inserts `n` rows before sheet row `at` (1-based); merges below or across move or grow. */
function insertRows(d: Dense, at: number, rows: { v: CellValue[]; f: string[] }[]): Dense {
  const n = rows.length;
  const w = width(d);
  const pad = (x: { v: CellValue[]; f: string[] }) => ({
    v: [...x.v, ...new Array<CellValue>(Math.max(0, w - x.v.length)).fill(null)],
    f: [...x.f, ...new Array<string>(Math.max(0, w - x.f.length)).fill('General')],
  });
  const ins = rows.map(pad);
  return {
    name: d.name,
    values: [...d.values.slice(0, at - 1), ...ins.map((x) => x.v), ...d.values.slice(at - 1)],
    formats: [...d.formats.slice(0, at - 1), ...ins.map((x) => x.f), ...d.formats.slice(at - 1)],
    merges: d.merges.map((m) =>
      m.top >= at
        ? { ...m, top: m.top + n, bottom: m.bottom + n }
        : m.bottom >= at
          ? { ...m, bottom: m.bottom + n }
          : m,
    ),
  };
}

const shiftFrom =
  (at: number, n: number) =>
  (r: number): [number, number] =>
    r >= at ? [r + n, r + n] : [r, r];
const sameCol = (c: number) => c;

const PREAMBLE = [
  'Хүндэт хамт олон,',
  'Энэхүү баримтыг хэлтсийн ажилтнууд хамтран бэлтгэв.',
  'Холбогдох мэдээллийг доорх хүснэгтэд үзүүлэв.',
  'Санал, хүсэлтээ хэлтэст ирүүлнэ үү.',
  'Ажлын хэсгийн бүрэлдэхүүн:',
  'Мэдээлэл, сурталчилгааны ажлын хүрээнд',
];

/** A letter or preamble of `n` rows above everything (text in the first column, some rows empty). */
export function preamble(d: Dense, n: number, rand: () => number): Layout {
  const w = width(d);
  const rows = Array.from({ length: n }, () => {
    const x = blankRow(w);
    if (rand() < 0.7) x.v[0] = PREAMBLE[Math.floor(rand() * PREAMBLE.length)];
    return x;
  });
  return { name: `preamble ${n}`, sheet: insertRows(d, 1, rows), row: shiftFrom(1, n), col: sameCol };
}

/**
 * A page break after sheet row `r`: `mode` 'text' moves the tail of the row's longest text (from
 * a word in lower case) to a new row below; 'cells' moves the cells right of `fromCol` there.
 * Null when the row cannot be broken that way.
 */
export function pageBreak(d: Dense, r: number, mode: 'text' | 'cells', fromCol: number): Layout | null {
  if (mergedAt(d, r)) return null;
  const w = width(d);
  const row = d.values[r - 1];
  const next = blankRow(w);
  if (mode === 'text') {
    let best = -1;
    for (let c = fromCol; c <= w; c++) {
      const v = row[c - 1];
      if (typeof v === 'string' && v.length > (best < 0 ? 0 : String(row[best - 1]).length)) best = c;
    }
    if (best < 0) return null;
    const text = String(row[best - 1]);
    const words = [...text.matchAll(/ (?=[а-яёөү])/g)].map((m) => m.index!);
    const cut = words.find((i) => i >= text.length / 2) ?? words[words.length - 1];
    if (cut === undefined) return null;
    const values = d.values.map((x) => x.slice());
    values[r - 1][best - 1] = text.slice(0, cut);
    next.v[best - 1] = text.slice(cut + 1);
    return {
      name: `page break in the text of row ${r}`,
      sheet: insertRows({ ...d, values }, r + 1, [next]),
      row: shiftFrom(r + 1, 1),
      col: sameCol,
    };
  }
  const values = d.values.map((x) => x.slice());
  const formats = d.formats.map((x) => x.slice());
  let moved = 0;
  for (let c = fromCol + 1; c <= w; c++) {
    if (row[c - 1] === null) continue;
    next.v[c - 1] = row[c - 1];
    next.f[c - 1] = d.formats[r - 1][c - 1];
    values[r - 1][c - 1] = null;
    formats[r - 1][c - 1] = 'General';
    moved++;
  }
  if (!moved) return null;
  const sheet = insertRows({ ...d, values, formats }, r + 1, [next]);
  // The moved cells' content now sits on the new row: issues there point at it.
  return {
    name: `page break after column ${columnLetter(fromCol)} of row ${r}`,
    sheet,
    row: (x) => (x === r ? [r, r + 1] : x > r ? [x + 1, x + 1] : [x, x]),
    col: sameCol,
  };
}

/**
 * As Excel pastes a Word table: each paragraph of a multi-paragraph cell of row `r` on its own
 * row, the row's other cells merged down over those rows.
 */
export function pasteParagraphs(d: Dense, r: number, skipCols: Set<number> = new Set()): Layout | null {
  if (mergedAt(d, r)) return null;
  const row = d.values[r - 1];
  const paras = row.map((v, j) =>
    typeof v === 'string' && !skipCols.has(j + 1)
      ? v
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
      : null,
  );
  const k = Math.max(1, ...paras.map((p) => p?.length ?? 1));
  if (k < 2) return null;
  const w = width(d);
  const values = d.values.map((x) => x.slice());
  const extra = Array.from({ length: k - 1 }, () => blankRow(w));
  const merges: CellRange[] = [];
  row.forEach((v, j) => {
    const p = paras[j];
    if (p && p.length > 1) {
      values[r - 1][j] = p[0];
      p.slice(1).forEach((s, i) => (extra[i].v[j] = s));
    } else if (v !== null) merges.push({ top: r, left: j + 1, bottom: r + k - 1, right: j + 1 });
  });
  const sheet = insertRows({ ...d, values }, r + 1, extra);
  sheet.merges.push(...merges);
  return {
    name: `paragraphs of row ${r} pasted onto ${k} rows`,
    sheet,
    row: (x) => (x === r ? [r, r + k - 1] : x > r ? [x + k - 1, x + k - 1] : [x, x]),
    col: sameCol,
  };
}

/** Columns after the first in another order, with `empty` empty columns put between them. */
export function reorderColumns(d: Dense, rand: () => number, empty: number): Layout {
  const w = width(d);
  const rest = Array.from({ length: w - 1 }, (_, i) => i + 2);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  const order: (number | null)[] = [1, ...rest];
  for (let e = 0; e < empty; e++) order.splice(1 + Math.floor(rand() * order.length), 0, null);
  const newOf = new Map<number, number>();
  order.forEach((c, i) => c !== null && newOf.set(c, i + 1));
  const col = (c: number) => newOf.get(c) ?? c;
  const values = d.values.map((row) => order.map((c) => (c === null ? null : (row[c - 1] ?? null))));
  const formats = d.formats.map((row) =>
    order.map((c) => (c === null ? 'General' : (row[c - 1] ?? 'General'))),
  );
  const merges = d.merges.map((m) => {
    const cols = Array.from({ length: m.right - m.left + 1 }, (_, i) => col(m.left + i));
    return { ...m, left: Math.min(...cols), right: Math.max(...cols) };
  });
  return {
    name: `columns ${order.map((c) => (c === null ? '_' : columnLetter(c))).join('')}`,
    sheet: { name: d.name, values, formats, merges },
    row: (r) => [r, r],
    col,
  };
}

/** Total rows, however spelled: a label with the sheet's average in the percent column, inserted after row `after`. */
export function totalRow(
  d: Dense,
  after: number,
  label: string,
  labelCol: number,
  figureCol: number,
  figure: number,
): Layout {
  const next = blankRow(width(d));
  next.v[labelCol - 1] = label;
  next.v[figureCol - 1] = figure;
  return {
    name: `total row «${label}»`,
    sheet: insertRows(d, after + 1, [next]),
    row: shiftFrom(after + 1, 1),
    col: sameCol,
  };
}

/** Signature lines, however spelled, below everything. */
export function signatureRows(d: Dense, lines: string[], col: number): Layout {
  const rows = [
    blankRow(width(d)),
    ...lines.map((l) => {
      const x = blankRow(width(d));
      x.v[col - 1] = l;
      return x;
    }),
  ];
  return {
    name: `signatures ${lines.join(' / ')}`,
    sheet: insertRows(d, d.values.length + 1, rows),
    row: (r) => [r, r],
    col: sameCol,
  };
}

/** A goal row's text spelled another way. */
export function respellGoal(d: Dense, r: number, c: number, text: string): Layout {
  const values = d.values.map((x) => x.slice());
  values[r - 1][c - 1] = text;
  return { name: `goal «${text.slice(0, 20)}»`, sheet: { ...d, values }, row: (x) => [x, x], col: sameCol };
}

/** A score shared by every measure of rows first…last, written once on the first (merged down when `merge`). */
export function scoreToGroup(d: Dense, first: number, last: number, col: number, merge: boolean): Layout {
  const values = d.values.map((x) => x.slice());
  for (let r = first + 1; r <= last; r++) values[r - 1][col - 1] = null;
  const merges = merge ? [...d.merges, { top: first, left: col, bottom: last, right: col }] : d.merges;
  return {
    name: `score of rows ${first}–${last} ${merge ? 'merged' : 'on the first measure'}`,
    sheet: { ...d, values, merges },
    row: (x) => [x, x],
    col: sameCol,
  };
}

/** What must not change between layouts, in the variant's coordinates. */
export interface Essence {
  activities: string[];
  summary: string;
  debt: string[];
  issues: { code: string; col: number | null; rows: [number, number] }[];
}

export function essence(a: SheetAnalysis, layout?: Pick<Layout, 'row' | 'col'>): Essence {
  const row = layout?.row ?? ((r: number) => [r, r] as [number, number]);
  const col = layout?.col ?? ((c: number) => c);
  const pc = (p: number | null) => (p === null ? '-' : p.toFixed(1));
  return {
    activities: a.activities.map(
      (x) => `${x.no ?? ''}@${row(x.row)[0]} ${pc(x.percent)} ${x.percentSource ?? ''}`,
    ),
    summary: `${a.summary.activities}/${a.summary.assessed} ${a.summary.average ?? '-'} ${JSON.stringify(a.summary.buckets)}`,
    debt: a.debt.map((d) => `${d.opening} ${d.collected} ${d.collectionRatio} ${d.met}`),
    issues: a.issues
      .filter((i) => i.code !== 'UNRECOGNIZED_SHEET')
      .map((i) => ({
        code: i.code,
        col: i.column === null ? null : col(columnNumber(i.column)),
        rows: i.row === null ? ([0, 0] as [number, number]) : row(i.row),
      })),
  };
}

/**
 * The differences between the base's essence (mapped) and the variant's: an issue matches when
 * its code and column agree and its row lies where the content now sits.
 */
export function differences(base: Essence, variant: SheetAnalysis): string[] {
  const v = essence(variant);
  const out: string[] = [];
  if (base.activities.join('|') !== v.activities.join('|'))
    out.push(`activities\n  ${base.activities.join('\n  ')}\n≠\n  ${v.activities.join('\n  ')}`);
  if (base.summary !== v.summary) out.push(`summary ${base.summary} ≠ ${v.summary}`);
  if (base.debt.join('|') !== v.debt.join('|')) out.push(`debt ${base.debt.join('|')} ≠ ${v.debt.join('|')}`);
  const left = v.issues.slice();
  for (const i of base.issues) {
    const k = left.findIndex(
      (x) => x.code === i.code && x.col === i.col && x.rows[0] >= i.rows[0] && x.rows[0] <= i.rows[1],
    );
    if (k < 0)
      out.push(`issue ${i.code} ${i.col === null ? '' : columnLetter(i.col)}${i.rows.join('…')} missing`);
    else left.splice(k, 1);
  }
  for (const x of left)
    out.push(`issue ${x.code} ${x.col === null ? '' : columnLetter(x.col)}${x.rows[0]} unexpected`);
  return out;
}

/** Analyzes a layout and returns its differences from the base. */
export function check(base: SheetAnalysis, layout: Layout): string[] {
  return differences(essence(base, layout), analyzeSheet(snapshot(layout.sheet)));
}
