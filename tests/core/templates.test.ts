/** Recognition of every template (DESIGN.md section 4) from sheets generated in the test. */
import { analyzeSheet } from '../../src/core/analyze';
import type { SheetAnalysis, TemplateId } from '../../src/core/model';
import { DEFINITIONS, TEMPLATES, labelScore, COMPILED, withDefaults } from '../../src/core/templates';
import { TemplateSchema } from '../../src/core/templateSchema';
import { normalize } from '../../src/core/text';
import { letters, sheetSnapshot, type Cell } from '../helpers/workbook';
import { RECEIVABLES_HEADER } from '../helpers/headers';

interface Case {
  title: string;
  header: string[];
  /** Field id of each header column (same order). */
  fields: string[];
  rows: Cell[][];
}

/** One header and two data rows per template; `fields` names what each column must map to. */
const CASES: Record<TemplateId, Case> = {
  'performance-plan': {
    title: 'ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Б.БОЛДЫН 2025 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ',
    header: [
      'Д/д',
      'Зорилтыг хэрэгжүүлэх арга хэмжээ',
      'Төсөв',
      'Шалгуур үзүүлэлт',
      'Суурь түвшин',
      'Зорилтот түвшин',
      'Хугацаа',
      'Хариуцах нэгж',
    ],
    fields: ['no', 'activity', 'budget', 'criterion', 'baseline', 'target', 'period', 'responsible'],
    rows: [
      [
        '1.1.1',
        'Сургалт зохион байгуулах',
        'Шаардлагагүй',
        'Сургалтын тоо',
        '2024 онд 5 сургалт',
        '6 сургалт зохион байгуулна',
        'I-IV улирал',
        'Хамралтын тасаг',
      ],
      [
        '1.1.2',
        'Журам шинэчлэх',
        'Шаардлагагүй',
        'Журам батлагдсан байх',
        'Хуучин журам',
        'Шинэ журам',
        'II улирал',
        'Тамгын хэлтэс',
      ],
    ],
  },
  'performance-report': {
    title: 'ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Б.БОЛДЫН 2025 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ',
    header: [
      'Д/д',
      'Зорилтыг хэрэгжүүлэх арга хэмжээ',
      'Шалгуур үзүүлэлт',
      'Суурь түвшин',
      'Хүрэх түвшин',
      'Хүрсэн түвшин (биелэлт)',
      'Хугацаа',
      'Гүйцэтгэлийн хувь',
    ],
    fields: ['no', 'activity', 'criterion', 'baseline', 'target', 'achieved', 'period', 'percent'],
    rows: [
      [
        '1.1.1',
        'Сургалт зохион байгуулах',
        'Сургалтын тоо',
        '5 сургалт',
        '6 сургалт',
        '6 сургалт зохион байгуулсан',
        'I-IV улирал',
        100,
      ],
      [
        '1.1.2',
        'Журам шинэчлэх',
        'Журам батлагдсан байх',
        'Хуучин журам',
        'Шинэ журам',
        'Журмын төсөл боловсруулсан',
        'II улирал',
        70,
      ],
    ],
  },
  'program-evaluation': {
    title: 'Авлигатай тэмцэх хөтөлбөрийн 2019 оны биелэлтийн үнэлгээ',
    header: [
      '№',
      'Хөтөлбөрт тусгагдсан үйл ажиллагаа',
      'Хэрэгжүүлэх арга хэмжээ',
      'Хүрэх түвшин, үр дүнгийн үзүүлэлт',
      'Биелэлт',
      'Үнэлгээ',
    ],
    fields: ['no', 'program', 'activity', 'criterion', 'achieved', 'score'],
    rows: [
      [
        1,
        'Үйлчилгээний ил тод байдал',
        'Сэтгэл ханамжийн судалгаа хийх',
        'Судалгаа хийсэн байна',
        'Судалгааг хийсэн',
        100,
      ],
      [
        2,
        'Цахим үйлчилгээ',
        'Цахим гэрээ нэвтрүүлэх',
        'Гэрээ цахимаар байгуулсан',
        'Туршилтаар нэвтрүүлсэн',
        70,
      ],
    ],
  },
  'action-plan-status': {
    title: 'Шударга байдлын үнэлгээний ажлын төлөвлөгөөний хэрэгжилт',
    header: [
      'Д/д',
      'Арга хэмжээний чиглэл',
      'Хэрэгжүүлэх арга хэмжээ',
      'Шалгуур үзүүлэлт',
      'Хэрэгжилт',
      'Хугацаа',
      'Хариуцах нэгж',
    ],
    fields: ['no', 'direction', 'activity', 'criterion', 'achieved', 'period', 'responsible'],
    rows: [
      [
        '1',
        'Ил тод байдал',
        'Цахим хуудсанд мэдээлэл байршуулах',
        'Мэдээлэл байршсан байна',
        'Байршуулсан',
        'Сар бүр',
        'Тамгын хэлтэс',
      ],
      [
        '2',
        'Хариуцлага',
        'Ёс зүйн сургалт',
        'Сургалт зохион байгуулсан байна',
        'Зохион байгуулсан',
        'Улирал бүр',
        'Хүний нөөц',
      ],
    ],
  },
  'multi-year-plan': {
    title: 'ХӨТӨЛБӨРИЙГ ХЭРЭГЖҮҮЛЭХ ҮЙЛ АЖИЛЛАГААНЫ ТӨЛӨВЛӨГӨӨ',
    header: [
      'Д/д',
      'Хэрэгжүүлэх арга хэмжээ',
      'Шалгуур үзүүлэлт',
      'Төв',
      'Нийслэл',
      'Орон нутаг',
      '2019 он',
      '2020 он',
      '2021 он',
      'Шаардагдах хөрөнгийн эх үүсвэр',
    ],
    fields: [
      'no',
      'activity',
      'criterion',
      'levelCentral',
      'levelCapital',
      'levelLocal',
      'year:2019',
      'year:2020',
      'year:2021',
      'funding',
    ],
    rows: [
      ['1', 'Сургалт зохион байгуулах', 'Сургалтын тоо', '√', '√', null, '+', '+', null, 'Улсын төсөв'],
      ['2', 'Журам батлах', 'Журам баталсан байна', '√', null, '√', null, '+', '+', 'Шаардлагагүй'],
    ],
  },
  'indicator-targets': {
    title: 'ШАЛГУУР ҮЗҮҮЛЭЛТИЙН ЗОРИЛТОТ ТҮВШИН',
    header: ['Д/д', 'Шалгуур үзүүлэлт', 'Хэмжих нэгж', 'Суурь түвшин', '2024 он', '2025 он', '2026 он'],
    fields: ['no', 'criterion', 'unitOfMeasure', 'baseline', 'year:2024', 'year:2025', 'year:2026'],
    rows: [
      ['1', 'Даатгалд хамрагдалт', 'хувь', 85, 87, 89, 90],
      ['2', 'Үйлчлүүлэгчийн сэтгэл ханамж', 'хувь', 70, 75, 80, 85],
    ],
  },
  receivables: {
    title: 'НИЙГМИЙН ДААТГАЛЫН ШИМТГЭЛИЙН АВЛАГЫН БУУРАЛТ, 2024 ОН (сая төгрөг)',
    header: RECEIVABLES_HEADER,
    fields: [
      'no',
      'unit',
      'opening',
      'collectedFull',
      'collectedPartial',
      'collected',
      'newArrears',
      'closing',
      'reductionTarget',
    ],
    rows: [
      [1, 'Орлого шимтгэлийн тасаг', 1000, 100, 200, 300, 50, 750, 30],
      [2, 'Хамралтын тасаг', 500, 50, 50, 100, 0, 400, 10],
    ],
  },
  'job-description': {
    title: 'АЛБАН ТУШААЛЫН ТОДОРХОЙЛОЛТ',
    header: [
      'Зорилт',
      'Албан тушаалын гүйцэтгэх чиг үүрэг',
      'Гүйцэтгэлийн шалгуур үзүүлэлт',
      'Хариуцлага, оролцооны хэлбэр',
    ],
    fields: ['goal', 'activity', 'criterion', 'responsibility'],
    rows: [
      ['1 дүгээр зорилтын хүрээнд', '1. Судалгаа хийх;', 'Судалгаа хийсэн байна.', 'Х, Ш'],
      ['2 дугаар зорилтын хүрээнд', '1. Зөвлөмж боловсруулах;', 'Зөвлөмж хүргүүлсэн байна.', 'Г'],
    ],
  },
  'statistics-table': {
    title: 'НИЙГМИЙН ДААТГАЛД ХАМРАГДАГЧДЫН ТОО',
    header: ['Д/д', 'Үзүүлэлт', 'Хэмжих нэгж', '2022 он', '2023 он', '2024 он'],
    fields: ['no', 'label', 'unitOfMeasure', 'year:2022', 'year:2023', 'year:2024'],
    rows: [
      ['1', 'Даатгуулагч', 'мянга', 120.5, 125.1, 130.2],
      ['2', 'Ажил олгогч', 'мянга', 30.1, 31, 32.4],
    ],
  },
};

