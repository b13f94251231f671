/** `ndplan check` (DESIGN.md section 10): JSON contract, human output, exit codes, overrides, bad inputs. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { CheckJson, type CheckDocument } from '../../src/core/checkJson';
import { makeBadFiles, truncatedWorkbookBytes, type BadFiles } from '../helpers/badfiles';
import { pushesOf } from '../../src/cli/consolidate';
import { SAMPLES, fixturePath } from '../helpers/fixtures';
import { xlsxBuffer, type Cell } from '../helpers/workbook';

const REPORT = [
  'Д/д',
  'Зорилтыг хэрэгжүүлэх арга хэмжээ',
  'Шалгуур үзүүлэлт',
  'Хүрэх түвшин',
  'Хүрсэн түвшин',
  'Хугацаа',
  'Гүйцэтгэлийн хувь',
];
const TITLE =
  'ХАМРАЛТЫН ТАСГИЙН ДАРГА Б.ХУЛАНГИЙН 2024 ОНЫ ЭХНИЙ ХАГАС ЖИЛИЙН ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ';

let dir: string;
let bad: BadFiles;
let clean: string; // no error-severity issue
let faulty: string; // error-severity issues
let twoSheets: string;

async function write(
  name: string,
  rows: Cell[][],
  extra: { name: string; rows: Cell[][] }[] = [],
): Promise<string> {
  const p = path.join(dir, name);
  fs.writeFileSync(p, await xlsxBuffer([{ name: 'Тайлан', rows }, ...extra]));
  return p;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-cli-'));
  bad = await makeBadFiles();
  clean = await write('цэвэр.xlsx', [
    [TITLE],
    REPORT,
    [
      '1.1.1',
      'Сургалт зохион байгуулах',
      'Сургалтын тоо',
      '4 сургалт',
      '4 сургалт',
      '2024.01.02-2024.06.30',
      100,
    ],
    ['1.1.2', 'Хяналт хийх', 'Хяналтын тоо', '10 удаа', '8 удаа', 'I-II улирал', 80],
  ]);
  faulty = await write('алдаатай.xlsx', [
    [TITLE],
    REPORT,
    ['1.1.1', 'Сургалт', 'Ш', '4 сургалт', '4 сургалт', '2024.13.02', 100],
    ['1.1.1', 'Хяналт', 'Ш', '10 удаа', null, 'I улирал', 'сайн'],
  ]);
  twoSheets = await write(
    'хоёр.xlsx',
    [[TITLE], REPORT, ['1', 'Ажил', 'Ш', '2 удаа', '1 удаа', 'Сар бүр', null]],
    [{ name: 'Тэмдэглэл', rows: [['Хурлын тэмдэглэл'], ['Огноо', 'Сэдэв']] }],
  );
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  bad.cleanup();
});

async function check(...args: string[]) {
  return main(['check', ...args]);
}
async function json(...args: string[]): Promise<{ code: number; doc: CheckDocument; stderr: string }> {
  const r = await check(...args, '--json');
  const raw = JSON.parse(r.stdout);
  return { code: r.code, doc: CheckJson.parse(raw), stderr: r.stderr };
}

describe('check --json', () => {
  test('exactly one JSON document that satisfies the CheckJson schema, exit 0 without errors', async () => {
    const r = await check(clean, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = CheckJson.parse(JSON.parse(r.stdout));
    expect(doc.version).toBe(1);
    expect(doc.files).toHaveLength(1);
    const [sheet] = doc.files[0].sheets;
    expect(doc.files[0].file).toBe(clean);
    expect(sheet).toMatchObject({
      sheet: 'Тайлан',
      template: 'performance-report',
      meta: { year: 2024, period: 'H1', kind: 'report', person: 'Б.ХУЛАН', unit: 'ХАМРАЛТЫН ТАСГИЙН ДАРГА' },
      tables: [
        {
          headerRow: 2,
          columns: {
            no: 'A',
            activity: 'B',
            criterion: 'C',
            target: 'D',
            achieved: 'E',
            period: 'F',
            percent: 'G',
          },
        },
      ],
      summary: {
        activities: 2,
        assessed: 2,
        average: 90,
        buckets: { '100': 1, '70': 1, '30': 0, '0': 0, '-': 0 },
      },
    });
    expect(sheet.activities).toEqual([
      {
        row: 3,
        no: '1.1.1',
        section: null,
        goal: null,
        percent: 100,
        percentSource: 'entered',
        period: { start: '2024-01-02', end: '2024-06-30' },
      },
      {
        row: 4,
        no: '1.1.2',
        section: null,
        goal: null,
        percent: 80,
        percentSource: 'entered',
        period: { text: 'I-II улирал' },
      },
    ]);
    expect(sheet.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('error-severity issues give exit 1 and are listed with row, column and messages', async () => {
    const { code, doc } = await json(faulty);
    expect(code).toBe(1);
    const issues = doc.files[0].sheets[0].issues;
    const at = (c: string) => issues.filter((i) => i.code === c).map((i) => `${i.column}${i.row}`);
    expect(at('PERIOD_INVALID')).toEqual(['F3']);
    expect(at('NUMBERING_DUPLICATE')).toEqual(['A4']);
    expect(at('MISSING_REQUIRED')).toEqual(['E4']);
    expect(at('PERCENT_INVALID')).toEqual(['G4']);
    for (const i of issues) expect(i.message.length * i.messageEn.length).toBeGreaterThan(0);
  });

  test('an unrecognized sheet is reported with template null, not as a failure', async () => {
    const { code, doc } = await json(twoSheets);
    expect(code).toBe(0);
    expect(doc.files[0].sheets.map((s) => [s.sheet, s.template])).toEqual([
      ['Тайлан', 'performance-report'],
      ['Тэмдэглэл', null],
    ]);
    expect(doc.files[0].sheets[1].issues.map((i) => i.code)).toEqual(['UNRECOGNIZED_SHEET']);
    // A computed suggestion is given (50 %) but the row still lacks an entered percent.
    expect(doc.files[0].sheets[0].activities[0]).toMatchObject({ percent: 50, percentSource: 'computed' });
  });

  test('several files, the sample workbooks included, in the order given', async () => {
    const { code, doc } = await json(
      clean,
      fixturePath('plan-2024.xlsx'),
      fixturePath('receivables-2024.xlsx'),
    );
    expect(code).toBe(1); // the plan has PERIOD_INVALID and MISSING_REQUIRED
    expect(doc.files.map((f) => f.sheets[0].template)).toEqual([
      'performance-report',
      'performance-plan',
      'receivables',
    ]);
    expect(doc.files[2].sheets[0].debt[0]).toMatchObject({
      source: 'table',
      opening: 5297.4,
      reductionRatio: 23.6,
      met: false,
    });
  });
});

describe('overrides', () => {
  test('--year, --unit and --period replace the title’s metadata', async () => {
    const { doc } = await json(clean, '--year', '2025', '--unit', 'Орлогын тасаг', '--period', 'FY');
    expect(doc.files[0].sheets[0].meta).toMatchObject({
      year: 2025,
      unit: 'Орлогын тасаг',
      period: 'FY',
      person: 'Б.ХУЛАН',
    });
    // The dates of 2024 now lie outside the year: warnings, not errors.
    const codes = doc.files[0].sheets[0].issues.map((i) => i.code);
    expect(codes).toContain('PERIOD_OUTSIDE_YEAR');
  });

  test('--name=value works too', async () => {
    const { doc } = await json(clean, '--period=Q2', '--year=2024');
    expect(doc.files[0].sheets[0].meta).toMatchObject({ period: 'Q2', year: 2024 });
  });

  test.each([
    [['--year', 'abc']],
    [['--year', '1999']],
    [['--year', '20245']],
    [['--period', 'H3']],
    [['--period', 'fy']],
    [['--unit']],
    [['--colour', 'red']],
  ])('usage error %j: exit 2, one line on stderr, nothing on stdout', async (args) => {
    const r = await check(clean, ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).not.toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('usage', () => {
  test('no files, no command, an unknown command: exit 2; --help: exit 0', async () => {
    const none = await check('--json');
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect((await main([])).code).toBe(2);
    const unknown = await main(['chek', clean]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('chek');
    const help = await main(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('ndplan check');
  });
});

describe('bad inputs: exit 2, one line each, the good file still checked', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a missing path', () => bad.missing, /олдсонгүй/],
    ['a text file renamed .xlsx', () => bad.text, /\.xlsx файл биш/],
    ['a zip that is not a workbook', () => bad.zipNotWorkbook, /ажлын ном биш/],
    ['an encrypted workbook', () => bad.encrypted, /нууц үг/],
    ['an old .xls', () => bad.xls, /\.xls/],
  ];

  test.each(cases)('%s', async (_, file, message) => {
    const r = await check(file(), clean, '--json');
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(path.basename(file()));
    expect(lines[0]).toMatch(message);
    const doc = CheckJson.parse(JSON.parse(r.stdout));
    expect(doc.files.map((f) => [f.file, f.sheets.length > 0, !!f.error])).toEqual([
      [file(), false, true],
      [clean, true, false],
    ]);
    expect(doc.files[1].sheets[0].template).toBe('performance-report');
  });

  test('all five together: five lines, and the good files in between are checked', async () => {
    const r = await check(
      bad.missing,
      faulty,
      bad.text,
      bad.zipNotWorkbook,
      clean,
      bad.encrypted,
      bad.xls,
      '--json',
    );
    expect(r.code).toBe(2); // unreadable input wins over error issues
    expect(r.stderr.trim().split('\n')).toHaveLength(5);
    const doc = CheckJson.parse(JSON.parse(r.stdout));
    expect(doc.files.filter((f) => f.sheets.length).map((f) => f.file)).toEqual([faulty, clean]);
  });

  test('a truncated workbook is reported as unreadable too', async () => {
    const p = path.join(dir, 'тасарсан.xlsx');
    fs.writeFileSync(p, truncatedWorkbookBytes(fs.readFileSync(clean)));
    const r = await check(p, clean);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain(path.basename(clean));
  });
});

describe('human output', () => {
  test('names the template, the metadata, the average with buckets, and the issues with their codes', async () => {
    const r = await check(faulty);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('алдаатай.xlsx');
    expect(r.stdout).toContain('performance-report');
    expect(r.stdout).toContain('Б.ХУЛАН');
    expect(r.stdout).toMatch(/дундаж 100\.0%/);
    expect(r.stdout).toMatch(/\[100: 1 · 70: 0 · 30: 0 · 0: 0 · —: 1\]/);
    for (const code of ['PERIOD_INVALID', 'NUMBERING_DUPLICATE', 'MISSING_REQUIRED', 'PERCENT_INVALID'])
      expect(r.stdout).toContain(`[${code}]`);
    expect(r.stdout).toContain('F3');
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  test('in English with NDPLAN_LANG=en', async () => {
    const before = process.env.NDPLAN_LANG;
    process.env.NDPLAN_LANG = 'en';
    try {
      const r = await check(clean);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/average 90\.0%/);
      expect(r.stdout).toContain('Performance report');
    } finally {
      if (before === undefined) delete process.env.NDPLAN_LANG;
      else process.env.NDPLAN_LANG = before;
    }
  });

  test('unrecognized sheets and debt lines', async () => {
    const r = await check(twoSheets, fixturePath('receivables-2024.xlsx'));
    expect(r.stdout).toMatch(/«Тэмдэглэл» — загвар танигдсангүй/);
    expect(r.stdout).toMatch(/Авлага \(мөр 5, Орлого шимтгэлийн тасаг/);
  });
});

describe('the real command line (one child process)', () => {
  test('npm run -s ndplan -- check <files> --json', async () => {
    const root = path.resolve(__dirname, '../..');
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'npm',
        ['run', '-s', 'ndplan', '--', 'check', clean, bad.encrypted, '--json'],
        { cwd: root, env: { ...process.env, NDPLAN_LANG: '' }, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(2);
    const doc = CheckJson.parse(JSON.parse(result.stdout));
    expect(doc.files[0].sheets[0].summary.average).toBe(90);
    const ours = result.stderr.split('\n').filter((l) => l.trim() && !/^npm (warn|WARN)/.test(l));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toContain('нууц.xlsx');
  }, 60_000);
});

describe('template roles: the command line asks the definitions', () => {
  const sample = (f: string) => path.join(SAMPLES, f);

  test('a job description is not consolidated; every other recognized sample is', async () => {
    expect(await pushesOf([sample('job-description-2024.xlsx')])).toEqual([]);
    expect((await pushesOf([sample('plan-2024.xlsx'), sample('receivables-2024.xlsx')])).length).toBe(2);
  });

  test('compare takes a plan as the plan and a report as the report, not the other way round', async () => {
    const ok = await main(['compare', sample('plan-2024.xlsx'), sample('report-2024-annual.xlsx'), '--json']);
    expect(JSON.parse(ok.stdout).plan.sheet).toBeTruthy();
    const planAsReport = await main([
      'compare',
      sample('plan-2024.xlsx'),
      sample('plan-2024.xlsx'),
      '--json',
    ]);
    expect(planAsReport.code).toBe(2);
    expect(planAsReport.stderr).toContain('plan-2024.xlsx');
    const reportAsPlan = await main([
      'compare',
      sample('report-2024-annual.xlsx'),
      sample('report-2024-annual.xlsx'),
      '--json',
    ]);
    expect(reportAsPlan.code).toBe(2);
  });
});

describe('NDPLAN_LANG governs the argument errors too', () => {
  afterEach(() => delete process.env.NDPLAN_LANG);

  test('an unknown option and a missing value are said in English under NDPLAN_LANG=en, in Mongolian by default', async () => {
    const file = path.join(SAMPLES, 'plan-2024.xlsx');
    expect((await main(['check', file, '--bogus'])).stderr).toBe(
      'үл мэдэх сонголт: --bogus (тусламж: ndplan --help)',
    );
    process.env.NDPLAN_LANG = 'en';
    expect((await main(['check', file, '--bogus'])).stderr).toBe(
      'unknown option: --bogus (see ndplan --help)',
    );
    expect((await main(['check', file, '--year'])).stderr).toBe('--year needs a value (see ndplan --help)');
  });
});
