/**
 * The summary sheet "Товчоо" on the shared workbook: the summary's write plan interpreted as
 * Graph requests, written again only when its values differ from what the sheet shows.
 */
import type { ConsolidationState } from '../../core/consolidate';
import type { Settings } from '../../core/measure';
import { SHEETS, summaryPlan } from '../../core/plans/consolidation';
import { rangeAddress, type CellRange, type CellValue } from '../../core/snapshot';
import { assertNever, widthInPoints, type WriteOp } from '../../core/writeplan';
import type { BatchItem } from './client';
import { GraphError, TransientError, retryAfterMs } from './errors';
import { columnAddress, isBlankRow } from './table';
import {
  chunkRequests,
  batchFailure,
  checkAbort,
  ensureSession,
  ok,
  progress,
  rangeUrl,
  type Ctx,
  type SummaryRead,
} from './workbook';

/** The operations of the summary sheet's plan. */
export function summaryOps(state: ConsolidationState, settings?: Settings): WriteOp[] {
  return summaryPlan(state, settings).ops;
}

/** Operations the Graph destination does not apply (documented in docs/shared-workbook.md). */
export const SKIPPED_OPS: WriteOp['op'][] = [
  'setBorders',
  'bucketColors',
  'dataBar',
  'addChart',
  'printSetup',
  'freeze',
  'setRowHeight',
  'select',
  'addTable',
];

function norm(v: CellValue | undefined): string | number | boolean {
  return v === null || v === undefined ? '' : v;
}

/** Whether the summary sheet already shows exactly the values the plan writes. */
export function summaryUpToDate(ops: WriteOp[], current: SummaryRead | null): boolean {
  if (!current) return false;
  const want = new Map<string, string | number | boolean>();
  for (const op of ops) {
    if (op.op !== 'setValues') continue;
    op.values.forEach((row, i) => row.forEach((v, j) => want.set(`${op.row + i},${op.col + j}`, norm(v))));
  }
  const have = new Map<string, string | number | boolean>();
  current.values.forEach((row, i) =>
    row.forEach((v, j) => have.set(`${current.range.top + i},${current.range.left + j}`, norm(v))),
  );
  for (const [k, v] of want) if ((have.get(k) ?? '') !== v) return false;
  for (const [k, v] of have) if (v !== '' && !want.has(k)) return false;
  return true;
}

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

/**
 * The summary's write plan as Graph requests: unmerge and clear what was there, then formats,
 * merges and widths, and the values last (so values that match mean the rest was written too).
 */
export function summaryRequests(ctx: Ctx, ops: WriteOp[], used: CellRange | null): BatchItem[] {
  const sheet = SHEETS.summary;
  const at = (r: CellRange) => rangeUrl(ctx, sheet, rangeAddress(r));
  const first: BatchItem[] = [];
  const values: BatchItem[] = [];
  if (used) {
    const all = rangeUrl(ctx, sheet, rangeAddress(used));
    first.push(
      { method: 'POST', url: `${all}/unmerge` },
      { method: 'POST', url: `${all}/clear`, body: { applyTo: 'All' } },
    );
  }
  for (const op of ops) {
    switch (op.op) {
      case 'setValues': {
        const width = op.values.reduce((w, r) => Math.max(w, r.length), 0);
        if (!width) break;
        const r = {
          top: op.row,
          left: op.col,
          bottom: op.row + op.values.length - 1,
          right: op.col + width - 1,
        };
        const cells = op.values.map((row) => Array.from({ length: width }, (_, j) => norm(row[j])));
        const formats = cells.map((row) => row.map((v) => (typeof v === 'string' && v !== '' ? '@' : null)));
        if (formats.some((row) => row.some((f) => f)))
          first.push({ method: 'PATCH', url: at(r), body: { numberFormat: formats } });
        values.push({ method: 'PATCH', url: at(r), body: { values: cells } });
        break;
      }
      case 'setFormulas': {
        const width = op.formulas.reduce((w, r) => Math.max(w, r.length), 0);
        const r = {
          top: op.row,
          left: op.col,
          bottom: op.row + op.formulas.length - 1,
          right: op.col + width - 1,
        };
        values.push({
          method: 'PATCH',
          url: at(r),
          body: {
            formulas: op.formulas.map((row) => Array.from({ length: width }, (_, j) => row[j] ?? null)),
          },
        });
        break;
      }
      case 'setNumberFormat': {
        const h = op.range.bottom - op.range.top + 1;
        const w = op.range.right - op.range.left + 1;
        first.push({
          method: 'PATCH',
          url: at(op.range),
          body: { numberFormat: Array.from({ length: h }, () => Array<string>(w).fill(op.format)) },
        });
        break;
      }
      case 'setFont': {
        const font: Record<string, unknown> = {};
        if (op.bold !== undefined) font.bold = op.bold;
        if (op.italic !== undefined) font.italic = op.italic;
        if (op.size !== undefined) font.size = op.size;
        if (op.color !== undefined) font.color = `#${op.color.replace('#', '')}`;
        first.push({ method: 'PATCH', url: `${at(op.range)}/format/font`, body: font });
        break;
      }
      case 'setFill':
        first.push({
          method: 'PATCH',
          url: `${at(op.range)}/format/fill`,
          body: { color: `#${op.color.replace('#', '')}` },
        });
        break;
      case 'setAlignment': {
        const f: Record<string, unknown> = {};
        if (op.horizontal) f.horizontalAlignment = H_ALIGN[op.horizontal];
        if (op.vertical) f.verticalAlignment = V_ALIGN[op.vertical];
        if (op.wrap !== undefined) f.wrapText = op.wrap;
        first.push({ method: 'PATCH', url: `${at(op.range)}/format`, body: f });
        break;
      }
      case 'merge':
        first.push({ method: 'POST', url: `${at(op.range)}/merge`, body: { across: false } });
        break;
      case 'setColumnWidth':
        first.push({
          method: 'PATCH',
          url: `${rangeUrl(ctx, sheet, columnAddress(op.col))}/format`,
          body: { columnWidth: widthInPoints(op.width) },
        });
        break;
      // SKIPPED_OPS: no Graph counterpart worth its requests (see the admin guide).
      case 'addSheet':
      case 'setBorders':
      case 'bucketColors':
      case 'dataBar':
      case 'addChart':
      case 'printSetup':
      case 'freeze':
      case 'setRowHeight':
      case 'select':
      case 'addTable':
        break;
      default:
        assertNever(op);
    }
  }
  return [...first, ...values];
}

