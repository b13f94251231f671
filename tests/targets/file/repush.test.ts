/**
 * The referee of the fast re-push (issue 18): whatever a re-push skips to be quick, the target
 * it leaves must read, summarize and print exactly like a new target that got one push of the
 * latest version of every source. Metamorphic over generated unit workbooks: changed values,
 * more rows, fewer rows, new units that sort first, in the middle and last, a unit pushed twice,
 * two units in one push, hostile texts in a unit nobody re-pushes; up the hierarchy; and a target
 * someone else edited between two pushes (with ExcelJS, and in the sheet's XML itself), whose edit
 * must survive as the full read-back keeps it; a target zipped again by another tool, down to one
 * whose sheet part was deflated again to the very same size. Every re-push's counts are checked
 * against the rows before and after; the result opens in ExcelJS with every part well-formed.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import {
  performanceReport,
  unitSpecs,
  writeXlsx,
  type GenCell,
  type SheetModel,
  type UnitSpec,
} from '../../../bench/generate';
import { pushesOf } from '../../../src/cli/consolidate';
import { main } from '../../../src/cli/main';
import type { ConsolidatedRow, Push } from '../../../src/core/consolidate';
import { SHEETS } from '../../../src/core/plans/consolidation';
import { pushToFile, readTarget, type FilePushResult } from '../../../src/targets/file';
import { fastSnapshots } from '../../../src/xlsx/values';
import { unzip } from '../../../src/xlsx/zip';
import { cleanup, editXlsx, loadXlsx, tmpDir } from '../../helpers/cli';
import { RECEIVABLES_HEADER } from '../../helpers/headers';
import { HOSTILE } from '../../helpers/hostile';
import { readBack } from '../../helpers/readback';
// JSZip comes with ExcelJS and is a dependency: it re-zips a part edited by hand.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require('jszip') as typeof import('jszip');

afterAll(cleanup);

const ORKHON = 'Орхон аймгийн НДХ';
const DARKHAN = 'Дархан-Уул аймгийн НДХ';
const NATIONAL = 'Нийгмийн даатгалын ерөнхий газар';

/** «Нэгтгэл»'s first data row (under its title, name line and header) and its percent column. */
const FIRST_ROW = 4;
const PERCENT_COL = 8;

/** One version of a unit's workbook: its report, and a receivables sheet when `debt` > 0. */
interface Version {
  spec: UnitSpec;
  activities: number;
  /** Moves the entered percents (and the receivables figures): the same rows, other values. */
  bump: number;
  debt: number;
  /** Percents typed over the report's own, by sheet row. */
  percents?: Map<number, number>;
  /** A second report, of the next year, in its own sheet: two sources of one unit side by side. */
  nextYear?: boolean;
  /** Its target levels are the hostile strings: a block copied as it is must keep them as a re-render would. */
  hostile?: boolean;
}

const XML_CANNOT =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * The hostile strings a unit's workbook can carry: ExcelJS, which writes it, cannot write characters
 * XML forbids, and leaves `_xHHHH_` unescaped (it reads back decoded).
 */
const HOSTILE_TEXTS = HOSTILE.filter((h) => !XML_CANNOT.test(h) && !/_x/.test(h));

const ACTIVITY_NO = /^\d+\.\d+\.\d+$/;

function report(v: Version, year = 2024): SheetModel {
  const m = performanceReport(v.activities, {
    seed: 500 + v.spec.index + (year - 2024) * 1000,
    unit: v.spec.unit,
    person: v.spec.person,
    year,
  });
  let k = 0;
  m.rows.forEach((row, i) => {
    if (typeof row[0] !== 'string' || !ACTIVITY_NO.test(row[0])) return;
    if (v.hostile && k < HOSTILE_TEXTS.length) row[4] = HOSTILE_TEXTS[k++];
    if (v.bump && (i + v.bump) % 2 === 0) row[7] = 40 + ((i * 7 + v.bump * 13) % 61);
    const typed = v.percents?.get(i + 1);
    if (typed !== undefined) row[7] = typed;
  });
  return m;
}

