/**
 * Properties of the life cycle on random plans (fast-check):
 *   1. plan → analyze → draftReport → applied to a new ExcelJS workbook → written → read
 *      back → analyze → compareAnalyses(plan, draft) matches every activity and finds no
 *      change;
 *   2. shuffling a plan's activity rows within their goal, or renumbering them, changes no
 *      match: every plan activity is matched to the activity with the same text.
 * The seed is fixed so that a run is repeatable; FC_SEED=<n> (or FC_SEED=random) tries others.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { analyzeSheet } from '../../src/core/analyze';
import { compareAnalyses } from '../../src/core/compare';
import { draftReport } from '../../src/core/draft';
import type { Period, SheetAnalysis } from '../../src/core/model';
import type { SheetSnapshot } from '../../src/core/snapshot';
import { normalize } from '../../src/core/text';
import { applyWritePlan } from '../../src/xlsx/apply';
import { loadWorkbook, workbookSnapshots } from '../../src/xlsx/read';
import { sheetSnapshot, type Cell } from '../helpers/workbook';

jest.setTimeout(120000);

const SEED = process.env.FC_SEED === 'random' ? Date.now() : Number(process.env.FC_SEED ?? 20240901);
const RUNS = Number(process.env.FC_RUNS ?? 200);
const params = { numRuns: RUNS, seed: SEED, endOnFailure: false };

const WORDS = [
  'нийгмийн',
  'даатгалын',
  'шимтгэлийн',
  'орлогын',
  'төлөвлөгөөг',
  'биелүүлэх',
  'ажлыг',
  'зохион',
  'байгуулах',
  'иргэдэд',
  'сурталчлах',
  'мэдээллийн',
  'сангийн',
  'бүрдүүлэлтийг',
  'сайжруулах',
  'хяналт',
  'шалгалт',
  'хийх',
  'сургалт',
  'тайланг',
  'хүргүүлэх',
  'өргөдөл',
  'гомдлыг',
  'шийдвэрлэх',
  'хамралтыг',
  'нэмэгдүүлэх',
  'тэтгэвэр',
  'тэтгэмжийг',
  'олгох',
  'авлагыг',
  'бууруулах',
  'үйлчилгээний',
  'чанарыг',
  'ажилтны',
  'мэдлэг',
  'чадварыг',
  'дээшлүүлэх',
  'хамтран',
  'ажиллах',
  'санал',
  'боловсруулах',
  'журмын',
  'зааврын',
  'хэрэгжилтийг',
  'хангах',
  'цахим',
  'үйлчилгээг',
  'нэвтрүүлэх',
  'байгууллагатай',
  'ажил',
  'олгогч',
  'даатгуулагчдын',
  'малчид',
  'оюутнуудад',
  'хуулийн',
  'хугацаанд',
  'тогтмол',
  'шуурхай',
  'ил',
  'тод',
];
const FIRST = [
  'Нийгмийн',
  'Ажил',
  'Албан',
  'Мэдээллийн',
  'Тэтгэвэр,',
  'Иргэд,',
  'Сайн',
  'Хяналт',
  'Цахим',
  'ЭМДЕГ-аас',
];
const UNITS = ['ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ', 'ХАМРАЛТЫН ТАСГИЙН ДАРГА', 'ТЭТГЭВРИЙН ХЭЛТСИЙН МЭРГЭЖИЛТЭН'];
const PERSONS = [
  ['Б.БАТ', 'Б.БАТЫН'],
  ['Д.ОЮУНЧИМЭГ', 'Д.ОЮУНЧИМЭГИЙН'],
  ['Н.ХУЛАН', 'Н.ХУЛАНГИЙН'],
];
const SECTIONS = [
  'Нэг. Бодлогын баримт бичигт тусгагдсан зорилт.',
  'Хоёр. Хуулиар тусгайлан олгосон чиг үүргийг хэрэгжүүлэх зорилт',
  'Гурав. Хуулиар олгосон нийтлэг чиг үүргийг хэрэгжүүлэх зорилт',
  'ДӨРӨВ. ТӨРИЙН ҮЙЛЧИЛГЭЭНИЙ ЧАНАР, ХҮРТЭЭМЖИЙГ САЙЖРУУЛАХ ЗОРИЛТ',
];
const PERIODS = ['I-IV улирал', 'Сар бүр', 'II, IV улирал', 'Улирал бүр', 'Жилдээ', 'IV улирал'];

const words = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max });
const amount = fc.oneof(
  fc.integer({ min: 1, max: 5000 }).map(String),
  fc.integer({ min: 10, max: 99999 }).map((n) => (n / 10).toFixed(1)),
  fc.integer({ min: 1000, max: 99999 }).map((n) => n.toLocaleString('en-US')),
);
/** A target, baseline or criterion text with figures (or none). */
const figureText = fc.oneof(
  fc.tuple(amount, words(2, 5)).map(([n, w]) => `${w.join(' ')} ${n} болгох`),
  fc
    .tuple(amount, amount, words(1, 3))
    .map(([a, b, w]) => `Ажил олгогчийн тоог ${a}, даатгуулагчийн тоог ${b} ${w.join(' ')} нэмэгдүүлнэ`),
  fc.tuple(amount, words(1, 3)).map(([n, w]) => `${n} сая төгрөгөөр ${w.join(' ')} бууруулна`),
  fc
    .tuple(fc.integer({ min: 5, max: 95 }), words(1, 3))
    .map(([p, w]) => `${w.join(' ')} ${p}-аас доошгүй хувиар бууруулна`),
  fc.tuple(fc.integer({ min: 1, max: 100 }), words(1, 3)).map(([p, w]) => `${w.join(' ')} ${p} хувь`),
  fc
    .tuple(
      fc.integer({ min: 2021, max: 2030 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) => `Тайланг ${y} оны ${String(m).padStart(2, '0')} сарын ${d}-ний дотор хүргүүлнэ`),
  words(3, 8).map((w) => `${w.join(' ')} байна.`),
);
const activityText = fc
  .tuple(
    fc.constantFrom(...FIRST),
    words(3, 10),
    fc.option(fc.integer({ min: 2, max: 40 }), { nil: undefined }),
  )
  .map(([first, rest, n]) =>
    [first, ...rest.slice(0, 2), ...(n ? [`${n} удаа`] : []), ...rest.slice(2)].join(' '),
  );

interface ActivityModel {
  text: string;
  criterion: string;
  baseline: string;
  target: string;
  period: string;
}
interface PlanModel {
  year: number;
  unit: string;
  person: [string, string];
  numbering: boolean;
  dotted: boolean;
  /** sections → goals → activities */
  sections: { title: string; goals: { title: string; activities: ActivityModel[] }[] }[];
  /** A second table ("Хоёр. Мэдлэг, ур чадвараа дээшлүүлэх зорилт"), numbered 1., 2. … */
  knowledge: ActivityModel[];
}

const planArb: fc.Arbitrary<PlanModel> = fc
  .tuple(
    fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.integer({ min: 0, max: 2 }),
  )
  .chain(([shape, kn]) => {
    const n = shape.flat().reduce((s, x) => s + x, 0) + kn;
    const goals = shape.flat().length;
    return fc.record({
      shape: fc.constant(shape),
      kn: fc.constant(kn),
      texts: fc.uniqueArray(activityText, { minLength: n, maxLength: n, selector: (t) => normalize(t) }),
      details: fc.array(
        fc.record({
          criterion: figureText,
          baseline: figureText,
          target: figureText,
          period: fc.constantFrom(...PERIODS),
        }),
        { minLength: n, maxLength: n },
      ),
      goalTitles: fc.array(words(4, 9), { minLength: goals, maxLength: goals }),
      sectionOffset: fc.integer({ min: 0, max: SECTIONS.length - shape.length }),
      year: fc.integer({ min: 2021, max: 2030 }),
      unit: fc.constantFrom(...UNITS),
      person: fc.constantFrom(...PERSONS),
      numbering: fc.boolean(),
      dotted: fc.boolean(),
    });
  })
  .map((g) => {
    let k = 0;
    let gi = 0;
    return {
      year: g.year,
      unit: g.unit,
      person: g.person as [string, string],
      numbering: g.numbering,
      dotted: g.dotted,
      sections: g.shape.map((goals, s) => ({
        title: SECTIONS[s + g.sectionOffset],
        goals: goals.map((size, gg) => ({
          title: `Зорилт ${s + 1 + g.sectionOffset}.${gg + 1}. ${g.goalTitles[gi++].join(' ')}`,
          activities: Array.from({ length: size }, () => {
            const i = k++;
            return { text: g.texts[i], ...g.details[i] };
          }),
        })),
      })),
      knowledge: Array.from({ length: g.kn }, () => {
        const i = k++;
        return { text: g.texts[i], ...g.details[i] };
      }),
    };
  });

const HEADER = [
  'Д/д',
  'Зорилтыг хэрэгжүүлэх арга хэмжээ',
  'Шалгуур үзүүлэлт',
  'Суурь түвшин',
  'Зорилтот түвшин',
  'Хугацаа',
  'Хариуцах нэгж',
];

/** The plan as a sheet; `number(s, g, a)` gives each activity's number (section/goal/position). */
function planSheet(
  m: PlanModel,
  number: (s: number, g: number, a: number) => string = (s, g, a) => `${s}.${g}.${a}`,
): SheetSnapshot {
  const rows: Cell[][] = [[`${m.unit} ${m.person[1]} ${m.year} ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ`], [], HEADER];
  const merges = ['A1:G1'];
  if (m.numbering) rows.push([1, 2, 3, 4, 5, 6, 7]);
  const full = () => merges.push(`A${rows.length}:G${rows.length}`);
  m.sections.forEach((sec) => {
    rows.push([sec.title]);
    full();
    const sn = Number(/^Зорилт (\d+)/.exec(sec.goals[0].title)![1]);
    sec.goals.forEach((goal, g) => {
      rows.push([goal.title]);
      full();
      goal.activities.forEach((a, i) => {
        const no = number(sn, g + 1, i + 1) + (m.dotted ? '.' : '');
        rows.push([no, a.text, a.criterion, a.baseline, a.target, a.period, '(СБГ) ОРЛОГО']);
      });
    });
  });
  if (m.knowledge.length) {
    rows.push([], ['Хоёр. Мэдлэг, ур чадвараа дээшлүүлэх зорилт']);
    full();
    rows.push(HEADER);
    m.knowledge.forEach((a, i) =>
      rows.push([`${i + 1}.`, a.text, a.criterion, a.baseline, a.target, a.period, '(СБГ) ОРЛОГО']),
    );
  }
  rows.push([], [null, 'ТӨЛӨВЛӨГӨӨ ГАРГАСАН:'], [null, m.unit, null, null, null, m.person[0]]);
  return sheetSnapshot({ name: `Төлөвлөгөө ${m.year}`, rows, merges });
}

const allActivities = (m: PlanModel) => [
  ...m.sections.flatMap((s) => s.goals.flatMap((g) => g.activities)),
  ...m.knowledge,
];

/** The plan analysed, checked to be what was generated (so a later failure is about the draft or the matcher). */
function analyzePlan(m: PlanModel, snap = planSheet(m)): SheetAnalysis {
  const a = analyzeSheet(snap);
  expect(a.template).toBe('performance-plan');
  expect(a.meta).toMatchObject({ year: m.year, kind: 'plan', person: m.person[0] });
  expect(a.activities.map((x) => x.fields.activity)).toEqual(
    expect.arrayContaining(allActivities(m).map((x) => x.text)),
  );
  expect(a.activities).toHaveLength(allActivities(m).length);
  expect(a.tables).toHaveLength(m.knowledge.length ? 2 : 1);
  return a;
}

async function readBack(plan: ReturnType<typeof draftReport>): Promise<SheetAnalysis> {
  const wb = new ExcelJS.Workbook();
  applyWritePlan(wb, plan);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const [snap] = workbookSnapshots(await loadWorkbook(buf, 'draft.xlsx'));
  return analyzeSheet(snap);
}

test('generated plans look like the real ones (a sanity check of the generator)', () => {
  const [m] = fc.sample(planArb, { numRuns: 1, seed: SEED });
  const a = analyzePlan(m);
  expect(a.tables[0].rows.filter((r) => r.kind === 'section')).toHaveLength(m.sections.length);
  expect(a.issues.filter((i) => i.severity === 'error')).toEqual([]);
});

test(`draftReport of a random plan, written and read back, compares clean with it (${RUNS} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(
      planArb,
      fc.constantFrom<Period>('H1', 'FY', 'Q1', 'Q2', 'Q3', 'Q4'),
      async (m, period) => {
        const plan = analyzePlan(m);
        const draft = await readBack(draftReport(plan, period));
        expect(draft.template).toBe('performance-report');
        expect(draft.meta).toMatchObject({ year: m.year, period, kind: 'report' });
        expect(draft.activities).toHaveLength(plan.activities.length);
        const doc = compareAnalyses(plan, draft, 'plan.xlsx', 'draft.xlsx');
        expect(doc.missing).toEqual([]);
        expect(doc.unplanned).toEqual([]);
        expect(doc.matched).toHaveLength(plan.activities.length);
        for (const x of doc.matched) {
          expect(x.changed).toEqual([]);
          expect(x.by).toBe('number');
          expect(x.planRow).toBe(plan.activities.find((p) => p.no === x.no)!.row);
        }
        expect(doc.issues).toEqual([]);
      },
    ),
    params,
  );
});

type Mode = 'shuffle' | 'shuffle+renumber' | 'renumber';

test(`shuffling activities within their goal or renumbering them changes no match (${RUNS} runs)`, () => {
  const permutation = (n: number) =>
    fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n });
  const arb = planArb.chain((m) =>
    fc.record({
      m: fc.constant(m),
      mode: fc.constantFrom<Mode>('shuffle', 'shuffle+renumber', 'renumber'),
      perms: fc.tuple(...m.sections.flatMap((s) => s.goals.map((g) => permutation(g.activities.length)))),
      offset: fc.integer({ min: 1, max: 5 }),
    }),
  );
  fc.assert(
    fc.property(arb, ({ m, mode, perms, offset }) => {
      const plan = analyzePlan(m);
      // The same plan with each goal's activities in another order.
      let gi = 0;
      const moved: PlanModel = {
        ...m,
        sections: m.sections.map((s) => ({
          ...s,
          goals: s.goals.map((g) => {
            const p = mode === 'renumber' ? g.activities.map((_, i) => i) : (perms[gi] as number[]);
            gi++;
            return { ...g, activities: p.map((i) => g.activities[i]) };
          }),
        })),
      };
      // Numbers: kept with their activity, reassigned by new position, or all new.
      const oldNo = new Map<string, string>();
      m.sections.forEach((s) =>
        s.goals.forEach((g, gg) =>
          g.activities.forEach((a, i) =>
            oldNo.set(a.text, `${/^Зорилт (\d+)/.exec(g.title)![1]}.${gg + 1}.${i + 1}`),
          ),
        ),
      );
      const byText = new Map(
        moved.sections.flatMap((s) =>
          s.goals.flatMap((g) => g.activities.map((a, i) => [`${s.title}|${g.title}|${i}`, a.text] as const)),
        ),
      );
      const reportSnap = planSheet(moved, (sn, g, a) => {
        const sec = moved.sections.find((s) => s.goals[0].title.startsWith(`Зорилт ${sn}.`))!;
        const text = byText.get(`${sec.title}|${sec.goals[g - 1].title}|${a - 1}`)!;
        if (mode === 'shuffle') return oldNo.get(text)!;
        if (mode === 'shuffle+renumber') return `${sn}.${g}.${a}`;
        return `${sn + offset}.${g}.${a}`;
      });
      const report = analyzePlan(moved, reportSnap);
      const doc = compareAnalyses(plan, report, 'plan.xlsx', 'moved.xlsx');
      expect(doc.missing).toEqual([]);
      expect(doc.unplanned).toEqual([]);
      expect(doc.matched).toHaveLength(plan.activities.length);
      const planAt = new Map(plan.activities.map((a) => [a.row, a]));
      const reportAt = new Map(report.activities.map((a) => [a.row, a]));
      for (const x of doc.matched) {
        expect(reportAt.get(x.reportRow)!.fields.activity).toBe(planAt.get(x.planRow)!.fields.activity);
        expect(x.changed).toEqual([]);
      }
      expect(doc.issues).toEqual([]);
    }),
    params,
  );
});