const IDS = Object.keys(CASES) as TemplateId[];

function permute<T>(xs: T[], order: number[]): T[] {
  return order.map((i) => xs[i]);
}

/** A sheet of the case: title, `blankRowsAbove` rows, header, data; columns in `order`, optional blank and unknown columns. */
function build(
  c: Case,
  opts: {
    blankRowsAbove?: number;
    order?: number[];
    blankCol?: boolean;
    extraCol?: boolean;
    header?: string[];
    noTitle?: boolean;
  } = {},
) {
  const order = opts.order ?? c.header.map((_, i) => i);
  let header: Cell[] = permute(opts.header ?? c.header, order);
  let fields: (string | null)[] = permute(c.fields, order);
  let rows: Cell[][] = c.rows.map((r) => permute(r, order));
  if (opts.blankCol) {
    // An empty column in the middle of the table.
    const at = 2;
    header = [...header.slice(0, at), null, ...header.slice(at)];
    fields = [...fields.slice(0, at), null, ...fields.slice(at)];
    rows = rows.map((r) => [...r.slice(0, at), null, ...r.slice(at)]);
  }
  if (opts.extraCol) {
    header = [...header, 'Тайлбар'];
    fields = [...fields, null];
    rows = rows.map((r) => [...r, 'тайлбаргүй']);
  }
  const above: Cell[][] = opts.noTitle
    ? []
    : [[c.title], ...Array.from({ length: opts.blankRowsAbove ?? 1 }, () => [])];
  const headerRow = above.length + 1;
  return {
    snap: sheetSnapshot({ name: 'Хуудас', rows: [...above, header, ...rows] }),
    headerRow,
    expectedColumns: Object.fromEntries(
      fields.map((f, i) => [f, letters(i + 1)[i]]).filter(([f]) => f !== null),
    ),
  };
}

