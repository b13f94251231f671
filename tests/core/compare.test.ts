/**
 * Matching a report's activities with its plan's (DESIGN.md section 13) and
 * comparing the figures of their targets.
 */
import { analyzeSheet } from '../../src/core/analyze';
import {
  CONFIRM_BY_NUMBER,
  MATCH_BY_TEXT,
  compareAnalyses,
  figuresOf,
  matchActivities,
} from '../../src/core/compare';
import type { Activity } from '../../src/core/model';
import { wordSimilarity } from '../../src/core/text';
import { sheetSnapshot, type Cell } from '../helpers/workbook';

let nextRow = 10;
function act(no: string | null, activity: string, target = '', row = nextRow++): Activity {
  return {
    table: 0,
    row,
    lastRow: row,
    no,
    section: null,
    goal: null,
    fields: { activity, target, ...(no ? { no } : {}) },
    raw: {},
    percent: null,
    percentSource: null,
    period: null,
  };
}

const T = {
  a: 'Нийгмийн даатгалын сангийн шимтгэлийн орлогын төлөвлөгөөг жигд ханган биелүүлэх',
  b: 'Ажил олгогч, даатгуулагчдаас ирүүлсэн өргөдөл, гомдлыг хуулийн хугацаанд шийдвэрлэх',
  c: 'Албан хаагчдын мэдлэг, ур чадварыг дээшлүүлэх сургалт зохион байгуулах',
  d: 'Мэдээллийн сангийн бүрдүүлэлтийг сайжруулж, даатгуулагчийн мэдээллийн үнэн зөв байдлыг хангах',
  e: 'Сайн дурын даатгалын ач холбогдлыг малчид, иргэдэд сурталчлах',
};

const pairs = (m: ReturnType<typeof matchActivities>) =>
  m.matched.map((x) => [x.plan.fields.activity, x.report.fields.activity, x.by]);

