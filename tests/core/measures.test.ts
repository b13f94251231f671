/** Measures (DESIGN.md section 6): effective percent, averages, buckets, rounding, debt. */
import { analyzeSheet } from '../../src/core/analyze';
import {
  DEFAULT_SETTINGS,
  bucketOf,
  completeDebt,
  debtFromNarrative,
  percentFromQuantities,
  thresholdOf,
  type Settings,
} from '../../src/core/measure';
import type { SheetAnalysis } from '../../src/core/model';
import { pct, sheetSnapshot, type Cell } from '../helpers/workbook';

const TITLE = 'БАЙЦААГЧ Б.БОЛДЫН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ';
/** A–F: no, activity, criterion, target, achieved, percent; data from row 3. */
const REPORT = [
  'Д/д',
  'Зорилтыг хэрэгжүүлэх арга хэмжээ',
  'Шалгуур үзүүлэлт',
  'Хүрэх түвшин',
  'Хүрсэн түвшин',
  'Гүйцэтгэлийн хувь',
];
const EVALUATION = [
  '№',
  'Хэрэгжүүлэх арга хэмжээ',
  'Хүрэх түвшин, үр дүнгийн үзүүлэлт',
  'Биелэлт',
  'Үнэлгээ',
];
const RECEIVABLES = [
  'Д/д',
  'Нэгж',
  'Оны эхний авлага',
  'Нийт барагдуулсан',
  'Эцсийн үлдэгдэл',
  'Бууруулах зорилт (%)',
  'Сангийн орлого',
];

function report(rows: Cell[][], settings?: Settings): SheetAnalysis {
  return analyzeSheet(
    sheetSnapshot({ name: 'Тайлан', rows: [[TITLE], REPORT, ...rows] }),
    settings ? { settings } : {},
  );
}
const row = (no: string, target: string, achieved: string, percent: Cell = null): Cell[] => [
  no,
  'Ажил',
  'Шалгуур',
  target,
  achieved,
  percent,
];

describe('effective percent of a row', () => {
  const a = report([
    row('1', '10 сургалт', '8 сургалт', 95), // entered wins over the computable 80
    row('2', '10 сургалт', '8 сургалт'), // computed from quantities
    row(
      '3',
      'Ажил олгогчийн тоог 46, даатгуулагчийн тоог 186',
      'Ажил олгогчийн тоог 47, даатгуулагчийн тоог 93',
    ), // weakest pair
    row('4', '5 удаа', '7 удаа'), // capped at 100
    row('5', '2 сургалт, 3 удаа', '2 сургалт'), // different counts → nothing to compute
    row('6', 'Тайлан гаргах', 'Тайлан гаргасан'), // no quantities
    row('7', '10 сургалт', '8 сургалт', '-'), // deliberately not assessed
    row('8', '2024 онд 10 сургалт', '2024 оны 02 сарын 27-ны өдөр 5 сургалт'), // years and dates are not quantities
    row('9', '300 сая төгрөг', '0,3 тэрбум төгрөг'), // same amount in other units
    row('10', '10 удаа', '5 удаа', pct(0.9)), // a % format: 0.9 is 90
    [
      '11',
      'Авлага бууруулах',
      'Шалгуур',
      'Авлагыг оны эхний дүнгээс 30-аас доошгүй хувиар бууруулна',
      'Оны эхний авлага 4740,9 сая төгрөг байснаас 933,8 сая төгрөгийн авлагыг барагдуулсан',
      null,
    ], // from debt: 19.7 % of a 30 % threshold
  ]);
  const by = Object.fromEntries(a.activities.map((x) => [x.no, [x.percent, x.percentSource]]));

  test('entered, computed from quantities, from debt, or unassessed', () => {
    expect(by).toEqual({
      '1': [95, 'entered'],
      '2': [80, 'computed'],
      '3': [50, 'computed'],
      '4': [100, 'computed'],
      '5': [null, null],
      '6': [null, null],
      '7': [null, null],
      '8': [50, 'computed'],
      '9': [100, 'computed'],
      '10': [90, 'entered'],
      '11': [65.7, 'computed'],
    });
  });

  test('why a row is unassessed', () => {
    const why = Object.fromEntries(
      a.activities.filter((x) => x.percent === null).map((x) => [x.no, x.unassessed]),
    );
    expect(why).toEqual({ '5': 'no-data', '6': 'no-data', '7': 'deliberate' });
  });

  test('entered values are never overwritten', () => {
    const x = report([row('1', '10 удаа', '1 удаа', 100)]).activities[0];
    expect(x).toMatchObject({ percent: 100, percentSource: 'entered' });
    expect(x.raw.percent).toBe(100);
  });

  test('percentFromQuantities', () => {
    expect(percentFromQuantities('10 сургалт', '8 сургалт')).toBe(80);
    expect(percentFromQuantities('0 сургалт', '8 сургалт')).toBeNull();
    expect(percentFromQuantities('10', '')).toBeNull();
    expect(percentFromQuantities(undefined, '5')).toBeNull();
    expect(percentFromQuantities('99.94% байх', '99.9% болсон')).toBeNull();
    expect(percentFromQuantities('4 удаа, 40 хүн', '4 удаа, 30 хүн')).toBe(75);
  });

  test('programme scores are the entered percent; the criterion is not a target there', () => {
    const e = analyzeSheet(
      sheetSnapshot({
        name: 'Үнэлгээ',
        rows: [
          EVALUATION,
          [1, 'Арга', '10 сургалт', '5 сургалт', 70],
          [2, 'Арга', '10 сургалт', '5 сургалт', null],
        ],
      }),
    );
    expect(e.activities.map((x) => [x.percent, x.percentSource])).toEqual([
      [70, 'entered'],
      [null, null],
    ]);
  });
});