function dataCount(a: SheetAnalysis): number {
  if (a.template === 'receivables') return a.debt.length;
  // A statistics table has figure rows, not activities.
  if (a.template === 'statistics-table')
    return a.activities.length + a.tables[0].rows.filter((r) => r.kind === 'activity').length;
  return a.activities.length;
}

describe('template definitions', () => {
  test('every definition is valid under the zod schema and the nine ids are distinct', () => {
    expect(TEMPLATES.map((t) => t.id).sort()).toEqual([...IDS].sort());
    for (const t of TEMPLATES) expect(() => TemplateSchema.parse(t)).not.toThrow();
    // The defaults the task pane fills in by hand are exactly the schema's.
    for (const d of DEFINITIONS) expect(withDefaults(d)).toEqual(TemplateSchema.parse(d));
    expect(() =>
      TemplateSchema.parse({ id: 'nope', name: { mn: '', en: '' }, fields: [], required: [] }),
    ).toThrow();
  });

  test('labelScore: a longer contained synonym beats a shorter one ("Хүрэх түвшин, үр дүнгийн үзүүлэлт" is a criterion)', () => {
    const fields = COMPILED.get('program-evaluation')!;
    const label = normalize('Хүрэх түвшин, үр дүнгийн үзүүлэлт');
    const best = fields.map((f) => labelScore(label, f)).sort((a, b) => b.score - a.score)[0];
    expect(best.id).toBe('criterion');
    const year = COMPILED.get('multi-year-plan')!.find((f) => f.pattern)!;
    expect(labelScore(normalize('2021 он'), year)).toMatchObject({ id: 'year:2021' });
    expect(labelScore(normalize('Хариуцах нэгж'), year).score).toBe(0);
  });
});