const DEBT_UNITS = ['Орлогын тасаг', 'Хамралтын тасаг', 'Хяналтын тасаг', 'Үйлчилгээний хэлтэс'];

function receivables(v: Version): SheetModel {
  const rows: GenCell[][] = [
    [`${v.spec.unit} ${v.spec.person} 2024 ОНЫ ШИМТГЭЛИЙН АВЛАГЫН БУУРАЛТЫН ТАЙЛАН`],
    [],
    [...RECEIVABLES_HEADER],
  ];
  for (let k = 0; k < v.debt; k++) {
    const opening = 1000 + 137 * (v.spec.index + 1) + 11 * k;
    const full = 100 + 10 * k + v.bump;
    const partial = 200 + 5 * k;
    const arrears = 50 + k;
    rows.push([
      k + 1,
      DEBT_UNITS[k],
      opening,
      full,
      partial,
      full + partial,
      arrears,
      opening - full - partial + arrears,
      30,
    ]);
  }
  return { name: 'Авлага 2024', rows, merges: [{ top: 1, left: 1, bottom: 1, right: 9 }], activities: 0 };
}

/** Source workbooks, each version in a folder of its own under the same file name. */
class Sources {
  private n = 0;
  /** The latest file of every unit, by its spec's index. */
  readonly latest = new Map<number, string>();
  readonly versions = new Map<number, Version>();
  constructor(readonly dir: string) {}

  async write(v: Version): Promise<string> {
    const dir = path.join(this.dir, `v${++this.n}`);
    fs.mkdirSync(dir);
    const file = path.join(dir, v.spec.file);
    await writeXlsx(file, [
      report(v),
      ...(v.nextYear ? [report(v, 2025)] : []),
      ...(v.debt ? [receivables(v)] : []),
    ]);
    this.latest.set(v.spec.index, file);
    this.versions.set(v.spec.index, v);
    return file;
  }
}

/** A row as the upsert compares it: a renamed source file alone changes nothing. */
const compared = (r: ConsolidatedRow) => JSON.stringify({ ...r, file: '' });

/**
 * Pushes into `target` and proves the counts true against what the target holds before and
 * after: added + updated + unchanged are the pushed sources' rows now there, removed those that went.
 */
async function checkedPush<R extends Pick<FilePushResult, 'added' | 'updated' | 'removed' | 'unchanged'>>(
  target: string,
  push: () => Promise<R>,
  pushed: (r: ConsolidatedRow) => boolean,
) {
  const was = new Map((await readTarget(target)).rows.filter(pushed).map((r) => [r.key, r]));
  const result = await push();
  const now = (await readTarget(target)).rows.filter(pushed);
  const stayed = now.filter((r) => was.has(r.key));
  const keys = new Set(now.map((r) => r.key));
  expect({
    added: result.added,
    updated: result.updated,
    unchanged: result.unchanged,
    removed: result.removed,
  }).toEqual({
    added: now.length - stayed.length,
    updated: stayed.filter((r) => compared(r) !== compared(was.get(r.key)!)).length,
    unchanged: stayed.filter((r) => compared(r) === compared(was.get(r.key)!)).length,
    removed: [...was.keys()].filter((k) => !keys.has(k)).length,
  });
  expect(result.added + result.updated + result.unchanged).toBe(now.length);
  return { result, was: was.size, now: now.length };
}

