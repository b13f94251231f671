import { analyzeFixture, fixturePath, snapshotsOf } from '../helpers/fixtures';
import { analyzeSheet } from '../../src/core/analyze';

describe('sample workbooks (DESIGN.md figures)', () => {
  test('half-year fulfilment report', async () => {
    const a = await analyzeFixture('fulfilment-2024-h1.xlsx');
    expect(a.template).toBe('performance-report');
    expect(a.meta).toMatchObject({ year: 2024, period: 'H1', kind: 'report', person: 'Ж.АРИУНТУНГАЛАГ' });
    expect(a.activities).toHaveLength(15);
    expect(a.summary).toMatchObject({ assessed: 13, average: 88.9 });
    const pct = Object.fromEntries(a.activities.map((x) => [x.row, x.percent]));
    expect(pct).toMatchObject({ 9: 100, 10: 100, 15: 65.7, 19: null, 23: 50, 28: null, 29: 40 });
    expect(a.debt[0]).toMatchObject({
      row: 15,
      source: 'narrative',
      opening: 4740.9,
      collected: 933.8,
      collectionRatio: 19.7,
      target: 30,
      met: false,
    });
    expect(a.issues.some((i) => i.code === 'NUMBERING_DUPLICATE')).toBe(false);
  });

  test('annual report: two-row header, second table, debt narrative and its defects', async () => {
    const a = await analyzeFixture('report-2024-annual.xlsx');
    expect(a.template).toBe('performance-report');
    expect(a.tables).toHaveLength(2);
    expect(a.tables[0]).toMatchObject({ headerTop: 4, headerRow: 5, numberingRow: 6 });
    expect(a.summary).toMatchObject({ activities: 10, assessed: 10, average: 90.1 });
    expect(a.debt[0]).toMatchObject({
      opening: 5297.4,
      collected: 2571,
      collectedFull: 669.1,
      collectedPartial: 1901.9,
      collectionRatio: 48.5,
      met: true,
    });
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

  test("plan: recognized with its typo'd baseline, an invalid period and an empty criterion, no percent column", async () => {
    const a = await analyzeFixture('plan-2024.xlsx');
    expect(a.template).toBe('performance-plan');
    expect(a.meta).toMatchObject({ year: 2024, kind: 'plan', person: 'Ж.АРИУНТУНГАЛАГ' });
    expect(a.activities).toHaveLength(12);
    expect(a.tables[0].columns).toMatchObject({ baseline: 'E', target: 'F', period: 'G' });
    const at = (code: string) => a.issues.filter((i) => i.code === code).map((i) => `${i.column}${i.row}`);
    expect(at('PERIOD_INVALID')).toEqual(['G19']);
    expect(at('MISSING_REQUIRED')).toContain('D22');
    expect(at('PERCENT_MISSING')).toEqual([]);
    expect(a.activities.map((x) => x.no)).toContain('4.4.2');
  });

  test('receivables: ratios per unit, numbers as text, a sum mismatch and a total that skipped text', async () => {
    const a = await analyzeFixture('receivables-2024.xlsx');
    expect(a.template).toBe('receivables');
    expect(a.debt.map((d) => [d.row, d.collectionRatio, d.reductionRatio, d.met])).toEqual([
      [5, 48.5, 23.6, false],
      [6, 19.7, 11.2, false],
      [7, 26.6, 23.2, false],
      [8, null, null, null],
      [9, 19.8, 19.8, true],
    ]);
    const at = (code: string) => a.issues.filter((i) => i.code === code).map((i) => `${i.column}${i.row}`);
    expect(at('NUMBER_AS_TEXT')).toEqual(['C7', 'D7', 'E7', 'F7', 'G7', 'H7']);
    expect(at('DEBT_SUM_MISMATCH')).toEqual(['F9']);
    expect(at('DEBT_NO_OPENING')).toEqual(['C8']);
    expect(at('STATED_TOTAL_MISMATCH')).toEqual(['C10', 'F10']);
  });

  test('job description: 22 functions under five goals, a page break joined, Latin X folded, an unknown code', async () => {
    const a = await analyzeFixture('job-description-2024.xlsx');
    expect(a.template).toBe('job-description');
    expect(a.activities).toHaveLength(22);
    expect(a.meta).toMatchObject({
      year: 2024,
      position: 'Үйлчилгээний хөгжүүлэлтийн хэлтсийн дарга',
      unit: 'Үйлчилгээ хөгжүүлэлт, олон нийттэй харилцах газар',
    });
    expect(new Set(a.activities.map((x) => x.goal)).size).toBe(5);
    const joined = a.activities.find((x) => x.row === 23)!;
    expect(joined.lastRow).toBe(24);
    expect(joined.fields.activity).toMatch(/шийдвэрлүүлэх;$/);
    const at = (code: string) => a.issues.filter((i) => i.code === code).map((i) => `${i.column}${i.row}`);
    expect(at('RESPONSIBILITY_INVALID')).toEqual(['D31']);
    expect(at('MISSING_REQUIRED')).toEqual(expect.arrayContaining(['C39', 'D40']));
    expect(at('NUMBERING_DUPLICATE')).toEqual([]);
  });

  test('department workbooks: every sheet is recognized and has assessed activities', async () => {
    for (const name of ['dept-hyanalt.xlsx', 'dept-orlogo.xlsx', 'dept-tetgever.xlsx']) {
      const snaps = await snapshotsOf(fixturePath(`departments/${name}`));
      const analyses = snaps.map((s) => analyzeSheet(s)).filter((x) => x.template);
      expect([name, analyses.length > 0]).toEqual([name, true]);
      for (const x of analyses) expect(x.summary.assessed).toBeGreaterThan(0);
    }
  });
});