describe.each(IDS)('%s', (id) => {
  const c = CASES[id];

  test('recognized with its columns mapped (header in row 3)', () => {
    const { snap, headerRow, expectedColumns } = build(c);
    const a = analyzeSheet(snap);
    expect(a.template).toBe(id);
    expect(a.tables).toHaveLength(1);
    expect(a.tables[0].headerRow).toBe(headerRow);
    expect(a.tables[0].columns).toEqual(expectedColumns);
    expect(dataCount(a)).toBe(2);
    expect(a.candidates[0]).toMatchObject({ template: id, missing: [] });
    expect(a.confidence).toBeGreaterThan(0.5);
    expect(a.issues.map((i) => i.code)).not.toContain('UNRECOGNIZED_SHEET');
  });

  test('header in row 1 (no title)', () => {
    const { snap, headerRow, expectedColumns } = build(c, { noTitle: true });
    expect(headerRow).toBe(1);
    const a = analyzeSheet(snap);
    expect(a.template).toBe(id);
    expect(a.tables[0]).toMatchObject({ headerTop: 1, headerRow: 1 });
    expect(a.tables[0].columns).toEqual(expectedColumns);
    expect(dataCount(a)).toBe(2);
    expect(a.title).toBeNull();
  });

  test('header in row 25, columns shuffled, a blank and an unknown extra column', () => {
    const n = c.header.length;
    // i·3+1 mod n is a permutation when n is not a multiple of 3; otherwise reverse the columns.
    const order = Array.from({ length: n }, (_, i) => (i * 3 + 1) % n);
    const shuffled = new Set(order).size === n ? order : [...c.header.keys()].reverse();
    const { snap, headerRow, expectedColumns } = build(c, {
      blankRowsAbove: 23,
      order: shuffled,
      blankCol: true,
      extraCol: true,
    });
    expect(headerRow).toBe(25);
    const a = analyzeSheet(snap);
    expect(a.template).toBe(id);
    expect(a.tables[0].headerRow).toBe(25);
    expect(a.tables[0].columns).toEqual(expectedColumns);
    expect(dataCount(a)).toBe(2);
  });

  test('the activities carry their texts field by field', () => {
    const { snap } = build(c, { order: [...c.header.keys()].reverse() });
    const a = analyzeSheet(snap);
    if (id === 'receivables') {
      expect(a.debt.map((d) => [d.unit, d.opening, d.collected])).toEqual([
        ['Орлого шимтгэлийн тасаг', 1000, 300],
        ['Хамралтын тасаг', 500, 100],
      ]);
      return;
    }
    if (id === 'statistics-table') {
      expect(a.activities).toEqual([]);
      return;
    }
    c.rows.forEach((row, i) => {
      const act = a.activities[i];
      c.fields.forEach((f, j) => {
        const v = row[j];
        if (v === null || v === undefined || f === 'goal') return;
        expect([f, act.fields[f]]).toEqual([f, String(v)]);
      });
    });
  });
});

