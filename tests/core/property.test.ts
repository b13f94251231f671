/**
 * Property: whatever a sheet holds — Cyrillic text, numbers in every notation, error
 * values, merged areas, empty rows and columns, very long text — the whole pipeline
 * (analyzeSheet → sheetJson) never throws and its output satisfies the zod schema of
 * `check --json`. Random snapshots are built directly; a smaller number go through a
 * real .xlsx written by ExcelJS and read back by src/xlsx/read.ts.
 */
import fc from 'fast-check';
import { analyzeSheet, type AnalyzeOptions } from '../../src/core/analyze';
import { CheckJson, sheetJson } from '../../src/core/checkJson';
import { DEFAULT_SETTINGS } from '../../src/core/measure';
import type { SheetAnalysis } from '../../src/core/model';
import type { CellRange, CellValue, SheetSnapshot, ValueType } from '../../src/core/snapshot';
import { ERROR_VALUES, rangeAddress } from '../../src/core/snapshot';
import { TEMPLATE_HEADERS as HEADERS } from '../helpers/headers';
import { assertPlausible } from '../helpers/plausible';
import { err, fmt, snapshotsOfBuffer, xlsxBuffer, type Cell, type ErrorText } from '../helpers/workbook';

// ---- cell contents ----------------------------------------------------------------------

const CYRILLIC = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяөүАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӨҮ';
const cyrillicChar = fc.constantFrom(
  ...CYRILLIC.split(''),
  ' ',
  ' ',
  ',',
  '.',
  '-',
  '/',
  ':',
  '\n',
  '“',
  '”',
  '\u00AD',
  '%',
  '№',
);
const cyrillicText = fc.string({ unit: cyrillicChar, minLength: 1, maxLength: 60 });
const longText = fc.string({ unit: cyrillicChar, minLength: 2000, maxLength: 6000 });

/** Every label of every template, as written in real files, with typos and broken words. */
const LABELS = [
  'Д/д',
  '№',
  'Дугаар',
  'Зорилтыг хэрэгжүүлэх арга хэмжээ',
  'Стратеги төлөвлөгөө',
  'Хэрэгжүүлэх арга хэмжээ',
  'Арга хэмжээ',
  'Төсөв',
  'Шалгуур үзүүлэлт',
  'Хүрэх түвшин, үр дүнгийн үзүүлэлт',
  'Суурь түвшин',
  'Суурь тувшин',
  'Зорилтот түвшин',
  'Зорилтот тувшин',
  'Хүрэх түвшин',
  'Хүрсэн түвшин',
  'Хүрсэн түвшин (биелэлт)',
  'Биелэлт',
  'Хэрэгжилт',
  'Хугацаа',
  'Эхэлсэн, дууссан хугацаа',
  'Хариуцах нэгж',
  'Гүйцэтгэлийн хувь',
  'Гүйцэ тгэлийн хувь',
  'Биелэлт ийн хувь',
  'Үнэлгээ',
  'Арга хэмжээний чиглэл',
  'Төв',
  'Нийслэл',
  'Орон нутаг',
  '2019 он',
  '2020 он',
  '2024 оны зорилт',
  'Үр дүн',
  'Шаардагдах хөрөнгийн эх үүсвэр',
  'Нэгж',
  'Оны эхний авлага',
  'Бүрэн барагдуулсан',
  'Хэсэгчлэн барагдуулсан',
  'Нийт барагдуулсан',
  'Шинээр үүссэн авлага',
  'Эцсийн үлдэгдэл',
  'Бууруулах зорилт (%)',
  'Сангийн орлого',
  'Зорилт',
  'Албан тушаалын гүйцэтгэх чиг үүрэг',
  'Гүйцэтгэлийн шалгуур үзүүлэлт',
  'Хариуцлага, оролцооны хэлбэр',
  'Гүйцэтгэлийн түвшин',
  'Эхний хагас жил',
  'Хөтөлбөрт тусгагдсан үйл ажиллагаа',
  'Үзүүлэлт',
  'Хэмжих нэгж',
  'Тайлбар',
];