/** JSON with every object's keys sorted: two writers may list a font's properties in another order. */
const canonical = (x: unknown): string =>
  JSON.stringify(x, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

type Conditional = { ref: string; rules: { type: string }[] };

/** What a reader and a printer see of a sheet, as ExcelJS reads it back. */
function sheetLook(ws: ExcelJS.Worksheet) {
  const columns = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const col = ws.getColumn(c);
    columns.push({ width: col.width ?? null, hidden: col.hidden, outlineLevel: col.outlineLevel ?? 0 });
  }
  const heights: (number | null)[] = [];
  /** Each cell's number format, font, fill, borders and alignment. */
  const formats: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    heights.push(row.height ?? null);
    const f: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const { numFmt, font, fill, border, alignment } = row.getCell(c).style;
      // A kept block points at styles by index: the index must still mean the same look.
      f.push(canonical({ numFmt, font, fill, border, alignment }));
    }
    formats.push(f);
  }
  const p = ws.pageSetup;
  const conditional = (
    (ws as unknown as { conditionalFormattings?: Conditional[] }).conditionalFormattings ?? []
  )
    .map((cf) => ({ ref: cf.ref, rules: cf.rules.map((r) => r.type) }))
    .sort((a, b) => a.ref.localeCompare(b.ref) || a.rules.join().localeCompare(b.rules.join()));
  return {
    name: ws.name,
    state: ws.state,
    dimensions: ws.dimensions.range,
    rowCount: ws.rowCount,
    columnCount: ws.columnCount,
    merges: [...(ws.model.merges as string[])].sort(),
    page: {
      orientation: p.orientation,
      paperSize: p.paperSize,
      fitToPage: p.fitToPage,
      fitToWidth: p.fitToWidth,
      fitToHeight: p.fitToHeight,
      printArea: p.printArea,
      printTitlesRow: p.printTitlesRow,
      printTitlesColumn: p.printTitlesColumn,
    },
    views: (ws.views ?? []).map((v) => ({ state: v.state, ySplit: (v as { ySplit?: number }).ySplit })),
    columns,
    heights,
    formats,
    conditional,
  };
}

