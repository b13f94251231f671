/**
 * The shared workbook through the Graph workbook API: read the two tables and the summary in
 * one batch, create what is missing, converge the tables to the pushed state in guarded
 * sequential batches, and rewrite "Товчоо" when its values differ.
 *
 * Convergence: every round reads the tables, computes what is left with core upsert
 * semantics, and applies it (deletes bottom-up, patches, new rows). A round that meets a
 * throttle, a lost connection, an expired session or another writer's change stops, waits
 * where told to, and the next round starts again from a fresh read, so a retried push never
 * adds a row twice and never loses one.
 */
import {
  DEBT_COLUMNS,
  DEBT_COMPARE,
  ROW_COLUMNS,
  ROW_COMPARE,
  consolidate,
  sourceId,
  type ConsolidatedRow,
  type ConsolidationState,
  type DebtRow,
  type Push,
} from '../../core/consolidate';
import type { Settings } from '../../core/measure';
import { SHEETS } from '../../core/plans/consolidation';
import { rangeAddress, type CellRange, type CellValue } from '../../core/snapshot';
import { widthInPoints } from '../../core/writeplan';
import type { GraphPhase } from '../../i18n/graph';
import { cancelled, jsonBytes, type BatchItem, type GraphClient, type GraphResponse } from './client';
import {
  GraphError,
  TransientError,
  errorCodes,
  isSessionExpired,
  isTransientStatus,
  reasonOf,
  retryAfterMs,
} from './errors';
import { workbookPath, type WorkbookRef } from './link';
import {
  DEFAULT_LIMITS,
  bodyAddress,
  columnAddress,
  countChanges,
  isBlankRow,
  matches,
  parseAddress,
  parseRow,
  parseTable,
  planTable,
  type PlanLimits,
  type RawRow,
  type RowOp,
  type TableCounts,
  type TableRead,
  type TableSpec,
} from './table';

/** Excel table names (ASCII, as Graph URLs name them) on the sheets "Нэгтгэл" and "Авлага". */
export const TABLES = { rows: 'Negtgel', debt: 'Avlaga' } as const;

export const ROWS_SPEC: TableSpec<ConsolidatedRow> = {
  sheet: SHEETS.rows,
  table: TABLES.rows,
  columns: ROW_COLUMNS,
  compare: ROW_COMPARE,
  rowsOf: (p) => p.rows,
};

export const DEBT_SPEC: TableSpec<DebtRow> = {
  sheet: SHEETS.debt,
  table: TABLES.debt,
  columns: DEBT_COLUMNS,
  compare: DEBT_COMPARE,
  rowsOf: (p) => p.debt,
};

export const MAX_BATCH = 20;
/**
 * What the envelope adds to each request of a batch beyond its method, URL and body: its id,
 * dependsOn, and the headers (Content-Type and a workbook session id of up to about 1,800
 * characters).
 */
const ENVELOPE_BYTES_PER_REQUEST = 2048;

