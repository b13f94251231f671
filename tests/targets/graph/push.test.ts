/**
 * Acceptance of the shared-workbook destination against the local Graph server: the three
 * sample units into an empty workbook, a re-push with no change, a re-push after editing one
 * row, each clean and with every fault injected once; the final tables must equal the
 * expected ones every time.
 */
import { ROW_COLUMNS, type ConsolidatedRow, type Push } from '../../../src/core/consolidate';
import type { Fault, FakeItem, Trigger } from './fakeGraph';
import {
  LINK,
  byKey,
  debtOf,
  expected,
  foreignRow,
  rowsOf,
  samplePushes,
  withRig,
  valuesOf,
  type Rig,
} from './helpers';

const SHEET = 'Нэгтгэл';

function checkTables(rig: Rig, pushes: Push[], foreign: ConsolidatedRow[] = []) {
  const t = rowsOf(rig.item);
  const e = expected(foreign, pushes);
  expect(byKey(t.rows)).toEqual(e.rows);
  expect(new Set(t.rows.map((r) => r.key)).size).toBe(t.rows.length); // no duplicates
  expect(t.blanks).toBe(0);
  expect(byKey(debtOf(rig.item).rows)).toEqual(e.debt);
}

/** Every cell of "Нэгтгэл" holds a value, never a formula, and text is formatted as text. */
function checkNoFormulas(item: FakeItem) {
  const sheet = item.workbook.sheet(SHEET)!;
  const cells = [...sheet.cells];
  expect(cells.length).toBeGreaterThan(0);
  expect(cells.filter(([, cell]) => cell.f !== undefined)).toEqual([]);
  expect(cells.filter(([, cell]) => typeof cell.v === 'string' && cell.v !== '' && cell.nf !== '@')).toEqual(
    [],
  );
}