/** A sheet's part inside the package, found through the workbook's relationships. */
async function sheetPart(zip: InstanceType<typeof JSZip>, sheet: string): Promise<string> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const id = new RegExp(`<sheet\\b[^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
  const to =
    new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
  return to.startsWith('/') ? to.slice(1) : `xl/${to}`;
}

/** Everything compared between a re-pushed target and one made from scratch. */
async function looks(file: string) {
  const buf = fs.readFileSync(file);
  const { rows, debt, name } = await readTarget(file);
  const fast = fastSnapshots(buf, Object.values(SHEETS), file)!;
  const values = (sheet: string) => {
    const s = fast.snapshots.find((x) => x.name === sheet)!;
    return { origin: s.origin, values: s.values };
  };
  const own = values(SHEETS.rows);
  const zip = await JSZip.loadAsync(buf);
  /** The extent each sheet states of itself (Excel sizes its scroll bars by it). */
  const dimensions: Record<string, string | null> = {};
  for (const sheet of Object.values(SHEETS)) {
    const xml = await zip.file(await sheetPart(zip, sheet))!.async('string');
    dimensions[sheet] = /<dimension\b[^>]*\bref="([^"]*)"/.exec(xml)?.[1] ?? null;
  }
  const wb = await loadXlsx(buf);
  return {
    rows,
    debt,
    name,
    sheets: fast.sheets,
    title: { origin: own.origin, rows: own.values.slice(0, FIRST_ROW - 1 - own.origin.row) },
    summary: values(SHEETS.summary),
    receivables: values(SHEETS.debt),
    dimensions,
    layout: wb.worksheets.map(sheetLook),
  };
}

/** Every part well-formed with its namespaces bound; both readers agree on every cell. */
async function readable(file: string) {
  const buf = fs.readFileSync(file);
  for (const [name, read] of unzip(buf))
    if (/\.(xml|rels|vml)$/.test(name))
      expect(() => new SaxesParser({ xmlns: true }).write(read().toString('utf8')).close()).not.toThrow();
  expect((await readBack(buf, file)).map((s) => s.name)).toEqual(
    expect.arrayContaining(Object.values(SHEETS) as string[]),
  );
}

/** What each source file pushes, read once: a file is never written again after its first read. */
const read = new Map<string, Push[]>();
async function pushesOfOnce(files: string[]): Promise<Push[]> {
  const out: Push[] = [];
  for (const f of files) {
    if (!read.has(f)) read.set(f, await pushesOf([f]));
    out.push(...structuredClone(read.get(f)!));
  }
  return out;
}

/** A new target that got one push of the latest version of every source. */
async function fromScratch(dir: string, files: string[], name: string): Promise<string> {
  const ref = path.join(fs.mkdtempSync(path.join(dir, 'ref-')), 'reference.xlsx');
  await pushToFile(ref, await pushesOfOnce(files), undefined, undefined, name);
  return ref;
}

const newUnit = (index: number, district: string, person: string): UnitSpec => ({
  index,
  file: `unit-new-${index}.xlsx`,
  unit: `${district} НИЙГМИЙН ДААТГАЛЫН ХЭЛТСИЙН ХЯНАЛТ ШАЛГАЛТЫН ТАСГИЙН БАЙЦААГЧ`,
  person,
});
/** Units that come later: their names sort before, among and after the first ones' (А…, М…, Я…). */
const NEW_UNITS = {
  first: newUnit(100, 'АЛТАНБУЛАГ СУМЫН', 'Г.ДОРЖИЙН'),
  middle: newUnit(101, 'МӨРӨН СУМЫН', 'Э.БАТБАЯРЫН'),
  last: newUnit(102, 'ЯРУУ СУМЫН', 'Т.ЭНХТУЯАГИЙН'),
};

const KINDS = ['changed', 'more', 'fewer', 'new-first', 'new-middle', 'new-last', 'twice', 'pair'] as const;
type Kind = (typeof KINDS)[number];
interface Pick2 {
  unit: number;
  other: number;
  by: number;
}

/**
 * The first units: 5–8 activities each (the first: one per hostile string), every third with a
 * receivables sheet, the fifth with the next year's report too.
 */
async function firstUnits(sources: Sources, count: number): Promise<string[]> {
  const files: string[] = [];
  for (const spec of unitSpecs(count))
    files.push(
      await sources.write({
        spec,
        activities: spec.index === 0 ? HOSTILE_TEXTS.length + 2 : 5 + ((spec.index * 3) % 4),
        bump: 0,
        debt: spec.index % 3 === 0 ? 1 + (spec.index % 2) : 0,
        hostile: spec.index === 0,
        nextYear: spec.index === 4,
      }),
    );
  return files;
}

describe('a re-push leaves the target a push from scratch would make', () => {
  test('every kind of re-push, in random orders', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray([...KINDS], { minLength: KINDS.length, maxLength: KINDS.length }),
        fc.array(fc.record({ unit: fc.nat(), other: fc.nat(), by: fc.integer({ min: 1, max: 3 }) }), {
          minLength: KINDS.length,
          maxLength: KINDS.length,
        }),
        async (kinds: Kind[], picks: Pick2[]) => {
          const dir = tmpDir();
          const sources = new Sources(dir);
          const target = path.join(dir, 'target.xlsx');
          const first = await pushToFile(
            target,
            await pushesOf(await firstUnits(sources, 12)),
            undefined,
            undefined,
            ORKHON,
          );
          expect(first.added).toBe(first.rows.length);
          const firstRows = (await readTarget(target)).rows;
          expect(HOSTILE_TEXTS.filter((h) => !firstRows.some((r) => r.target === h))).toEqual([]);
          const fifth = sources.versions.get(4)!.spec.unit;
          expect([...new Set(firstRows.filter((r) => r.unit === fifth).map((r) => r.sheet))]).toEqual([
            'Тайлан 2024',
            'Тайлан 2025',
          ]);
          /** Whether each re-push kept the other sources' blocks: else this referee would judge only the full path. */
          const kept: boolean[] = [];
          const facts: Record<string, boolean> = {};
          const units = () => [...sources.versions.values()];
          const unitOf = (n: number) => units()[n % units().length];
          const rowsOf = async (spec: UnitSpec) =>
            (await readTarget(target)).rows.filter((r) => r.unit === spec.unit);

          const push = async (vs: Version[]) => {
            const files: string[] = [];
            for (const v of vs) files.push(await sources.write(v));
            const specs = new Set(vs.map((v) => v.spec.unit));
            const out = await checkedPush(
              target,
              async () => {
                const r = await pushToFile(target, await pushesOf(files));
                // The rows it reports are the target's, in its order (as far as it states them).
                expect((await readTarget(target)).rows).toMatchObject(r.rows);
                kept.push(r.incremental);
                return r;
              },
              (r) => specs.has(r.unit),
            );
            const ref = await fromScratch(dir, [...sources.latest.values()], ORKHON);
            expect(await looks(target)).toEqual(await looks(ref));
            return out;
          };

          for (const [i, kind] of kinds.entries()) {
            const pick = picks[i];
            const v = unitOf(pick.unit);
            switch (kind) {
              case 'changed':
                await push([{ ...v, bump: v.bump + pick.by }]);
                break;
              case 'more': {
                const out = await push([
                  { ...v, activities: v.activities + pick.by, debt: v.debt && v.debt + 1 },
                ]);
                facts.more = out.now > out.was;
                break;
              }
              case 'fewer': {
                const out = await push([
                  {
                    ...v,
                    activities: Math.max(3, v.activities - pick.by),
                    debt: v.debt && Math.max(1, v.debt - 1),
                  },
                ]);
                facts.fewer = out.now < out.was;
                break;
              }
              case 'new-first':
              case 'new-middle':
              case 'new-last': {
                const where = kind.slice(4) as keyof typeof NEW_UNITS;
                const spec = NEW_UNITS[where];
                await push([{ spec, activities: 3 + pick.by, bump: 0, debt: where === 'middle' ? 2 : 0 }]);
                const all = (await readTarget(target)).rows;
                const at = all.findIndex((r) => r.unit === spec.unit);
                const end = all.length - (await rowsOf(spec)).length;
                facts[kind] =
                  where === 'first' ? at === 0 : where === 'last' ? at === end : at > 0 && at < end;
                break;
              }
              case 'twice': {
                const again = { ...v, bump: v.bump + pick.by };
                await push([again]);
                const out = await push([again]);
                expect([out.result.added, out.result.updated, out.result.removed]).toEqual([0, 0, 0]);
                break;
              }
              case 'pair': {
                const w = units().filter((x) => x.spec.index !== v.spec.index)[
                  pick.other % (units().length - 1)
                ];
                await push([
                  { ...v, bump: v.bump + pick.by },
                  { ...w, activities: w.activities + 1 },
                ]);
                break;
              }
            }
          }
          // The scenario is what it says: rows were added and taken away, new units went first, among and last.
          expect(facts).toEqual({
            more: true,
            fewer: true,
            'new-first': true,
            'new-middle': true,
            'new-last': true,
          });
          expect(kept).toEqual(kept.map(() => true));
          await readable(target);
        },
      ),
      { seed: 20261203, numRuns: 2, endOnFailure: true },
    );
  }, 180_000);
});

/** `ndplan consolidate … --json`, which must succeed quietly. */
async function cli(...args: string[]) {
  const r = await main(['consolidate', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { added: number; updated: number; removed: number; unchanged: number };
}

describe('up the hierarchy', () => {
  test('an aimag target re-pushed after one of its units changed gives the national target a push from scratch would make', async () => {
    const dir = tmpDir();
    const sources = new Sources(dir);
    const files = await firstUnits(sources, 8);
    const orkhon = path.join(dir, 'orkhon.xlsx');
    const darkhan = path.join(dir, 'darkhan.xlsx');
    const national = path.join(dir, 'national.xlsx');
    await pushToFile(orkhon, await pushesOf(files.slice(0, 4)), undefined, undefined, ORKHON);
    await pushToFile(darkhan, await pushesOf(files.slice(4)), undefined, undefined, DARKHAN);
    await cli(orkhon, darkhan, '--out', national, '--as', NATIONAL);
    const aimags = [
      { name: ORKHON, file: orkhon, units: [0, 1, 2, 3] },
      { name: DARKHAN, file: darkhan, units: [4, 5, 6, 7] },
    ];

    /** Units' new versions into their aimags, then the aimags named into the national target. */
    const step = async (changes: Version[], up: string[]) => {
      for (const a of aimags) {
        const mine = changes.filter((v) => a.units.includes(v.spec.index));
        if (mine.length === 0) continue;
        const written: string[] = [];
        for (const v of mine) written.push(await sources.write(v));
        const units = new Set(mine.map((v) => v.spec.unit));
        const { result } = await checkedPush(
          a.file,
          async () => pushToFile(a.file, await pushesOf(written)),
          (r) => units.has(r.unit),
        );
        expect([a.name, result.incremental]).toEqual([a.name, true]);
        const ref = await fromScratch(
          dir,
          a.units.map((i) => sources.latest.get(i)!),
          a.name,
        );
        expect(await looks(a.file)).toEqual(await looks(ref));
      }
      const via = new Set(up);
      const files = aimags.filter((a) => via.has(a.name)).map((a) => a.file);
      await checkedPush(
        national,
        () => cli(...files, '--out', national),
        (r) => via.has(r.via),
      );
      const ref = path.join(fs.mkdtempSync(path.join(dir, 'ref-')), 'national.xlsx');
      await cli(orkhon, darkhan, '--out', ref, '--as', NATIONAL);
      expect(await looks(national)).toEqual(await looks(ref));
    };

    const v = (i: number) => sources.versions.get(i)!;
    await step([{ ...v(1), bump: 3 }], [ORKHON]);
    await step([{ ...v(5), activities: v(5).activities + 2 }], [DARKHAN]);
    await step(
      [
        { ...v(0), activities: 3, debt: v(0).debt && 1 },
        { ...v(6), bump: 5 },
      ],
      [ORKHON, DARKHAN],
    );
    // A unit leaves Orkhon: the aimag is made again without it, and its rows leave the national target.
    fs.rmSync(orkhon);
    aimags[0].units = [1, 2, 3];
    await pushToFile(
      orkhon,
      await pushesOf(aimags[0].units.map((i) => sources.latest.get(i)!)),
      undefined,
      undefined,
      ORKHON,
    );
    await step([], [ORKHON]);
    expect((await readTarget(national)).rows.filter((r) => r.unit === v(0).spec.unit)).toEqual([]);
    await readable(national);
  }, 120_000);
});

const ROW_EL = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL_EL = /<c\b([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g;
const attr = (attrs: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
const columnOf = (ref: string) =>
  [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/**
 * The XML of a sheet with one cell's value replaced by a number. Rows and cells are found by
 * position where they carry no `r` (the format allows leaving it out), so any writer's part is edited.
 */
function withNumber(xml: string, row: number, col: number, value: number): string {
  let r = 0;
  let done = false;
  const out = xml.replace(ROW_EL, (whole, rowAttrs: string, body: string | undefined) => {
    r = Number(attr(rowAttrs, 'r') ?? r + 1);
    if (r !== row || body === undefined) return whole;
    let c = 0;
    const cells = body.replace(CELL_EL, (cell, cellAttrs: string) => {
      const ref = attr(cellAttrs, 'r');
      c = ref ? columnOf(ref) : c + 1;
      if (c !== col) return cell;
      done = true;
      return `<c${cellAttrs.replace(/\st="[^"]*"/, '')}><v>${value}</v></c>`;
    });
    return whole.replace(body, cells);
  });
  expect(done).toBe(true);
  return out;
}