describe('matchActivities', () => {
  test('same numbers, same texts: every activity matched by number', () => {
    const plan = [act('1.1.1', T.a), act('1.1.2', T.b), act('1.2.1', T.c)];
    const report = [act('1.1.1', T.a), act('1.1.2', T.b), act('1.2.1', T.c)];
    const m = matchActivities(plan, report);
    expect(pairs(m)).toEqual([
      [T.a, T.a, 'number'],
      [T.b, T.b, 'number'],
      [T.c, T.c, 'number'],
    ]);
    expect(m.missing).toEqual([]);
    expect(m.unplanned).toEqual([]);
  });

  test('renumbered (same text, other numbers) is still matched, by text', () => {
    const plan = [act('1.1.1', T.a), act('1.1.2', T.b), act('1.2.1', T.c)];
    const report = [act('2.1.1', T.a), act('2.1.2', T.b), act('2.2.1', T.c)];
    const m = matchActivities(plan, report);
    expect(pairs(m)).toEqual([
      [T.a, T.a, 'text'],
      [T.b, T.b, 'text'],
      [T.c, T.c, 'text'],
    ]);
    expect(m.missing).toEqual([]);
    expect(m.unplanned).toEqual([]);
  });

  test('renumbered with the numbers swapped: each still matches the activity with the same text', () => {
    // Two activities with words in common trade numbers (reordered and renumbered).
    const x = 'Нийгмийн даатгалын шимтгэлийн авлагыг бууруулах ажлыг зохион байгуулах';
    const y = 'Нийгмийн даатгалын шимтгэлийн орлогын төлөвлөгөөг биелүүлэх ажлыг зохион байгуулах';
    expect(wordSimilarity(x, y)).toBeGreaterThanOrEqual(CONFIRM_BY_NUMBER);
    const plan = [act('2.1.3', x), act('2.1.4', y)];
    const report = [act('2.1.3', y), act('2.1.4', x)];
    const m = matchActivities(plan, report);
    for (const p of m.matched) expect(p.plan.fields.activity).toBe(p.report.fields.activity);
    expect(m.matched).toHaveLength(2);
  });

  test('reworded slightly (a few words changed) is matched by its number', () => {
    const planText = 'Нийгмийн даатгалын хуулийн сурталчилгааг иргэдэд хүргэх ажлыг зохион байгуулах';
    const reportText = 'Нийгмийн даатгалын хуулийн өөрчлөлтийг иргэд, ажил олгогчдод сургалтаар хүргэх';
    const sim = wordSimilarity(planText, reportText);
    expect(sim).toBeGreaterThanOrEqual(CONFIRM_BY_NUMBER);
    expect(sim).toBeLessThan(MATCH_BY_TEXT); // the text alone would not match it
    const m = matchActivities(
      [act('4.2.2', planText), act('4.2.3', T.e)],
      [act('4.2.2', reportText), act('4.2.3', T.e)],
    );
    expect(pairs(m)).toEqual([
      [planText, reportText, 'number'],
      [T.e, T.e, 'number'],
    ]);
  });

  test('a number reused for an unrelated activity is not a match', () => {
    const m = matchActivities([act('1.1.1', T.a)], [act('1.1.1', T.d)]);
    expect(m.matched).toEqual([]);
    expect(m.missing.map((x) => x.fields.activity)).toEqual([T.a]);
    expect(m.unplanned.map((x) => x.fields.activity)).toEqual([T.d]);
  });

  test('dropped → missing; added → unplanned', () => {
    const plan = [act('1.1.1', T.a), act('1.1.2', T.b), act('1.2.1', T.c)];
    const report = [act('1.1.1', T.a), act('1.2.1', T.c), act('1.2.2', T.d)];
    const m = matchActivities(plan, report);
    expect(m.matched).toHaveLength(2);
    expect(m.missing.map((x) => x.no)).toEqual(['1.1.2']);
    expect(m.unplanned.map((x) => x.no)).toEqual(['1.2.2']);
  });

  test('one-to-one: two report rows cannot take the same plan row', () => {
    // Same number and text twice in the report.
    let m = matchActivities([act('1.1.1', T.a)], [act('1.1.1', T.a), act('1.1.1', T.a)]);
    expect(m.matched).toHaveLength(1);
    expect(m.unplanned).toHaveLength(1);
    // Same text, no numbers.
    m = matchActivities([act(null, T.b)], [act(null, T.b), act(null, T.b)]);
    expect(m.matched).toHaveLength(1);
    expect(m.unplanned).toHaveLength(1);
    // And two plan rows cannot share one report row.
    m = matchActivities([act('1.1.1', T.c), act('1.1.2', T.c)], [act('1.1.1', T.c)]);
    expect(m.matched).toHaveLength(1);
    expect(m.missing).toHaveLength(1);
    const plans = m.matched.map((x) => x.plan);
    expect(new Set(plans).size).toBe(plans.length);
  });

  test('unnumbered activities are matched by text', () => {
    const m = matchActivities([act(null, T.a), act(null, T.b)], [act(null, T.b), act(null, T.a)]);
    expect(pairs(m).sort()).toEqual(
      [
        [T.a, T.a, 'text'],
        [T.b, T.b, 'text'],
      ].sort(),
    );
  });
});

describe('figures of a target', () => {
  test('wording alone is not a change', () => {
    expect(figuresOf('Хамтран ажилласан байна.')).toEqual(figuresOf('Хамтран ажиллаж байна.'));
    expect(figuresOf('Ажил олгогчийн тоог 46 нэмэгдүүлсэн байна')).toEqual(
      figuresOf('Ажил олгогчдын тоог 46-аар нэмэгдүүлнэ'),
    );
  });

  test('changed figures are a change', () => {
    expect(figuresOf('Ажил олгогчийн тоог 46, даатгуулагчийн тоог 186 нэмэгдүүлнэ')).toEqual([46, 186]);
    expect(figuresOf('Ажил олгогчийн тоог 101, даатгуулагчийн тоог 413 нэмэгдүүлнэ')).toEqual([101, 413]);
    expect(figuresOf('авлагыг 933.6 сая төгрөгөөр бууруулна')).not.toEqual(
      figuresOf('авлагыг 30-аас доошгүй хувиар бууруулна'),
    );
    expect(figuresOf('авлагыг 30-аас доошгүй хувиар бууруулна')).toEqual([30]);
  });

  test('figures are a multiset: order does not matter, repeats do', () => {
    expect(figuresOf('186 даатгуулагч, 46 ажил олгогч')).toEqual(
      figuresOf('46 ажил олгогч, 186 даатгуулагч'),
    );
    expect(figuresOf('5 сургалт, 5 уулзалт')).not.toEqual(figuresOf('5 сургалт'));
  });

  test('dates, years, months, days and document numbers are not figures', () => {
    expect(figuresOf('Тайланг 2024 оны 06 сарын 20-ны дотор хүргүүлнэ')).toEqual([]);
    expect(figuresOf('Тайланг 2025 оны 12 сарын 1-ний дотор хүргүүлнэ')).toEqual([]);
    expect(figuresOf('НДЕГ-ын 2016.12.07-ны өдрийн А/61 дүгээр тушаалын хэрэгжилт')).toEqual([]);
    expect(figuresOf('01/47 тоот албан бичгийн дагуу 3 дугаар улиралд')).toEqual([]);
  });
});

