/**
 * The shared-workbook destination (DESIGN.md section 8, destination 2): a unit's consolidated
 * workbook on OneDrive/SharePoint, written through the Microsoft Graph workbook API while
 * others may have it open. Same semantics as the file destination: a push replaces exactly
 * the rows of the pushed sources; pushing the same thing twice changes nothing.
 *
 *   const dest = createGraphDestination({ getToken });
 *   await dest.resolveWorkbook(link);              // or { driveId, itemId } from a picker
 *   const p = await dest.preview(pushes);          // { added, updated, removed, unchanged }
 *   const r = await dest.push(pushes, { onProgress, signal });
 */
import type { ConsolidationResult, Push } from '../../core/consolidate';
import type { Settings } from '../../core/measure';
import { GraphError, TransientError } from './errors';
import { FILES_SCOPES, SITES_SCOPES } from './auth';
import {
  createGraphClient,
  type ClientStats,
  type FetchLike,
  type GetToken,
  type GraphClient,
  type RetryPolicy,
  type Sleep,
} from './client';
import { encodeSharingUrl, isDriveItemRef, type DriveItemRef, type WorkbookRef } from './link';
import { DEFAULT_LIMITS, countChanges, type PlanLimits } from './table';
import {
  DEBT_SPEC,
  ROWS_SPEC,
  closeSession,
  converge,
  makeCtx,
  readWorkbook,
  stateAfter,
  type Progress,
} from './workbook';
import { describe } from './redact';
import { SKIPPED_OPS, writeSummary } from './summary';

export type { Progress as GraphProgress } from './workbook';

export interface GraphDestinationOptions {
  /** Access tokens for Graph (see auth.ts: createTokenSource / addinTokenSource). */
  getToken: GetToken;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Defaults to https://graph.microsoft.com/v1.0. */
  baseUrl?: string;
  /** Delegated scopes asked first; default Files.ReadWrite. */
  scopes?: string[];
  /** Ask for Sites.ReadWrite.All when a SharePoint site refuses Files.ReadWrite (default), or never. */
  sitesScope?: 'when-needed' | 'never';
  /** Thresholds and labels of the summary (DESIGN.md section 6). */
  settings?: Settings;
  retry?: Partial<RetryPolicy>;
  /** Injectable for tests; defaults to setTimeout. */
  sleep?: Sleep;
  /** Rounds of read → write before giving up on a table that keeps changing (default 6). */
  maxRounds?: number;
  limits?: Partial<PlanLimits>;
  /** Redacted lines about retries and sessions; defaults to console.warn. */
  log?: (line: string) => void;
}

export interface ChangeCounts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

export interface GraphPreview extends ChangeCounts {
  workbook: WorkbookRef;
  /** Keys of the consolidated rows that a push would add, update and remove. */
  changes: { added: string[]; updated: string[]; removed: string[] };
  /** The same for the debt table "Авлага". */
  debt: ChangeCounts;
  /** Rows of "Нэгтгэл" after the push. */
  rows: number;
  /** False when the workbook has no consolidation yet (the push creates it). */
  exists: boolean;
}

export interface GraphPushOptions {
  /** The workbook to push to; defaults to the last one resolved. */
  workbook?: WorkbookRef;
  onProgress?: (p: Progress) => void;
  /** Cancels between requests; what was written stays and a later push completes it. */
  signal?: AbortSignal;
}

export interface GraphPushResult extends ConsolidationResult {
  /** The workbook's web address (or name), as the file destination's `target`. */
  target: string;
  workbook: WorkbookRef;
  debtChanges: ChangeCounts;
  /** Whether "Товчоо" was rewritten (it is left alone when its values are already right). */
  summaryWritten: boolean;
  /** Rounds of read → write (1 when nothing got in the way). */
  rounds: number;
  /** Rows of other sources written back after another writer's change moved them. */
  restored: number;
  requests: ClientStats;
  /** Write-plan operations the Graph destination does not apply (charts, conditional colours…). */
  skippedOps: string[];
}

