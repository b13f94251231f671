/** Planning of the keyed upsert of one table (pure): positions, guards, blank rows, formats. */
import { ROW_COLUMNS, type ConsolidatedRow, type Push } from '../../../src/core/consolidate';
import type { CellValue } from '../../../src/core/snapshot';
import {
  DEFAULT_LIMITS,
  bodyAddress,
  parseTable,
  planTable,
  type RowOp,
} from '../../../src/targets/graph/table';
import { summaryOps, summaryRequests, summaryUpToDate } from '../../../src/targets/graph/summary';
import { ROWS_SPEC, makeCtx } from '../../../src/targets/graph/workbook';
import { createGraphClient } from '../../../src/targets/graph/client';
import { foreignRow, valuesOf } from './helpers';

const HEADER = ROW_COLUMNS.map((c) => c.mn);
const blank = (): CellValue[] => HEADER.map(() => '');

function unitRows(unit: string, n: number): ConsolidatedRow[] {
  return Array.from({ length: n }, (_, i) => ({ ...foreignRow(i + 1, unit) }));
}

function pushOf(rows: ConsolidatedRow[]): Push {
  const r = rows[0];
  return {
    source: {
      via: '',
      unit: r.unit,
      person: r.person,
      year: r.year,
      period: r.period,
      template: r.template,
      sheet: r.sheet,
    },
    file: r.file,
    rows,
    debt: [],
  };
}

function read(body: CellValue[][]) {
  return parseTable(ROWS_SPEC, `Нэгтгэл!A1:T${body.length + 1}`, [HEADER, ...body]);
}

const kinds = (ops: RowOp[]) =>
  ops.map((o) =>
    o.kind === 'fill'
      ? `fill ${o.index}+${o.rows.length}`
      : `${o.kind} ${o.index}${o.kind === 'append' ? `+${o.count}` : ''}`,
  );

describe('planTable', () => {
  const a = unitRows('А НЭГЖ', 3);
  const b = unitRows('Б НЭГЖ', 2);

  test('nothing to do when the table already holds the push', () => {
    const t = read([...a, ...b].map(valuesOf));
    expect(planTable(ROWS_SPEC, t, [pushOf(a)]).ops).toEqual([]);
  });

  test('deletes from the bottom up, then patches at the shifted index, then new rows into blank rows and appended', () => {
    const t = read([valuesOf(a[0]), valuesOf(b[0]), valuesOf(a[1]), blank(), valuesOf(a[2]), valuesOf(b[1])]);
    const changed = { ...a[2], percent: 10 };
    const fresh = [
      { ...a[0], key: a[0].key + 'x' },
      { ...a[0], key: a[0].key + 'y' },
    ];
    // a[1] disappears; a[2] changes; two new rows; a[0] stays.
    const plan = planTable(ROWS_SPEC, t, [pushOf([a[0], changed, ...fresh])]);
    expect(kinds(plan.ops)).toEqual(['delete 2', 'fill 2+2', 'append 5+1', 'fill 5+1']);
    const del = plan.ops[0] as Extract<RowOp, { kind: 'delete' }>;
    expect(del.expect).toEqual({ key: a[1].key });
    const fill = plan.ops[1] as Extract<RowOp, { kind: 'fill' }>;
    // The blank row (now index 2) takes a new row; a[2] (now index 3) is patched: one block of two rows.
    expect(fill.expect).toEqual([{ blank: true }, { key: a[2].key }]);
    // Text columns are written as text, numbers as numbers, the percent with one decimal.
    const col = (id: string) => ROW_COLUMNS.findIndex((c) => c.id === id);
    expect(fill.formats[1][col('activity')]).toBe('@');
    expect(fill.formats[1][col('year')]).toBe('General');
    expect(fill.formats[1][col('percent')]).toBe('0.0');
    expect(fill.rows[1][col('percent')]).toBe(10);
  });

  test('duplicates of a key are deleted, keeping the copy that is already right', () => {
    const stale = { ...a[0], achieved: 'хуучин' };
    const t = read([stale, b[0], a[0]].map(valuesOf));
    const plan = planTable(ROWS_SPEC, t, [pushOf([a[0]])]);
    expect(kinds(plan.ops)).toEqual(['delete 0']);
  });

  test('blank rows left over are removed, but a table keeps one body row', () => {
    expect(
      kinds(planTable(ROWS_SPEC, read([blank(), ...a.map(valuesOf), blank()]), [pushOf(a)]).ops),
    ).toEqual(['delete 4', 'delete 0']);
    expect(kinds(planTable(ROWS_SPEC, read([blank()]), [pushOf(a)]).ops)).toEqual([
      'fill 0+1',
      'append 1+2',
      'fill 1+2',
    ]);
    expect(planTable(ROWS_SPEC, read([blank()]), [{ ...pushOf(a), rows: [] }]).ops).toEqual([]);
    // Removing every row: the top one is blanked instead of deleted.
    expect(kinds(planTable(ROWS_SPEC, read(a.map(valuesOf)), [{ ...pushOf(a), rows: [] }]).ops)).toEqual([
      'delete 2',
      'delete 1',
      'fill 0+1',
    ]);
  });

  test('rows of another source lost to a misplaced write are written back once', () => {
    const lost = valuesOf(b[1]);
    const t = read([a[0], b[0]].map(valuesOf));
    const plan = planTable(ROWS_SPEC, t, [pushOf([a[0]])], [lost, lost]);
    expect(plan.restores).toBe(1);
    expect(kinds(plan.ops)).toEqual(['append 2+1', 'fill 2+1']);
    // Already back (the other writer re-added it): nothing to do.
    expect(
      planTable(ROWS_SPEC, read([a[0], b[0], b[1]].map(valuesOf)), [pushOf([a[0]])], [lost]).ops,
    ).toEqual([]);
  });

  test('large pushes are cut into blocks', () => {
    const many = unitRows('В НЭГЖ', 130);
    const plan = planTable(ROWS_SPEC, read([blank()]), [pushOf(many)], [], {
      ...DEFAULT_LIMITS,
      maxAppendRows: 100,
    });
    expect(kinds(plan.ops)).toEqual([
      'fill 0+1',
      'append 1+100',
      'fill 1+50',
      'fill 51+50',
      'append 101+29',
      'fill 101+29',
    ]);
  });

  test('addresses of body rows', () => {
    expect(bodyAddress({ top: 1, left: 1, bottom: 5, right: 20 }, 0, 1)).toBe('A2:T2');
    expect(bodyAddress({ top: 3, left: 2, bottom: 9, right: 4 }, 2, 3)).toBe('B6:D8');
  });
});

