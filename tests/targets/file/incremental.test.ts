/**
 * A push that keeps the target's blocks (src/core/repush.ts, src/xlsx/blocks.ts) writes what the
 * full path writes — the path that reads every row back from the sheet — whatever the pushes:
 * units changed in place, grown, shrunk, new ones sorted first, between or last, several at
 * once, consolidated workbooks from below. The bytes differ only where they may: kept blocks
 * refer to the shared strings of the write that made them, new blocks carry their text inline.
 * And it is taken only while the target's state is true of the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import workerThreads from 'node:worker_threads';
import fc from 'fast-check';
import { pushesOf } from '../../../src/cli/consolidate';
import { readWorkbookFile } from '../../../src/cli/io';
import { analyzeSheet } from '../../../src/core/analyze';
import { pushOf, type Push } from '../../../src/core/consolidate';
import type { SheetAnalysis } from '../../../src/core/model';
import { pushToFile, readTarget } from '../../../src/targets/file';
import { STATE_PART, readState } from '../../../src/xlsx/blocks';
import { decodeState } from '../../../src/core/repush';
import { HEADER_ROW } from '../../../src/core/plans/consolidation';
import { fastSnapshots } from '../../../src/xlsx/values';
import { patchZip, unzip } from '../../../src/xlsx/zip';
import { DEPT, cleanup, tmpDir } from '../../helpers/cli';

jest.setTimeout(120000);
afterAll(cleanup);

const SOURCES = [DEPT.orlogo, DEPT.tetgever, DEPT.hyanalt, 'samples/report-2024-annual.xlsx'];
let analyses: { file: string; analysis: SheetAnalysis }[];

beforeAll(async () => {
  analyses = [];
  for (const file of SOURCES) {
    const { snapshots } = await readWorkbookFile(file);
    for (const s of snapshots) {
      const analysis = analyzeSheet(s);
      if (analysis.activities.length) analyses.push({ file: path.basename(file), analysis });
    }
  }
});

/** A unit's report: one of the samples under another unit's name, with some rows and percents of its own. */
interface Unit {
  name: number;
  base: number;
  rows: number;
  seed: number;
}

function unitPush(u: Unit): Push {
  const { file, analysis } = analyses[u.base % analyses.length];
  const all = [...analysis.activities, ...analysis.activities, ...analysis.activities];
  const activities = all.slice(0, u.rows).map((a, i) => ({
    ...a,
    percent: (i + u.seed) % 4 === 0 ? null : ((a.percent ?? 0) + u.seed * 7 + i) % 101,
  }));
  return pushOf({ ...analysis, activities }, file, {
    unit: `Нэгж ${u.name}`,
    person: `Албан хаагч ${u.name % 3}`,
  });
}

const unit = fc.record({
  name: fc.integer({ min: 1, max: 40 }),
  base: fc.nat(10),
  rows: fc.integer({ min: 0, max: 14 }),
  seed: fc.nat(50),
});

type Step = { kind: 'units'; units: Unit[] } | { kind: 'aimag'; name: number; units: Unit[] };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('units' as const),
      units: fc.array(unit, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('aimag' as const),
      name: fc.integer({ min: 1, max: 3 }),
      units: fc.array(unit, { minLength: 1, maxLength: 3 }),
    }),
  },
);

async function pushesFor(dir: string, s: Step): Promise<Push[]> {
  if (s.kind === 'units') return s.units.map(unitPush);
  // A consolidated workbook from below, made afresh and pushed whole.
  const file = path.join(dir, `aimag-${s.name}.xlsx`);
  fs.rmSync(file, { force: true });
  await pushToFile(file, s.units.map(unitPush), undefined, undefined, `${s.name}-р аймаг`);
  return pushesOf([file]);
}

/** A target as its readers see it: every sheet's cells, formats and merges, the table read back, each sheet's rows and their heights. */
async function seen(file: string) {
  const zip = fs.readFileSync(file);
  const parts = unzip(zip);
  const sheets = [...parts.keys()]
    .filter((k) => k.startsWith('xl/worksheets/'))
    .sort()
    .map((k) =>
      [
        ...parts.get(k)!()
          .toString('utf8')
          .matchAll(/<row r="(\d+)"([^>]*)>|<dimension ref="([^"]+)"/g),
      ].map((m) => m[0]),
    );
  const { rows, debt, name } = await readTarget(file);
  return { snapshots: fastSnapshots(zip, undefined, file), rows, debt, name, sheets };
}

test('a push keeping the blocks writes what a push that reads the table back whole writes', async () => {
  let kept = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 6 }), async (steps) => {
      const dir = tmpDir();
      const fast = path.join(dir, 'fast.xlsx');
      const full = path.join(dir, 'full.xlsx');
      for (const [i, s] of steps.entries()) {
        const pushes = await pushesFor(dir, s);
        const a = await pushToFile(fast, pushes, undefined, undefined, 'Орхон аймгийн НДХ');
        const b = await pushToFile(full, pushes, undefined, undefined, 'Орхон аймгийн НДХ', false);
        expect(a.incremental).toBe(i > 0);
        if (a.incremental) kept++;
        expect({ ...a, target: '', incremental: false }).toEqual({ ...b, target: '' });
        expect(await seen(fast)).toEqual(await seen(full));
      }
      const { rows } = await readTarget(fast);
      const last = await pushToFile(fast, [], undefined, undefined, undefined);
      expect(last.rows.map((r) => [r.unit, r.person, r.via, r.percent])).toEqual(
        rows.map((r) => [r.unit, r.person, r.via, r.percent]),
      );
    }),
    { seed: 18, numRuns: 25 },
  );
  expect(kept).toBeGreaterThan(20);
});