export interface GraphDestination {
  /** Finds the workbook by a pasted sharing link or a picked drive item, and remembers it. */
  resolveWorkbook(linkOrItem: string | DriveItemRef, opts?: { signal?: AbortSignal }): Promise<WorkbookRef>;
  /** The last workbook resolved. */
  readonly workbook: WorkbookRef | null;
  /** What a push would change; reads only. */
  preview(pushes: Push[], opts?: { workbook?: WorkbookRef; signal?: AbortSignal }): Promise<GraphPreview>;
  push(pushes: Push[], opts?: GraphPushOptions): Promise<GraphPushResult>;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface DriveItem {
  id: string;
  name: string;
  webUrl?: string;
  file?: { mimeType?: string };
  folder?: unknown;
  parentReference?: { driveId?: string; driveType?: string };
}

function isSiteLink(link: string): boolean {
  try {
    const u = new URL(link);
    return /sharepoint/i.test(u.hostname) && !/-my\.sharepoint/i.test(u.hostname);
  } catch {
    return false;
  }
}

export function createGraphDestination(options: GraphDestinationOptions): GraphDestination {
  const baseScopes = options.scopes ?? FILES_SCOPES;
  const log = options.log ?? ((line: string) => console.warn(line));
  const limits: PlanLimits = { ...DEFAULT_LIMITS, ...options.limits };
  let current: WorkbookRef | null = null;

  const clientFor = (scopes: string[], signal?: AbortSignal): GraphClient =>
    createGraphClient({
      getToken: options.getToken,
      scopes,
      baseUrl: options.baseUrl,
      fetch: options.fetch,
      sleep: options.sleep,
      retry: options.retry,
      log,
      signal,
    });

  /** Turns anything thrown into a GraphError whose message went through the client's redactor. */
  const wrap = (client: GraphClient, e: unknown): GraphError => {
    if (e instanceof GraphError) {
      const message = client.redact(e.message);
      if (message === e.message) return e;
      return new GraphError(e.reason, message, { status: e.status, codes: e.codes });
    }
    if (e instanceof TransientError)
      return new GraphError(
        e.kind === 'network' ? 'offline' : e.kind === 'conflict' ? 'locked' : 'throttled',
        client.redact(e.message),
        { status: e.status },
      );
    return new GraphError('unknown', client.redact(describe(e)));
  };

  /** Runs `fn`; a SharePoint site that refuses Files.ReadWrite gets one more try with Sites.ReadWrite.All. */
  async function withScopes<T>(client: GraphClient, siteHint: boolean, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const canEscalate =
        options.sitesScope !== 'never' && siteHint && !client.scopes.includes(SITES_SCOPES[0]);
      if (!(e instanceof GraphError) || e.reason !== 'no-permission' || e.status !== 403 || !canEscalate)
        throw e;
      log('graph: the site refused Files.ReadWrite; asking for Sites.ReadWrite.All');
      client.setScopes(SITES_SCOPES);
      return fn();
    }
  }

