/**
 * Exact text: what a cell says is what a consolidation or a draft writes. The
 * hostile corpus stands in every text column of a plan; the cleaned texts still drive matching
 * and checks, but every copied value (activity, criterion, levels, responsible, goal, section)
 * is the cell's own text, untrimmed and uncollapsed.
 */
import { analyzeSheet } from '../../src/core/analyze';
import { pushOf } from '../../src/core/consolidate';
import { draftPlanFromReport, draftReport } from '../../src/core/draft';
import type { CellValue } from '../../src/core/snapshot';
import type { WritePlan } from '../../src/core/writeplan';
import { HOSTILE } from '../helpers/hostile';
import { sheetSnapshot } from '../helpers/workbook';
import { PLAN_HEADER } from '../helpers/headers';

const SECTION = ' НЭГ.  БОДЛОГЫН ЗОРИЛТ ';
const GOAL = '\tЗорилт 1.  Үйлчилгээг сайжруулах ';
const snapshot = sheetSnapshot({
  name: 'Төлөвлөгөө',
  rows: [
    ['ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Ж.ДОРЖИЙН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ'],
    [],
    [...PLAN_HEADER, 'Хариуцах нэгж'],
    [SECTION],
    [GOAL],
    // Each column holds another string of the corpus, so that a column copied into another shows.
    ...HOSTILE.map((s, i) => [`1.1.${i + 1}`, s, `${s}·c`, `${s}·b`, `${s}·t`, '2024.01.02', `${s}·r`]),
  ],
});
const analysis = analyzeSheet(snapshot);

/** The values a write plan sets, as one grid keyed by row (the drafts write one block). */
function written(plan: WritePlan): CellValue[][] {
  const out: CellValue[][] = [];
  for (const op of plan.ops)
    if (op.op === 'setValues') op.values.forEach((r, i) => (out[op.row - 1 + i] = r));
  return out;
}

test('the plan is read with one activity per hostile string, its cleaned texts trimmed for matching', () => {
  expect(analysis.template).toBe('performance-plan');
  expect(analysis.activities.map((a) => a.no)).toEqual(HOSTILE.map((_, i) => `1.1.${i + 1}`));
  expect(analysis.activities[0].fields.activity).toBe('=1+1');
  expect(analysis.activities[0].section).toBe('НЭГ. БОДЛОГЫН ЗОРИЛТ');
  expect(analysis.activities[0].goal).toBe('Зорилт 1. Үйлчилгээг сайжруулах');
});

test('consolidation copies every text exactly as its cell says it', () => {
  const { rows } = pushOf(analysis, 'plan.xlsx');
  expect(rows.map((r) => [r.activity, r.criterion, r.baseline, r.target])).toEqual(
    HOSTILE.map((s) => [s, `${s}·c`, `${s}·b`, `${s}·t`]),
  );
  for (const r of rows) expect([r.section, r.goal]).toEqual([SECTION, GOAL]);
});

test('the report drafted from the plan copies every text exactly', () => {
  const grid = written(draftReport(analysis, 'H1'));
  expect(grid.flat()).toEqual(expect.arrayContaining([SECTION, GOAL]));
  const body = grid.filter((r) => typeof r[0] === 'string' && /^1\.1\.\d+$/.test(r[0]));
  expect(body.map((r) => r.slice(1, 5))).toEqual(HOSTILE.map((s) => [s, `${s}·c`, `${s}·b`, `${s}·t`]));
});

test("next year's plan drafted from it copies every text exactly", () => {
  const grid = written(draftPlanFromReport(analysis, 2025));
  expect(grid.flat()).toEqual(expect.arrayContaining([SECTION, GOAL]));
  const body = grid.filter((r) => typeof r[0] === 'string' && /^1\.1\.\d+$/.test(r[0]));
  // From a plan, the level it aimed at stands in as the new baseline.
  expect(body.map((r) => [r[1], r[2], r[3], r[4], r[6]])).toEqual(
    HOSTILE.map((s) => [s, `${s}·c`, `${s}·t`, `${s}·t`, `${s}·r`]),
  );
});

test("a text that runs on over rows is joined from its cells' own texts", () => {
  const snap = sheetSnapshot({
    name: 'Т',
    rows: [
      ['ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Ж.ДОРЖИЙН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ'],
      [],
      [...PLAN_HEADER, 'Хариуцах нэгж'],
      ['1.1.1', ' Сургалт  зохион ', ' 10 ', null, null, '2024.01.02'],
      [null, 'байгуулах ', null],
    ],
  });
  const [a] = analyzeSheet(snap).activities;
  expect(a.fields.activity).toBe('Сургалт зохион байгуулах');
  expect(pushOf(analyzeSheet(snap), 'x').rows[0]).toMatchObject({
    activity: ' Сургалт  зохион  байгуулах ',
    criterion: ' 10 ',
  });
});