describe('the state is trusted only while it is true of the file', () => {
  let dir: string;
  let target: string;
  const units: Unit[] = [1, 2, 3, 4].map((name) => ({ name, base: name, rows: 5, seed: name }));
  beforeEach(async () => {
    dir = tmpDir();
    target = path.join(dir, 'T.xlsx');
    await pushToFile(target, units.map(unitPush));
  });

  /** The target with a part the blocks depend on changed by `edit`, as another writer would leave it. */
  async function edited(which: 'sheet' | 'strings', edit: (xml: string) => string) {
    const zip = fs.readFileSync(target);
    const { layout } = decodeState(readState(zip)!.json)!;
    const part = which === 'sheet' ? layout.part : layout.strings!.part;
    const xml = unzip(zip).get(part)!().toString('utf8');
    const now = edit(xml);
    expect(now).not.toBe(xml);
    fs.writeFileSync(target, await patchZip(zip, new Map([[part, Buffer.from(now, 'utf8')]])));
  }

  test("another writer's edit of a kept unit's percent in «Нэгтгэл» survives the next push", async () => {
    const before = await readTarget(target);
    const at = before.rows.findIndex((r) => r.unit === 'Нэгж 1' && r.percent !== null);
    const row = HEADER_ROW + 1 + at;
    await edited('sheet', (xml) => xml.replace(new RegExp(`(<c r="H${row}"[^>]*><v>)[^<]*`), '$112.25'));
    const r = await pushToFile(target, [unitPush({ ...units[2], seed: 40 })]);
    expect(r.incremental).toBe(false);
    const after = await readTarget(target);
    expect(after.rows.filter((x) => x.percent === 12.25).map((x) => x.key)).toEqual([before.rows[at].key]);
    // The full path wrote a new state: the next push keeps the blocks again, the edit with them.
    const again = await pushToFile(target, [unitPush({ ...units[3], seed: 41 })]);
    expect(again.incremental).toBe(true);
    expect((await readTarget(target)).rows.filter((x) => x.percent === 12.25)).toHaveLength(1);
  });

  test("another writer's edit of a kept unit's text in the shared strings survives the next push", async () => {
    const before = await readTarget(target);
    const other = before.rows.find((r) => r.unit === 'Нэгж 1')!;
    await edited('strings', (xml) => xml.replace(`<t>${other.achieved}</t>`, '<t>Засварласан</t>'));
    const r = await pushToFile(target, [unitPush({ ...units[2], seed: 40 })]);
    expect(r.incremental).toBe(false);
    const after = await readTarget(target);
    expect(after.rows.filter((x) => x.achieved === 'Засварласан').map((x) => x.unit)).toEqual(
      before.rows.filter((x) => x.achieved === other.achieved).map((x) => x.unit),
    );
  });

  test('without a thread to renumber the kept blocks, the push reads the target back whole', async () => {
    const reference = path.join(dir, 'R.xlsx');
    fs.copyFileSync(target, reference);
    const grown = unitPush({ ...units[0], rows: 7, seed: 12 });
    const spy = jest.spyOn(workerThreads, 'Worker').mockImplementation(() => {
      throw new Error('no threads');
    });
    try {
      const r = await pushToFile(target, [grown]);
      expect(r.incremental).toBe(false);
      expect(r.added + r.updated + r.unchanged).toBe(7);
    } finally {
      spy.mockRestore();
    }
    await pushToFile(reference, [grown], undefined, undefined, undefined, false);
    expect((await readTarget(target)).rows).toEqual((await readTarget(reference)).rows);
    // A fresh state was written: the next push keeps the blocks again.
    expect((await pushToFile(target, [unitPush({ ...units[1], seed: 13 })])).incremental).toBe(true);
  });

  test('a state that is not one ND Plan can read is no state', async () => {
    const zip = fs.readFileSync(target);
    const [head, ...lines] = readState(zip)!.json.split('\n');
    for (const state of [
      'not json',
      '{"v":2}',
      JSON.stringify({ v: 1, name: 'x', layout: {}, strings: [], blocks: [] }),
      // This version's state with a block's line that is not one, or a block too few for its layout.
      [head, ...lines.slice(0, -1), '["x"]'].join('\n'),
      [head, ...lines.slice(0, -1)].join('\n'),
    ]) {
      fs.writeFileSync(
        target,
        await patchZip(
          zip,
          new Map([[STATE_PART, Buffer.from(`<?xml version="1.0"?><state xmlns="urn:x">${state}</state>`)]]),
        ),
      );
      const r = await pushToFile(target, [unitPush({ ...units[0], seed: 9 })]);
      expect(r.incremental).toBe(false);
      expect(r.unchanged + r.updated).toBe(5);
    }
  });
});
