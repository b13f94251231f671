import { makeIssue } from '../../src/core/issues';
import { DEFAULT_SETTINGS } from '../../src/core/measure';
import { analyzeFixture } from '../helpers/fixtures';
import {
  analyzeOptions,
  consolidationCandidates,
  filledCells,
  formatCounts,
  issueParts,
  rankedTemplates,
  runnerUp,
  summarySheetPlan,
  templateUnsure,
} from '../../src/taskpane/logic';
import { planFillPercents } from '../../src/core/plans/fill';

describe('task pane helpers', () => {
  test('issue label: the cell, or the row, and the message without its own prefix', () => {
    expect(
      issueParts(makeIssue('PERIOD_INVERTED', 'S', 13, 7, { start: '2024-01-02', end: '2014-12-03' }), 'mn'),
    ).toEqual({
      address: 'G13',
      text: 'дуусах огноо 2014-12-03 нь эхлэх 2024-01-02-ээс өмнө байна.',
    });
    const rowOnly = makeIssue('MISSING_REQUIRED', 'S', 9, null, { field: 'activity', no: '1.1' });
    expect(issueParts(rowOnly, 'mn').address).toBe('9-р мөр');
    expect(issueParts(rowOnly, 'en').address).toBe('row 9');
    expect(issueParts(rowOnly, 'en').text.startsWith('row 9')).toBe(false);
    expect(
      issueParts(makeIssue('UNRECOGNIZED_SHEET', 'S', null, null, { sheet: 'S' }), 'en').address,
    ).toBeNull();
  });

  test('a plan is sure of its template: the report template lacks its achieved column', async () => {
    const plan = await analyzeFixture('plan-2024.xlsx');
    expect(plan.template).toBe('performance-plan');
    expect(runnerUp(plan)).toBeNull();
    expect(templateUnsure(plan)).toBe(false);
    expect(rankedTemplates(plan)[0]).toEqual({ id: 'performance-plan', score: 1, eligible: true });
    expect(rankedTemplates(plan)).toHaveLength(9);
  });

  test('the summary sheet plan writes only "Товчоо", with its chart', async () => {
    const a = await analyzeFixture('fulfilment-2024-h1.xlsx');
    const plan = summarySheetPlan(a, 'h1.xlsx', {}, DEFAULT_SETTINGS);
    expect(new Set(plan.ops.map((o) => o.sheet))).toEqual(new Set(['Товчоо']));
    expect(plan.ops[0]).toEqual({ op: 'addSheet', sheet: 'Товчоо', clear: true });
    expect(plan.ops.some((o) => o.op === 'addChart')).toBe(true);
  });

  test('counts for confirmations', async () => {
    const a = await analyzeFixture('fulfilment-2024-h1.xlsx');
    expect(filledCells(planFillPercents(a))).toEqual(['H10', 'H15']);
    expect(formatCounts(a)).toEqual({ rows: 20, sections: 4, goals: 6 });
  });

  test('the consolidation never reads its own sheets', () => {
    expect(consolidationCandidates(['A', 'Нэгтгэл', 'Товчоо', 'Авлага', 'B'])).toEqual(['A', 'B']);
  });

  test('analysis options: the year override, then the sheet’s own corrections', () => {
    const user = { scale: DEFAULT_SETTINGS, yearOverride: 2023 };
    expect(analyzeOptions(user, undefined)).toEqual({ settings: DEFAULT_SETTINGS, meta: { year: 2023 } });
    expect(
      analyzeOptions(user, {
        meta: { year: 2024, unit: 'X' },
        template: 'performance-plan',
        columns: { no: 'A' },
      }),
    ).toEqual({
      settings: DEFAULT_SETTINGS,
      meta: { year: 2024, unit: 'X' },
      template: 'performance-plan',
      columns: { no: 'A' },
    });
    expect(analyzeOptions({ scale: DEFAULT_SETTINGS, yearOverride: null }, { columns: {} })).toEqual({
      settings: DEFAULT_SETTINGS,
      meta: {},
    });
  });
});
