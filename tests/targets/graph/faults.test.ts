/**
 * Each fault of the Graph destination on its own, with what must happen besides the final
 * table: the waits, the sessions, the rounds, the rows written back, the error reasons.
 */
import { ROW_COLUMNS, type Push } from '../../../src/core/consolidate';
import type { Fault } from './fakeGraph';
import {
  LINK,
  byKey,
  expected,
  foreignRow,
  rowsOf,
  samplePushes,
  failure,
  startRig,
  withRig,
  valuesOf,
  type Rig,
} from './helpers';

function tableIs(r: Rig, pushes: Push[], foreign = [] as ReturnType<typeof foreignRow>[]) {
  const t = rowsOf(r.item);
  expect(byKey(t.rows)).toEqual(expected(foreign, pushes).rows);
  expect(t.blanks).toBe(0);
}

describe('throttling and back-off', () => {
  test('a throttled write waits as long as Retry-After says', () =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      r.fake.arm({ kind: 'status', status: 429, retryAfter: 3, on: 'write' });
      await dest.push(pushes);
      expect(r.waits).toEqual([3000]);
      tableIs(r, pushes);
    }));

  test('a throttled $batch (429 on the whole batch) is sent again after Retry-After', () =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      r.fake.arm({ kind: 'status', status: 429, retryAfter: 1, on: 'write-batch' });
      await dest.push(pushes);
      expect(r.waits).toEqual([1000]);
      expect(r.fake.pending()).toEqual([]);
      tableIs(r, pushes);
    }));

  test('503 and 504 without Retry-After back off exponentially', () =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      const worksheets = (q: { method: string; path: string }) =>
        q.method === 'GET' && q.path.endsWith('/worksheets');
      r.fake.arm(
        { kind: 'status', status: 503, on: worksheets, times: 2 },
        { kind: 'status', status: 504, on: worksheets },
      );
      await dest.push(pushes);
      expect(r.waits).toEqual([500, 1000, 2000]);
      tableIs(r, pushes);
    }));

  test('a Retry-After beyond the budget gives up at once with "throttled"; pushing later completes', () =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      r.fake.arm({ kind: 'status', status: 429, retryAfter: 120, on: 'write' });
      const e = await failure(dest.push(pushes));
      expect(e.reason).toBe('throttled');
      expect(r.waits).toEqual([]);
      await dest.push(pushes);
      tableIs(r, pushes);
    }));

  test('back-off is bounded: at most 5 attempts and 30 s of waiting', () =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      r.fake.arm({ kind: 'status', status: 429, retryAfter: 4, on: 'read', times: 1000 });
      const e = await failure(dest.push(pushes));
      expect(e.reason).toBe('throttled');
      expect(r.waits.length).toBeLessThanOrEqual(4);
      expect(r.waits.reduce((s, w) => s + w, 0)).toBeLessThanOrEqual(30_000);
    }));
});

describe('sessions', () => {
  test.each(['nested', 'legacy'] as const)(
    'an expired session (%s error shape) is replaced and the push completes',
    (style) =>
      withRig({}, async (r, pushes) => {
        const dest = r.dest();
        await dest.resolveWorkbook(LINK);
        r.fake.arm({ kind: 'expire-session', on: 'write', style });
        const res = await dest.push(pushes);
        expect(r.fake.log.filter((l) => l.path.endsWith('/createSession'))).toHaveLength(2);
        expect(res.requests.sessions).toBe(2);
        tableIs(r, pushes);
      }),
  );

  test('a session that keeps expiring ends with "session-expired"', () =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      r.fake.arm(...Array.from({ length: 20 }, (): Fault => ({ kind: 'expire-session', on: 'write' })));
      const e = await failure(dest.push(pushes));
      expect(e.reason).toBe('session-expired');
    }));
});

describe('dropped connections', () => {
  test.each([1, 2, 3, 4, 5, 6, 7])(
    'a connection dropped after %i requests of the first write batch: no duplicate, no blank, nothing lost',
    (after) =>
      withRig({}, async (r, pushes) => {
        const dest = r.dest();
        await dest.resolveWorkbook(LINK);
        // The first rows batch: fill of the table's blank row, rows/add, fill of the new rows.
        r.fake.arm({
          kind: 'drop',
          after,
          on: (q) =>
            q.isBatch &&
            q.writes &&
            r.fake.log.some((l) => l.path.endsWith('/tables/Negtgel/range') && l.status === 200),
        });
        const res = await dest.push(pushes);
        expect(r.fake.pending()).toEqual([]);
        expect(res.rounds).toBeGreaterThanOrEqual(2);
        tableIs(r, pushes);
      }),
  );

  test('a dropped read is repeated', () =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      r.fake.arm({ kind: 'drop', on: 'read-batch', after: 2 });
      await dest.push(pushes);
      expect(r.fake.pending()).toEqual([]);
      expect(r.waits).toEqual([500]);
      tableIs(r, pushes);
    }));

  test('no server at all: "offline"', async () => {
    const r = await startRig();
    const dest = r.dest();
    await dest.resolveWorkbook(LINK);
    await r.fake.stop();
    const e = await failure(dest.push(await samplePushes()));
    expect(e.reason).toBe('offline');
  });
});