describe('averages and buckets', () => {
  /** 90 scored measures: 50 at 100, 21 at 70, 19 at 30, split over two goals of unequal size. */
  function published(settings?: Settings) {
    const rows: Cell[][] = [['Зорилт 1. Эхний зорилт']];
    const scores = [...Array(50).fill(100), ...Array(21).fill(70), ...Array(19).fill(30)];
    scores.forEach((s, i) => {
      if (i === 60) rows.push(['Зорилт 2. Хоёр дахь зорилт']);
      rows.push([String(i + 1), `Арга хэмжээ ${i + 1}`, 'Шалгуур', 'Бичсэн', s]);
    });
    rows.push(['Дундаж үнэлгээ', null, null, null, 78.2]);
    return analyzeSheet(
      sheetSnapshot({ name: 'Үнэлгээ', rows: [['Хөтөлбөрийн 2019 оны үнэлгээ'], EVALUATION, ...rows] }),
      settings ? { settings } : {},
    );
  }

  test('(50·100 + 21·70 + 19·30) / 90 = 78.2, pooled over measures, with the stated average confirmed', () => {
    const a = published();
    expect(a.template).toBe('program-evaluation');
    expect(a.summary).toMatchObject({ activities: 90, assessed: 90, average: 78.2 });
    expect(a.summary.buckets).toEqual({ '100': 50, '70': 21, '30': 19, '0': 0, '-': 0 });
    expect(a.issues.map((i) => i.code)).not.toContain('STATED_TOTAL_MISMATCH');
  });

  test('goal averages are over their own measures; the overall one is not an average of goal averages', () => {
    const a = published();
    // Goal 1: 50×100 + 10×70; goal 2: 11×70 + 19×30.
    expect(a.summary.goals.map((g) => [g.title, g.activities, g.assessed, g.average])).toEqual([
      ['Зорилт 1. Эхний зорилт', 60, 60, 95],
      ['Зорилт 2. Хоёр дахь зорилт', 30, 30, 44.7],
    ]);
    expect((95 + 44.7) / 2).not.toBeCloseTo(78.2, 0);
  });

  test('unassessed items ("-") are counted but never averaged', () => {
    const a = report([
      row('1', 'а', 'б', 100),
      row('2', 'а', 'б', '-'),
      row('3', 'а', 'б', 50),
      row('4', 'а', 'б'),
    ]);
    expect(a.summary).toMatchObject({ activities: 4, assessed: 2, average: 75 });
    expect(a.summary.buckets).toEqual({ '100': 1, '70': 0, '30': 1, '0': 0, '-': 2 });
  });

  test('default scale: 90 ≤ p → 100, 60 ≤ p → 70, 30 ≤ p → 30, else 0; a typed level is its own level', () => {
    const cases: [number | null, string][] = [
      [100, '100'],
      [90, '100'],
      [89.99, '70'],
      [70, '70'],
      [60, '70'],
      [59.9, '30'],
      [30, '30'],
      [29.9, '0'],
      [0, '0'],
      [null, '-'],
    ];
    for (const [p, b] of cases) expect([p, bucketOf(p, DEFAULT_SETTINGS)]).toEqual([p, b]);
  });

  test('a custom scale moves the buckets', () => {
    const custom: Settings = { thresholds: [80, 50, 40], thirdLevelLabel: 40, rounding: 'half-up' };
    expect([85, 60, 45, 35].map((p) => bucketOf(p, custom))).toEqual(['100', '70', '30', '0']);
    expect([85, 60, 45, 35].map((p) => bucketOf(p, DEFAULT_SETTINGS))).toEqual(['70', '70', '30', '30']);
    const a = report([row('1', 'а', 'б', 85), row('2', 'а', 'б', 35)], custom);
    expect(a.summary.buckets).toEqual({ '100': 1, '70': 0, '30': 0, '0': 1, '-': 0 });
    expect(report([row('1', 'а', 'б', 85), row('2', 'а', 'б', 35)]).summary.buckets).toEqual({
      '100': 0,
      '70': 1,
      '30': 1,
      '0': 0,
      '-': 0,
    });
  });

  test('half-up rounding by default, truncation as an option, once at the end', () => {
    const rows = [row('1', 'а', 'б', 100), row('2', 'а', 'б', 31.3), row('3', 'а', 'б', 65.65)];
    const half = report(rows);
    const trunc = report(rows, { ...DEFAULT_SETTINGS, rounding: 'truncate' });
    // (100 + 31.3 + 65.65) / 3 = 65.65
    expect(half.summary.average).toBe(65.7);
    expect(trunc.summary.average).toBe(65.6);
    expect(half.activities[2].percent).toBe(65.7);
    expect(trunc.activities[2].percent).toBe(65.6);
    // Not rounded in between: 3 × 33.33 (from 1/3 quantities) averages 33.3, not 33.3 of rounded parts.
    const thirds = report([
      row('1', '3 удаа', '1 удаа'),
      row('2', '3 удаа', '1 удаа'),
      row('3', '3 удаа', '2 удаа'),
    ]);
    expect(thirds.summary.average).toBe(44.4);
  });
});