const NUMBER_TEXTS = [
  '17,823.5',
  '5297,4',
  '3 356.1',
  '1 617,2',
  '64645.6',
  '32.829.9',
  '9.598.8',
  '1,500',
  '0',
  '-12',
  '1e3',
  '١٢',
  '∞',
  '1.2.3.4',
];
const PERCENT_TEXTS = [
  '100',
  '100%',
  '100 хувь',
  '100хувь',
  '95 хувь',
  '97,9',
  '100 %-тай',
  '-',
  'хугацаа болоогүй',
  'үнэлэх боломжгүй',
  '120%',
  '1',
  'сайн',
  '-5',
];
const PERIOD_TEXTS = [
  '2024.01.02',
  '2024-01-02',
  '2024/01/02',
  '2024.01.02\n2024.12.03',
  '2024.12.03 - 2024.01.02',
  '2014.01.01–2014.02.02',
  'I-IV улирал',
  'II, IV улирал',
  '1-4 улиралд',
  'IV улирал',
  'Сар бүр',
  'Улирал бүр',
  'Жилдээ',
  'Тухай бүр',
  '2024.13.02',
  'III-V улирал',
];
const NARRATIVES = [
  'Оны эхний авлага 5297,4 сая төгрөг байснаас 98 ажил олгогчийн 669,1 сая төгрөгийн авлагыг бүрэн барагдуулж, 305 ажил олгогчийн 2571,0 сая төгрөгийн авлагыг барагдуулсан.',
  'Оны эхний авлагатай байгууллагын 8,801.5 сая төгрөгөөс 1,140.0 сая төгрөгийг барагдуулж',
  'Оны эхний авлага 0 сая төгрөг байснаас 0 сая төгрөгийн авлагыг барагдуулсан',
  '32.829.9 сая төгрөг төвлөрүүлэхээс 36.125.9 сая төгрөг төвлөрүүлж, төлөвлөгөөг 110.6%-иар биелүүлэв',
  '0 сая төгрөг төвлөрүүлэхээс 5 сая төгрөг төвлөрүүлж, төлөвлөгөөг 0%-иар биелүүлэв',
  'Ажил олгогчийн тоог 46, даатгуулагчийн тоог 186 нэмэгдүүлнэ',
  '30-аас доошгүй хувиар бууруулна',
  '2024 оны 02 сарын 27-ны өдөр А/61 дүгээр тушаалаар 01/47 тоот 3 удаа',
];
const ROW_STARTS = [
  '1.1.1',
  '1.1.1.',
  '2.',
  '1',
  'Арга хэмжээ 2.1.3.',
  'НЭГ. БОДЛОГЫН ЗОРИЛТ',
  'Хоёр. Мэдлэг',
  'Зорилт 1.1',
  'Дундаж',
  'Нийт',
  'Дундаж үнэлгээ',
  'ТАЙЛАН ГАРГАСАН:',
  'Баталсан:',
  'III. ШААРДЛАГА',
  '1 дүгээр зорилтын хүрээнд',
];
const TITLES = [
  'ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Ж.АРИУНТУНГАЛАГИЙН 2024 ОНЫ ЭХНИЙ ХАГАС ЖИЛИЙН ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ',
  'Нийгмийн даатгалын ерөнхий газрын даргын 2023 оны 98 дугаар тушаалын 6 дугаар хавсралт',
  'Б.ХУЛАНГИЙН 2025 ОНЫ III УЛИРЛЫН ТАЙЛАН',
  'АЛБАН ТУШААЛЫН ТОДОРХОЙЛОЛТ',
  'Албан тушаалын тодорхойлолтыг баталсан огноо:',
  'Нэгжийн нэр:',
];

type Gen = { value: CellValue; type: ValueType; format: string };

const text = (s: string): Gen => ({ value: s, type: 'String', format: 'General' });
const cellGen: fc.Arbitrary<Gen> = fc.oneof(
  { weight: 5, arbitrary: cyrillicText.map(text) },
  { weight: 3, arbitrary: fc.constantFrom(...LABELS, ...ROW_STARTS, ...TITLES).map(text) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...NUMBER_TEXTS, ...PERCENT_TEXTS, ...PERIOD_TEXTS, ...NARRATIVES).map(text),
  },
  { weight: 1, arbitrary: fc.constantFrom('Х, Ш', 'X, Ш', 'Г,Х,Ш', 'Х, Д', 'T', '√', '+').map(text) },
  { weight: 4, arbitrary: fc.constant<Gen>({ value: null, type: 'Empty', format: 'General' }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.oneof(
          fc.integer({ min: -1000, max: 100000 }),
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.constantFrom(0.9, 1, 0.5, 45293, 100, 120, -0),
        ),
        fc.constantFrom('General', '0%', '0.0%', 'yyyy-mm-dd', 'yyyy.mm.dd', '0.0', '@', '#,##0.0"%"'),
      )
      .map(([value, format]): Gen => ({ value, type: 'Double', format })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...ERROR_VALUES)
      .map((e): Gen => ({ value: e, type: 'Error', format: 'General' })),
  },
  { weight: 1, arbitrary: fc.boolean().map((b): Gen => ({ value: b, type: 'Boolean', format: 'General' })) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '   ', '\n').map(text) },
);
/** Rarely, very long text (a whole narrative pasted from Word). */
const anyCell: fc.Arbitrary<Gen> = fc.oneof(
  { weight: 60, arbitrary: cellGen },
  { weight: 1, arbitrary: longText.map(text) },
);

