import { useCallback, useRef, useState } from 'react';
import type { WritePlan } from '../../core/writeplan';
import type { ApplyOutcome, Host } from '../../host/host';

export interface Progress {
  done: number;
  total: number;
}

/** Applies write plans one at a time, with progress and a cancel that aborts between round trips. */
export function useApplier(host: Host) {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const controller = useRef<AbortController | null>(null);

  const apply = useCallback(
    async (plan: WritePlan): Promise<ApplyOutcome> => {
      const c = new AbortController();
      controller.current = c;
      setBusy(true);
      setProgress({ done: 0, total: plan.ops.length });
      try {
        return await host.applyPlan(plan, {
          signal: c.signal,
          onProgress: (done, total) => setProgress({ done, total }),
        });
      } finally {
        controller.current = null;
        setBusy(false);
        setProgress(null);
      }
    },
    [host],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { apply, cancel, busy, progress };
}

export type Applier = ReturnType<typeof useApplier>;