/** Requests in order, in batches of at most 20 that stay under Graph's request size. */
export function chunkRequests(ctx: Ctx, items: BatchItem[]): BatchItem[][] {
  const out: BatchItem[][] = [];
  let cur: BatchItem[] = [];
  let bytes = 0;
  for (const it of items) {
    const size = jsonBytes(it) + ENVELOPE_BYTES_PER_REQUEST;
    if (cur.length && (cur.length === MAX_BATCH || bytes + size > ctx.limits.maxRequestBytes - 64)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(it);
    bytes += size;
  }
  if (cur.length) out.push(cur);
  return out;
}

export interface Progress {
  phase: GraphPhase;
  /** Requests done of `total` in this phase (write: of this round). */
  done: number;
  total: number;
  round: number;
}

export interface Ctx {
  client: GraphClient;
  ref: WorkbookRef;
  wb: string;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  limits: PlanLimits;
  maxRounds: number;
  settings?: Settings;
}

export function makeCtx(
  client: GraphClient,
  ref: WorkbookRef,
  o: Partial<Omit<Ctx, 'client' | 'ref' | 'wb'>> = {},
): Ctx {
  return {
    ...o,
    client,
    ref,
    wb: workbookPath(ref),
    limits: o.limits ?? DEFAULT_LIMITS,
    maxRounds: o.maxRounds ?? 6,
  };
}

const enc = encodeURIComponent;
const sheetUrl = (ctx: Ctx, sheet: string) => `${ctx.wb}/worksheets/${enc(sheet)}`;
export const rangeUrl = (ctx: Ctx, sheet: string, address: string) =>
  `${sheetUrl(ctx, sheet)}/range(address='${address}')`;
const tableUrl = (ctx: Ctx, table: string) => `${ctx.wb}/tables/${enc(table)}`;
export const ok = (r: GraphResponse) => r.status >= 200 && r.status < 300;

export function progress(ctx: Ctx, phase: GraphPhase, done: number, total: number, round = 1): void {
  try {
    ctx.onProgress?.({ phase, done, total, round });
  } catch {
    // A progress callback never breaks a push.
  }
}

export function checkAbort(ctx: Ctx): void {
  if (ctx.signal?.aborted) throw cancelled();
}

// ---------------------------------------------------------------------------------------
// Reading

export interface SummaryRead {
  range: CellRange;
  values: CellValue[][];
}

export interface WorkbookRead {
  sheets: { id: string; name: string }[];
  tables: { id: string; name: string; sheet: string | null }[];
  rows: TableRead<ConsolidatedRow> | null;
  debt: TableRead<DebtRow> | null;
  summary: SummaryRead | null;
}

interface RangeBody {
  address?: string;
  values?: CellValue[][];
}

/**
 * One round trip: worksheets, tables, both table ranges and the summary's used range. A
 * missing table or sheet answers 404 and reads as absent.
 */
export async function readWorkbook(ctx: Ctx): Promise<WorkbookRead> {
  const items: BatchItem[] = [
    { method: 'GET', url: `${ctx.wb}/worksheets?$select=id,name` },
    { method: 'GET', url: `${ctx.wb}/tables?$select=id,name&$expand=worksheet($select=name)` },
    { method: 'GET', url: `${tableUrl(ctx, ROWS_SPEC.table)}/range?$select=address,values` },
    { method: 'GET', url: `${tableUrl(ctx, DEBT_SPEC.table)}/range?$select=address,values` },
    {
      method: 'GET',
      url: `${sheetUrl(ctx, SHEETS.summary)}/usedRange(valuesOnly=true)?$select=address,values`,
    },
  ];
  for (let attempt = 1; ; attempt++) {
    checkAbort(ctx);
    const res = await ctx.client.batch(items, { sequential: false });
    const transient = res.find((r) => isTransientStatus(r.status));
    if (transient) {
      if (attempt >= ctx.client.policy.maxAttempts) throw ctx.client.fail(transient, 'reading the workbook');
      await ctx.client.cooldown(
        retryAfterMs(transient.headers['retry-after']),
        attempt,
        `HTTP ${transient.status} while reading`,
      );
      continue;
    }
    const sessionGone = res.find((r) => isSessionExpired(r.status, errorCodes(r.body)));
    if (sessionGone) throw ctx.client.fail(sessionGone, 'reading the workbook');
    const [sheets, tables, rows, debt, summary] = res;
    if (!ok(sheets)) throw ctx.client.fail(sheets, 'reading the worksheets');
    if (!ok(tables)) throw ctx.client.fail(tables, 'reading the tables');
    for (const r of [rows, debt, summary])
      if (!ok(r) && r.status !== 404) throw ctx.client.fail(r, 'reading the workbook');
    const value = <T>(r: GraphResponse) => ((r.body as { value?: T[] })?.value ?? []) as T[];
    const table = <T extends ConsolidatedRow | DebtRow>(
      spec: TableSpec<T>,
      r: GraphResponse,
    ): TableRead<T> | null => {
      if (!ok(r)) return null;
      const b = r.body as RangeBody;
      return parseTable(spec, b.address ?? 'A1', b.values ?? []);
    };
    const s = summary.body as RangeBody;
    return {
      sheets: value<{ id: string; name: string }>(sheets).map((w) => ({ id: w.id, name: w.name })),
      tables: value<{ id: string; name: string; worksheet?: { name?: string } }>(tables).map((t) => ({
        id: t.id,
        name: t.name,
        sheet: t.worksheet?.name ?? null,
      })),
      rows: table(ROWS_SPEC, rows),
      debt: table(DEBT_SPEC, debt),
      summary: ok(summary) ? { range: parseAddress(s.address ?? 'A1'), values: s.values ?? [] } : null,
    };
  }
}

// ---------------------------------------------------------------------------------------
// Session

export async function ensureSession(ctx: Ctx): Promise<void> {
  if (ctx.client.session) return;
  const res = await ctx.client.send<{ id: string }>(
    'POST',
    `${ctx.wb}/createSession`,
    { persistChanges: true },
    { idempotent: true },
  );
  if (!res.body?.id) throw new GraphError('unknown', 'createSession answered without a session id');
  ctx.client.setSession(res.body.id);
  ctx.client.stats.sessions++;
}

export async function closeSession(ctx: Ctx): Promise<void> {
  if (!ctx.client.session) return;
  try {
    await ctx.client.send('POST', `${ctx.wb}/closeSession`, undefined, {
      idempotent: true,
      ignoreAbort: true,
    });
  } catch (e) {
    ctx.client.log(
      `graph: closing the session failed (it expires by itself): ${ctx.client.redact(e instanceof Error ? e.message : e)}`,
    );
  } finally {
    ctx.client.setSession(null);
  }
}

// ---------------------------------------------------------------------------------------
// Structure: sheets and tables

export function needsStructure(read: WorkbookRead): boolean {
  return !read.rows || !read.debt || !read.sheets.some((s) => s.name === SHEETS.summary);
}

/**
 * Creates the sheets "Нэгтгэл", "Авлага", "Товчоо" and the tables Negtgel and Avlaga when absent.
 * A table left unnamed by an interrupted run is renamed; a sheet that already holds the
 * columns (written by the file destination) becomes a table as it is; a sheet holding
 * anything else is not touched.
 */
export async function ensureStructure(ctx: Ctx, read: WorkbookRead): Promise<void> {
  const names = new Set(read.sheets.map((s) => s.name));
  const specs: {
    spec: { sheet: string; table: string; columns: { mn: string; en: string; width?: number }[] };
    present: boolean;
  }[] = [
    { spec: ROWS_SPEC, present: !!read.rows },
    { spec: DEBT_SPEC, present: !!read.debt },
  ];
  for (const { spec, present } of specs) {
    if (present) continue;
    const header = spec.columns.map((c) => c.mn);
    const last = header.length;
    const fullHeader = rangeAddress({ top: 1, left: 1, bottom: 1, right: last });
    // A table on our sheet with our header but another name: an earlier run stopped before naming it.
    const onSheet = read.tables.filter((t) => t.sheet === spec.sheet);
    let done = false;
    for (const t of onSheet) {
      const h = await ctx.client.send<RangeBody>(
        'GET',
        `${tableUrl(ctx, t.id)}/headerRowRange?$select=values`,
      );
      const labels = (h.body.values?.[0] ?? []).map((v) => String(v ?? '').trim());
      if (spec.columns.every((c) => labels.includes(c.mn) || labels.includes(c.en))) {
        await ctx.client.send('PATCH', tableUrl(ctx, t.id), { name: spec.table });
        done = true;
        break;
      }
    }
    if (done) continue;
    if (onSheet.length)
      throw new GraphError(
        'unknown',
        `sheet ${spec.sheet} holds another table; rename that sheet so the consolidation can create its own`,
      );
    let address = fullHeader;
    if (!names.has(spec.sheet)) {
      await structural(() => ctx.client.send('POST', `${ctx.wb}/worksheets/add`, { name: spec.sheet }));
      names.add(spec.sheet);
    } else {
      const used = await ctx.client.send<RangeBody>(
        'GET',
        `${sheetUrl(ctx, spec.sheet)}/usedRange(valuesOnly=true)?$select=address,values`,
      );
      const values = used.body.values ?? [];
      const first = (values[0] ?? []).map((v) => String(v ?? '').trim());
      const range = parseAddress(used.body.address ?? 'A1');
      if (spec.columns.every((c, i) => first[i] === c.mn) && range.top === 1 && range.left === 1) {
        // The sheet as the file destination or the open-workbook destination wrote it.
        address = rangeAddress({
          top: 1,
          left: 1,
          bottom: Math.max(1, range.bottom),
          right: Math.max(last, range.right),
        });
      } else if (values.some((r) => !isBlankRow(r))) {
        throw new GraphError(
          'unknown',
          `sheet ${spec.sheet} holds other data; rename that sheet so the consolidation can create its own`,
        );
      }
    }
    if (address === fullHeader) {
      const res = await ctx.client.batch(
        [
          {
            method: 'PATCH',
            url: rangeUrl(ctx, spec.sheet, fullHeader),
            body: { numberFormat: [header.map(() => '@')] },
          },
          { method: 'PATCH', url: rangeUrl(ctx, spec.sheet, fullHeader), body: { values: [header] } },
        ],
        { sequential: true },
      );
      const bad = res.find((r) => !ok(r));
      if (bad) throw batchFailure(ctx, bad, 'writing the header');
    }
    const created = await structural(() =>
      ctx.client.send<{ id: string; name: string }>('POST', `${sheetUrl(ctx, spec.sheet)}/tables/add`, {
        address,
        hasHeaders: true,
      }),
    );
    if (created.body.name !== spec.table)
      await structural(() => ctx.client.send('PATCH', tableUrl(ctx, created.body.id), { name: spec.table }));
    // Column widths: cosmetic, one batch, never a reason to fail the push.
    try {
      await ctx.client.batch(
        spec.columns.slice(0, MAX_BATCH).map((c, i) => ({
          method: 'PATCH' as const,
          url: `${rangeUrl(ctx, spec.sheet, columnAddress(i + 1))}/format`,
          body: { columnWidth: widthInPoints(c.width ?? 12) },
        })),
        { sequential: false },
      );
    } catch (e) {
      if (e instanceof GraphError && e.reason === 'cancelled') throw e;
      ctx.client.log(
        `graph: column widths of ${spec.sheet} not set: ${ctx.client.redact(e instanceof Error ? e.message : e)}`,
      );
    }
  }
  if (!names.has(SHEETS.summary))
    await structural(() => ctx.client.send('POST', `${ctx.wb}/worksheets/add`, { name: SHEETS.summary }));
}

/**
 * A sheet or table another writer created a moment ago (two first pushes at once) answers
 * 400/409: that ends the round, and the next one reads what is there now.
 */
async function structural<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const exists =
      e instanceof GraphError &&
      e.codes.some((c) => /alreadyExists|invalidArgument|conflictUncategorized/i.test(c));
    if (e instanceof GraphError && (e.status === 400 || e.status === 409) && exists && e.reason !== 'locked')
      throw new TransientError(
        `the workbook changed while creating its sheets: ${e.message}`,
        'conflict',
        null,
        e.status,
      );
    throw e;
  }
}