// ---- sheets ----------------------------------------------------------------------------

interface Layout {
  name: string;
  origin: { row: number; col: number };
  grid: Gen[][];
  merges: CellRange[];
}

const layout: fc.Arbitrary<Layout> = fc
  .record({
    name: fc.oneof(cyrillicText, fc.constantFrom('Тайлан 2024', 'Sheet1', '')),
    origin: fc.record({ row: fc.integer({ min: 1, max: 30 }), col: fc.integer({ min: 1, max: 4 }) }),
    width: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 6, max: 12 })),
    height: fc.integer({ min: 0, max: 40 }),
  })
  .chain(({ name, origin, width, height }) =>
    fc
      .record({
        cells: fc.array(fc.array(anyCell, { minLength: width, maxLength: width }), {
          minLength: height,
          maxLength: height,
        }),
        // A header of some template, shuffled, at a random row (often inside the sheet).
        header: fc.option(
          fc.record({
            labels: fc
              .constantFrom(...HEADERS)
              .chain((h) => fc.shuffledSubarray(h, { minLength: Math.max(2, h.length - 2) })),
            row: fc.nat({ max: Math.max(0, height - 1) }),
            lower: fc.option(fc.shuffledSubarray(LABELS, { minLength: 1, maxLength: 5 }), {
              freq: 4,
              nil: undefined,
            }),
          }),
          { freq: 8, nil: undefined },
        ),
        // Rows that look like activities: a number and narratives.
        rowStarts: fc.array(
          fc.tuple(fc.nat({ max: Math.max(0, height - 1) }), fc.constantFrom(...ROW_STARTS)),
          { maxLength: 8 },
        ),
        emptyRows: fc.array(fc.nat({ max: Math.max(0, height - 1) }), { maxLength: 5 }),
        emptyCols: fc.array(fc.nat({ max: Math.max(0, width - 1) }), { maxLength: 3 }),
        merges: fc.array(
          fc.record({
            r: fc.nat({ max: Math.max(0, height + 2) }),
            c: fc.nat({ max: Math.max(0, width + 2) }),
            h: fc.integer({ min: 1, max: 6 }),
            w: fc.integer({ min: 1, max: 6 }),
          }),
          { maxLength: 6 },
        ),
      })
      .map(({ cells, header, rowStarts, emptyRows, emptyCols, merges }): Layout => {
        const grid = cells.map((r) => r.slice());
        if (width > 0 && height > 0) for (const [r, s] of rowStarts) grid[r][0] = text(s);
        for (const r of emptyRows)
          if (grid[r]) grid[r] = grid[r].map(() => ({ value: null, type: 'Empty', format: 'General' }));
        for (const c of emptyCols)
          for (const row of grid) row[c] = { value: null, type: 'Empty', format: 'General' };
        if (header && height > 0 && width > 0) {
          const at = Math.min(header.row, 12);
          header.labels.slice(0, width).forEach((l, j) => (grid[at][j] = text(l)));
          if (header.lower && at + 1 < height)
            header.lower.slice(0, width).forEach((l, j) => (grid[at + 1][j] = text(l)));
        }
        return {
          name,
          origin,
          grid,
          // Merged areas in sheet coordinates; some reach past the used range, some overlap.
          merges: merges.map((m) => ({
            top: origin.row + m.r,
            left: origin.col + m.c,
            bottom: origin.row + m.r + m.h - 1,
            right: origin.col + m.c + m.w - 1,
          })),
        };
      }),
  );

function snapshotOf(l: Layout, withTypes: boolean): SheetSnapshot {
  const snap: SheetSnapshot = {
    name: l.name,
    origin: l.origin,
    values: l.grid.map((r) => r.map((g) => g.value)),
    merges: l.merges,
  };
  if (withTypes) {
    snap.valueTypes = l.grid.map((r) => r.map((g) => g.type));
    snap.numberFormats = l.grid.map((r) => r.map((g) => g.format));
    snap.formulas = l.grid.map((r) => r.map((g) => (g.type === 'Error' ? '=1/0' : null)));
  }
  return snap;
}