/** Rewrites "Товчоо" when its values differ from the plan's; returns whether it wrote. */
export async function writeSummary(
  ctx: Ctx,
  state: ConsolidationState,
  current: SummaryRead | null,
): Promise<boolean> {
  const ops = summaryOps(state, ctx.settings);
  if (summaryUpToDate(ops, current)) return false;
  let used = current && current.values.some((r) => !isBlankRow(r)) ? current.range : null;
  for (let attempt = 1; ; attempt++) {
    checkAbort(ctx);
    try {
      await ensureSession(ctx);
      const items = summaryRequests(ctx, ops, used);
      let done = 0;
      progress(ctx, 'summary', 0, items.length);
      let chunks = chunkRequests(ctx, items);
      /** Throttled answers in a row: a throttled request was not done, those before it were (in order). */
      let throttled = 0;
      for (let k = 0; k < chunks.length; k++) {
        checkAbort(ctx);
        const chunk = chunks[k];
        const res = await ctx.client.batch(chunk, { sequential: true });
        const at = res.findIndex((r) => !ok(r));
        if (at >= 0) {
          const bad = res[at];
          if ((bad.status === 429 || bad.status === 503) && ++throttled < ctx.client.policy.maxAttempts) {
            await ctx.client.cooldown(
              retryAfterMs(bad.headers['retry-after']),
              throttled,
              `HTTP ${bad.status} while writing the summary`,
            );
            done += at;
            chunks = [
              ...chunks.slice(0, k + 1),
              ...chunkRequests(ctx, [...chunk.slice(at), ...chunks.slice(k + 1).flat()]),
            ];
            continue;
          }
          throw batchFailure(ctx, bad, 'writing the summary');
        }
        throttled = 0;
        done += chunk.length;
        progress(ctx, 'summary', done, items.length);
      }
      return true;
    } catch (e) {
      if (attempt >= ctx.client.policy.maxAttempts)
        throw e instanceof TransientError
          ? new GraphError(e.kind === 'network' ? 'offline' : 'throttled', e.message)
          : e;
      if (e instanceof TransientError) {
        await ctx.client.cooldown(e.waitMs, attempt, e.message);
      } else if (e instanceof GraphError && e.reason === 'session-expired') {
        ctx.client.setSession(null);
      } else throw e;
      // What is on the sheet now is unknown: clear a generous area on the next attempt.
      used = {
        top: 1,
        left: 1,
        bottom: Math.max(used?.bottom ?? 1, 200),
        right: Math.max(used?.right ?? 1, 26),
      };
    }
  }
}