/** A failed answer inside a batch: transient ones end the round, the rest are errors. */
export function batchFailure(ctx: Ctx, r: GraphResponse, what: string): Error {
  if (isTransientStatus(r.status))
    return new TransientError(
      `${what}: HTTP ${r.status}`,
      'throttled',
      retryAfterMs(r.headers['retry-after']),
      r.status,
    );
  return ctx.client.fail(r, what);
}

// ---------------------------------------------------------------------------------------
// Applying row operations

interface Work {
  spec: TableSpec<ConsolidatedRow> | TableSpec<DebtRow>;
  read: TableRead<ConsolidatedRow> | TableRead<DebtRow>;
  op: RowOp;
}

interface Part {
  work: Work;
  start: number;
  count: number;
  /** Position (in the part) of the request that changes the sheet. */
  effect: number;
}

interface Batch {
  items: BatchItem[];
  parts: Part[];
  bytes: number;
}

function requestsOf(ctx: Ctx, w: Work): { items: BatchItem[]; effect: number } {
  const t = tableUrl(ctx, w.spec.table);
  const op = w.op;
  switch (op.kind) {
    case 'delete':
      return {
        items: [
          { method: 'GET', url: `${t}/rows/itemAt(index=${op.index})?$select=index,values` },
          { method: 'DELETE', url: `${t}/rows/itemAt(index=${op.index})` },
        ],
        effect: 1,
      };
    case 'fill': {
      const url = rangeUrl(ctx, w.spec.sheet, bodyAddress(w.read.range, op.index, op.rows.length));
      const items: BatchItem[] = [{ method: 'GET', url: `${url}?$select=values` }];
      // The text format goes first, so that a text beginning with = + - @ is stored as text.
      if (op.formats.some((r) => r.some((f) => f !== null)))
        items.push({ method: 'PATCH', url, body: { numberFormat: op.formats } });
      items.push({ method: 'PATCH', url, body: { values: op.rows } });
      return { items, effect: items.length - 1 };
    }
    case 'append':
      return {
        items: [
          {
            method: 'POST',
            url: `${t}/rows/add`,
            body: {
              index: null,
              values: Array.from({ length: op.count }, () => w.read.header.map(() => '')),
            },
          },
        ],
        effect: 0,
      };
  }
}

