/**
 * The catalogue of checks (src/core/checks) against the contract and against real files:
 * every code has its module, its row in DESIGN.md section 7 (copied in docs/issue-codes.md)
 * with the same severity, both messages, a small workbook that raises it and one that must
 * not. Each workbook is written by ExcelJS and read back through the product's reader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeSheet } from '../../../src/core/analyze';
import { CATALOGUE } from '../../../src/core/checks';
import type { Check } from '../../../src/core/checks/check';
import { compareAnalyses } from '../../../src/core/compare';
import type { IssueCode } from '../../../src/core/model';
import {
  JOB_HEADER,
  PLAN_HEADER,
  RECEIVABLES_HEADER,
  REPORT_HEADER,
  REPORT_TITLE,
} from '../../helpers/headers';
import { contractSeverities } from '../../helpers/issueCodes';
import {
  err,
  formula,
  pct,
  snapshotsOfBuffer,
  xlsxBuffer,
  type Cell,
  type SheetSpec,
} from '../../helpers/workbook';

const DIR = path.join(__dirname, '../../../src/core/checks');
const CODES = CATALOGUE.map((c) => c.code) as IssueCode[];
const CHECKS = Object.fromEntries(CATALOGUE.map((c) => [c.code, c])) as Record<IssueCode, Check>;
/** The module of a code: PERCENT_MISSING → percentMissing.ts. */
const moduleOf = (code: string) => code.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const PLAN_TITLE = 'Б.БОЛДЫН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ';

const table = (header: string[], rows: Cell[][], title = REPORT_TITLE): SheetSpec => ({
  name: 'Хуудас',
  rows: [[title], header, ...rows],
});
/** A report row that raises nothing, with a percent and a period to vary. */
const row = (
  no: string,
  percent: Cell = 100,
  period: Cell = 'I-IV улирал',
  achieved: Cell = 'Тайлан гаргасан',
): Cell[] => [no, 'Ажил хийх', 'Шалгуур', 'Тайлан гаргах', achieved, period, percent];
const report = (...rows: Cell[][]) => table(REPORT_HEADER, rows);
const receivables = (...rows: Cell[][]) => table(RECEIVABLES_HEADER, rows, 'АВЛАГА 2024');
const job = (responsibility: string) =>
  table(
    JOB_HEADER,
    [['1 дүгээр зорилтын хүрээнд', '1. Судалгаа хийх;', 'Судалгаа хийсэн байна.', responsibility]],
    'АЛБАН ТУШААЛЫН ТОДОРХОЙЛОЛТ',
  );
const ACTIVITIES = ['Сургалт зохион байгуулах', 'Хяналт шалгалт хийх', 'Мэдээ тайлан нэгтгэх'];
const planRows = (n: number, target = '10 удаа') =>
  table(
    PLAN_HEADER,
    ACTIVITIES.slice(0, n).map((a, i) => [String(i + 1), a, 'Шалгуур', 'Суурь', target, 'I-IV улирал']),
    PLAN_TITLE,
  );
const reportRows = (n: number, target = '10 удаа') =>
  table(
    REPORT_HEADER,
    ACTIVITIES.slice(0, n).map((a, i) => [String(i + 1), a, 'Шалгуур', target, 'Хийсэн', 'I-IV улирал', 100]),
  );

/** A workbook of one sheet, or a plan and a report to compare. */
type Doc = SheetSpec | { plan: SheetSpec; report: SheetSpec };