describe('debt from a narrative', () => {
  test('"Оны эхний авлага 5297,4 сая төгрөг байснаас … 2571,0 сая төгрөгийн авлагыг барагдуулсан"', () => {
    const d = debtFromNarrative(
      'Оны эхний авлага 5297,4 сая төгрөг байснаас 98 ажил олгогчийн 669,1 сая төгрөгийн авлагыг бүрэн барагдуулж, 207 ажил олгогчийн 1901,9 сая төгрөгийн авлагыг хэсэгчлэн барагдуулж, 305 ажил олгогчийн 2571,0 сая төгрөгийн авлагыг барагдуулсан.',
    );
    expect(d).not.toBeNull();
    expect(d!.opening).toBeCloseTo(5297.4, 6);
    expect(d!.collected).toBeCloseTo(2571.0, 6);
    expect(d!.collectedFull).toBeCloseTo(669.1, 6);
    expect(d!.collectedPartial).toBeCloseTo(1901.9, 6);
    // Without a stated total, full + partial is the collection.
    const parts = debtFromNarrative(
      'Оны эхний авлага 1000 сая төгрөг байснаас 100 сая төгрөгийн авлагыг бүрэн барагдуулж, 50 сая төгрөгийн авлагыг хэсэгчлэн барагдуулсан',
    );
    expect(parts).toMatchObject({ opening: 1000, collected: 150, collectedFull: 100, collectedPartial: 50 });
  });

  test('"Оны эхний авлагатай байгууллагын 8,801.5 сая төгрөгөөс … 1,140.0 сая төгрөгийг барагдуулж"', () => {
    const d = debtFromNarrative(
      'Оны эхний авлагатай байгууллагын 8,801.5 сая төгрөгөөс 120 байгууллагын 1,140.0 сая төгрөгийг барагдуулж ажилласан.',
    );
    expect(d).toMatchObject({
      opening: 8801.5,
      collected: 1140,
      collectedFull: null,
      collectedPartial: null,
    });
  });

  test('amounts in another unit are brought to the unit of the opening balance', () => {
    const d = debtFromNarrative(
      'Оны эхний авлага 2,5 тэрбум төгрөг байснаас 500 сая төгрөгийн авлагыг барагдуулсан',
    );
    expect(d).toMatchObject({ opening: 2.5, collected: 0.5 });
  });

  test('text without an opening balance or without a collection is no debt', () => {
    expect(debtFromNarrative('Авлагыг 30-аас доошгүй хувиар бууруулна')).toBeNull();
    expect(debtFromNarrative('Оны эхний авлага 5297,4 сая төгрөг байсан')).toBeNull();
  });

  test('in a report row: ratio, threshold from the target, met or not, and a computed percent', () => {
    const a = report([
      row(
        '1',
        '30-аас доошгүй хувиар бууруулна',
        'Оны эхний авлага 5297,4 сая төгрөг байснаас 2571,0 сая төгрөгийн авлагыг барагдуулсан',
        100,
      ),
      row(
        '2',
        '30-аас доошгүй хувиар бууруулна',
        'Оны эхний авлагатай байгууллагын 8,801.5 сая төгрөгөөс 1,140.0 сая төгрөгийг барагдуулж',
      ),
    ]);
    expect(a.debt).toEqual([
      expect.objectContaining({
        row: 3,
        source: 'narrative',
        opening: 5297.4,
        collected: 2571,
        collectionRatio: 48.5,
        reductionRatio: null,
        target: 30,
        met: true,
      }),
      expect.objectContaining({
        row: 4,
        source: 'narrative',
        opening: 8801.5,
        collected: 1140,
        collectionRatio: 13,
        target: 30,
        met: false,
      }),
    ]);
    // 12.95…% of a 30 % threshold = 43.2 %, computed; the entered 100 is kept.
    expect(a.activities.map((x) => [x.percent, x.percentSource])).toEqual([
      [100, 'entered'],
      [43.2, 'computed'],
    ]);
    expect(a.issues.filter((i) => i.code === 'TARGET_NOT_MET').map((i) => `${i.column}${i.row}`)).toEqual([
      'E4',
    ]);
  });

  test('thresholdOf reads "30-аас доошгүй хувиар"', () => {
    expect(thresholdOf(undefined, 'авлагыг 30-аас доошгүй хувиар бууруулах')).toBe(30);
    expect(thresholdOf('10 хувь')).toBeNull();
  });
});