/** Parts in order, packed into batches of at most 20 requests and Graph's request size. */
function pack(ctx: Ctx, work: Work[]): Batch[] {
  const batches: Batch[] = [];
  let cur: Batch | null = null;
  // The batch's own braces: `{"requests":[…]}`.
  const budget = ctx.limits.maxRequestBytes - 64;
  for (const w of work) {
    const { items, effect } = requestsOf(ctx, w);
    const bytes = jsonBytes(items) + items.length * ENVELOPE_BYTES_PER_REQUEST;
    if (
      !cur ||
      cur.items.length + items.length > MAX_BATCH ||
      (cur.items.length && cur.bytes + bytes > budget)
    ) {
      cur = { items: [], parts: [], bytes: 0 };
      batches.push(cur);
    }
    cur.parts.push({ work: w, start: cur.items.length, count: items.length, effect });
    cur.items.push(...items);
    cur.bytes += bytes;
  }
  return batches;
}

export interface Lost {
  rows: RawRow[];
  debt: RawRow[];
}

type Outcome =
  | { ok: true; lost: Lost }
  | { ok: false; lost: Lost; kind: 'conflict' | 'retry'; error?: GraphError }
  | { ok: false; lost: Lost; kind: 'wait'; waitMs: number | null; why: string }
  | { ok: false; lost: Lost; kind: 'session'; error: GraphError };

