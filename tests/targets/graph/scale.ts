/**
 * Unit workbooks at scale for the Graph destination's limits tests: generated performance
 * reports written as real .xlsx files and read back the way the command line reads them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pushesOf } from '../../../src/cli/consolidate';
import type { Push } from '../../../src/core/consolidate';
import { performanceReport, unitSpecs, writeXlsx } from '../../../bench/generate';
import { MAX_REQUEST_BYTES } from '../../../src/targets/graph/client';
import { LINK, byKey, expected, rowsOf, startRig, type Rig } from './helpers';

/** `units` workbooks of `activities` rows each (distinct units), as pushes; `seed` varies their figures. */
export async function unitPushes(units: number, activities: number, seed = 5000): Promise<Push[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-graph-scale-'));
  try {
    const files: string[] = [];
    for (const [i, s] of unitSpecs(units).entries()) {
      const file = path.join(dir, `unit-${String(i + 1).padStart(4, '0')}.xlsx`);
      await writeXlsx(file, [
        performanceReport(activities, { seed: seed + i, unit: `${s.unit} ${i + 1}`, person: s.person }),
      ]);
      files.push(file);
    }
    return await pushesOf(files);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows table holds exactly what core consolidation of `pushes` gives. */
export function expectRows(rig: Rig, pushes: Push[]): void {
  const t = rowsOf(rig.item);
  expect(t.blanks).toBe(0);
  expect(byKey(t.rows)).toEqual(expected([], pushes).rows);
}

/** Requests that reached the table "Negtgel" or its sheet, inside batches or not. */
export function tableWrites(rig: Rig) {
  return rig.fake
    .writes()
    .filter(
      (l) =>
        l.status >= 200 &&
        l.status < 300 &&
        (/\/tables\/Negtgel\//.test(l.path) || l.path.includes('/worksheets/Нэгтгэл/')),
    );
}

/** A first load of `units` × `activities` rows with every limit enforced; returns the rig for more checks. */
export async function firstLoad(units: number, activities: number, throttleEvery: number) {
  const rig = await startRig();
  rig.fake.limits = { maxBodyBytes: MAX_REQUEST_BYTES, throttleEvery, retryAfter: 2 };
  const pushes = await unitPushes(units, activities);
  const rows = pushes.reduce((n, p) => n + p.rows.length, 0);
  const dest = rig.dest();
  await dest.resolveWorkbook(LINK);
  const r = await dest.push(pushes);
  return { rig, pushes, rows, r };
}

/** What every load against the enforcing fake must show. */
export function checkLimits(rig: Rig): void {
  const e = rig.fake.enforced;
  expect(e.tooLarge).toBe(0);
  expect(e.largestBody).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
  expect(e.largestBatch).toBeLessThanOrEqual(20);
  expect(rig.fake.log.filter((l) => l.status === 400 || l.status === 413)).toEqual([]);
  // Throttled, and every throttle was waited out as Retry-After said (2 s), never shorter.
  expect(e.throttled).toBeGreaterThan(0);
  expect(rig.waits.filter((w) => w === 2000)).toHaveLength(e.throttled);
  // Any other wait is the client's own shorter back-off after a dropped connection.
  expect(rig.waits.every((w) => w <= 2000)).toBe(true);
}

/**
 * HTTP requests a first load of `rows` from `units` units may take: per 200 rows one
 * `rows/add` and four fills of 50 rows (a guard read and two writes each); about seven
 * requests per unit for the summary; all of it 19 to a batch; plus the reads, the session, the
 * sheets and tables of a new consolidation (25 at most), and one repeat per throttled answer.
 */
export function requestBound(rows: number, units: number, throttled: number): number {
  return Math.ceil(((rows / 200) * 13 + units * 7) / 19) + 25 + throttled;
}
