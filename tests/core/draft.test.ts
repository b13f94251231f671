/**
 * Drafts (DESIGN.md section 13), each written to .xlsx, read back through the
 * product's reader and analysed: the report from the plan (H1, Q3), next year's plan from
 * the annual report, a plan from the job description; and the `draft` command's refusals.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { analyzeSheet } from '../../src/core/analyze';
import { compareAnalyses } from '../../src/core/compare';
import { draftPlanFromJobDescription, draftPlanFromReport, draftReport } from '../../src/core/draft';
import type { SheetAnalysis } from '../../src/core/model';
import type { SheetSnapshot } from '../../src/core/snapshot';
import type { WritePlan } from '../../src/core/writeplan';
import { main } from '../../src/cli/main';
import { applyWritePlan } from '../../src/xlsx/apply';
import { loadWorkbook, workbookSnapshots } from '../../src/xlsx/read';
import { snapshotsOf } from '../helpers/fixtures';
import { cleanup, fileState, fixture, loadXlsx, runCli, tmpDir, withEnv } from '../helpers/cli';

jest.setTimeout(60000);
afterAll(cleanup);

/** Applies a draft to a new workbook, writes it, reads it back and analyses its sheet. */
async function readBack(
  plan: WritePlan,
): Promise<{ analysis: SheetAnalysis; snap: SheetSnapshot; ws: ExcelJS.Worksheet }> {
  const wb = new ExcelJS.Workbook();
  applyWritePlan(wb, plan);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const back = await loadWorkbook(buf, 'draft.xlsx');
  const snaps = workbookSnapshots(back);
  expect(snaps).toHaveLength(1);
  return { analysis: analyzeSheet(snaps[0]), snap: snaps[0], ws: back.worksheets[0] };
}

async function source(name: string): Promise<{ analysis: SheetAnalysis; snap: SheetSnapshot }> {
  const [snap] = await snapshotsOf(fixture(name));
  return { analysis: analyzeSheet(snap), snap };
}

const merges = (ws: ExcelJS.Worksheet) => (ws.model as unknown as { merges?: string[] }).merges ?? [];
const shiftYear = (iso: string | null, years: number) =>
  iso ? `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}` : iso;
const codes = (a: SheetAnalysis) => new Set(a.issues.map((i) => i.code));

describe.each([
  ['H1', 'ЭХНИЙ ХАГАС ЖИЛИЙН '],
  ['Q3', 'III УЛИРЛЫН '],
] as const)('draft report from plan-2024 for %s', (period, words) => {
  let plan: SheetAnalysis;
  let draft: SheetAnalysis;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    plan = (await source('plan-2024.xlsx')).analysis;
    ({ analysis: draft, ws } = await readBack(draftReport(plan, period)));
  });

  test('a performance report of the plan’s year and the period', () => {
    expect(draft.template).toBe('performance-report');
    expect(draft.meta).toMatchObject({ year: 2024, period, kind: 'report', person: 'Ж.АРИУНТУНГАЛАГ' });
    expect(draft.title).toBe(
      `ОРЛОГО, ШИМТГЭЛИЙН БАЙЦААГЧ Ж.АРИУНТУНГАЛАГИЙН 2024 ОНЫ ${words}ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ`,
    );
  });

  test('the official two-row header', () => {
    const t = draft.tables[0];
    expect(t.headerRow - t.headerTop).toBe(1);
    expect(t.numberingRow).toBe(t.headerRow + 1);
    expect(Object.keys(t.columns).sort()).toEqual(
      ['achieved', 'activity', 'baseline', 'criterion', 'no', 'percent', 'period', 'target'].sort(),
    );
    expect(ws.getCell(t.headerTop, 4).value).toBe('Гүйцэтгэлийн түвшин');
    expect(merges(ws)).toContain(`D${t.headerTop}:F${t.headerTop}`);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' }); // formatted as in section 9
  });

  test('every section, goal and activity carried; achieved and percent empty', () => {
    expect(draft.activities).toHaveLength(12);
    const kinds = (a: SheetAnalysis, k: string) =>
      a.tables[0].rows.filter((r) => r.kind === k).map((r) => r.text);
    expect(kinds(draft, 'section')).toEqual(kinds(plan, 'section'));
    expect(kinds(draft, 'goal')).toEqual(kinds(plan, 'goal'));
    draft.activities.forEach((d, i) => {
      const p = plan.activities[i];
      expect([d.no, d.fields.activity, d.goal, d.section]).toEqual([
        p.no,
        p.fields.activity,
        p.goal,
        p.section,
      ]);
      for (const f of ['criterion', 'baseline', 'target'])
        expect([d.no, f, d.fields[f] ?? '']).toEqual([p.no, f, p.fields[f] ?? '']);
      expect(d.fields.achieved ?? '').toBe('');
      expect(d.percent).toBeNull();
      expect(d.percentSource).toBeNull();
    });
  });

  test('compared with its plan: 12 matched, nothing missing, unplanned or changed', () => {
    const doc = compareAnalyses(plan, draft, 'plan-2024.xlsx', 'draft.xlsx');
    expect(doc.matched).toHaveLength(12);
    expect(doc.matched.every((m) => m.by === 'number' && m.changed.length === 0)).toBe(true);
    expect(doc.missing).toEqual([]);
    expect(doc.unplanned).toEqual([]);
    expect(doc.issues).toEqual([]);
  });
});