function preImage(op: RowOp, r: GraphResponse): CellValue[][] {
  const values = (r.body as RangeBody | null)?.values ?? [];
  if (op.kind === 'delete') return [values[0] ?? []];
  return values;
}

/**
 * Applies row operations in guarded sequential batches; stops at the first sign of trouble.
 * A throttled request (429 or 503: Graph answers so before doing the work) only pauses: the
 * parts before it are applied and their guards checked, the rest resume after Retry-After,
 * each part guarded again, so a large first load is not read again from the top.
 */
async function execute(ctx: Ctx, work: Work[], pushes: Push[], round: number): Promise<Outcome> {
  const pushed = new Set(pushes.map((p) => sourceId(p.source)));
  const lost: Lost = { rows: [], debt: [] };
  let batches = pack(ctx, work);
  const total = batches.reduce((s, b) => s + b.items.length, 0);
  let done = 0;
  /** Throttled answers in a row, with no batch completed in between. */
  let throttled = 0;
  progress(ctx, 'write', 0, total, round);
  for (let at = 0; at < batches.length; at++) {
    const b = batches[at];
    checkAbort(ctx);
    let res: GraphResponse[];
    try {
      res = await ctx.client.batch(b.items, { sequential: true });
    } catch (e) {
      if (e instanceof TransientError)
        return { ok: false, lost, kind: 'wait', waitMs: e.waitMs, why: e.message };
      if (e instanceof GraphError && e.reason === 'session-expired')
        return { ok: false, lost, kind: 'session', error: e };
      throw e;
    }
    let conflict = false;
    let failure: GraphResponse | null = null;
    let failedPart = -1;
    for (const [p, part] of b.parts.entries()) {
      const { op, spec, read } = part.work;
      const slice = res.slice(part.start, part.start + part.count);
      const applied = ok(slice[part.effect]);
      if (op.kind === 'append') {
        if (applied && (slice[0].body as { index?: number } | null)?.index !== op.index) conflict = true;
      } else if (ok(slice[0])) {
        const pre = preImage(op, slice[0]);
        const expects = op.kind === 'delete' ? [op.expect] : op.expect;
        expects.forEach((expect, k) => {
          const row = pre[k] ?? [];
          if (matches(expect, row, read.keyColumn)) return;
          conflict = true;
          if (!applied || isBlankRow(row)) return;
          // The table's own header (the sheet moved under the table): nothing to write back.
          if (read.header.every((h, j) => String(row[j] ?? '').trim() === h)) return;
          // Someone else's row was where ours was expected, and it has just been overwritten or deleted.
          const rec = parseRow(spec as TableSpec<ConsolidatedRow>, read.header, row);
          if (rec && pushed.has(sourceId(rec))) return;
          (spec === (ROWS_SPEC as unknown) ? lost.rows : lost.debt).push(row);
          ctx.client.log(`graph: another writer moved rows of ${spec.table}; a row will be written back`);
        });
      }
      const bad = slice.find((r) => !ok(r));
      if (bad) {
        failure = bad;
        failedPart = p;
        break;
      }
    }
    if (failure) {
      const codes = errorCodes(failure.body);
      if (isSessionExpired(failure.status, codes))
        return { ok: false, lost, kind: 'session', error: ctx.client.fail(failure, 'writing rows') };
      const waitMs = retryAfterMs(failure.headers['retry-after']);
      const why = `HTTP ${failure.status} while writing rows`;
      if (
        (failure.status === 429 || failure.status === 503) &&
        !conflict &&
        ++throttled < ctx.client.policy.maxAttempts
      ) {
        await ctx.client.cooldown(waitMs, throttled, why);
        const rest = [...b.parts.slice(failedPart), ...batches.slice(at + 1).flatMap((x) => x.parts)];
        done += b.parts[failedPart].start;
        batches = [
          ...batches.slice(0, at + 1),
          ...pack(
            ctx,
            rest.map((x) => x.work),
          ),
        ];
        progress(ctx, 'write', done, total, round);
        continue;
      }
      if (isTransientStatus(failure.status)) return { ok: false, lost, kind: 'wait', waitMs, why };
      const reason = reasonOf(failure.status, codes);
      if (reason === 'no-permission' || reason === 'locked') throw ctx.client.fail(failure, 'writing rows');
      // A row index out of range, a range that no longer fits: the table changed; re-read.
      return { ok: false, lost, kind: 'retry', error: ctx.client.fail(failure, 'writing rows') };
    }
    throttled = 0;
    done += b.items.length;
    progress(ctx, 'write', done, total, round);
    if (conflict) return { ok: false, lost, kind: 'conflict' };
  }
  return { ok: true, lost };
}

