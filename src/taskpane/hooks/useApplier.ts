import { useCallback, useRef, useState } from 'react';
import type { WritePlan } from '../../core/writeplan';
import type { ApplyOutcome, Host, Marked, Undo } from '../../host/host';

export interface Progress {
  done: number;
  total: number;
}

/**
 * Applies write plans one at a time, with progress and a cancel that aborts between round trips.
 * Excel empties its own undo history after an add-in writes, so the last write's undo is kept
 * here: it stays until the next write (or its own use).
 */
export function useApplier(host: Host) {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [undo, setUndo] = useState<Undo | null>(null);
  /** The marks left in the sheet, until «Арилгах» (kept here: they outlive the tab that made them). */
  const [marked, setMarked] = useState<Marked | null>(null);
  const controller = useRef<AbortController | null>(null);

  const apply = useCallback(
    async (plan: WritePlan): Promise<ApplyOutcome> => {
      const c = new AbortController();
      controller.current = c;
      setBusy(true);
      setUndo(null);
      setProgress({ done: 0, total: plan.ops.length });
      try {
        const outcome = await host.applyPlan(plan, {
          signal: c.signal,
          undo: true,
          onProgress: (done, total) => setProgress({ done, total }),
        });
        if (outcome.undo) setUndo(() => outcome.undo!);
        return outcome;
      } finally {
        controller.current = null;
        setBusy(false);
        setProgress(null);
      }
    },
    [host],
  );

  /** Undoes the last write; the undo is gone afterwards (there is no redo). */
  const undoLast = useCallback(async () => {
    if (!undo) return;
    setBusy(true);
    try {
      await undo();
      setUndo(null);
    } finally {
      setBusy(false);
    }
  }, [undo]);

  const cancel = useCallback(() => controller.current?.abort(), []);

  /** Marks the sheet; undoing that write, or removing the marks, is the same thing. */
  const mark = useCallback(async (make: () => Promise<Marked>): Promise<Marked> => {
    setBusy(true);
    try {
      const m = await make();
      const remove = async () => {
        await m.remove();
        setMarked(null);
      };
      const kept = { ...m, remove };
      setMarked(kept);
      setUndo(() => remove);
      return kept;
    } finally {
      setBusy(false);
    }
  }, []);

  /** «Арилгах»: takes the marks away; a write of its own, so the last undo goes. */
  const unmark = useCallback(async () => {
    if (!marked) return;
    setBusy(true);
    try {
      await marked.remove();
      setUndo(null);
    } finally {
      setBusy(false);
    }
  }, [marked]);

  return { apply, cancel, busy, progress, canUndo: undo !== null, undoLast, marked, mark, unmark };
}

export type Applier = ReturnType<typeof useApplier>;