describe('labels as people write them', () => {
  test('typos, broken words and ү/ө slips: "Суурь тувшин", "Зорилтот тувшин", "Гүйцэ тгэлийн хувь", "Биелэлт ийн хувь"', () => {
    const header = [
      'Д/д',
      'Зорилтыг хэрэгжүүлэх арга хэмжээ',
      'Шалгуур үзүүлэлт',
      'Суурь тувшин',
      'Зорилтот тувшин',
      'Хурсэн тувшин',
      'Гүйцэ тгэлийн хувь',
    ];
    const a = analyzeSheet(
      sheetSnapshot({
        name: 'S',
        rows: [header, ['1.1', 'Ажил', 'Шалгуур', '1', '2', '2', 100]],
      }),
    );
    expect(a.template).toBe('performance-report');
    expect(a.tables[0].columns).toEqual({
      no: 'A',
      activity: 'B',
      criterion: 'C',
      baseline: 'D',
      target: 'E',
      achieved: 'F',
      percent: 'G',
    });
    const b = analyzeSheet(
      sheetSnapshot({
        name: 'S',
        rows: [
          ['Д/д', 'Арга хэмжээ', 'Хүрэх түвшин', 'Хүрсэн түвшин', 'Биелэлт ийн хувь'],
          ['1', 'Ажил', '2', '2', 100],
        ],
      }),
    );
    expect(b.tables[0].columns.percent).toBe('E');
    const plan = analyzeSheet(
      sheetSnapshot({
        name: 'S',
        rows: [
          ['Д/д', 'Арга хэмжээ', 'Шалгуур үзүүлэлт', 'Суурь тувшин', 'Зорилтот тувшин'],
          ['1', 'Ажил', 'Ш', '1', '2'],
        ],
      }),
    );
    expect(plan.template).toBe('performance-plan');
    expect(plan.tables[0].columns).toMatchObject({ baseline: 'D', target: 'E' });
  });

  test('two-row merged header: "Гүйцэтгэлийн түвшин" over Суурь / Хүрэх / Хүрсэн, numbering row under it', () => {
    const a = analyzeSheet(
      sheetSnapshot({
        name: 'S',
        rows: [
          ['БАЙЦААГЧ Б.БОЛДЫН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ'],
          [
            'Д/д',
            'Зорилтыг хэрэгжүүлэх арга хэмжээ',
            'Шалгуур үзүүлэлт',
            'Гүйцэтгэлийн түвшин',
            null,
            null,
            'Хугацаа',
            'Гүйцэтгэлийн хувь',
          ],
          [null, null, null, 'Суурь', 'Хүрэх', 'Хүрсэн'],
          [1, 2, 3, 4, 5, 6, 7, 8],
          ['1.1.1', 'Ажил', 'Шалгуур', '1', '2', '2', 'I-IV улирал', 100],
        ],
        merges: ['A2:A3', 'B2:B3', 'C2:C3', 'D2:F2', 'G2:G3', 'H2:H3'],
      }),
    );
    expect(a.template).toBe('performance-report');
    expect(a.tables[0]).toMatchObject({ headerTop: 2, headerRow: 3, numberingRow: 4 });
    expect(a.tables[0].columns).toEqual({
      no: 'A',
      activity: 'B',
      criterion: 'C',
      baseline: 'D',
      target: 'E',
      achieved: 'F',
      period: 'G',
      percent: 'H',
    });
    expect(a.activities.map((x) => x.row)).toEqual([5]);
  });

  test('a period label under "Гүйцэтгэлийн түвшин" names the target of that period', () => {
    const a = analyzeSheet(
      sheetSnapshot({
        name: 'S',
        rows: [
          ['Д/д', 'Арга хэмжээ', 'Шалгуур үзүүлэлт', 'Гүйцэтгэлийн түвшин', null, 'Гүйцэтгэлийн хувь'],
          [null, null, null, 'Эхний хагас жил', 'Хүрсэн түвшин'],
          ['1', 'Ажил', 'Ш', '4 удаа', '4 удаа', null],
        ],
        merges: ['D1:E1'],
      }),
    );
    expect(a.template).toBe('performance-report');
    expect(a.tables[0].columns).toMatchObject({ target: 'D', achieved: 'E', percent: 'F' });
    expect(a.activities[0]).toMatchObject({ percent: 100, percentSource: 'computed' });
  });
});

