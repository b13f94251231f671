/** Row classification and activity assembly (DESIGN.md section 4, "Rows"). */
import { analyzeSheet } from '../../src/core/analyze';
import type { SheetAnalysis } from '../../src/core/model';
import { sheetSnapshot, type Cell } from '../helpers/workbook';

const REPORT = [
  'Д/д',
  'Зорилтыг хэрэгжүүлэх арга хэмжээ',
  'Шалгуур үзүүлэлт',
  'Хүрэх түвшин',
  'Хүрсэн түвшин',
  'Гүйцэтгэлийн хувь',
];

function analyze(rows: Cell[][], merges: string[] = []): SheetAnalysis {
  return analyzeSheet(sheetSnapshot({ name: 'Тайлан', rows, merges }));
}

const kindsOf = (a: SheetAnalysis, table = 0) =>
  Object.fromEntries(a.tables[table].rows.map((r) => [r.row, r.kind]));

describe('a report with every kind of row', () => {
  const a = analyze(
    [
      ['БАЙЦААГЧ Б.БОЛДЫН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ'], // 1
      REPORT, // 2
      [1, 2, 3, 4, 5, 6], // 3 numbering
      ['НЭГ. БОДЛОГЫН БАРИМТ БИЧИГТ ТУСГАГДСАН ЗОРИЛТ'], // 4 section
      ['Зорилт 1.1. Хамралтыг нэмэгдүүлэх'], // 5 goal
      ['1.1.1', 'Сургалт зохион байгуулах,', 'Сургалтын тоо', '4 сургалт', '4 сургалт', 100], // 6
      [null, 'ажил олгогчдод зөвлөгөө өгөх', null, null, 'зохион байгуулсан'], // 7 continuation (page break)
      ['1.1.2', 'Хяналт хийх', 'Хяналтын тоо', '10 удаа', '5 удаа', null], // 8
      [null, null, 'МТТ-өөс хүргүүлсэн албан бичгийн хариу', 'Хариу өгөх', 'Хариу өгсөн'], // 9 sub-criterion
      [], // 10 blank
      ['ХОЁР. ХУУЛИАР ОЛГОСОН ЧИГ ҮҮРЭГ'], // 11 section
      ['“Орлого бүрдүүлэх” гэсэн байгууллагын стратегийн зорилтыг хангахад чиглэсэн хөтөлбөр, арга хэмжээ:'], // 12 goal
      ['2.1.1', 'Орлогын төлөвлөгөө', 'Ш', '2 удаа', '2 удаа', '100%'], // 13
      ['Дундаж', null, null, null, null, 80], // 14 total
      [], // 15
      [null, 'ТАЙЛАН ГАРГАСАН:'], // 16 signature
      [null, 'БАЙЦААГЧ', null, null, 'Б.БОЛД'], // 17
    ],
    ['A4:F4', 'A5:F5', 'A11:F11', 'A12:F12'],
  );

  test('every row gets its kind', () => {
    expect(kindsOf(a)).toEqual({
      4: 'section',
      5: 'goal',
      6: 'activity',
      7: 'continuation',
      8: 'activity',
      9: 'subcriterion',
      10: 'blank',
      11: 'section',
      12: 'goal',
      13: 'activity',
      14: 'total',
      15: 'blank',
      16: 'signature',
      17: 'signature',
    });
    expect(a.tables[0].numberingRow).toBe(3);
    expect(a.tables[0].lastRow).toBe(14);
  });

  test('activities carry their section and goal', () => {
    expect(a.activities.map((x) => [x.row, x.no, x.section, x.goal])).toEqual([
      [6, '1.1.1', 'НЭГ. БОДЛОГЫН БАРИМТ БИЧИГТ ТУСГАГДСАН ЗОРИЛТ', 'Зорилт 1.1. Хамралтыг нэмэгдүүлэх'],
      [8, '1.1.2', 'НЭГ. БОДЛОГЫН БАРИМТ БИЧИГТ ТУСГАГДСАН ЗОРИЛТ', 'Зорилт 1.1. Хамралтыг нэмэгдүүлэх'],
      [
        13,
        '2.1.1',
        'ХОЁР. ХУУЛИАР ОЛГОСОН ЧИГ ҮҮРЭГ',
        '“Орлого бүрдүүлэх” гэсэн байгууллагын стратегийн зорилтыг хангахад чиглэсэн хөтөлбөр, арга хэмжээ:',
      ],
    ]);
  });

  test('a continuation is joined with a space, a sub-criterion with a new line', () => {
    const [first, second] = a.activities;
    expect(first).toMatchObject({ row: 6, lastRow: 7 });
    expect(first.fields.activity).toBe('Сургалт зохион байгуулах, ажил олгогчдод зөвлөгөө өгөх');
    expect(first.fields.achieved).toBe('4 сургалт зохион байгуулсан');
    expect(second).toMatchObject({ row: 8, lastRow: 9 });
    expect(second.fields.criterion).toBe('Хяналтын тоо\nМТТ-өөс хүргүүлсэн албан бичгийн хариу');
    expect(second.fields.target).toBe('10 удаа\nХариу өгөх');
  });

  test("a continuation's cells are checked where they are, a merged group cell once, on its own row", () => {
    const b = analyzeSheet(
      sheetSnapshot({
        name: 'Үнэлгээ',
        rows: [
          [
            'Д/д',
            'Хөтөлбөрт тусгагдсан үйл ажиллагаа',
            'Хэрэгжүүлэх арга хэмжээ',
            'Шалгуур үзүүлэлт',
            'Хүрсэн түвшин',
            'Үнэлгээ',
          ],
          ['1', 'Хөтөлбөр 1,500 иргэн', 'Сургалт зохион байгуулах,', 'Сургалтын тоо', '4 сургалт', 100],
          [null, null, 'ажил олгогчдод 2,500 зөвлөгөө өгөх', null, '1.234.5 төгрөг'],
          ['2', null, 'Хяналт хийх', 'Хяналтын тоо', '5 удаа', 50],
          [null, null, 'МТТ-өөс 3,500 хүргүүлсэн'],
        ],
        merges: ['B2:B5'],
      }),
    );
    expect(b.template).toBe('program-evaluation');
    const located = b.issues.filter((i) => i.code === 'NUMBER_AMBIGUOUS').map((i) => `${i.column}${i.row}`);
    expect(located).toEqual(['B2', 'C3', 'E3', 'C5']);
  });

  test('the summary groups by goal, measures not goals', () => {
    expect(a.summary.goals.map((g) => [g.activities, g.assessed])).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });
});