describe('compareAnalyses: TARGET_CHANGED only when figures change', () => {
  const HEADER = ['Д/д', 'Арга хэмжээ', 'Шалгуур үзүүлэлт', 'Суурь түвшин', 'Зорилтот түвшин'];
  const REPORT_HEADER = [
    'Д/д',
    'Арга хэмжээ',
    'Шалгуур үзүүлэлт',
    'Суурь түвшин',
    'Хүрэх түвшин',
    'Хүрсэн түвшин',
    'Гүйцэтгэлийн хувь',
  ];
  const rowsOf = (targets: string[]) =>
    targets.map((t, i): Cell[] => [`1.1.${i + 1}`, Object.values(T)[i], 'Шалгуур', 'Суурь', t]);

  function compare(planTargets: string[], reportTargets: string[]) {
    const plan = analyzeSheet(
      sheetSnapshot({
        name: 'План',
        rows: [['Б.БАТ-ЫН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ'], HEADER, ...rowsOf(planTargets)],
      }),
    );
    const report = analyzeSheet(
      sheetSnapshot({
        name: 'Тайлан',
        rows: [
          ['Б.БАТ-ЫН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТАЙЛАН'],
          REPORT_HEADER,
          ...rowsOf(reportTargets).map((r) => [...r, 'Хийсэн', 100]),
        ],
      }),
    );
    expect(plan.template).toBe('performance-plan');
    expect(report.template).toBe('performance-report');
    return compareAnalyses(plan, report, 'plan.xlsx', 'report.xlsx');
  }

  test('wording, dates and years changed; figures kept: no change', () => {
    const doc = compare(
      [
        'Хамтран ажилласан байна.',
        'Тайланг 2024 оны 06 сарын 20-ны дотор хүргүүлнэ',
        'Ажил олгогчийн тоог 46, даатгуулагчийн тоог 186 нэмэгдүүлнэ',
      ],
      [
        'Хамтран ажиллаж байна.',
        'Тайланг 2025 оны 12 сарын 1-ний дотор хүргүүлнэ',
        'Ажил олгогчдын тоог 46, даатгуулагчдын тоог 186 нэмэгдүүлсэн',
      ],
    );
    expect(doc.matched).toHaveLength(3);
    expect(doc.matched.every((m) => m.changed.length === 0)).toBe(true);
    expect(doc.issues.filter((i) => i.code === 'TARGET_CHANGED')).toEqual([]);
  });

  test('figures changed: TARGET_CHANGED at the report row and target column, with both figures', () => {
    const doc = compare(
      [
        'Ажил олгогчийн тоог 46, даатгуулагчийн тоог 186 нэмэгдүүлнэ',
        'авлагыг 933.6 сая төгрөгөөр бууруулна',
        'Хамтран ажилласан байна.',
      ],
      [
        'Ажил олгогчийн тоог 101, даатгуулагчийн тоог 413 нэмэгдүүлнэ',
        'авлагыг 30-аас доошгүй хувиар бууруулна',
        'Хамтран ажилласан байна.',
      ],
    );
    const changed = doc.issues.filter((i) => i.code === 'TARGET_CHANGED');
    expect(changed.map((i) => `${i.column}${i.row}`)).toEqual(['E3', 'E4']);
    expect(changed[0].message).toMatch(/46, 186.*101, 413/);
    expect(changed[0].severity).toBe('warning');
    expect(doc.matched.map((m) => m.changed)).toEqual([['target'], ['target'], []]);
  });
});