type Edit = (target: string, sheet: string, row: number, col: number, value: number) => Promise<void>;
const EDITS: Record<string, Edit> = {
  /** Opened, edited and saved by a program that rewrites the whole package. */
  exceljs: async (target, sheet, row, col, value) =>
    editXlsx(target, (wb) => {
      wb.getWorksheet(sheet)!.getCell(row, col).value = value;
    }),
  /** One number changed in the sheet's XML, every other part (ND Plan's own included) kept as it is. */
  xml: async (target, sheet, row, col, value) => {
    const zip = await JSZip.loadAsync(fs.readFileSync(target));
    const part = await sheetPart(zip, sheet);
    zip.file(part, withNumber(await zip.file(part)!.async('string'), row, col, value));
    fs.writeFileSync(target, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  },
};

/** Eight units pushed, then one of them re-pushed: whatever a fast path keeps of the target is fresh. */
async function freshlyRepushed() {
  const dir = tmpDir();
  const sources = new Sources(dir);
  const target = path.join(dir, 'target.xlsx');
  await pushToFile(target, await pushesOf(await firstUnits(sources, 8)), undefined, undefined, ORKHON);
  const v = (i: number) => sources.versions.get(i)!;
  await pushToFile(target, await pushesOf([await sources.write({ ...v(2), bump: 1 })]));
  return { dir, sources, target, v };
}

describe.each(Object.keys(EDITS))('a target edited by someone else (%s)', (how) => {
  test('«Нэгтгэл»: a re-push of another unit keeps a third unit’s edited row as the edit left it', async () => {
    const { dir, sources, target, v } = await freshlyRepushed();
    const before = (await readTarget(target)).rows;
    const edited = before.findIndex(
      (r) => r.unit === v(5).spec.unit && r.percentSource === 'entered' && r.percent !== 42,
    );
    expect(edited).toBeGreaterThanOrEqual(0);
    const row = before[edited];
    const at = FIRST_ROW + edited;
    const ws = (await loadXlsx(target)).getWorksheet(SHEETS.rows)!;
    expect([ws.getCell(at, 1).value, ws.getCell(at, PERCENT_COL).value]).toEqual([row.unit, row.percent]);
    await EDITS[how](target, SHEETS.rows, at, PERCENT_COL, 42);
    const afterEdit = (await readTarget(target)).rows;
    expect(afterEdit).toEqual(before.map((r, i) => (i === edited ? { ...r, percent: 42 } : r)));

    const other = v(3).spec.unit;
    await checkedPush(
      target,
      async () => pushToFile(target, await pushesOf([await sources.write({ ...v(3), bump: 2 })])),
      (r) => r.unit === other,
    );
    const now = (await readTarget(target)).rows;
    expect(now.filter((r) => r.unit !== other)).toEqual(afterEdit.filter((r) => r.unit !== other));
    expect(now.find((r) => r.key === row.key)).toEqual({ ...row, percent: 42 });

    // The same as if the unit itself had typed 42 there and every unit were pushed from scratch:
    // «Товчоо» counts the edited percent.
    await sources.write({ ...v(5), percents: new Map([[row.row, 42]]) });
    const ref = await fromScratch(dir, [...sources.latest.values()], ORKHON);
    expect(await looks(target)).toEqual(await looks(ref));
    await readable(target);
  }, 90_000);

  test('«Авлага»: a re-push of another unit keeps a third unit’s edited receivables row', async () => {
    const { sources, target, v } = await freshlyRepushed();
    const before = (await readTarget(target)).debt;
    const edited = before.findIndex((d) => d.unit === v(6).spec.unit);
    expect(edited).toBeGreaterThanOrEqual(0);
    const at = FIRST_ROW + edited;
    const openingCol = 3;
    const ws = (await loadXlsx(target)).getWorksheet(SHEETS.debt)!;
    expect([ws.getCell(at, 1).value, ws.getCell(at, openingCol).value]).toEqual([
      before[edited].unit,
      before[edited].opening,
    ]);
    await EDITS[how](target, SHEETS.debt, at, openingCol, 4321.5);
    const afterEdit = (await readTarget(target)).debt;
    expect(afterEdit).toEqual(before.map((d, i) => (i === edited ? { ...d, opening: 4321.5 } : d)));

    const other = v(3).spec.unit;
    await pushToFile(target, await pushesOf([await sources.write({ ...v(3), bump: 2, debt: 1 })]));
    const now = await readTarget(target);
    expect(now.debt.filter((d) => d.unit !== other)).toEqual(afterEdit.filter((d) => d.unit !== other));
    expect(now.debt.filter((d) => d.unit === other)).toHaveLength(1);
    await readable(target);
  }, 90_000);
});

describe.each(['DEFLATE', 'STORE'] as const)('a target zipped again by another tool (%s)', (compression) => {
  test('the same XML in other zip bytes: the next re-push still gives what a push from scratch gives', async () => {
    const { dir, sources, target, v } = await freshlyRepushed();
    const zip = await JSZip.loadAsync(fs.readFileSync(target));
    // Each part's bytes given anew: JSZip would otherwise copy the deflated bytes as they are.
    for (const [name, f] of Object.entries(zip.files))
      if (!f.dir) zip.file(name, await f.async('uint8array'));
    fs.writeFileSync(
      target,
      await zip.generateAsync({ type: 'nodebuffer', compression, compressionOptions: { level: 9 } }),
    );
    await checkedPush(
      target,
      async () => pushToFile(target, await pushesOf([await sources.write({ ...v(4), bump: 3 })])),
      (r) => r.unit === v(4).spec.unit,
    );
    const ref = await fromScratch(dir, [...sources.latest.values()], ORKHON);
    expect(await looks(target)).toEqual(await looks(ref));
    await readable(target);
  }, 60_000);
});

/** Where an entry's deflated bytes are in a zip, from its central directory. */
function entryAt(zip: Buffer, name: string): { start: number; csize: number } {
  let end = zip.length - 22;
  while (zip.readUInt32LE(end) !== 0x06054b50) end--;
  let p = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const length = zip.readUInt16LE(p + 28);
    if (zip.toString('utf8', p + 46, p + 46 + length) === name) {
      const offset = zip.readUInt32LE(p + 42);
      return {
        start: offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28),
        csize: zip.readUInt32LE(p + 20),
      };
    }
    p += 46 + length + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  throw new Error(`no ${name}`);
}