describe('draft plan from report-2024-annual for 2025', () => {
  let report: SheetAnalysis;
  let draft: SheetAnalysis;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    report = (await source('report-2024-annual.xlsx')).analysis;
    ({ analysis: draft, ws } = await readBack(draftPlanFromReport(report, 2025)));
  });

  test('a performance plan of 2025 with the 10 activities of both tables', () => {
    expect(draft.template).toBe('performance-plan');
    expect(draft.meta).toMatchObject({ year: 2025, kind: 'plan', person: 'Ж.АРИУНТУНГАЛАГ' });
    expect(draft.title).toContain('2025 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ');
    expect(draft.activities).toHaveLength(10);
    expect(draft.tables).toHaveLength(2);
    expect(draft.activities.filter((a) => a.table === 1).map((a) => a.no)).toEqual(['1']);
    expect(draft.activities.map((a) => a.no)).toEqual(report.activities.map((a) => a.no));
    expect(ws.getCell(draft.tables[0].headerRow, 4).value).toBe('Суурь түвшин');
  });

  test('achieved becomes the baseline; criterion and target carried; no achieved or percent column', () => {
    draft.activities.forEach((d, i) => {
      const r = report.activities[i];
      expect([d.no, d.fields.activity]).toEqual([r.no, r.fields.activity]);
      expect([d.no, d.fields.baseline ?? '']).toEqual([r.no, r.fields.achieved ?? '']);
      expect([d.no, d.fields.criterion ?? '']).toEqual([r.no, r.fields.criterion ?? '']);
      expect([d.no, d.fields.target ?? '']).toEqual([r.no, r.fields.target ?? '']);
    });
    const a113 = draft.activities.find((a) => a.no === '1.1.3')!;
    expect(a113.fields.baseline).toContain('Ажил олгогчийн тоог 126');
    for (const t of draft.tables) {
      expect(t.columns.achieved).toBeUndefined();
      expect(t.columns.percent).toBeUndefined();
    }
  });

  test('period dates shifted to 2025', () => {
    let dated = 0;
    draft.activities.forEach((d, i) => {
      const r = report.activities[i];
      if (r.period && 'start' in r.period) {
        dated++;
        expect(d.period).toEqual({ start: shiftYear(r.period.start, 1), end: shiftYear(r.period.end, 1) });
      }
    });
    expect(dated).toBe(9);
    expect(draft.activities[0].period).toEqual({ start: '2025-01-02', end: '2025-12-03' });
  });
});

