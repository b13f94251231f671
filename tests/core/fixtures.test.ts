import { analyzeFixture } from '../helpers/fixtures';

describe('sample workbooks (DESIGN.md figures)', () => {
  test('half-year fulfilment report', async () => {
    const a = await analyzeFixture('fulfilment-2024-h1.xlsx');
    expect(a.template).toBe('performance-report');
    expect(a.meta).toMatchObject({ year: 2024, period: 'H1', kind: 'report', person: 'Ж.АРИУНТУНГАЛАГ' });
    expect(a.activities).toHaveLength(15);
    expect(a.summary).toMatchObject({ assessed: 13, average: 88.9 });
    const pct = Object.fromEntries(a.activities.map((x) => [x.row, x.percent]));
    expect(pct).toMatchObject({ 9: 100, 10: 100, 15: 65.7, 19: null, 23: 50, 28: null, 29: 40 });
    expect(a.debt[0]).toMatchObject({ row: 15, source: 'narrative', opening: 4740.9, collected: 933.8, collectionRatio: 19.7, target: 30, met: false });
    expect(a.issues.some((i) => i.code === 'NUMBERING_DUPLICATE')).toBe(false);
  });

  test('annual report: two-row header, second table, debt narrative and its defects', async () => {
    const a = await analyzeFixture('report-2024-annual.xlsx');
    expect(a.template).toBe('performance-report');
    expect(a.tables).toHaveLength(2);
    expect(a.tables[0]).toMatchObject({ headerTop: 4, headerRow: 5, numberingRow: 6 });
    expect(a.summary).toMatchObject({ activities: 10, assessed: 10, average: 90.1 });
    expect(a.debt[0]).toMatchObject({ opening: 5297.4, collected: 2571, collectedFull: 669.1, collectedPartial: 1901.9, collectionRatio: 48.5, met: true });
    const at = (code: string) => a.issues.filter((i) => i.code === code).map((i) => `${i.column}${i.row}`);
    expect(at('PERIOD_INVERTED')).toEqual(['G13']);
    expect(at('STATED_PERCENT_MISMATCH')).toEqual(['D13']);
    expect(at('PERCENT_SUSPICIOUS')).toEqual(['H19']);
    expect(at('NUMBER_AMBIGUOUS')).toContain('D13');
  });

  test('programme evaluation with merged measure numbers and a stated average', async () => {
    const a = await analyzeFixture('anticorruption-2019.xlsx');
    expect(a.template).toBe('program-evaluation');
    expect(a.summary).toMatchObject({ activities: 12, assessed: 12, average: 98.2 });
    expect(a.summary.buckets).toEqual({ '100': 12, '70': 0, '30': 0, '0': 0, '-': 0 });
    expect(a.issues.map((i) => i.code)).not.toContain('STATED_TOTAL_MISMATCH');
  });
});
