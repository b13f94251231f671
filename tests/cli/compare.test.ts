/**
 * `ndplan compare` on the samples: the figures of tests/fixtures/lifecycle.json (a copy of the checks' spec)
 * (plan-2024 against report-2024-annual), in JSON and in the human table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main';
import type { ComparisonDoc } from '../../src/core/compare';
import { fixture, runCli, tmpDir, cleanup } from '../helpers/cli';

jest.setTimeout(60000);
afterAll(cleanup);

interface Expected {
  plan: string;
  report: string;
  matched: number;
  missing: string[];
  unplannedIncludes: string[];
  targetChanged: number[];
  targetUnchanged: number[];
  pairs: [number, number][];
}

const SPEC = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/lifecycle.json'), 'utf8')) as {
  compare: Expected[];
};
const E = SPEC.compare[0];

describe('compare plan-2024 with report-2024-annual', () => {
  let doc: ComparisonDoc;
  let code: number;
  beforeAll(async () => {
    const r = await main(['compare', fixture(E.plan), fixture(E.report), '--json']);
    code = r.code;
    doc = JSON.parse(r.stdout) as ComparisonDoc;
  });

  test('the spec is the one the brief states', () => {
    expect(E).toMatchObject({
      matched: 8,
      missing: ['3.2.2', '4.1.8', '4.2.1', '4.4.2'],
      unplannedIncludes: ['4.4.3'],
      targetChanged: [10, 13, 14, 15, 21],
      targetUnchanged: [9, 19],
      pairs: [
        [7, 9],
        [8, 10],
        [17, 19],
      ],
    });
  });

  test('header: files, sheets, years, activity counts; exit 0 (warnings only)', () => {
    expect(code).toBe(0);
    expect(doc.version).toBe(1);
    expect(doc.plan).toEqual({
      file: 'plan-2024.xlsx',
      sheet: 'Төлөвлөгөө 2024',
      year: 2024,
      activities: 12,
    });
    expect(doc.report).toEqual({
      file: 'report-2024-annual.xlsx',
      sheet: 'Тайлан 2024',
      year: 2024,
      period: 'FY',
      activities: 10,
    });
  });

  test(`matched ${E.matched}, with the expected pairs`, () => {
    expect(doc.matched).toHaveLength(E.matched);
    for (const [planRow, reportRow] of E.pairs)
      expect(doc.matched).toContainEqual(expect.objectContaining({ planRow, reportRow }));
    // One-to-one on both sides.
    expect(new Set(doc.matched.map((m) => m.planRow)).size).toBe(E.matched);
    expect(new Set(doc.matched.map((m) => m.reportRow)).size).toBe(E.matched);
    // The sample keeps its numbers: every pair is by number and the numbers agree.
    expect(doc.matched.every((m) => m.by === 'number')).toBe(true);
  });

  test('missing and unplanned', () => {
    expect(doc.missing.map((m) => m.no)).toEqual(E.missing);
    expect(doc.missing.map((m) => m.planRow)).toEqual([15, 19, 20, 22]);
    for (const no of E.unplannedIncludes) expect(doc.unplanned.map((u) => u.no)).toContain(no);
    expect(doc.unplanned.find((u) => u.no === '4.4.3')?.reportRow).toBe(22);
    // Every activity is accounted for exactly once.
    expect(doc.matched.length + doc.missing.length).toBe(doc.plan.activities);
    expect(doc.matched.length + doc.unplanned.length).toBe(doc.report.activities);
  });

  test('TARGET_CHANGED at rows 10, 13, 14, 15, 21, column E — not 9 or 19', () => {
    const changed = doc.issues.filter((i) => i.code === 'TARGET_CHANGED');
    expect(changed.map((i) => i.row)).toEqual(E.targetChanged);
    expect(
      changed.every(
        (i) => i.column === 'E' && i.file === 'report-2024-annual.xlsx' && i.sheet === 'Тайлан 2024',
      ),
    ).toBe(true);
    for (const row of E.targetUnchanged) {
      expect(changed.some((i) => i.row === row)).toBe(false);
      expect(doc.matched.find((m) => m.reportRow === row)?.changed).not.toContain('target');
    }
    for (const row of E.targetChanged)
      expect(doc.matched.find((m) => m.reportRow === row)?.changed).toContain('target');
    expect(changed.find((i) => i.row === 10)?.message).toMatch(/46, 186.*101, 413/);
    expect(changed.find((i) => i.row === 15)?.message).toMatch(/933\.6.*30/);
  });

  test('PLAN_ACTIVITY_MISSING at the plan rows, REPORT_ACTIVITY_UNPLANNED at the report rows', () => {
    const missing = doc.issues.filter((i) => i.code === 'PLAN_ACTIVITY_MISSING');
    expect(missing.map((i) => `${i.file}:${i.column}${i.row}`)).toEqual([
      'plan-2024.xlsx:B15',
      'plan-2024.xlsx:B19',
      'plan-2024.xlsx:B20',
      'plan-2024.xlsx:B22',
    ]);
    const unplanned = doc.issues.filter((i) => i.code === 'REPORT_ACTIVITY_UNPLANNED');
    expect(unplanned.map((i) => i.row)).toEqual(doc.unplanned.map((u) => u.reportRow));
    expect(unplanned.every((i) => i.severity === 'info')).toBe(true);
  });

  test('the human output names them', async () => {
    const r = await main(['compare', fixture(E.plan), fixture(E.report)]);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('plan-2024.xlsx');
    expect(out).toContain('report-2024-annual.xlsx');
    expect(out).toMatch(/тохирсон 8 · тайланд алга 4 · төлөвлөөгүй \d+ · зорилт өөрчлөгдсөн 5/);
    for (const no of E.missing)
      expect(out).toMatch(new RegExp(`${no.replace(/\./g, '\\.')}\\s.*төлөвлөсөн, тайланд алга`));
    expect(out).toMatch(/4\.4\.3\s.*тайланд байгаа, төлөвлөөгүй/);
    for (const row of E.targetChanged) expect(out).toContain(`E${row}:`);
    for (const row of E.targetUnchanged) expect(out).not.toContain(`E${row}:`);
    const lines = out.split('\n');
    for (const [planRow, reportRow] of E.pairs)
      expect(lines.some((l) => new RegExp(`\\s${planRow}\\s+${reportRow}\\s`).test(l))).toBe(true);
  });

  test('a real process: tsx src/cli/main.ts compare --json (smoke)', async () => {
    const r = await runCli(['compare', fixture(E.plan), fixture(E.report), '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as ComparisonDoc;
    expect(d.matched).toHaveLength(8);
    expect(d.missing.map((m) => m.no)).toEqual(E.missing);
  });
});

describe('compare: bad input', () => {
  test('an unreadable file, a receivables table, a wrong number of files: exit 2, one line', async () => {
    const dir = tmpDir();
    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(bad, 'garbage');
    for (const argv of [
      ['compare', bad, fixture('report-2024-annual.xlsx')],
      ['compare', fixture('receivables-2024.xlsx'), fixture('report-2024-annual.xlsx')],
      ['compare', fixture('plan-2024.xlsx')],
    ]) {
      const r = await main(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim()).not.toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