export interface ConvergeResult {
  read: WorkbookRead;
  rows: TableCounts;
  debt: TableCounts;
  rounds: number;
  /** Rows of other sources written back after a misplaced write. */
  restored: number;
  /** Whether any request changed the workbook. */
  wrote: boolean;
}

/** Rounds of read → plan → guarded writes until a round finds nothing left to do. */
export async function converge(ctx: Ctx, pushes: Push[]): Promise<ConvergeResult> {
  const restore: Lost = { rows: [], debt: [] };
  let counts: { rows: TableCounts; debt: TableCounts } | null = null;
  let lastError: GraphError | null = null;
  let restored = 0;
  let wrote = false;
  let sessionRenewals = 0;
  let confirming = false;
  for (let round = 1; round <= ctx.maxRounds || confirming; round++) {
    confirming = false;
    checkAbort(ctx);
    try {
      progress(ctx, 'read', 0, 1, round);
      let read = await readWorkbook(ctx);
      progress(ctx, 'read', 1, 1, round);
      if (needsStructure(read)) {
        progress(ctx, 'prepare', 0, 1, round);
        await ensureSession(ctx);
        wrote = true;
        await ensureStructure(ctx, read);
        read = await readWorkbook(ctx);
        progress(ctx, 'prepare', 1, 1, round);
        if (needsStructure(read))
          throw new TransientError('the sheets changed while they were being created', 'conflict');
      }
      const rowsRead = read.rows as TableRead<ConsolidatedRow>;
      const debtRead = read.debt as TableRead<DebtRow>;
      if (!counts)
        counts = {
          rows: countChanges(ROWS_SPEC, rowsRead, pushes),
          debt: countChanges(DEBT_SPEC, debtRead, pushes),
        };
      const planRows = planTable(ROWS_SPEC, rowsRead, pushes, restore.rows, ctx.limits);
      const planDebt = planTable(DEBT_SPEC, debtRead, pushes, restore.debt, ctx.limits);
      const work: Work[] = [
        ...planRows.ops.map((op) => ({ spec: ROWS_SPEC, read: rowsRead, op })),
        ...planDebt.ops.map((op) => ({ spec: DEBT_SPEC, read: debtRead, op })),
      ] as Work[];
      if (work.length === 0) return { read, ...counts, rounds: round, restored, wrote };
      await ensureSession(ctx);
      wrote = true;
      const outcome = await execute(ctx, work, pushes, round);
      if (outcome.ok) {
        // Rows to write back stay listed until a round completes (planTable skips those present).
        restore.rows = [];
        restore.debt = [];
      }
      restore.rows.push(...outcome.lost.rows);
      restore.debt.push(...outcome.lost.debt);
      if (outcome.ok) {
        restored += planRows.restores + planDebt.restores;
        // A clean round: the tables now hold exactly what was planned from this read.
        if (round === 1) return { read, ...counts, rounds: round, restored, wrote };
        // After trouble, confirm with one more read (the next round finds nothing to do).
        confirming = true;
        continue;
      }
      if (outcome.kind === 'wait') await ctx.client.cooldown(outcome.waitMs, round, outcome.why);
      else if (outcome.kind === 'session') {
        lastError = outcome.error;
        if (++sessionRenewals > 3) throw outcome.error;
        ctx.client.log('graph: the workbook session expired; opening a new one');
        ctx.client.setSession(null);
      } else {
        lastError =
          outcome.error ?? new GraphError('locked', 'another writer kept changing the table during the push');
        ctx.client.log(`graph: round ${round} stopped (${outcome.kind}); re-reading the table`);
      }
    } catch (e) {
      if (e instanceof TransientError) {
        lastError = new GraphError(
          e.kind === 'network' ? 'offline' : e.kind === 'conflict' ? 'locked' : 'throttled',
          e.message,
          { status: e.status },
        );
        if (e.kind === 'conflict') continue;
        await ctx.client.cooldown(e.waitMs, round, e.kind === 'network' ? 'network' : e.message);
        continue;
      }
      if (e instanceof GraphError && e.reason === 'session-expired') {
        lastError = e;
        if (++sessionRenewals > 3) throw e;
        ctx.client.log('graph: the workbook session expired; opening a new one');
        ctx.client.setSession(null);
        continue;
      }
      throw e;
    }
  }
  throw lastError ?? new GraphError('locked', 'the push did not settle: the table kept changing');
}

/** The consolidation state the tables hold after a converged push. */
export function stateAfter(read: WorkbookRead, pushes: Push[]): ConsolidationState {
  const rows = (read.rows?.rows ?? []).flatMap((r) => (r.rec ? [r.rec] : []));
  const debt = (read.debt?.rows ?? []).flatMap((r) => (r.rec ? [r.rec] : []));
  const c = consolidate({ rows, debt }, pushes);
  return { rows: c.rows, debt: c.debt };
}
