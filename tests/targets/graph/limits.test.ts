/**
 * The Graph destination within Graph's limits (DESIGN.md section 16), against the local fake
 * with the limits enforced: request bodies over 4 MB answer 413, batches over 20 requests
 * answer 400, and requests are throttled (429 with Retry-After). A first load goes through in
 * a bounded number of requests, and a re-push into a large table sends only the changed rows.
 * tests/targets/graph/limits.deep.test.ts runs the first load at national scale (60,000 rows).
 */
import { MAX_REQUEST_BYTES } from '../../../src/targets/graph/client';
import type { Push } from '../../../src/core/consolidate';
import type { CellValue } from '../../../src/core/snapshot';
import { LINK, rowsOf, startRig } from './helpers';
import { checkLimits, expectRows, firstLoad, requestBound, tableWrites, unitPushes } from './scale';

describe('Graph limits, enforced by the local server', () => {
  let load: Awaited<ReturnType<typeof firstLoad>>;
  beforeAll(async () => {
    load = await firstLoad(10, 300, 97);
  }, 120_000);
  afterAll(() => load?.rig.fake.stop());

  test('a 3,000-row first load: every body under 4 MB, at most 20 per batch, throttling honoured', () => {
    const { rig, pushes, rows, r } = load;
    expect(rows).toBe(3000);
    expect(r).toMatchObject({ added: rows, updated: 0, removed: 0, unchanged: 0 });
    expectRows(rig, pushes);
    checkLimits(rig);
    expect(r.requests.requests).toBeLessThanOrEqual(
      requestBound(rows, pushes.length, rig.fake.enforced.throttled),
    );
  });

  test('a re-push of one unit into the 3,000-row table sends only its changed rows', async () => {
    const { rig, pushes } = load;

    // Unit 5 again: three rows with other figures, two rows gone.
    const again = JSON.parse(JSON.stringify(pushes[4])) as Push;
    for (const row of again.rows.slice(10, 13)) {
      row.achieved = `${row.achieved} (засвар)`;
      row.percent = 55;
    }
    again.rows.splice(20, 2);
    rig.fake.clearLog();
    rig.fake.limits = { maxBodyBytes: MAX_REQUEST_BYTES };
    const dest = rig.dest();
    await dest.resolveWorkbook(LINK);
    const r = await dest.push([again]);
    expectRows(rig, [...pushes.slice(0, 4), again, ...pushes.slice(5)]);
    expect(r).toMatchObject({ added: 0, updated: 3, removed: 2, unchanged: 295 });

    const writes = tableWrites(rig);
    const valueRows = writes.flatMap((l) => (l.body as { values?: CellValue[][] } | null)?.values ?? []);
    // Over the wire: the three changed rows' values and two deletes, nothing of the other 2,995 rows.
    expect(valueRows).toHaveLength(3);
    const keyColumn = rowsOf(rig.item).raw[0].indexOf('Түлхүүр');
    expect(valueRows.map((v) => v[keyColumn]).sort()).toEqual(
      again.rows
        .slice(10, 13)
        .map((x) => x.key)
        .sort(),
    );
    expect(writes.filter((l) => l.method === 'DELETE')).toHaveLength(2);
    expect(writes.filter((l) => l.path.endsWith('/rows/add'))).toHaveLength(0);
    // In one write batch; with the link, the read, the session and the summary, a handful of round trips.
    expect(
      rig.fake.log.filter((l) => l.isBatch && l.writes && writes.some((w) => w.batch === l.batch)),
    ).toHaveLength(1);
    expect(r.requests.requests).toBeLessThanOrEqual(8);
  }, 120_000);

  test('long texts: batches are cut by size, never over 4 MB', async () => {
    const rig = await startRig();
    try {
      rig.fake.limits = { maxBodyBytes: MAX_REQUEST_BYTES };
      const pushes = await unitPushes(2, 150);
      // 20,000 Cyrillic characters (40 KB in UTF-8) in each activity: 12 MB of text in all.
      for (const p of pushes) for (const row of p.rows) row.activity = `${row.no} ${'Ажил '.repeat(4000)}`;
      const dest = rig.dest();
      await dest.resolveWorkbook(LINK);
      const r = await dest.push(pushes);
      expect(r.added).toBe(300);
      expectRows(rig, pushes);
      const e = rig.fake.enforced;
      expect(e.tooLarge).toBe(0);
      expect(e.largestBody).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
      // The size, not the count of requests, closed the batches: they came near the limit.
      expect(e.largestBody).toBeGreaterThan(MAX_REQUEST_BYTES / 2);
      expect(rig.fake.log.filter((l) => l.isBatch).length).toBeGreaterThanOrEqual(4);
    } finally {
      await rig.fake.stop();
    }
  }, 120_000);
});