describe('debt from a receivables table', () => {
  const a = analyzeSheet(
    sheetSnapshot({
      name: 'Авлага',
      rows: [
        ['ШИМТГЭЛИЙН АВЛАГА, 2024 ОН (сая төгрөг)'],
        RECEIVABLES,
        [1, 'Тасаг А', 1000, 480, 800, 30, 8000], // reduction 20 < 30 although collection 48 ≥ 30: met by reduction → false
        [2, 'Тасаг Б', 500, 100, 300, 30, 6000], // reduction 40 ≥ 30
        [3, 'Тасаг В', 200, 100, null, 30, null], // no closing: met by collection (50 ≥ 30)
        [4, 'Тасаг Г', '1 617,2', '430,4', '1 241,8', 10, '12 418'], // numbers as text
      ],
    }),
  );

  test('collection, reduction and receivables share', () => {
    expect(a.template).toBe('receivables');
    expect(a.debt.map((d) => [d.unit, d.collectionRatio, d.reductionRatio, d.receivablesShare])).toEqual([
      ['Тасаг А', 48, 20, 10],
      ['Тасаг Б', 20, 40, 5],
      ['Тасаг В', 50, null, null],
      ['Тасаг Г', 26.6, 23.2, 10],
    ]);
    expect(a.debt.every((d) => d.source === 'table')).toBe(true);
  });

  test('met compares the reduction when the closing balance is known, else the collection', () => {
    expect(a.debt.map((d) => [d.met, d.metBy])).toEqual([
      [false, 'reduction'],
      [true, 'reduction'],
      [true, 'collection'],
      [true, 'reduction'],
    ]);
    expect(a.issues.filter((i) => i.code === 'TARGET_NOT_MET').map((i) => `${i.column}${i.row}`)).toEqual([
      'E3',
    ]);
  });

  test('completeDebt: no ratio without an opening balance, no verdict without a target', () => {
    const base = {
      row: 1,
      source: 'table' as const,
      unit: null,
      collectedFull: null,
      collectedPartial: null,
      newArrears: null,
      revenue: null,
    };
    const zero = completeDebt({ ...base, opening: 0, collected: 10, closing: 5, target: 30 });
    expect(zero).toMatchObject({ collectionRatio: null, reductionRatio: null, met: null, metBy: null });
    const noTarget = completeDebt({ ...base, opening: 100, collected: 10, closing: 90, target: null });
    expect(noTarget).toMatchObject({ collectionRatio: 10, reductionRatio: 10, met: null });
  });
});
