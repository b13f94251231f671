import { useCallback, useRef, useState } from 'react';
import type { Host } from '../../host/host';
import type { Push } from '../../core/consolidate';
import type { Settings } from '../../core/measure';
import { graphErrorMessage, type GraphPhase, type Lang } from '../../i18n/graph';
import type { GraphPushResult } from '../../targets/graph/destination';
import { GraphError } from '../../targets/graph/errors';
import { isSharingLink } from '../../targets/graph/link';
import type { SharedDestination, SharedWorkbookConfig } from '../sharedWorkbook';
import type { Counts } from './useConsolidation';

export interface SharedCounts extends Counts {
  /** The shared workbook's file name. */
  workbook: string;
  /** False when the shared workbook has no consolidation yet (the first push creates it). */
  exists: boolean;
}

export interface SharedProgress {
  phase: GraphPhase;
  done: number;
  total: number;
}

export type LinkProblem = 'missing' | 'invalid' | null;

export function linkProblem(link: string): LinkProblem {
  if (!link.trim()) return 'missing';
  return isSharingLink(link) ? null : 'invalid';
}

function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new GraphError('cancelled', 'cancelled before the request');
}

/**
 * The user's words for a failed preview or push: a GraphError's own message (src/i18n/graph.ts),
 * otherwise the closest reason. Never the error's text (technical, English), never a token.
 */
export function sharedErrorMessage(e: unknown, lang: Lang): { text: string; cancelled: boolean } {
  if (e instanceof GraphError) return { text: e.userMessage(lang), cancelled: e.reason === 'cancelled' };
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'AbortError') return { text: graphErrorMessage('cancelled', lang), cancelled: true };
  // webpack could not fetch the lazily loaded Graph client or MSAL.
  if (name === 'ChunkLoadError') return { text: graphErrorMessage('offline', lang), cancelled: false };
  return { text: graphErrorMessage('unknown', lang), cancelled: false };
}

/**
 * Consolidation into the shared workbook (Microsoft Graph) named by `link`: the preview of what
 * a push changes, the push with its progress, and the cancel. The pushes come from
 * useConsolidation's collectPushes, the same as for this workbook. Failures are thrown as they
 * come (GraphError); sharedErrorMessage words them.
 */
export function useSharedPush(config: SharedWorkbookConfig, settings: Settings, link: string, host: Host) {
  const [preview, setPreview] = useState<SharedCounts | null>(null);
  const [progress, setProgress] = useState<SharedProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | null>(null);
  /** The destination (made once per settings) and the link it last resolved. */
  const made = useRef<{ settings: Settings; destination: SharedDestination; resolved: string | null } | null>(
    null,
  );

  const clearPreview = useCallback(() => setPreview(null), []);

  /** The destination with the workbook of the current link resolved. */
  const ready = useCallback(
    async (signal: AbortSignal): Promise<SharedDestination> => {
      if (!made.current || made.current.settings !== settings) {
        const destination = await config.create({
          clientId: config.clientId,
          settings,
          office: host.officeAuth?.(),
        });
        made.current = { settings, destination, resolved: null };
      }
      checkAborted(signal);
      const current = made.current;
      const wanted = link.trim();
      if (current.resolved !== wanted) {
        current.resolved = null;
        await current.destination.resolveWorkbook(wanted, { signal });
        current.resolved = wanted;
      }
      checkAborted(signal);
      return current.destination;
    },
    [config, settings, link, host],
  );

  /**
   * Runs `fn` with a fresh AbortController; after a failure the next run resolves the link again.
   * Cancel ends the run at once, even while a sign-in window is open (MSAL takes no signal): the
   * destination stops at its next request, and whatever `fn` still returns is dropped.
   */
  const run = useCallback(async <T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const c = new AbortController();
    controller.current = c;
    setBusy(true);
    const cancelled = new Promise<never>((_, reject) =>
      c.signal.addEventListener('abort', () => reject(new GraphError('cancelled', 'cancelled by the user')), {
        once: true,
      }),
    );
    try {
      const work = fn(c.signal);
      work.catch(() => undefined); // after a cancel, its own outcome no longer matters
      return await Promise.race([work, cancelled]);
    } catch (e) {
      if (made.current) made.current.resolved = null;
      throw e;
    } finally {
      controller.current = null;
      setBusy(false);
      setProgress(null);
    }
  }, []);

  const runPreview = useCallback(
    (collect: () => Promise<Push[]>): Promise<SharedCounts> =>
      run(async (signal) => {
        const pushes = await collect();
        checkAborted(signal);
        const destination = await ready(signal);
        const p = await destination.preview(pushes, { signal });
        const counts: SharedCounts = {
          added: p.added,
          updated: p.updated,
          removed: p.removed,
          unchanged: p.unchanged,
          workbook: p.workbook.name,
          exists: p.exists,
        };
        if (!signal.aborted) setPreview(counts);
        return counts;
      }),
    [run, ready],
  );

  const push = useCallback(
    (collect: () => Promise<Push[]>): Promise<GraphPushResult> =>
      run(async (signal) => {
        setProgress({ phase: 'resolve', done: 0, total: 0 });
        const pushes = await collect();
        checkAborted(signal);
        const destination = await ready(signal);
        const result = await destination.push(pushes, {
          signal,
          onProgress: (p) => {
            if (!signal.aborted) setProgress({ phase: p.phase, done: p.done, total: p.total });
          },
        });
        if (!signal.aborted)
          setPreview({
            added: result.added,
            updated: result.updated,
            removed: result.removed,
            unchanged: result.unchanged,
            workbook: result.workbook.name,
            exists: true,
          });
        return result;
      }),
    [run, ready],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { preview, clearPreview, progress, busy, runPreview, push, cancel };
}