describe('draft plan from the job description for 2025', () => {
  let jd: SheetAnalysis;
  let jdSnap: SheetSnapshot;
  let draft: SheetAnalysis;
  beforeAll(async () => {
    ({ analysis: jd, snap: jdSnap } = await source('job-description-2024.xlsx'));
    ({ analysis: draft } = await readBack(draftPlanFromJobDescription(jd, jdSnap, 2025)));
  });

  test('a performance plan of 2025: one activity per function (22)', () => {
    expect(draft.template).toBe('performance-plan');
    expect(draft.meta).toMatchObject({ year: 2025, kind: 'plan' });
    expect(draft.activities).toHaveLength(22);
    expect(draft.title).toContain('Үйлчилгээний хөгжүүлэлтийн хэлтсийн дарга');
  });

  test('one goal per job goal, titled from the list of job goals', () => {
    const goals = [...new Set(draft.activities.map((a) => a.goal))];
    expect(goals).toHaveLength(5);
    expect(goals[0]).toMatch(/^Зорилт 1\. Нийгмийн даатгалын бүтээгдэхүүн, үйлчилгээг хөгжүүлэх/);
    expect(goals[4]).toMatch(/^Зорилт 5\. Газрын мэргэжилтнүүдийг өдөр тутмын шуурхай удирдлагаар хангаж/);
    expect(draft.activities.map((a) => a.goal?.slice(0, 9))).toEqual(
      jd.activities.map((a) => `Зорилт ${a.goal!.charAt(0)}.`),
    );
    expect(draft.activities.slice(0, 4).map((a) => a.no)).toEqual(['1.1', '1.2', '2.1', '2.2']);
    expect(codes(draft).has('NUMBERING_DUPLICATE')).toBe(false);
  });

  test('the function text (continuations joined, its number dropped) and criterion carried; targets empty', () => {
    draft.activities.forEach((d, i) => {
      const j = jd.activities[i];
      expect(d.fields.activity).toBe(j.fields.activity.replace(/^\s*\d+\.\s*/, ''));
      expect(d.fields.criterion ?? '').toBe(j.fields.criterion ?? '');
      expect(d.fields.target ?? '').toBe('');
      expect(d.fields.baseline ?? '').toBe('');
    });
    expect(draft.activities[4].fields.activity).toMatch(/санал боловсруулж,\s+шийдвэрлүүлэх;$/);
    expect(
      draft.activities.find((a) => a.fields.activity.startsWith('Банк, санхүүгийн байгууллагатай'))?.fields
        .criterion,
    ).toContain('Хамтрагч талууд, олон улсын байгууллагуудтай');
  });
});

