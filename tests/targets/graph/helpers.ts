/** Shared set-up of the Graph destination tests: the fake server, the sample pushes, the expected tables. */
import path from 'node:path';
import { pushesOf } from '../../../src/cli/consolidate';
import {
  DEBT_COLUMNS,
  ROW_COLUMNS,
  cellOf,
  consolidate,
  readTable,
  type ConsolidatedRow,
  type DebtRow,
  type Push,
} from '../../../src/core/consolidate';
import type { CellValue } from '../../../src/core/snapshot';
import { GraphError, createGraphDestination, type GraphDestinationOptions } from '../../../src/targets/graph';
import type { GetToken } from '../../../src/targets/graph/client';
import { FakeGraph, type FakeItem } from './fakeGraph';

const isBlank = (r: CellValue[]) => r.every((v) => v === '' || v === null);

export const SAMPLES = path.resolve(__dirname, '../../../samples/departments');
export const SAMPLE_FILES = ['dept-hyanalt.xlsx', 'dept-orlogo.xlsx', 'dept-tetgever.xlsx'].map((f) =>
  path.join(SAMPLES, f),
);

/** Tokens that do not look like JWTs, so that only remembering them can keep them out of messages. */
export const FILES_TOKEN = 'files-7f3a9c2e5b1d4a6f8e0c1b2d3e4f5a6b7c8d9e0f';
export const SITES_TOKEN = 'sites-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b';

export const tokenSource: GetToken = async ({ scopes }) =>
  scopes.includes('Sites.ReadWrite.All') ? SITES_TOKEN : FILES_TOKEN;

let cached: Push[] | null = null;
/** The three sample units (fresh copies each call: tests edit them). */
export async function samplePushes(): Promise<Push[]> {
  if (!cached) cached = await pushesOf(SAMPLE_FILES);
  return JSON.parse(JSON.stringify(cached)) as Push[];
}

export const LINK =
  'https://contoso.sharepoint.com/:x:/r/personal/unit/Documents/Negtgel.xlsx?d=w123&csf=1&e=AbCdEf';

export interface Rig {
  fake: FakeGraph;
  item: FakeItem;
  waits: number[];
  logs: string[];
  dest: (o?: Partial<GraphDestinationOptions>) => ReturnType<typeof createGraphDestination>;
}

export async function startRig(item: Partial<FakeItem> = {}): Promise<Rig> {
  const fake = new FakeGraph();
  await fake.start();
  fake.tokens.set(FILES_TOKEN, ['Files.ReadWrite']);
  fake.tokens.set(SITES_TOKEN, ['Sites.ReadWrite.All']);
  const it = fake.addItem({
    driveId: 'b!drive-1',
    itemId: '01ITEM',
    name: 'Negtgel.xlsx',
    link: LINK,
    driveType: 'business',
    ...item,
  });
  const waits: number[] = [];
  const logs: string[] = [];
  const dest = (o: Partial<GraphDestinationOptions> = {}) =>
    createGraphDestination({
      getToken: tokenSource,
      baseUrl: fake.baseUrl,
      sleep: async (ms) => {
        waits.push(ms);
      },
      log: (l) => logs.push(l),
      ...o,
    });
  return { fake, item: it, waits, logs, dest };
}

/** Rows of a table in the fake workbook, read back with core readTable semantics. */
export function tableOf<T>(
  item: FakeItem,
  name: string,
  columns: typeof ROW_COLUMNS | typeof DEBT_COLUMNS,
): { rows: T[]; blanks: number; raw: CellValue[][] } {
  const t = item.workbook.table(name);
  if (!t) throw new Error(`no table ${name}`);
  const values = item.workbook.tableValues(t);
  const body = values.slice(1);
  const rows = readTable<T>({ name, origin: { row: 1, col: 1 }, values, merges: [] }, columns as never);
  return { rows, blanks: body.filter(isBlank).length, raw: values };
}

export function rowsOf(item: FakeItem) {
  return tableOf<ConsolidatedRow>(item, 'Negtgel', ROW_COLUMNS);
}

export function debtOf(item: FakeItem) {
  return tableOf<DebtRow>(item, 'Avlaga', DEBT_COLUMNS);
}

export const byKey = <T extends { key: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.key.localeCompare(b.key));

/** What the table must hold: existing rows with the pushes applied (core semantics). */
export function expected(existing: ConsolidatedRow[], pushes: Push[], existingDebt: DebtRow[] = []) {
  const c = consolidate({ rows: existing, debt: existingDebt }, pushes);
  return { rows: byKey(c.rows), debt: byKey(c.debt) };
}

/** A consolidated row of a unit that is not pushed (another head's rows). */
export function foreignRow(n: number, unit = 'ЗАХИРГААНЫ ХЭЛТЭС'): ConsolidatedRow {
  return {
    key: `${unit}|Г.БОЛД|2024|FY|performance-report|Тайлан|${n}.1|1`,
    via: '',
    unit,
    person: 'Г.БОЛД',
    year: 2024,
    period: 'FY',
    template: 'performance-report',
    file: 'dept-zahirgaa.xlsx',
    sheet: 'Тайлан',
    row: 6 + n,
    no: `${n}.1`,
    occurrence: 1,
    section: 'НЭГ. ЗАХИРГАА',
    goal: '',
    activity: `Захиргааны ажил ${n}`,
    criterion: 'Хувь',
    baseline: '',
    target: '100%',
    achieved: `-${n} дутуу`,
    percent: 90 + n,
    percentSource: 'entered',
  };
}

export function valuesOf(row: ConsolidatedRow): CellValue[] {
  return ROW_COLUMNS.map((c) => cellOf(c, row) ?? '');
}

/** Runs `fn` against a fresh local Graph server holding `item`, with the three sample pushes; stops the server. */
export async function withRig(
  item: Partial<FakeItem>,
  fn: (r: Rig, pushes: Push[]) => Promise<void>,
): Promise<void> {
  const r = await startRig(item);
  try {
    await fn(r, await samplePushes());
  } finally {
    await r.fake.stop();
  }
}

/** The GraphError a promise fails with (the test fails if it does not). */
export async function failure(p: Promise<unknown>): Promise<GraphError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GraphError);
    return e as GraphError;
  }
  throw new Error('expected a failure');
}