  async function resolveWorkbook(
    linkOrItem: string | DriveItemRef,
    opts: { signal?: AbortSignal } = {},
  ): Promise<WorkbookRef> {
    const client = clientFor(baseScopes, opts.signal);
    try {
      let url: string;
      let siteHint: boolean;
      if (typeof linkOrItem === 'string') {
        const link = linkOrItem.trim();
        if (!/^https?:\/\//i.test(link))
          throw new GraphError('not-found', 'not a sharing link (expected https://…)');
        url = `/shares/${encodeSharingUrl(link)}/driveItem?$select=id,name,webUrl,file,folder,parentReference`;
        siteHint = isSiteLink(link);
      } else if (isDriveItemRef(linkOrItem)) {
        url = `/drives/${encodeURIComponent(linkOrItem.driveId)}/items/${encodeURIComponent(linkOrItem.itemId)}?$select=id,name,webUrl,file,folder,parentReference`;
        siteHint = true;
      } else {
        throw new GraphError('not-found', 'expected a sharing link or { driveId, itemId }');
      }
      const res = await withScopes(client, siteHint, () => client.send<DriveItem>('GET', url));
      const item = res.body;
      const driveId =
        item.parentReference?.driveId ?? (isDriveItemRef(linkOrItem) ? linkOrItem.driveId : undefined);
      if (!item?.id || !driveId) throw new GraphError('not-found', 'the link does not lead to a file');
      const isXlsx = item.file?.mimeType === XLSX_MIME || /\.xlsx$/i.test(item.name ?? '');
      if (!item.file || !isXlsx)
        throw new GraphError(
          'not-found',
          `${item.folder ? 'a folder' : 'a file that is not an .xlsx workbook'}: ${item.name ?? ''}`,
        );
      current = {
        driveId,
        itemId: item.id,
        name: item.name,
        webUrl: item.webUrl,
        driveType: item.parentReference?.driveType,
        scopes: client.scopes,
      };
      return current;
    } catch (e) {
      throw wrap(client, e);
    }
  }

  const workbookOf = (wb: WorkbookRef | undefined): WorkbookRef => {
    const ref = wb ?? current;
    if (!ref) throw new GraphError('not-found', 'no shared workbook chosen yet: call resolveWorkbook first');
    return ref;
  };

  async function preview(
    pushes: Push[],
    opts: { workbook?: WorkbookRef; signal?: AbortSignal } = {},
  ): Promise<GraphPreview> {
    const ref = workbookOf(opts.workbook);
    const client = clientFor(ref.scopes ?? baseScopes, opts.signal);
    try {
      const ctx = makeCtx(client, ref, { signal: opts.signal, limits, settings: options.settings });
      const read = await withScopes(client, ref.driveType === 'documentLibrary', () => readWorkbook(ctx));
      const rows = countChanges(ROWS_SPEC, read.rows, pushes);
      const debt = countChanges(DEBT_SPEC, read.debt, pushes);
      return {
        workbook: ref,
        added: rows.added.length,
        updated: rows.updated.length,
        removed: rows.removed.length,
        unchanged: rows.unchanged.length,
        changes: { added: rows.added, updated: rows.updated, removed: rows.removed },
        debt: {
          added: debt.added.length,
          updated: debt.updated.length,
          removed: debt.removed.length,
          unchanged: debt.unchanged.length,
        },
        rows: rows.after.length,
        exists: !!read.rows,
      };
    } catch (e) {
      throw wrap(client, e);
    }
  }

  async function push(pushes: Push[], opts: GraphPushOptions = {}): Promise<GraphPushResult> {
    const ref = workbookOf(opts.workbook);
    const client = clientFor(ref.scopes ?? baseScopes, opts.signal);
    const ctx = makeCtx(client, ref, {
      signal: opts.signal,
      onProgress: opts.onProgress,
      limits,
      settings: options.settings,
      maxRounds: options.maxRounds,
    });
    try {
      const conv = await withScopes(client, ref.driveType === 'documentLibrary', () => converge(ctx, pushes));
      const state = stateAfter(conv.read, pushes);
      const summaryWritten = await writeSummary(ctx, state, conv.read.summary);
      const c = conv.rows;
      const d = conv.debt;
      return {
        ...state,
        added: c.added.length,
        updated: c.updated.length,
        removed: c.removed.length,
        unchanged: c.unchanged.length,
        changes: { added: c.added, updated: c.updated, removed: c.removed },
        target: ref.webUrl ?? ref.name,
        workbook: ref,
        debtChanges: {
          added: d.added.length,
          updated: d.updated.length,
          removed: d.removed.length,
          unchanged: d.unchanged.length,
        },
        summaryWritten,
        rounds: conv.rounds,
        restored: conv.restored,
        requests: { ...client.stats },
        skippedOps: SKIPPED_OPS,
      };
    } catch (e) {
      throw wrap(client, e);
    } finally {
      try {
        opts.onProgress?.({ phase: 'close', done: 0, total: 1, round: 0 });
      } catch {
        // never let a progress callback hide the push's own outcome
      }
      await closeSession(ctx);
    }
  }

  return {
    resolveWorkbook,
    get workbook() {
      return current;
    },
    preview,
    push,
  };
}