describe('another writer between our read and our write', () => {
  const SEEDED = [foreignRow(7), foreignRow(8)];

  async function seeded(r: Rig, pushes: Push[]) {
    const dest = r.dest();
    await dest.resolveWorkbook(LINK);
    await dest.push(pushes);
    const t = r.item.workbook.table('Negtgel')!;
    // The other head's rows sit above ours.
    r.item.workbook.addRows(t, SEEDED.map(valuesOf), 0, true);
    return dest;
  }

  test('rows inserted above ours: their rows survive, ours are written once', () =>
    withRig({}, async (r, pushes) => {
      const dest = await seeded(r, pushes);
      pushes[0].rows[0].percent = 33; // our first row: right below the other head's rows
      pushes[2].rows[1].percent = 33;
      pushes[0].rows.pop();
      r.fake.arm({
        kind: 'mutate',
        mutate: (_f, item) =>
          item.workbook.addRows(item.workbook.table('Negtgel')!, [valuesOf(foreignRow(1))], 0, true),
      });
      const res = await dest.push(pushes);
      expect(res.rounds).toBeGreaterThanOrEqual(2);
      expect(res.restored).toBeGreaterThanOrEqual(1);
      tableIs(r, pushes, [...SEEDED, foreignRow(1)]);
    }));

  test('a row to write back survives a failure of the round that writes it back', () =>
    withRig({}, async (r, pushes) => {
      const dest = await seeded(r, pushes);
      pushes[0].rows[0].percent = 44; // lands on the other head's row once the rows move
      r.fake.arm(
        {
          kind: 'mutate',
          mutate: (_f, item) =>
            item.workbook.addRows(item.workbook.table('Negtgel')!, [valuesOf(foreignRow(1))], 0, true),
        },
        // The write-back (the only rows/add of this push) is throttled once.
        {
          kind: 'status',
          status: 429,
          retryAfter: 1,
          on: (q) => q.method === 'POST' && q.path.endsWith('/rows/add'),
        },
      );
      const res = await dest.push(pushes);
      expect(r.fake.pending()).toEqual([]);
      expect(res.restored).toBe(1);
      expect(res.rounds).toBeGreaterThanOrEqual(3);
      tableIs(r, pushes, [...SEEDED, foreignRow(1)]);
    }));

  test('rows deleted above ours: the right rows are changed', () =>
    withRig({}, async (r, pushes) => {
      const dest = await seeded(r, pushes);
      pushes[1].rows[0].achieved = 'өөрчилсөн';
      pushes[2].rows.pop();
      r.fake.arm({
        kind: 'mutate',
        mutate: (_f, item) => item.workbook.deleteRow(item.workbook.table('Negtgel')!, 0),
      });
      await dest.push(pushes);
      tableIs(r, pushes, [SEEDED[1]]);
    }));

  test('an edit of another unit’s row is kept', () =>
    withRig({}, async (r, pushes) => {
      const dest = await seeded(r, pushes);
      pushes[0].rows[0].percent = 1;
      const edited = { ...SEEDED[1], achieved: 'гараар засварласан' };
      r.fake.arm({
        kind: 'mutate',
        mutate: (_f, item) => {
          const t = item.workbook.table('Negtgel')!;
          const achieved = t.left + ROW_COLUMNS.findIndex((c) => c.id === 'achieved');
          t.sheet.setFormat(t.top + 2, achieved, '@');
          t.sheet.setValue(t.top + 2, achieved, edited.achieved);
        },
      });
      await dest.push(pushes);
      tableIs(r, pushes, [SEEDED[0], edited]);
    }));

  test('a table that keeps changing ends with "locked" after the bounded rounds', () =>
    withRig({}, async (r, pushes) => {
      const dest = await seeded(r, pushes);
      pushes.forEach((p) => p.rows.forEach((x) => (x.percent = 5)));
      let n = 100;
      r.fake.arm(
        ...Array.from({ length: 10 }, (): Fault => ({
          kind: 'mutate',
          mutate: (_f, item) =>
            item.workbook.addRows(item.workbook.table('Negtgel')!, [valuesOf(foreignRow(n++))], 0, true),
        })),
      );
      const busy = r.dest({ maxRounds: 3 });
      await busy.resolveWorkbook(LINK);
      const e = await failure(busy.push(pushes));
      expect([e.reason, e.message]).toEqual(['locked', expect.any(String)]);
      // Whatever happened, nobody's row was lost: a calm push afterwards completes the table.
      await dest.push(pushes);
      const t = rowsOf(r.item);
      for (let k = 100; k < n; k++) expect(t.rows.some((x) => x.key === foreignRow(k).key)).toBe(true);
      expect(new Set(t.rows.map((x) => x.key)).size).toBe(t.rows.length);
    }));
});

describe('errors and cancelling', () => {
  test.each([true, false])('a workbook locked by another client (table exists: %s): "locked"', (exists) =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      if (exists) {
        await dest.push(pushes);
        pushes[1].rows[1].percent = 10;
      }
      r.fake.arm({
        kind: 'status',
        status: 409,
        code: 'conflict',
        inner: 'accessConflict',
        message: 'The workbook is locked for editing by another user.',
        on: 'write',
      });
      const e = await failure(dest.push(pushes));
      expect(e.reason).toBe('locked');
      expect(e.userMessage()).toMatch(/түгжигдсэн/);
      expect(e.userMessage('en')).toMatch(/locked/);
      expect(e.status).toBe(409);
    }),
  );

  test('cancel stops between batches, closes the session; the next push completes without duplicates', () =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest({ limits: { maxFillRows: 1, maxAppendRows: 200 } });
      await dest.resolveWorkbook(LINK);
      const ac = new AbortController();
      const phases: string[] = [];
      const e = await failure(
        dest.push(pushes, {
          signal: ac.signal,
          onProgress: (p) => {
            phases.push(p.phase);
            if (p.phase === 'write' && p.done > 0) ac.abort();
          },
        }),
      );
      expect(e.reason).toBe('cancelled');
      expect(phases).toContain('write');
      expect(r.fake.sessions.size).toBe(0);
      const written = rowsOf(r.item).rows.length;
      expect(written).toBeLessThan(10);
      const res = await dest.push(pushes);
      expect(res.added).toBe(10 - written);
      tableIs(r, pushes);
    }));
});
