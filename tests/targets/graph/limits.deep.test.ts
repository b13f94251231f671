/**
 * The first load of a national consolidation (60,000 rows: 200 units × 300 activities) into a
 * shared workbook through the local Graph server with Graph's limits enforced (4 MB bodies,
 * 20 requests per batch, 429 with Retry-After): it completes, holds exactly the rows, and takes
 * a bounded number of requests. (A connection the local server drops meanwhile, as its idle
 * keep-alive ends, is one more round that re-reads the table and goes on: counted in the bound.)
 */
import { checkLimits, expectRows, firstLoad, requestBound } from './scale';

test('60,000 rows into an empty shared workbook, within the limits', async () => {
  const { rig, pushes, rows, r } = await firstLoad(200, 300, 500);
  try {
    console.log(
      JSON.stringify({ rows, rounds: r.rounds, requests: r.requests, enforced: rig.fake.enforced }),
    );
    expect(rows).toBe(60_000);
    expect(r).toMatchObject({ added: rows, updated: 0, removed: 0, unchanged: 0 });
    expectRows(rig, pushes);
    checkLimits(rig);
    expect(r.requests.requests).toBeLessThanOrEqual(
      requestBound(rows, pushes.length, rig.fake.enforced.throttled),
    );
  } finally {
    await rig.fake.stop();
  }
});
