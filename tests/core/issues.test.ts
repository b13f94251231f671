/**
 * Every issue code the engine emits (DESIGN.md section 7), at its row and column, with its
 * severity and both messages. The `compare` codes are tested with compare; the catalogue
 * itself against the contract in tests/core/checks/catalogue.test.ts.
 */
import { analyzeSheet } from '../../src/core/analyze';
import { CATALOGUE } from '../../src/core/checks';
import { makeIssue, sortIssues } from '../../src/core/issues';
import type { IssueCode, SheetAnalysis } from '../../src/core/model';
import { JOB_HEADER, PLAN_HEADER, RECEIVABLES_HEADER, REPORT_HEADER, REPORT_TITLE } from '../helpers/headers';
import { contractSeverities } from '../helpers/issueCodes';
import {
  err,
  formula,
  pct,
  sheetSnapshot,
  snapshotsOfBuffer,
  xlsxBuffer,
  type Cell,
  type ErrorText,
} from '../helpers/workbook';

/** Severities of the contract's table (docs/issue-codes.md), not of the code under test. */
const CONTRACT = contractSeverities();

const EVALUATION = [
  '№',
  'Хэрэгжүүлэх арга хэмжээ',
  'Хүрэх түвшин, үр дүнгийн үзүүлэлт',
  'Биелэлт',
  'Үнэлгээ',
];

const ok = (no: string, pctValue: Cell = 100): Cell[] => [
  no,
  'Ажил хийх',
  'Шалгуур',
  'Тайлан гаргах',
  'Тайлан гаргасан',
  'I-IV улирал',
  pctValue,
];

function sheet(header: string[], rows: Cell[][], title = REPORT_TITLE, merges: string[] = []): SheetAnalysis {
  return analyzeSheet(sheetSnapshot({ name: 'Хуудас', rows: [[title], header, ...rows], merges }));
}
const at = (a: SheetAnalysis, code: IssueCode) =>
  a.issues.filter((i) => i.code === code).map((i) => `${i.column ?? ''}${i.row ?? ''}`);
const codes = (a: SheetAnalysis) => a.issues.map((i) => i.code);

interface Case {
  name: string;
  code: IssueCode;
  analysis: () => SheetAnalysis;
  /** Cells where the issue must be, exactly (A1 style; a bare row number when there is no column). */
  cells: string[];
}