/**
 * Another deflate stream of `xml` exactly `size` bytes long: its head deflated at level 9 up to a
 * sync flush, the rest stored. Moving the cut one byte changes the length by about one, so some
 * cut near where the two meet gives the size exactly.
 */
function sameSizeDeflate(xml: Buffer, size: number): Buffer | null {
  const at = (cut: number) =>
    Buffer.concat([
      zlib.deflateRawSync(xml.subarray(0, cut), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH }),
      zlib.deflateRawSync(xml.subarray(cut), { level: 0 }),
    ]);
  let lo = 0;
  let hi = xml.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (at(mid).length > size) lo = mid;
    else hi = mid;
  }
  for (let cut = Math.max(0, lo - 400); cut <= Math.min(xml.length, lo + 400); cut++) {
    const z = at(cut);
    if (z.length === size) return z;
  }
  return null;
}

/** A copy of a workbook's bytes in a file of its own. */
function copyOf(bytes: Buffer, dir: string): string {
  const file = path.join(fs.mkdtempSync(path.join(dir, 'copy-')), 'copy.xlsx');
  fs.writeFileSync(file, bytes);
  return file;
}

// Fails on main at c40b8b8 (a product bug, issue 18's fast path): the state is checked against the
// part's CRC and sizes only, so these other deflated bytes pass for ND Plan's own blocks; the push
// copies slices of them as blocks and writes a target that neither ND Plan nor ExcelJS can open.
test('«Нэгтгэл» deflated again by another tool to the very same size: a re-push still writes a workbook that opens', async () => {
  const { dir, sources, target } = await freshlyRepushed();
  const before = fs.readFileSync(target);
  const part = await sheetPart(await JSZip.loadAsync(before), SHEETS.rows);
  const { start, csize } = entryAt(before, part);
  const xml = zlib.inflateRawSync(before.subarray(start, start + csize));
  const other = sameSizeDeflate(xml, csize)!;
  expect([
    other.length,
    zlib.inflateRawSync(other).equals(xml),
    other.equals(before.subarray(start, start + csize)),
  ]).toEqual([csize, true, false]);
  // The same XML, the same CRC and sizes in the zip's directories: only the deflated bytes differ.
  const rezipped = Buffer.from(before);
  other.copy(rezipped, start);
  fs.writeFileSync(target, rezipped);
  expect(await looks(target)).toEqual(await looks(copyOf(before, dir)));

  await pushToFile(
    target,
    await pushesOf([await sources.write({ spec: NEW_UNITS.last, activities: 4, bump: 0, debt: 0 })]),
  );
  const ref = await fromScratch(dir, [...sources.latest.values()], ORKHON);
  expect(await looks(target)).toEqual(await looks(ref));
  await readable(target);
}, 60_000);