describe('the summary sheet through Graph', () => {
  const rows = unitRows('А НЭГЖ', 2);
  const ops = summaryOps({ rows, debt: [] });
  const ctx = makeCtx(createGraphClient({ getToken: async () => 't', scopes: [] }), {
    driveId: 'd',
    itemId: 'i',
    name: 'x.xlsx',
  });

  test('clears what was there, writes formats first and values last', () => {
    const items = summaryRequests(ctx, ops, { top: 1, left: 1, bottom: 30, right: 12 });
    expect(items[0].url).toMatch(/range\(address='A1:L30'\)\/unmerge$/);
    expect(items[1]).toMatchObject({ method: 'POST', body: { applyTo: 'All' } });
    const firstValues = items.findIndex((i) => (i.body as { values?: unknown })?.values);
    expect(items.slice(firstValues).every((i) => (i.body as { values?: unknown })?.values)).toBe(true);
    expect(items.some((i) => i.url.endsWith('/merge'))).toBe(true);
    expect(items.some((i) => i.url.endsWith('/format/font'))).toBe(true);
    // Text cells get the text format before their values.
    const title = items.find(
      (i) => (i.body as { numberFormat?: unknown[][] })?.numberFormat?.[0]?.[0] === '@',
    );
    expect(title).toBeDefined();
  });

  test('is up to date only when every value matches', () => {
    const grid: CellValue[][] = [];
    for (const op of ops) {
      if (op.op !== 'setValues') continue;
      op.values.forEach((r, i) => r.forEach((v, j) => ((grid[op.row + i - 1] ??= [])[op.col + j - 1] = v)));
    }
    const width = Math.max(...Array.from(grid, (r) => r?.length ?? 0));
    const values = Array.from({ length: grid.length }, (_, i) =>
      Array.from({ length: width }, (_, j) => grid[i]?.[j] ?? ''),
    );
    const range = { top: 1, left: 1, bottom: values.length, right: width };
    expect(summaryUpToDate(ops, { range, values })).toBe(true);
    values[3][4] = 1;
    expect(summaryUpToDate(ops, { range, values })).toBe(false);
    expect(summaryUpToDate(ops, null)).toBe(false);
  });
});