/** Per code: a workbook that raises it, and a near one that must not. */
const CASES: Record<IssueCode, { raises: Doc; quiet: Doc }> = {
  UNRECOGNIZED_SHEET: {
    raises: {
      name: 'Хуудас',
      rows: [
        ['Огноо', 'Сэдэв'],
        ['2024.01.02', 'Хурал'],
      ],
    },
    quiet: report(row('1')),
  },
  MISSING_REQUIRED: {
    raises: report(row('1'), row('2', 100, 'I улирал', null)),
    quiet: report(row('1'), row('2')),
  },
  NUMBERING_DUPLICATE: {
    raises: report(row('1.1.1'), row('1.1.2'), row('1.1.1')),
    quiet: report(row('1.1.1'), row('1.1.2'), row('1.1.3')),
  },
  PERCENT_INVALID: {
    raises: report(row('1', 'сайн'), row('2', -5)),
    quiet: report(row('1', 95), row('2', '-')),
  },
  PERCENT_SUSPICIOUS: {
    raises: report(row('1', 100), row('2', 1), row('3', 90)),
    quiet: report(row('1', pct(1)), row('2', pct(0.9))),
  },
  PERCENT_MISSING: {
    raises: report(row('1'), row('2', null)),
    quiet: report(row('1'), row('2', 'хугацаа болоогүй')),
  },
  FORMULA_ERROR: { raises: report(row('1', err('#DIV/0!'))), quiet: report(row('1', formula('50+50', 100))) },
  PERIOD_INVALID: { raises: report(row('1', 100, '2024.13.02')), quiet: report(row('1', 100, '2024.12.02')) },
  PERIOD_INVERTED: {
    raises: report(row('1', 100, '2024.12.03\n2024.01.02')),
    quiet: report(row('1', 100, '2024.01.02\n2024.12.03')),
  },
  PERIOD_OUTSIDE_YEAR: {
    raises: report(row('1', 100, '2024.01.02\n2014.12.03')),
    // The same dates where the report's year is unknown.
    quiet: table(
      REPORT_HEADER,
      [row('1', 100, '2024.01.02\n2014.12.03')],
      'ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ',
    ),
  },
  NUMBER_AMBIGUOUS: {
    raises: report(row('1', 100, 'I улирал', '32.829.9 сая төгрөг')),
    quiet: report(row('1', 100, 'I улирал', '32,829.9 сая төгрөг')),
  },
  NUMBER_AS_TEXT: {
    raises: receivables([1, 'Тасаг', '1 617,2', 100, 200, 300, 0, 1317.2, 10]),
    quiet: receivables([1, 'Тасаг', 1617.2, 100, 200, 300, 0, 1317.2, 10]),
  },
  STATED_TOTAL_MISMATCH: {
    raises: report(row('1', 100), row('2', 50), ['Дундаж', null, null, null, null, null, 80]),
    quiet: report(row('1', 100), row('2', 50), ['Дундаж', null, null, null, null, null, 75]),
  },
  STATED_PERCENT_MISMATCH: {
    raises: report(
      row(
        '1',
        100,
        'I улирал',
        '1000 сая төгрөг төвлөрүүлэхээс 1100 сая төгрөг төвлөрүүлж, төлөвлөгөөг 120%-иар биелүүлэв',
      ),
    ),
    quiet: report(
      row(
        '1',
        100,
        'I улирал',
        '1000 сая төгрөг төвлөрүүлэхээс 1100 сая төгрөг төвлөрүүлж, төлөвлөгөөг 110%-иар биелүүлэв',
      ),
    ),
  },
  TARGET_NOT_MET: {
    raises: receivables([1, 'Тасаг', 1000, 100, 100, 200, 100, 900, 30]),
    quiet: receivables([1, 'Тасаг', 1000, 100, 200, 300, 50, 750, 20]),
  },
  DEBT_SUM_MISMATCH: {
    raises: receivables([1, 'Тасаг', 1000, 100, 200, 350, 0, 650, 10]),
    quiet: receivables([1, 'Тасаг', 1000, 100, 200, 300, 0, 700, 10]),
  },
  DEBT_BALANCE_MISMATCH: {
    raises: receivables([1, 'Тасаг', 1000, 100, 200, 300, 50, 800, 10]),
    quiet: receivables([1, 'Тасаг', 1000, 100, 200, 300, 50, 750, 10]),
  },
  DEBT_NO_OPENING: {
    raises: receivables([1, 'Тасаг', 0, 0, 0, 0, 12.5, 12.5, 10]),
    quiet: receivables([1, 'Тасаг', 100, 0, 0, 0, 12.5, 112.5, 10]),
  },
  RESPONSIBILITY_INVALID: { raises: job('Х, Д'), quiet: job('X, Ш') },
  PLAN_ACTIVITY_MISSING: {
    raises: { plan: planRows(3), report: reportRows(2) },
    quiet: { plan: planRows(3), report: reportRows(3) },
  },
  REPORT_ACTIVITY_UNPLANNED: {
    raises: { plan: planRows(2), report: reportRows(3) },
    quiet: { plan: planRows(3), report: reportRows(3) },
  },
  TARGET_CHANGED: {
    raises: { plan: planRows(2), report: reportRows(2, '12 удаа') },
    quiet: { plan: planRows(2), report: reportRows(2) },
  },
};