describe('pushing to the shared workbook', () => {
  test('the three sample units go into an empty workbook', () =>
    withRig({}, async (rig) => {
      const pushes = await samplePushes();
      const dest = rig.dest();
      const wb = await dest.resolveWorkbook(LINK);
      expect(wb).toMatchObject({ driveId: 'b!drive-1', itemId: '01ITEM', name: 'Negtgel.xlsx' });
      const r = await dest.push(pushes);
      checkTables(rig, pushes);
      checkNoFormulas(rig.item);
      expect(r).toMatchObject({
        added: 10,
        updated: 0,
        removed: 0,
        unchanged: 0,
        summaryWritten: true,
        rounds: 1,
      });
      expect(r.rows).toHaveLength(10);
      expect(r.debtChanges.added).toBe(1);
      // The formula-looking texts of the samples are stored exactly, as text.
      const texts = rowsOf(rig.item).rows.flatMap((x) => [x.activity, x.achieved]);
      expect(texts).toContain('=HYPERLINK("http://example.invalid","Дэлгэрэнгүй")');
      expect(texts).toContain('+12 шалгалт хийсэн');
      // The summary sheet: title, one line per unit and the pooled total.
      const summary = rig.item.workbook.sheet('Товчоо')!;
      expect(summary.value(1, 1)).toBe('ГҮЙЦЭТГЭЛИЙН ҮНЭЛГЭЭНИЙ ТОВЧОО');
      expect(summary.value(2, 1)).toBe('2024 оны Жилийн эцэс');
      expect(summary.value(4, 2)).toBe('Нэгж');
      expect(summary.value(8, 2)).toBe('Нийт');
      expect(summary.value(8, 4)).toBe(10);
      expect(summary.merges).toContainEqual({ top: 1, left: 1, bottom: 1, right: 11 });
      // Batches of at most 20 requests; the session was opened once and closed.
      expect(rig.fake.log.filter((l) => l.batch && !l.isBatch).length).toBeGreaterThan(0);
      const perBatch = new Map<number, number>();
      for (const l of rig.fake.log)
        if (l.batch && !l.isBatch) perBatch.set(l.batch, (perBatch.get(l.batch) ?? 0) + 1);
      expect(Math.max(...perBatch.values())).toBeLessThanOrEqual(20);
      expect(rig.fake.log.filter((l) => l.path.endsWith('/createSession'))).toHaveLength(1);
      expect(rig.fake.log.filter((l) => l.path.endsWith('/closeSession'))).toHaveLength(1);
      expect(rig.fake.sessions.size).toBe(0);
    }));

  test('a re-push with no change sends no write request beyond the key read', () =>
    withRig({}, async (rig) => {
      const pushes = await samplePushes();
      const dest = rig.dest();
      await dest.resolveWorkbook(LINK);
      await dest.push(pushes);
      rig.fake.clearLog();
      const r = await dest.push(pushes);
      expect(r).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 10, summaryWritten: false });
      expect(rig.fake.writes()).toEqual([]);
      // One batch of reads: worksheets, tables, the two table ranges and the summary; no session.
      expect(rig.fake.log.filter((l) => l.isBatch)).toHaveLength(1);
      expect(rig.fake.log.filter((l) => !l.isBatch).every((l) => l.method === 'GET')).toBe(true);
      expect(rig.fake.log.filter((l) => /\/tables\/Negtgel\/range$/.test(l.path))).toHaveLength(1);
      checkTables(rig, pushes);
    }));

  test('a re-push after editing one row patches exactly that row', () =>
    withRig({}, async (rig) => {
      const pushes = await samplePushes();
      const dest = rig.dest();
      await dest.resolveWorkbook(LINK);
      await dest.push(pushes);
      rig.fake.clearLog();
      pushes[1].rows[2].achieved = 'Төлөвлөгөөг 100 хувь биелүүлсэн (засварласан)';
      const r = await dest.push(pushes);
      expect(r).toMatchObject({ added: 0, updated: 1, removed: 0, unchanged: 9 });
      expect(r.changes.updated).toEqual([pushes[1].rows[2].key]);
      const writes = rig.fake.writes();
      const valueWrites = writes.filter(
        (w) => w.method === 'PATCH' && (w.body as { values?: unknown[] }).values,
      );
      expect(valueWrites).toHaveLength(1);
      expect((valueWrites[0].body as { values: unknown[][] }).values).toHaveLength(1);
      expect(valueWrites[0].path).toContain(`/worksheets/${SHEET}/range(address=`);
      // Besides it, only the text format of the same row: no row added or deleted, no summary rewrite.
      expect(writes.every((w) => w.path === valueWrites[0].path)).toBe(true);
      checkTables(rig, pushes);
    }));

  test('a push replaces exactly the rows of the pushed sources and keeps the others', () =>
    withRig({}, async (rig) => {
      const pushes = await samplePushes();
      const dest = rig.dest();
      await dest.resolveWorkbook(LINK);
      await dest.push(pushes);
      const t = rig.item.workbook.table('Negtgel')!;
      rig.item.workbook.addRows(t, [valuesOf(foreignRow(1)), valuesOf(foreignRow(2))], null, true);
      const one = pushes[0];
      const dropped = one.rows.pop()!;
      one.rows[0].percent = 55;
      const r = await dest.push([one]);
      expect(r).toMatchObject({ added: 0, updated: 1, removed: 1, unchanged: one.rows.length - 1 });
      expect(r.changes.removed).toEqual([dropped.key]);
      const all = await samplePushes();
      all[0] = one;
      checkTables(rig, all, [foreignRow(1), foreignRow(2)]);
      expect(r.summaryWritten).toBe(true);
    }));

  test('preview counts what a push would change and writes nothing', () =>
    withRig({}, async (rig) => {
      const pushes = await samplePushes();
      const dest = rig.dest();
      await dest.resolveWorkbook(LINK);
      const before = await dest.preview(pushes);
      expect(before).toMatchObject({
        added: 10,
        updated: 0,
        removed: 0,
        unchanged: 0,
        rows: 10,
        exists: false,
      });
      expect(rig.fake.writes()).toEqual([]);
      await dest.push(pushes);
      pushes[2].rows[0].percent = 12.5;
      pushes[0].rows.splice(1, 1);
      rig.fake.clearLog();
      const p = await dest.preview(pushes);
      expect(p).toMatchObject({ added: 0, updated: 1, removed: 1, unchanged: 8, rows: 9, exists: true });
      expect(p.debt).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 1 });
      expect(rig.fake.writes()).toEqual([]);
    }));
});

