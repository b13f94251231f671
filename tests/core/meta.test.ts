/** Metadata from the title rows (DESIGN.md section 4, "Metadata") and its overrides. */
import { analyzeSheet } from '../../src/core/analyze';
import { documentTitle } from '../../src/core/meta';
import type { Meta } from '../../src/core/model';
import { date, sheetSnapshot, type Cell } from '../helpers/workbook';

const REPORT = [
  'Д/д',
  'Арга хэмжээ',
  'Шалгуур үзүүлэлт',
  'Хүрэх түвшин',
  'Хүрсэн түвшин',
  'Гүйцэтгэлийн хувь',
];
const PLAN = ['Д/д', 'Арга хэмжээ', 'Шалгуур үзүүлэлт', 'Суурь түвшин', 'Зорилтот түвшин'];

function metaOf(titles: Cell[][], header = REPORT, meta?: Partial<Meta>) {
  const data: Cell[] = header === REPORT ? ['1', 'Ажил', 'Ш', 'Т', 'Х', 100] : ['1', 'Ажил', 'Ш', 'С', 'З'];
  return analyzeSheet(sheetSnapshot({ name: 'S', rows: [...titles, header, data] }), meta ? { meta } : {});
}

describe('from the title', () => {
  test('the year of the document, not of a decree cited above it', () => {
    const a = metaOf([
      ['Нийгмийн даатгалын ерөнхий газрын даргын 2023 оны 98 дугаар тушаалын 6 дугаар хавсралт'],
      [
        'ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Ж.АРИУНТУНГАЛАГИЙН 2024 ОНЫ ЭХНИЙ ХАГАС ЖИЛИЙН ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ',
      ],
      ['2024 оны 06 дугаар сарын 10'],
    ]);
    expect(a.meta).toEqual({
      year: 2024,
      period: 'H1',
      kind: 'report',
      person: 'Ж.АРИУНТУНГАЛАГ',
      unit: 'ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ',
    });
    expect(a.title).toBe(
      'ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Ж.АРИУНТУНГАЛАГИЙН 2024 ОНЫ ЭХНИЙ ХАГАС ЖИЛИЙН ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ',
    );
  });

  test('documentTitle skips citations', () => {
    expect(documentTitle(['Даргын 2023 оны тушаалын хавсралт', 'Б.БОЛДЫН 2024 ОНЫ ТӨЛӨВЛӨГӨӨ'])).toBe(
      'Б.БОЛДЫН 2024 ОНЫ ТӨЛӨВЛӨГӨӨ',
    );
    expect(documentTitle(['Улаанбаатар хот'])).toBeNull();
  });

  test.each([
    ['Б.ХУЛАНГИЙН 2025 ОНЫ ЭХНИЙ ХАГАС ЖИЛИЙН ГҮЙЦЭТГЭЛИЙН ТАЙЛАН', 'H1'],
    ['Б.ХУЛАНГИЙН 2025 ОНЫ ГҮЙЦЭТГЭЛИЙН ТАЙЛАН', 'FY'],
    ['Б.ХУЛАНГИЙН 2025 ОНЫ ЖИЛИЙН ЭЦСИЙН ГҮЙЦЭТГЭЛИЙН ТАЙЛАН', 'FY'],
    ['Б.ХУЛАНГИЙН 2025 ОНЫ I УЛИРЛЫН ТАЙЛАН', 'Q1'],
    ['Б.ХУЛАНГИЙН 2025 ОНЫ 2 ДУГААР УЛИРЛЫН ТАЙЛАН', 'Q2'],
    ['Б.ХУЛАНГИЙН 2025 ОНЫ III УЛИРЛЫН ГҮЙЦЭТГЭЛИЙН ТАЙЛАН', 'Q3'],
    ['Б.ХУЛАНГИЙН 2025 ОНЫ IV улирлын тайлан', 'Q4'],
    ['Б.ХУЛАНГИЙН 2025 ОНЫ 4-р улирлын биелэлт', 'Q4'],
  ])('%j → period %s', (title, period) => {
    expect(metaOf([[title]]).meta.period).toBe(period);
  });

  test.each([
    ['…2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ', 'report', REPORT],
    ['…2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТАЙЛАН', 'report', REPORT],
    ['…2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ', 'plan', PLAN],
    // A report sheet whose title says only ТӨЛӨВЛӨГӨӨ is still what its title says.
    ['…2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ', 'plan', REPORT],
    // No document word: the template's kind.
    ['Улаанбаатар хот', 'report', REPORT],
    ['Улаанбаатар хот', 'plan', PLAN],
  ])('%j (%s)', (title, kind, header) => {
    expect(metaOf([[title]], header).meta.kind).toBe(kind);
  });

  test('person with the genitive removed and the unit before the name', () => {
    const cases: [string, string | null, string | null][] = [
      ['ХАМРАЛТЫН ТАСГИЙН ДАРГА Б.ХУЛАНГИЙН 2025 ОНЫ ТАЙЛАН', 'Б.ХУЛАН', 'ХАМРАЛТЫН ТАСГИЙН ДАРГА'],
      [
        'ОРЛОГО, ШИМТГЭЛИЙН БАЙЦААГЧ Ж.АРИУНТУНГАЛАГИЙН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ',
        'Ж.АРИУНТУНГАЛАГ',
        'ОРЛОГО, ШИМТГЭЛИЙН БАЙЦААГЧ',
      ],
      ['МЭРГЭЖИЛТЭН Д.БОЛДЫН 2024 ОНЫ ТАЙЛАН', 'Д.БОЛД', 'МЭРГЭЖИЛТЭН'],
      ['Б. ДОРЖИЙН 2024 ОНЫ ТАЙЛАН', 'Б.ДОРЖ', null],
      ['2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТАЙЛАН', null, null],
    ];
    for (const [title, person, unit] of cases) {
      const m = metaOf([[title]]).meta;
      expect([title, m.person, m.unit]).toEqual([title, person, unit]);
    }
  });

  test('a title spread over several cells of a row is read as one line', () => {
    const a = metaOf([['ТАСГИЙН ДАРГА', 'Б.ХУЛАНГИЙН', '2025 ОНЫ ТАЙЛАН']]);
    expect(a.meta).toMatchObject({
      year: 2025,
      person: 'Б.ХУЛАН',
      unit: 'ТАСГИЙН ДАРГА',
      kind: 'report',
      period: 'FY',
    });
  });

  test('every field may be null', () => {
    const a = metaOf([], PLAN);
    expect(a.meta).toEqual({ year: null, period: null, kind: 'plan', person: null, unit: null });
  });
});

