/** The layouts of tests/helpers/layouts.ts applied to every sheet of a workbook (fast or deep). */
import fs from 'node:fs';
import { analyzeSheet } from '../../src/core/analyze';
import type { SheetAnalysis } from '../../src/core/model';
import { columnNumber } from '../../src/core/snapshot';
import { loadWorkbook, workbookSnapshots } from '../../src/xlsx/read';
import {
  check,
  dense,
  pageBreak,
  pasteParagraphs,
  preamble,
  reorderColumns,
  respellGoal,
  rng,
  scoreToGroup,
  signatureRows,
  snapshot,
  totalRow,
  type Dense,
  type Layout,
} from './layouts';

export const TOTAL_LABELS = ['Дундаж', 'ДУНДАЖ ҮНЭЛГЭЭ', 'Нийт дүн', 'Бүгд', 'Нийт дундаж', 'ДҮН'];
export const SIGNATURES = [
  'ТАЙЛАН ГАРГАСАН:',
  'Хянасан: ахлах мэргэжилтэн Б.Болд',
  'Үнэлсэн: Д.Дорж',
  'Танилцсан:',
  'Баталсан: ДАРГА Л.МӨНХ',
  'Нэгтгэсэн: Г.Сараа',
];
const GOAL_SPELLINGS = [
  (n: string) => `ЗОРИЛТ ${n}:`,
  (n: string) => `${n} дүгээр зорилт.`,
  (n: string) => `Зорилт-${n}`,
  (n: string) => `зорилт ${n}.`,
];

export async function sheetsOf(file: string): Promise<Dense[]> {
  const snaps = workbookSnapshots(await loadWorkbook(fs.readFileSync(file), file));
  return snaps.map(dense);
}

/** Picks up to `n` of `xs` (all when n is Infinity), seeded. */
function some<T>(xs: T[], n: number, rand: () => number): T[] {
  if (xs.length <= n) return xs;
  const pool = xs.slice();
  const out: T[] = [];
  while (out.length < n) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
  return out;
}

/** Every layout of a sheet: `per` bounds how many rows each kind is tried on. */
export function layoutsOf(d: Dense, base: SheetAnalysis, seed: number, per: number): Layout[] {
  const rand = rng(seed);
  const out: Layout[] = [];
  const t = base.tables[0];
  if (!t) return out;
  const colOf = (f: string) => (t.columns[f] ? columnNumber(t.columns[f]) : null);
  const actCol = colOf('activity') ?? t.left;
  const pf = base.template === 'program-evaluation' ? 'score' : 'percent';
  const pCol = colOf(pf);
  const rightCols = [colOf('period'), pCol].filter((c): c is number => c !== null);

  for (const n of some([40, 77, 120], per === Infinity ? 3 : 1, rand)) out.push(preamble(d, n, rand));
  // A row pushed past the table's last column by a split cell is read by position: reordering
  // the columns of such a sheet makes another document, not another layout.
  const overflow = base.tables.some((x) =>
    d.values.some(
      (r, i) => i + 1 > x.headerRow && i + 1 <= x.lastRow && r.slice(x.right).some((v) => v !== null),
    ),
  );
  if (!overflow) out.push(reorderColumns(d, rand, 2));

  for (const a of some(base.activities, per, rand)) {
    const row = a.lastRow;
    for (const l of [pageBreak(d, row, 'text', actCol), pageBreak(d, a.row, 'cells', actCol)])
      if (l) out.push(l);
    if (rightCols.length) {
      const l = pageBreak(d, a.row, 'cells', Math.min(...rightCols) - 1);
      if (l) out.push(l);
    }
  }
  // Paragraphs of a cell, pasted (a programme's measure paragraphs are measures of their own: not merged here).
  const skip = new Set(base.template === 'program-evaluation' ? [actCol] : []);
  const multi = d.values
    .map((r, i) => i + 1)
    .filter((r) => r > t.headerRow && d.values[r - 1].some((v) => typeof v === 'string' && v.includes('\n')));
  for (const r of some(multi, per, rand)) {
    const l = pasteParagraphs(d, r, skip);
    if (l) out.push(l);
  }

  const first = base.activities.filter((a) => a.table === 0);
  const last = first[first.length - 1];
  const assessed = first.filter((a) => a.percent !== null).map((a) => a.percent!);
  if (last && pCol !== null && assessed.length) {
    const avg = Math.round((assessed.reduce((s, x) => s + x, 0) / assessed.length) * 10) / 10;
    const labelCol = t.left === actCol ? actCol : t.left;
    for (const label of some(TOTAL_LABELS, per === Infinity ? TOTAL_LABELS.length : 2, rand))
      out.push(totalRow(d, last.lastRow, label, labelCol, pCol, avg));
  }
  for (const s of some(SIGNATURES, per === Infinity ? SIGNATURES.length : 2, rand))
    out.push(signatureRows(d, [s], actCol));

  for (const g of t.rows.filter((r) => r.kind === 'goal' && r.text)) {
    const m = /^\s*зорилт\s*(\d+(?:\.\d+)*)\.?\s*:?/i.exec(g.text!);
    const c = d.values[g.row - 1].findIndex((v) => v !== null) + 1;
    if (!m || c < 1 || typeof d.values[g.row - 1][c - 1] !== 'string') continue;
    const rest = String(d.values[g.row - 1][c - 1]).slice(m[0].length);
    for (const spell of some(GOAL_SPELLINGS, per === Infinity ? GOAL_SPELLINGS.length : 1, rand))
      out.push(respellGoal(d, g.row, c, `${spell(m[1])}${rest}`));
  }

  if (pCol !== null) {
    // Runs of measures under one merged number with one entered score: the score moved to the group.
    const acts = base.activities;
    for (let i = 0; i < acts.length;) {
      let j = i + 1;
      while (
        j < acts.length &&
        acts[j].no !== null &&
        acts[j].no === acts[i].no &&
        acts[j].table === acts[i].table
      )
        j++;
      const run = acts.slice(i, j);
      if (
        run.length > 1 &&
        run.every((a) => a.percentSource === 'entered' && a.percent === run[0].percent && a.row === a.lastRow)
      )
        for (const merge of [true, false])
          out.push(scoreToGroup(d, run[0].row, run[run.length - 1].row, pCol, merge));
      i = j;
    }
  }
  return out;
}

/** The failures of every layout of every sheet of `file`, as readable lines. */
export async function metamorphicFailures(
  file: string,
  seed: number,
  per: number,
): Promise<{ failures: string[]; layouts: number }> {
  const failures: string[] = [];
  let layouts = 0;
  for (const d of await sheetsOf(file)) {
    const base = analyzeSheet(snapshot(d));
    if (!base.template) continue;
    for (const l of layoutsOf(d, base, seed, per)) {
      layouts++;
      const diff = check(base, l);
      if (diff.length)
        failures.push(
          `${file.split('/').slice(-2).join('/')} «${d.name}» ${l.name}:\n  ${diff.slice(0, 4).join('\n  ')}`,
        );
    }
  }
  return { failures, layouts };
}