type Scenario = 'initial' | 'no-change' | 'edit-one';

/** The other head's rows, present before the push in the re-push scenarios. */
const SEEDED = [foreignRow(7), foreignRow(8)];

function faultsFor(scenario: Scenario): [string, Fault][] {
  const on: Trigger = scenario === 'no-change' ? 'read' : 'write';
  return [
    ['429 with Retry-After', { kind: 'status', status: 429, retryAfter: 2, on }],
    ['503', { kind: 'status', status: 503, on }],
    ['session expiry', { kind: 'expire-session', on: 'write' }],
    [
      'dropped connection mid-batch',
      { kind: 'drop', on: scenario === 'no-change' ? 'read-batch' : 'write-batch' },
    ],
    [
      'concurrent writer between read and write',
      {
        kind: 'mutate',
        mutate: (_fake, item) => {
          const wb = item.workbook;
          const t = wb.table('Negtgel')!;
          // Another head pushes two rows at the top (every index below moves) and removes one of its rows.
          wb.addRows(t, [valuesOf(foreignRow(1)), valuesOf(foreignRow(2))], 0, true);
          const values = wb.tableValues(t).slice(1);
          const i = values.findIndex(
            (row) => row[ROW_COLUMNS.findIndex((c) => c.id === 'key')] === SEEDED[0].key,
          );
          if (i >= 0) wb.deleteRow(t, i);
        },
      },
    ],
  ];
}

describe.each<Scenario>(['initial', 'no-change', 'edit-one'])('%s push, with a fault', (scenario) => {
  test.each(faultsFor(scenario))('%s: the final table equals the expected table', (_name, fault) =>
    withRig({}, async (rig) => {
      const pushes = await samplePushes();
      const dest = rig.dest();
      await dest.resolveWorkbook(LINK);
      let foreign: ConsolidatedRow[] = [];
      if (scenario !== 'initial') {
        await dest.push(pushes);
        const t = rig.item.workbook.table('Negtgel')!;
        rig.item.workbook.addRows(t, SEEDED.map(valuesOf), null, true);
        foreign = [...SEEDED];
        // The other head's rows change the summary: settle it before the measured push.
        await dest.push(pushes);
        if (scenario === 'edit-one') pushes[0].rows[1].achieved = 'Засварласан биелэлт';
      }
      rig.fake.clearLog();
      rig.fake.arm(fault);
      const r = await dest.push(pushes);
      if (fault.kind === 'mutate')
        foreign = [foreignRow(1), foreignRow(2), ...foreign.filter((f) => f.key !== SEEDED[0].key)];
      checkTables(rig, pushes, foreign);
      checkNoFormulas(rig.item);
      const fired = rig.fake.pending().length === 0;
      // Without writes there is no session to expire; every other fault must have happened.
      if (!(scenario === 'no-change' && fault.kind === 'expire-session')) expect(fired).toBe(true);
      if (fault.kind === 'status' && fault.retryAfter) expect(rig.waits).toContain(fault.retryAfter * 1000);
      if (scenario === 'no-change' && fault.kind !== 'mutate') expect(rig.fake.writes()).toEqual([]);
      // (A push that writes nothing reports the table as it read it, before the other writer.)
      if (!(scenario === 'no-change' && fault.kind === 'mutate'))
        expect(r.rows.length).toBe(10 + foreign.length);
      // A fresh push afterwards finds nothing left to do.
      rig.fake.clearLog();
      const again = await dest.push(pushes);
      expect(again.added + again.updated + again.removed).toBe(0);
      // (The summary may still be refreshed: the other writer of this test does not rewrite it.)
      expect(rig.fake.writes().filter((w) => !w.path.includes('/worksheets/Товчоо/'))).toEqual([]);
    }),
  );
});