describe('generated layouts not in the samples', () => {
  test('multi-year-plan: "Хэрэгжүүлэх түвшин" over Төв / Нийслэл / Орон нутаг and "Хэрэгжүүлэх хугацаа" over 2019 он … 2022 он', () => {
    const a = analyzeSheet(
      sheetSnapshot({
        name: 'Төлөвлөгөө',
        rows: [
          ['ХӨТӨЛБӨРИЙГ ХЭРЭГЖҮҮЛЭХ ҮЙЛ АЖИЛЛАГААНЫ ТӨЛӨВЛӨГӨӨ'],
          [
            'Д/д',
            'Хэрэгжүүлэх арга хэмжээ',
            'Шалгуур үзүүлэлт',
            'Хэрэгжүүлэх түвшин',
            null,
            null,
            'Хэрэгжүүлэх хугацаа',
            null,
            null,
            null,
            'Шаардагдах хөрөнгийн эх үүсвэр',
          ],
          [null, null, null, 'Төв', 'Нийслэл', 'Орон нутаг', '2019 он', '2020 он', '2021 он', '2022 он'],
          [
            '1',
            'Сургалт зохион байгуулах',
            'Сургалтын тоо',
            '√',
            '√',
            null,
            '+',
            '+',
            null,
            null,
            'Улсын төсөв',
          ],
          ['2', 'Журам батлах', 'Журам баталсан байна', '√', null, '√', null, '+', '+', '+', 'Шаардлагагүй'],
        ],
        merges: ['A1:K1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:F2', 'G2:J2', 'K2:K3'],
      }),
    );
    expect(a.template).toBe('multi-year-plan');
    expect(a.tables[0]).toMatchObject({ headerTop: 2, headerRow: 3 });
    expect(a.tables[0].columns).toEqual({
      no: 'A',
      activity: 'B',
      criterion: 'C',
      levelCentral: 'D',
      levelCapital: 'E',
      levelLocal: 'F',
      'year:2019': 'G',
      'year:2020': 'H',
      'year:2021': 'I',
      'year:2022': 'J',
      funding: 'K',
    });
    expect(
      a.activities.map((x) =>
        Object.keys(x.fields)
          .filter((f) => /^(year|level)/.test(f))
          .sort(),
      ),
    ).toEqual([
      ['levelCapital', 'levelCentral', 'year:2019', 'year:2020'],
      ['levelCentral', 'levelLocal', 'year:2020', 'year:2021', 'year:2022'],
    ]);
    expect(a.activities[0].fields['year:2019']).toBe('+');
    expect(a.meta.kind).toBe('plan');
    expect(a.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('indicator-targets: "2024 оны зорилт" style year columns beside a baseline', () => {
    const a = analyzeSheet(
      sheetSnapshot({
        name: 'Шалгуур',
        rows: [
          ['Үзүүлэлт', 'Суурь түвшин', '2024 оны зорилт', '2025 оны зорилт'],
          ['Хамрагдалт, хувь', 85, 87, 89],
          ['Цахим үйлчилгээ, хувь', 40, 60, 80],
        ],
      }),
    );
    expect(a.template).toBe('indicator-targets');
    expect(a.tables[0].columns).toEqual({
      criterion: 'A',
      baseline: 'B',
      'year:2024': 'C',
      'year:2025': 'D',
    });
    expect(a.activities.map((x) => x.fields['year:2025'])).toEqual(['89', '80']);
  });
});

describe('tie rules', () => {
  const reportHeader = [
    'Д/д',
    'Хэрэгжүүлэх арга хэмжээ',
    'Хүрэх түвшин, үр дүнгийн үзүүлэлт',
    'Хүрсэн түвшин',
    'Зорилтот түвшин',
  ];

  test('a score column (Үнэлгээ) makes a table a program-evaluation even when a report would fit', () => {
    const withScore = analyzeSheet(
      sheetSnapshot({
        name: 'S',
        rows: [
          [...reportHeader, 'Үнэлгээ'],
          ['1', 'Ажил', 'Шалгуур', 'Хийсэн', 'Хийх', 100],
        ],
      }),
    );
    expect(withScore.template).toBe('program-evaluation');
    expect(withScore.tables[0].columns).toMatchObject({ criterion: 'C', score: 'F' });
    const without = analyzeSheet(
      sheetSnapshot({ name: 'S', rows: [reportHeader, ['1', 'Ажил', 'Шалгуур', 'Хийсэн', 'Хийх']] }),
    );
    expect(without.template).toBe('performance-report');
    const ranks = withScore.candidates.map((x) => x.template);
    expect(ranks.indexOf('program-evaluation')).toBeLessThan(ranks.indexOf('performance-report'));
  });

  test('a plan has no achieved column: the same header with "Хүрсэн түвшин" is a report', () => {
    const plan = ['Д/д', 'Арга хэмжээ', 'Шалгуур үзүүлэлт', 'Суурь түвшин', 'Зорилтот түвшин'];
    expect(analyzeSheet(sheetSnapshot({ name: 'S', rows: [plan, ['1', 'a', 'b', 'c', 'd']] })).template).toBe(
      'performance-plan',
    );
    const report = analyzeSheet(
      sheetSnapshot({
        name: 'S',
        rows: [
          [...plan, 'Хүрсэн түвшин'],
          ['1', 'a', 'b', 'c', 'd', 'e'],
        ],
      }),
    );
    expect(report.template).toBe('performance-report');
    const planCand = report.candidates.find((x) => x.template === 'performance-plan')!;
    expect(planCand.score).toBe(0); // ruled out by its forbidden achieved column
  });

  test('action-plan-status needs no target; with a target it becomes a report', () => {
    const h = ['Д/д', 'Арга хэмжээ', 'Шалгуур үзүүлэлт', 'Хэрэгжилт'];
    expect(analyzeSheet(sheetSnapshot({ name: 'S', rows: [h, ['1', 'a', 'b', 'c']] })).template).toBe(
      'action-plan-status',
    );
    expect(
      analyzeSheet(
        sheetSnapshot({
          name: 'S',
          rows: [
            [...h, 'Хүрэх түвшин'],
            ['1', 'a', 'b', 'c', 'd'],
          ],
        }),
      ).template,
    ).toBe('performance-report');
  });

  test('every candidate keeps a score and what it misses, best first', () => {
    const a = analyzeSheet(build(CASES['performance-plan']).snap);
    expect(a.candidates).toHaveLength(9);
    expect(a.candidates[0]).toEqual({ template: 'performance-plan', score: 1, missing: [] });
    const report = a.candidates.find((x) => x.template === 'performance-report')!;
    expect(report.missing).toContain('achieved');
    for (const x of a.candidates) expect(x.score).toBeGreaterThanOrEqual(0);
  });
});

describe('sheets with several tables, and sheets with none', () => {
  test('a second table with its own title and header ("Хоёр. Мэдлэг, ур чадвараа дээшлүүлэх зорилт")', () => {
    const header = [
      'Д/д',
      'Зорилтыг хэрэгжүүлэх арга хэмжээ',
      'Шалгуур үзүүлэлт',
      'Хүрэх түвшин',
      'Хүрсэн түвшин',
      'Биелэлтийн хувь',
    ];
    const a = analyzeSheet(
      sheetSnapshot({
        name: 'S',
        rows: [
          ['БАЙЦААГЧ Б.БОЛДЫН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ'],
          header,
          ['1.1.1', 'Ажил нэг', 'Ш', '2 удаа', '2 удаа', 100],
          ['1.1.2', 'Ажил хоёр', 'Ш', '4 удаа', '2 удаа', 50],
          [],
          ['Хоёр. Мэдлэг, ур чадвараа дээшлүүлэх зорилт'],
          header,
          ['1.', 'Монгол бичиг сурах', 'Ш', 'Уншдаг болох', 'Уншдаг болсон', 100],
          [],
          [null, 'ТАЙЛАН ГАРГАСАН:'],
        ],
        merges: ['A1:F1', 'A6:F6'],
      }),
    );
    expect(a.template).toBe('performance-report');
    expect(a.tables.map((t) => [t.headerRow, t.titleRow])).toEqual([
      [2, null],
      [7, 6],
    ]);
    expect(a.activities.map((x) => [x.table, x.row, x.no])).toEqual([
      [0, 3, '1.1.1'],
      [0, 4, '1.1.2'],
      [1, 8, '1'],
    ]);
    expect(a.activities[2].section).toBe('Хоёр. Мэдлэг, ур чадвараа дээшлүүлэх зорилт');
    expect(a.tables[0].lastRow).toBeLessThan(6);
    expect(a.summary).toMatchObject({ activities: 3, assessed: 3, average: 83.3 });
  });

  test('an unrecognized sheet is skipped with one UNRECOGNIZED_SHEET info and template null', () => {
    const a = analyzeSheet(
      sheetSnapshot({
        name: 'Тэмдэглэл',
        rows: [
          ['Хурлын тэмдэглэл'],
          ['Огноо', 'Сэдэв', 'Оролцогч'],
          ['2024.01.02', 'Төлөвлөгөө', 'Бүх ажилтан'],
        ],
      }),
    );
    expect(a.template).toBeNull();
    expect(a.tables).toEqual([]);
    expect(a.activities).toEqual([]);
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({
      code: 'UNRECOGNIZED_SHEET',
      severity: 'info',
      row: null,
      column: null,
      sheet: 'Тэмдэглэл',
    });
    expect(a.issues[0].message).toContain('Тэмдэглэл');
    expect(a.candidates.every((c) => c.score === 0 && c.missing.length > 0)).toBe(true);
  });

  test('an empty sheet is unrecognized; a header beyond row 30 is found (DESIGN.md section 14, header anywhere)', () => {
    expect(
      analyzeSheet({ name: 'E', origin: { row: 1, col: 1 }, values: [], merges: [] }).template,
    ).toBeNull();
    const late = build(CASES['performance-plan'], { blankRowsAbove: 30 });
    expect(late.headerRow).toBe(32);
    const a = analyzeSheet(late.snap);
    expect(a.template).toBe('performance-plan');
    expect(a.tables[0].headerTop).toBe(32);
  });

  test('the template can be forced and a column corrected (task pane overrides)', () => {
    const { snap } = build(CASES['performance-report']);
    const forced = analyzeSheet(snap, { template: 'action-plan-status' });
    expect(forced.template).toBe('action-plan-status');
    const plain = analyzeSheet(snap).tables[0].columns;
    const moved = analyzeSheet(snap, { columns: { achieved: 'E' } });
    expect(moved.tables[0].columns.achieved).toBe('E');
    expect(moved.tables[0].columns.target).toBeUndefined();
    // The header's scores are shared by every sheet with the same labels: a correction stays with its own sheet.
    expect(analyzeSheet(snap).tables[0].columns).toEqual(plain);
    expect(plain.target).toBeDefined();
  });
});