describe('job description metadata', () => {
  const JOB = [
    'Зорилт',
    'Албан тушаалын гүйцэтгэх чиг үүрэг',
    'Гүйцэтгэлийн шалгуур үзүүлэлт',
    'Хариуцлага, оролцооны хэлбэр',
  ];
  const rows = (approved: Cell): Cell[][] => [
    [
      null,
      null,
      'Нийгмийн даатгалын ерөнхий газрын даргын 2023 оны 06 дугаар сарын 12-ны өдрийн 102 дугаар тушаалын хавсралт',
    ],
    ['АЛБАН ТУШААЛЫН ТОДОРХОЙЛОЛТ'],
    ['Нэгжийн нэр:', 'Үйлчилгээ хөгжүүлэлт, олон нийттэй харилцах газар'],
    ['Албан тушаалын нэр:', 'Үйлчилгээний хөгжүүлэлтийн хэлтсийн дарга'],
    ['Албан тушаалын тодорхойлолтыг баталсан огноо:', approved],
    JOB,
    ['1 дүгээр зорилтын хүрээнд', '1. Судалгаа хийх;', 'Судалгаа хийсэн байна.', 'Х, Ш'],
  ];

  test.each<[string, Cell]>([
    ['text', '2024-06-12'],
    ['a date cell', date(2024, 6, 12)],
  ])('position, unit and the year of the approval date (%s)', (_, approved) => {
    const a = analyzeSheet(sheetSnapshot({ name: 'АТТ', rows: rows(approved) }));
    expect(a.template).toBe('job-description');
    expect(a.meta).toMatchObject({
      year: 2024,
      unit: 'Үйлчилгээ хөгжүүлэлт, олон нийттэй харилцах газар',
      position: 'Үйлчилгээний хөгжүүлэлтийн хэлтсийн дарга',
    });
  });

  test('"label: value" in one cell', () => {
    const r = rows('2024-06-12');
    r[3] = ['Албан тушаалын нэр: Ахлах мэргэжилтэн'];
    expect(analyzeSheet(sheetSnapshot({ name: 'АТТ', rows: r })).meta.position).toBe('Ахлах мэргэжилтэн');
  });
});

describe('overrides (CLI --year/--unit/--period, the task pane form)', () => {
  test('replace what the title says; empty values are ignored', () => {
    const titles = [['ТАСГИЙН ДАРГА Б.ХУЛАНГИЙН 2025 ОНЫ ЭХНИЙ ХАГАС ЖИЛИЙН ТАЙЛАН']];
    const a = metaOf(titles, REPORT, { year: 2026, unit: 'Хамралтын тасаг', period: 'Q3' });
    expect(a.meta).toEqual({
      year: 2026,
      period: 'Q3',
      kind: 'report',
      person: 'Б.ХУЛАН',
      unit: 'Хамралтын тасаг',
    });
    const b = metaOf(titles, REPORT, { year: undefined, unit: '', person: null });
    expect(b.meta).toMatchObject({ year: 2025, unit: 'ТАСГИЙН ДАРГА', person: 'Б.ХУЛАН', period: 'H1' });
  });

  test('apply to unrecognized sheets too, and move PERIOD_OUTSIDE_YEAR with the year', () => {
    const u = analyzeSheet(sheetSnapshot({ name: 'S', rows: [['Тэмдэглэл']] }), { meta: { year: 2030 } });
    expect(u.meta.year).toBe(2030);
    const rows: Cell[][] = [
      ['Б.ХУЛАНГИЙН 2024 ОНЫ ТАЙЛАН'],
      ['Д/д', 'Арга хэмжээ', 'Хүрэх түвшин', 'Хүрсэн түвшин', 'Хугацаа', 'Гүйцэтгэлийн хувь'],
      ['1', 'Ажил', 'Т', 'Х', '2025.01.02-2025.03.01', 100],
    ];
    const codes = (o?: Partial<Meta>) =>
      analyzeSheet(sheetSnapshot({ name: 'S', rows }), { meta: o }).issues.map((i) => i.code);
    expect(codes()).toContain('PERIOD_OUTSIDE_YEAR');
    expect(codes({ year: 2025 })).not.toContain('PERIOD_OUTSIDE_YEAR');
  });
});