const CASES: Case[] = [
  {
    name: 'an unrecognized sheet',
    code: 'UNRECOGNIZED_SHEET',
    analysis: () =>
      analyzeSheet(
        sheetSnapshot({
          name: 'Хуудас',
          rows: [
            ['Огноо', 'Сэдэв'],
            ['2024.01.02', 'Хурал'],
          ],
        }),
      ),
    cells: [''],
  },
  {
    name: 'a report row without achieved',
    code: 'MISSING_REQUIRED',
    analysis: () => sheet(REPORT_HEADER, [ok('1'), ['2', 'Ажил', 'Ш', 'Тайлан', null, 'I улирал', 100]]),
    cells: ['E4'],
  },
  {
    name: 'a plan row without target (after a sub-criterion that has one)',
    code: 'MISSING_REQUIRED',
    analysis: () =>
      sheet(
        PLAN_HEADER,
        [
          ['1.1', 'Ажил', 'Ш', 'Суурь', 'Зорилт', 'I улирал'],
          ['1.2', 'Ажил', 'Ш', 'Суурь', null, 'I улирал'],
        ],
        'Б.БОЛДЫН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ',
      ),
    cells: ['E4'],
  },
  {
    name: 'a number repeated under one goal',
    code: 'NUMBERING_DUPLICATE',
    analysis: () => sheet(REPORT_HEADER, [ok('1.1.1'), ok('1.1.2'), ok('1.1.1')]),
    cells: ['A5'],
  },
  {
    name: 'unreadable, negative and (without over-fulfilment) above-100 percents',
    code: 'PERCENT_INVALID',
    analysis: () => sheet(REPORT_HEADER, [ok('1', 'сайн'), ok('2', -5), ok('3', 100)]),
    cells: ['G3', 'G4'],
  },
  {
    name: 'a score above 100 in a programme evaluation',
    code: 'PERCENT_INVALID',
    analysis: () =>
      sheet(EVALUATION, [
        [1, 'Арга', 'Ш', 'Б', 120],
        [2, 'Арга', 'Ш', 'Б', 100],
      ]),
    cells: ['E3'],
  },
  {
    name: 'a bare 1 among percents above 1',
    code: 'PERCENT_SUSPICIOUS',
    analysis: () => sheet(REPORT_HEADER, [ok('1', 100), ok('2', 1), ok('3', 90)]),
    cells: ['G4'],
  },
  {
    name: 'a report row with no percent entered',
    code: 'PERCENT_MISSING',
    analysis: () => sheet(REPORT_HEADER, [ok('1'), ok('2', null)]),
    cells: ['G4'],
  },
  {
    name: 'error values, typed or computed',
    code: 'FORMULA_ERROR',
    analysis: () =>
      sheet(REPORT_HEADER, [
        ok('1', err('#DIV/0!')),
        ok('2', formula('C4/0', { error: '#VALUE!' })),
        ['3', 'Ажил', '#N/A', 'Т', 'Т', 'I улирал', 100],
      ]),
    cells: ['G3', 'G4', 'C5'],
  },
  {
    name: 'periods that are no date, quarter or phrase',
    code: 'PERIOD_INVALID',
    analysis: () =>
      sheet(REPORT_HEADER, [
        [...ok('1').slice(0, 5), '2024.13.02', 100],
        [...ok('2').slice(0, 5), 'III-V улирал', 100],
        [...ok('3').slice(0, 5), 'Сар бүр', 100],
      ]),
    cells: ['F3', 'F4'],
  },
  {
    name: 'an end before its start',
    code: 'PERIOD_INVERTED',
    analysis: () =>
      sheet(REPORT_HEADER, [
        [...ok('1').slice(0, 5), '2024.12.03\n2024.01.02', 100],
        [...ok('2').slice(0, 5), '2024.01.02\n2024.12.03', 100],
      ]),
    cells: ['F3'],
  },
  {
    name: 'a date outside the report year',
    code: 'PERIOD_OUTSIDE_YEAR',
    analysis: () =>
      sheet(REPORT_HEADER, [
        [...ok('1').slice(0, 5), '2024.01.02\n2014.12.03', 100],
        [...ok('2').slice(0, 5), '2024.01.02-2024.12.31', 100],
      ]),
    cells: ['F3'],
  },
  {
    name: 'several dots in an amount',
    code: 'NUMBER_AMBIGUOUS',
    analysis: () =>
      sheet(REPORT_HEADER, [
        ['1', 'Орлого', 'Ш', '32.829.9 сая төгрөг', '17,823.5 сая төгрөг', 'I улирал', 100],
      ]),
    cells: ['D3'],
  },
  {
    name: 'an amount stored as text in a receivables table',
    code: 'NUMBER_AS_TEXT',
    analysis: () =>
      sheet(RECEIVABLES_HEADER, [[1, 'Тасаг', '1 617,2', 100, 200, 300, 0, 1317.2, 10]], 'АВЛАГА 2024'),
    cells: ['C3'],
  },
  {
    name: 'a stated average that is not the average',
    code: 'STATED_TOTAL_MISMATCH',
    analysis: () =>
      sheet(REPORT_HEADER, [ok('1', 100), ok('2', 50), ['Дундаж', null, null, null, null, null, 80]]),
    cells: ['G5'],
  },
  {
    name: 'a stated receivables total that is not the sum',
    code: 'STATED_TOTAL_MISMATCH',
    analysis: () =>
      sheet(
        RECEIVABLES_HEADER,
        [
          [1, 'Тасаг А', 1000, 100, 200, 300, 0, 700, 10],
          [2, 'Тасаг Б', 500, 50, 50, 100, 0, 400, 10],
          ['Нийт', null, 1500, null, null, 300, null, 1100],
        ],
        'АВЛАГА 2024',
      ),
    cells: ['F5'],
  },
  {
    name: 'a sentence whose percentage does not follow from its amounts',
    code: 'STATED_PERCENT_MISMATCH',
    analysis: () =>
      sheet(REPORT_HEADER, [
        [
          '1',
          'Орлого',
          'Ш',
          'Т',
          '32.829.9 сая төгрөг төвлөрүүлэхээс 36.125.9 сая төгрөг төвлөрүүлж, төлөвлөгөөг 110.6%-иар биелүүлэв',
          'I улирал',
          100,
        ],
        [
          '2',
          'Орлого',
          'Ш',
          'Т',
          '1000 сая төгрөг төвлөрүүлэхээс 1100 сая төгрөг төвлөрүүлж, төлөвлөгөөг 110%-иар биелүүлэв',
          'I улирал',
          100,
        ],
      ]),
    cells: ['E3'],
  },
  {
    name: 'a narrative collection ratio below its threshold',
    code: 'TARGET_NOT_MET',
    analysis: () =>
      sheet(REPORT_HEADER, [
        [
          '1',
          'Авлага бууруулах',
          'Ш',
          'Авлагыг 30-аас доошгүй хувиар бууруулна',
          'Оны эхний авлага 1000,0 сая төгрөг байснаас 100,0 сая төгрөгийн авлагыг барагдуулсан',
          'I-IV улирал',
          null,
        ],
      ]),
    cells: ['E3'],
  },
  {
    name: 'a table reduction ratio below its target',
    code: 'TARGET_NOT_MET',
    analysis: () =>
      sheet(RECEIVABLES_HEADER, [[1, 'Тасаг', 1000, 100, 100, 200, 100, 900, 30]], 'АВЛАГА 2024'),
    cells: ['H3'],
  },
  {
    name: 'full + partial ≠ collected',
    code: 'DEBT_SUM_MISMATCH',
    analysis: () => sheet(RECEIVABLES_HEADER, [[1, 'Тасаг', 1000, 100, 200, 350, 0, 650, 10]], 'АВЛАГА 2024'),
    cells: ['F3'],
  },
  {
    name: 'closing ≠ opening − collected + new',
    code: 'DEBT_BALANCE_MISMATCH',
    analysis: () =>
      sheet(RECEIVABLES_HEADER, [[1, 'Тасаг', 1000, 100, 200, 300, 50, 800, 10]], 'АВЛАГА 2024'),
    cells: ['H3'],
  },
  {
    name: 'an opening balance of zero',
    code: 'DEBT_NO_OPENING',
    analysis: () => sheet(RECEIVABLES_HEADER, [[1, 'Тасаг', 0, 0, 0, 0, 12.5, 12.5, 10]], 'АВЛАГА 2024'),
    cells: ['C3'],
  },
  {
    name: 'a responsibility that is not Т, Г, Х, Ш',
    code: 'RESPONSIBILITY_INVALID',
    analysis: () =>
      sheet(
        JOB_HEADER,
        [
          ['1 дүгээр зорилтын хүрээнд', '1. Судалгаа хийх;', 'Судалгаа хийсэн байна.', 'Х, Д'],
          [null, '2. Хянах;', 'Хянасан байна.', 'X, Ш'],
          [null, '3. Шийдвэрлэх;', 'Шийдвэрлэсэн байна.', 'Хариуцна'],
        ],
        'АЛБАН ТУШААЛЫН ТОДОРХОЙЛОЛТ',
      ),
    cells: ['D3', 'D5'],
  },
];