async function analyzed(spec: SheetSpec) {
  const [snap] = await snapshotsOfBuffer(await xlsxBuffer([spec]));
  return analyzeSheet(snap);
}

/** The issues of a document (a sheet's analysis, or a plan compared with a report) and the templates recognized. */
async function issuesOf(doc: Doc) {
  if ('name' in doc) {
    const a = await analyzed(doc);
    return { issues: a.issues, templates: [a.template] };
  }
  const [plan, report] = [await analyzed(doc.plan), await analyzed(doc.report)];
  return {
    issues: compareAnalyses(plan, report, 'plan.xlsx', 'report.xlsx').issues,
    templates: [plan.template, report.template],
  };
}

const CONTRACT = contractSeverities();

test('every code of the contract has a check with its severity, and every check a row in the contract', () => {
  expect(Object.fromEntries(CATALOGUE.map((c) => [c.code, c.severity]))).toEqual(
    Object.fromEntries(CONTRACT),
  );
  expect(new Set(CODES).size).toBe(CODES.length);
});

test('every check is its own module, named after its code, and the folder holds nothing else', () => {
  for (const code of CODES) {
    const file = path.join(DIR, `${moduleOf(code)}.ts`);
    expect(fs.existsSync(file)).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.values(require(file) as Record<string, unknown>).filter(
      (v): v is Check => (v as Check)?.code !== undefined,
    );
    expect(exported).toEqual([CHECKS[code]]);
  }
  const modules = fs.readdirSync(DIR).filter((f) => f !== 'index.ts' && f !== 'check.ts');
  expect(modules.sort()).toEqual(CODES.map((c) => `${moduleOf(c)}.ts`).sort());
});

test('every check has a case that raises it and one that must not', () => {
  expect(Object.keys(CASES).sort()).toEqual([...CODES].sort());
});

test.each(CODES)('%s: messages in Mongolian and English', (code) => {
  const { mn, en } = CHECKS[code].messages;
  expect(mn).toMatch(/[а-яөүё]/i);
  expect(en.replace(/"[^"]*"/g, '""')).toMatch(/^[\x20-\x7E–—…→−ТГХШ]+$/);
  expect(en).not.toBe(mn);
});

describe.each(CODES)('%s', (code) => {
  test('raised by its case, with the contract severity and both messages filled', async () => {
    const raised = (await issuesOf(CASES[code].raises)).issues.filter((i) => i.code === code);
    expect(raised.length).toBeGreaterThan(0);
    for (const i of raised) {
      expect(i.severity).toBe(CONTRACT.get(code));
      for (const m of [i.message, i.messageEn]) {
        expect(m.trim().length).toBeGreaterThan(10);
        expect(m).not.toMatch(/\{\w+\}/);
        if (i.column && i.row) expect(m).toContain(`${i.column}${i.row}`);
      }
    }
  });

  test('not raised by its near miss, read as the same template', async () => {
    const [raises, quiet] = [await issuesOf(CASES[code].raises), await issuesOf(CASES[code].quiet)];
    expect(quiet.issues.map((i) => i.code)).not.toContain(code);
    expect(quiet.templates).not.toContain(null);
    if (code !== 'UNRECOGNIZED_SHEET') expect(quiet.templates).toEqual(raises.templates);
  });
});