const options: fc.Arbitrary<AnalyzeOptions> = fc.record(
  {
    settings: fc.constantFrom(
      DEFAULT_SETTINGS,
      { ...DEFAULT_SETTINGS, rounding: 'truncate' as const },
      {
        thresholds: [80, 50, 40] as [number, number, number],
        thirdLevelLabel: 40 as const,
        rounding: 'half-up' as const,
      },
    ),
    meta: fc.record({
      year: fc.option(fc.integer({ min: 2000, max: 2100 }), { nil: undefined }),
      unit: fc.option(cyrillicText, { nil: undefined }),
    }),
  },
  { requiredKeys: [] },
);

// ---- the property ------------------------------------------------------------------------

function assertValid(snap: SheetSnapshot, a: SheetAnalysis) {
  const doc = { version: 1 as const, files: [{ file: 'random.xlsx', sheets: [sheetJson(a)] }] };
  const parsed = CheckJson.safeParse(JSON.parse(JSON.stringify(doc)));
  if (!parsed.success) throw new Error(`schema: ${parsed.error.message.slice(0, 500)}`);
  // Invariants a reader of the JSON relies on.
  const s = a.summary;
  const bucketTotal = Object.values(s.buckets).reduce((x, y) => x + y, 0);
  if (bucketTotal !== s.activities || s.assessed > s.activities || s.activities !== a.activities.length)
    throw new Error(`summary counts: ${JSON.stringify(s)}`);
  if (s.assessed !== a.activities.filter((x) => x.percent !== null).length)
    throw new Error('assessed ≠ activities with a percent');
  if ((s.average === null) !== (s.assessed === 0)) throw new Error('average without assessed activities');
  const bottom = snap.origin.row + snap.values.length - 1;
  for (const i of a.issues) {
    if (i.row !== null && (i.row < snap.origin.row || i.row > bottom))
      throw new Error(`issue outside the sheet: ${i.code} row ${i.row}`);
    if (!i.message || !i.messageEn) throw new Error(`issue without a message: ${i.code}`);
  }
  if (a.template === null && !a.issues.some((i) => i.code === 'UNRECOGNIZED_SHEET'))
    throw new Error('unrecognized without UNRECOGNIZED_SHEET');
  assertPlausible(a);
}

describe('the pipeline never throws and always satisfies the CheckJson schema', () => {
  test('2,000 random snapshots built directly', () => {
    let recognized = 0;
    let withActivities = 0;
    let statistics = 0;
    fc.assert(
      fc.property(layout, fc.boolean(), options, (l, withTypes, o) => {
        const snap = snapshotOf(l, withTypes);
        const a = analyzeSheet(snap, o);
        assertValid(snap, a);
        if (a.template) recognized++;
        if (a.activities.length) withActivities++;
        if (a.tables.some((t) => t.template === 'statistics-table')) statistics++;
      }),
      { numRuns: 2000 },
    );
    expect(statistics).toBeGreaterThan(20);
    // The generator must reach the interesting paths, not only unrecognized sheets.
    console.log(
      `property: ${recognized} of 2000 random sheets recognized, ${withActivities} with activities`,
    );
    expect(recognized).toBeGreaterThan(500);
    expect(withActivities).toBeGreaterThan(300);
  });

  test('random sheets written to .xlsx by ExcelJS and read back', async () => {
    const toCell = (g: Gen): Cell => {
      if (g.type === 'Error') return err(g.value as ErrorText);
      if (g.value === null) return null;
      if (typeof g.value === 'number' && g.format !== 'General') return fmt(g.value, g.format);
      return g.value;
    };
    const valid = ERROR_VALUES.slice(0, 7);
    await fc.assert(
      fc.asyncProperty(layout, async (l) => {
        // ExcelJS writes only Excel's seven classic error values and rejects overlapping merges.
        const grid = l.grid.map((r) =>
          r.map((g) =>
            g.type === 'Error' && !valid.includes(String(g.value)) ? { ...g, value: '#N/A' } : g,
          ),
        );
        const taken = new Set<string>();
        const merges = l.merges.filter((m) => {
          const cells: string[] = [];
          for (let r = m.top; r <= m.bottom; r++)
            for (let c = m.left; c <= m.right; c++) cells.push(`${r},${c}`);
          if (cells.length < 2 || cells.some((k) => taken.has(k))) return false;
          cells.forEach((k) => taken.add(k));
          return true;
        });
        const name = (l.name.replace(/[\\/?*[\]:]/g, '').trim() || 'Хуудас').slice(0, 31);
        const buf = await xlsxBuffer([
          {
            name,
            rows: grid.map((r) => r.map(toCell)),
            firstRow: l.origin.row,
            firstCol: l.origin.col,
            merges: merges.map(rangeAddress),
          },
        ]);
        const [snap] = await snapshotsOfBuffer(buf);
        assertValid(snap, analyzeSheet(snap));
      }),
      { numRuns: 60 },
    );
  });
});