describe('ndplan draft', () => {
  let dir: string;
  beforeEach(() => {
    dir = tmpDir();
  });
  const listing = () => fs.readdirSync(dir).sort();
  const oneLine = (s: string) => expect(s.trim().split('\n')).toHaveLength(1);

  test('an existing --out is not overwritten without --force (exit 2, unchanged), and is with it', async () => {
    const out = path.join(dir, 'report.xlsx');
    fs.writeFileSync(out, 'someone else’s file');
    const before = fileState(out);
    const argv = ['draft', 'report', '--from', fixture('plan-2024.xlsx'), '--period', 'H1', '--out', out];
    const r = await main(argv);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toContain('--force');
    expect(fileState(out)).toEqual(before);

    const forced = await main([...argv, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('12');
    const [snap] = workbookSnapshots(await loadXlsx(out));
    const a = analyzeSheet(snap);
    expect(a.template).toBe('performance-report');
    expect(a.meta.period).toBe('H1');
    expect(listing()).toEqual(['report.xlsx']);
  });

  test('draft plan does not overwrite either', async () => {
    const out = path.join(dir, 'plan.xlsx');
    fs.copyFileSync(fixture('plan-2024.xlsx'), out);
    const before = fileState(out);
    const r = await main([
      'draft',
      'plan',
      '--from',
      fixture('report-2024-annual.xlsx'),
      '--year',
      '2025',
      '--out',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(fileState(out)).toEqual(before);
  });

  test('an unreadable input: exit 2, one line, nothing written', async () => {
    const bad = path.join(dir, 'plan.xlsx');
    fs.writeFileSync(bad, 'Д/д;Арга хэмжээ\n1;Сургалт\n');
    for (const argv of [
      ['draft', 'report', '--from', bad, '--period', 'FY', '--out', path.join(dir, 'out.xlsx')],
      ['draft', 'plan', '--from', bad, '--year', '2025', '--out', path.join(dir, 'out.xlsx')],
      [
        'draft',
        'plan',
        '--from',
        path.join(dir, 'missing.xlsx'),
        '--year',
        '2025',
        '--out',
        path.join(dir, 'out.xlsx'),
      ],
    ]) {
      const r = await main(argv);
      expect(r.code).toBe(2);
      oneLine(r.stderr);
      expect(listing()).toEqual(['plan.xlsx']);
    }
  });

  test('a receivables file cannot be drafted from: exit 2, one line, nothing written', async () => {
    for (const argv of [
      [
        'draft',
        'plan',
        '--from',
        fixture('receivables-2024.xlsx'),
        '--year',
        '2025',
        '--out',
        path.join(dir, 'out.xlsx'),
      ],
      [
        'draft',
        'report',
        '--from',
        fixture('receivables-2024.xlsx'),
        '--period',
        'H1',
        '--out',
        path.join(dir, 'out.xlsx'),
      ],
    ]) {
      const mn = await main(argv);
      expect(mn.code).toBe(2);
      oneLine(mn.stderr);
      expect(mn.stderr).toContain('боловсруулах боломжгүй');
      expect(mn.stderr).toContain('receivables');
      const en = await withEnv({ NDPLAN_LANG: 'en' }, () => main(argv));
      expect(en.code).toBe(2);
      expect(en.stderr).toMatch(/cannot be drafted/);
      expect(listing()).toEqual([]);
    }
  });

  test('a report cannot be drafted from a report (only from a plan)', async () => {
    const r = await main([
      'draft',
      'report',
      '--from',
      fixture('report-2024-annual.xlsx'),
      '--period',
      'H1',
      '--out',
      path.join(dir, 'out.xlsx'),
    ]);
    expect(r.code).toBe(2);
    expect(listing()).toEqual([]);
  });

  test.each([
    ['no --period', ['draft', 'report', '--from', fixture('plan-2024.xlsx')]],
    ['--period H3', ['draft', 'report', '--from', fixture('plan-2024.xlsx'), '--period', 'H3']],
    ['--period q1', ['draft', 'report', '--from', fixture('plan-2024.xlsx'), '--period', 'q1']],
    ['no --year', ['draft', 'plan', '--from', fixture('report-2024-annual.xlsx')]],
    ['--year 25', ['draft', 'plan', '--from', fixture('report-2024-annual.xlsx'), '--year', '25']],
    ['--year next', ['draft', 'plan', '--from', fixture('report-2024-annual.xlsx'), '--year', 'next']],
    ['--year 1025', ['draft', 'plan', '--from', fixture('report-2024-annual.xlsx'), '--year', '1025']],
    ['--year 9999', ['draft', 'plan', '--from', fixture('report-2024-annual.xlsx'), '--year', '9999']],
    ['neither plan nor report', ['draft', 'budget', '--from', fixture('plan-2024.xlsx'), '--year', '2025']],
    ['no --out', ['draft', 'plan', '--from', fixture('report-2024-annual.xlsx'), '--year', '2025']],
  ])('%s: exit 2, nothing written', async (_name, argv) => {
    const out = path.join(dir, 'out.xlsx');
    const r = await main(argv.includes('--out') || _name === 'no --out' ? argv : [...argv, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).not.toBe('');
    expect(listing()).toEqual([]);
  });

  test('a real process: draft report and draft plan (smoke)', async () => {
    const report = path.join(dir, 'report-h1.xlsx');
    const plan = path.join(dir, 'plan-2025.xlsx');
    const a = await runCli([
      'draft',
      'report',
      '--from',
      fixture('plan-2024.xlsx'),
      '--period',
      'H1',
      '--out',
      report,
    ]);
    expect(a.code).toBe(0);
    const b = await runCli([
      'draft',
      'plan',
      '--from',
      fixture('job-description-2024.xlsx'),
      '--year',
      '2025',
      '--out',
      plan,
    ]);
    expect(b.code).toBe(0);
    const [snap] = workbookSnapshots(await loadXlsx(plan));
    expect(analyzeSheet(snap).activities).toHaveLength(22);
    // And the report it wrote compares clean against its plan.
    const c = await main(['compare', fixture('plan-2024.xlsx'), report, '--json']);
    const doc = JSON.parse(c.stdout);
    expect([doc.matched.length, doc.missing.length, doc.unplanned.length]).toEqual([12, 0, 0]);
  });
});