describe('merged cells', () => {
  test('vertically merged group cells (programme text, number) apply to every row they cover', () => {
    const a = analyze(
      [
        [
          '№',
          'Хөтөлбөрт тусгагдсан үйл ажиллагаа',
          'Хэрэгжүүлэх арга хэмжээ',
          'Хүрэх түвшин, үр дүнгийн үзүүлэлт',
          'Биелэлт',
          'Үнэлгээ',
        ],
        [1, 'Хөтөлбөр А', 'Арга 1', 'Ш1', 'Б1', 100],
        [null, null, 'Арга 2', 'Ш2', 'Б2', 70],
        [null, null, 'Арга 3', 'Ш3', 'Б3', 30],
        [2, 'Хөтөлбөр Б', 'Арга 4', 'Ш4', 'Б4', 100],
      ],
      ['A2:A4', 'B2:B4'],
    );
    expect(a.template).toBe('program-evaluation');
    expect(a.activities.map((x) => [x.row, x.no, x.fields.program, x.fields.activity, x.percent])).toEqual([
      [2, '1', 'Хөтөлбөр А', 'Арга 1', 100],
      [3, '1', 'Хөтөлбөр А', 'Арга 2', 70],
      [4, '1', 'Хөтөлбөр А', 'Арга 3', 30],
      [5, '2', 'Хөтөлбөр Б', 'Арга 4', 100],
    ]);
    // A merged number is one number, not three duplicates.
    expect(a.issues.map((i) => i.code)).not.toContain('NUMBERING_DUPLICATE');
    expect(a.summary).toMatchObject({ activities: 4, assessed: 4, average: 75 });
  });

  test('a job goal merged over its functions is the goal of each function; the part III heading ends the table', () => {
    const a = analyze(
      [
        ['АЛБАН ТУШААЛЫН ТОДОРХОЙЛОЛТ'],
        [
          'Зорилт',
          'Албан тушаалын гүйцэтгэх чиг үүрэг',
          'Гүйцэтгэлийн шалгуур үзүүлэлт',
          'Хариуцлага, оролцооны хэлбэр',
        ],
        ['1 дүгээр зорилтын хүрээнд', '1. Судалгаа хийх;', 'Судалгаа хийсэн байна.', 'Х, Ш'],
        [null, '2. Стандарт боловсруулах, шинэ', 'Стандарт батлагдсан байна.', 'Г'],
        [null, 'стандарт нэвтрүүлэх;'],
        ['2 дугаар зорилтын хүрээнд', '1. Зөвлөмж боловсруулах;', 'Зөвлөмж хүргүүлсэн байна.', 'Т'],
        [],
        ['III. АЛБАН ТУШААЛД ТАВИГДАХ ТУСГАЙ ШААРДЛАГА'],
        ['Боловсрол', 'Бакалавр'],
      ],
      ['A3:A5'],
    );
    expect(a.template).toBe('job-description');
    expect(a.activities.map((x) => [x.row, x.no, x.goal, x.fields.activity])).toEqual([
      [3, '1', '1 дүгээр зорилтын хүрээнд', '1. Судалгаа хийх;'],
      [4, '2', '1 дүгээр зорилтын хүрээнд', '2. Стандарт боловсруулах, шинэ стандарт нэвтрүүлэх;'],
      [6, '1', '2 дугаар зорилтын хүрээнд', '1. Зөвлөмж боловсруулах;'],
    ]);
    expect(kindsOf(a)[8]).toBe('signature');
    expect(kindsOf(a)[9]).toBe('signature');
    expect(a.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('activity numbers', () => {
  test('"Арга хэмжээ 2.1.3." in the activity text is the number; the Д/д column only counts under the goal', () => {
    const a = analyze([
      REPORT,
      ['Зорилт 2.1. Орлого'],
      ['1', 'Арга хэмжээ 2.1.3. Орлогын төлөвлөгөө биелүүлэх', 'Ш', '2 удаа', '2 удаа', 100],
      ['2', 'Арга хэмжээ 2.1.4 Авлага бууруулах', 'Ш', '2 удаа', '1 удаа', 50],
      ['3', 'Тайлан гаргах', 'Ш', 'Тайлан', 'Тайлан', 100],
    ]);
    expect(a.activities.map((x) => x.no)).toEqual(['2.1.3', '2.1.4', '3']);
    // Clause numbers are not amounts: no NUMBER_AMBIGUOUS for "2.1.3.".
    expect(a.issues.map((i) => i.code)).not.toContain('NUMBER_AMBIGUOUS');
  });

  test('without a number column, a leading "1." in the activity is its number', () => {
    const a = analyze([
      ['Хэрэгжүүлэх арга хэмжээ', 'Шалгуур үзүүлэлт', 'Хэрэгжилт'],
      ['1. Мэдээлэл байршуулах', 'Байршсан', 'Байршуулсан'],
      ['2. Сургалт', 'Зохион байгуулсан', 'Зохион байгуулсан'],
    ]);
    expect(a.template).toBe('action-plan-status');
    expect(a.activities.map((x) => x.no)).toEqual(['1', '2']);
  });

  test('numbering restarts under each goal without duplicates; a repeat under one goal is reported at the repeat', () => {
    const a = analyze([
      REPORT,
      ['Зорилт 1. Хамралт'],
      ['1.', 'Нэг', 'Ш', '1 удаа', '1 удаа', 100],
      ['2.', 'Хоёр', 'Ш', '1 удаа', '1 удаа', 100],
      ['Зорилт 2. Орлого'],
      ['1.', 'Гурав', 'Ш', '1 удаа', '1 удаа', 100],
      ['2.', 'Дөрөв', 'Ш', '1 удаа', '1 удаа', 100],
      ['2.', 'Тав', 'Ш', '1 удаа', '1 удаа', 100],
    ]);
    expect(a.activities.map((x) => [x.row, x.no, x.goal])).toEqual([
      [3, '1', 'Зорилт 1. Хамралт'],
      [4, '2', 'Зорилт 1. Хамралт'],
      [6, '1', 'Зорилт 2. Орлого'],
      [7, '2', 'Зорилт 2. Орлого'],
      [8, '2', 'Зорилт 2. Орлого'],
    ]);
    const dup = a.issues.filter((i) => i.code === 'NUMBERING_DUPLICATE');
    expect(dup.map((i) => `${i.column}${i.row}`)).toEqual(['A8']);
    expect(dup[0].params).toMatchObject({ no: '2', first: 7 });
  });

  test('a number repeated (not merged) on every row of a group is a duplicate; merged it is not', () => {
    const rows: Cell[][] = [
      ['№', 'Хэрэгжүүлэх арга хэмжээ', 'Биелэлт', 'Үнэлгээ'],
      [1, 'Арга 1', 'Б1', 100],
      [null, 'Арга 2', 'Б2', 100],
    ];
    expect(analyze(rows, ['A2:A3']).issues.filter((i) => i.code === 'NUMBERING_DUPLICATE')).toEqual([]);
    const repeated = analyze([rows[0], rows[1], [1, 'Арга 2', 'Б2', 100]]);
    expect(repeated.issues.filter((i) => i.code === 'NUMBERING_DUPLICATE').map((i) => i.row)).toEqual([3]);
  });
});

describe('signature blocks and totals', () => {
  test.each(['ТАЙЛАН ГАРГАСАН:', 'ТАЙЛАГНАСАН :', 'ТӨЛӨВЛӨГӨӨГ ҮНЭЛСЭН :', 'ХЯНАСАН:', 'Баталсан:'])(
    '%j ends the table',
    (label) => {
      const a = analyze([
        REPORT,
        ['1', 'Нэг', 'Ш', '1', '1', 100],
        [null, label],
        ['2', 'Гарын үсгийн дараах мөр', 'Ш', '1', '1', 100],
      ]);
      expect(a.activities.map((x) => x.row)).toEqual([2]);
      expect(kindsOf(a)[3]).toBe('signature');
      expect(kindsOf(a)[4]).toBe('signature');
    },
  );

  test.each(['Дундаж', 'Дундаж үнэлгээ', 'Нийт', 'Дүн', 'Бүгд'])(
    '%j is a total row, not an activity',
    (label) => {
      const a = analyze([REPORT, ['1', 'Нэг', 'Ш', '1', '1', 100], [label, null, null, null, null, 100]]);
      expect(a.activities).toHaveLength(1);
      expect(kindsOf(a)[3]).toBe('total');
    },
  );
});