describe.each(CASES)('$code: $name', ({ code, analysis, cells }) => {
  const a = analysis();

  test('reported exactly at its cells', () => {
    expect(at(a, code)).toEqual(cells);
  });

  test('with its severity and both messages', () => {
    const list = a.issues.filter((i) => i.code === code);
    expect(list.length).toBeGreaterThan(0);
    for (const i of list) {
      expect(i.severity).toBe(CONTRACT.get(code));
      expect(i.sheet).toBe('Хуудас');
      expect(i.message.trim().length).toBeGreaterThan(10);
      expect(i.messageEn.trim().length).toBeGreaterThan(10);
      expect(i.message).toMatch(/[а-яөүё]/i);
      // English apart from the quoted cell text and the Cyrillic codes it names.
      expect(i.messageEn.replace(/"[^"]*"/g, '""')).toMatch(/^[\x20-\x7E–—…→−ТГХШ]+$/);
      expect(i.messageEn).not.toBe(i.message);
      expect(i.message).not.toMatch(/\{\w+\}/);
      expect(i.messageEn).not.toMatch(/\{\w+\}/);
    }
    // Messages of issues that sit in a cell name it as Excel shows it.
    const located = list.filter((i) => i.column && i.row);
    const named = (i: (typeof list)[number]) =>
      [i.message, i.messageEn].map((m) => m.includes(`${i.column}${i.row}`));
    expect(located.map(named)).toEqual(located.map(() => [true, true]));
  });
});

test('every code the engine emits has a case above (the comparison codes are covered with compare)', () => {
  const emitted = CATALOGUE.filter((c) => 'analyze' in c).map((c) => c.code);
  expect([...new Set(CASES.map((c) => c.code))].sort()).toEqual(emitted.sort());
});

describe('what is not an issue', () => {
  test('above 100 in a performance report (over-fulfilment) is a warning, not an error, and still counts', () => {
    const a = sheet(REPORT_HEADER, [ok('1', 120), ok('2', '110.6%')]);
    expect(a.issues.map((i) => [i.code, i.severity, i.row])).toEqual([
      ['PERCENT_INVALID', 'warning', a.activities[0].row],
      ['PERCENT_INVALID', 'warning', a.activities[1].row],
    ]);
    expect(a.activities.map((x) => x.percent)).toEqual([120, 110.6]);
  });

  test('"-", "хугацаа болоогүй", "үнэлэх боломжгүй" are neither PERCENT_INVALID nor PERCENT_MISSING', () => {
    const a = sheet(REPORT_HEADER, [ok('1', '-'), ok('2', 'хугацаа болоогүй'), ok('3', 'Үнэлэх боломжгүй')]);
    expect(a.issues).toEqual([]);
    expect(a.activities.map((x) => [x.percent, x.unassessed])).toEqual([
      [null, 'deliberate'],
      [null, 'deliberate'],
      [null, 'deliberate'],
    ]);
  });

  test('PERCENT_MISSING says the suggestion when one can be computed', () => {
    const a = sheet(REPORT_HEADER, [
      ['1', 'Хяналт', 'Ш', '10 удаа', '5 удаа', 'I улирал', null],
      ok('2', null),
    ]);
    const [computed, none] = a.issues.filter((i) => i.code === 'PERCENT_MISSING');
    expect(computed.message).toContain('50');
    expect(computed.messageEn).toContain('suggested: 50%');
    expect(none.messageEn).not.toContain('suggested');
    expect(a.activities[0]).toMatchObject({ percent: 50, percentSource: 'computed' });
  });

  test('a plan has no percent column, so no PERCENT_MISSING', () => {
    const a = sheet(
      PLAN_HEADER,
      [['1.1', 'Ажил', 'Ш', 'Суурь', 'Зорилт', 'Сар бүр']],
      'Б.БОЛДЫН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ',
    );
    expect(a.issues).toEqual([]);
  });

  test('percents all ≤ 1 (a % format, or a sheet of fractions) are not suspicious', () => {
    expect(codes(sheet(REPORT_HEADER, [ok('1', pct(1)), ok('2', pct(0.9))]))).toEqual([]);
    expect(codes(sheet(REPORT_HEADER, [ok('1', 1), ok('2', 0.5)]))).not.toContain('PERCENT_SUSPICIOUS');
  });

  test('a stated average within 0.1 of the computed one', () => {
    const a = sheet(REPORT_HEADER, [
      ok('1', 100),
      ok('2', 70),
      ok('3', 70),
      ['Дундаж', null, null, null, null, null, 80],
    ]);
    expect(codes(a)).not.toContain('STATED_TOTAL_MISMATCH');
  });

  test('a date outside the year is not flagged when the year is unknown', () => {
    const a = sheet(
      REPORT_HEADER,
      [[...ok('1').slice(0, 5), '2014.01.02 2014.12.03', 100]],
      'ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ',
    );
    expect(a.meta.year).toBeNull();
    expect(codes(a)).toEqual([]);
  });

  test('receivables rows that add up', () => {
    const a = sheet(RECEIVABLES_HEADER, [[1, 'Тасаг', 1000, 100, 200, 300, 50, 750, 20]], 'АВЛАГА 2024');
    expect(a.issues).toEqual([]);
    expect(a.debt[0]).toMatchObject({ met: true, reductionRatio: 25 });
  });
});

describe('FORMULA_ERROR from a real workbook', () => {
  test.each<ErrorText>(['#VALUE!', '#REF!', '#DIV/0!', '#N/A', '#NAME?', '#NUM!', '#NULL!'])(
    '%s in a cell written by ExcelJS',
    async (e) => {
      const buf = await xlsxBuffer([
        {
          name: 'Хуудас',
          rows: [[REPORT_TITLE], REPORT_HEADER, ok('1', err(e)), ok('2', formula('G3*2', { error: e }))],
        },
      ]);
      const [snap] = await snapshotsOfBuffer(buf);
      const a = analyzeSheet(snap);
      expect(at(a, 'FORMULA_ERROR')).toEqual(['G3', 'G4']);
      const i = a.issues.find((x) => x.code === 'FORMULA_ERROR')!;
      expect(i.message).toContain(e);
      expect(i.messageEn).toContain(e);
      // An error is not a readable percent either.
      expect(at(a, 'PERCENT_INVALID')).toEqual(['G3', 'G4']);
    },
  );
});

describe('issue plumbing', () => {
  test('makeIssue fills the cell, field names and severity; sortIssues orders by severity, row, column', () => {
    const i = makeIssue('MISSING_REQUIRED', 'S', 12, 28, { field: 'achieved', no: '1.1' });
    expect(i).toMatchObject({
      code: 'MISSING_REQUIRED',
      severity: 'error',
      row: 12,
      column: 'AB',
      sheet: 'S',
    });
    expect(i.message).toContain('AB12');
    expect(i.message).toContain('Хүрсэн түвшин');
    expect(i.messageEn).toContain('Achieved');
    const j = makeIssue('PERIOD_OUTSIDE_YEAR', 'S', 3, 2, { date: '2014-12-03', year: 2024 });
    const k = makeIssue('DEBT_NO_OPENING', 'S', 1, 1);
    const l = makeIssue('MISSING_REQUIRED', 'S', 12, 3, { field: 'target', no: '' });
    expect(sortIssues([k, j, i, l]).map((x) => `${x.severity}:${x.column}${x.row}`)).toEqual([
      'error:C12',
      'error:AB12',
      'warning:B3',
      'info:A1',
    ]);
    const sheetLevel = makeIssue('UNRECOGNIZED_SHEET', 'Тэмдэглэл', null, null, { sheet: 'Тэмдэглэл' });
    expect(sheetLevel).toMatchObject({ row: null, column: null });
  });

  test('the same issue is reported once', () => {
    // A percent cell that is both an error value and unreadable yields one of each, not duplicates.
    const a = sheet(REPORT_HEADER, [ok('1', err('#REF!'))]);
    const keys = a.issues.map((i) => `${i.code}${i.column}${i.row}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
