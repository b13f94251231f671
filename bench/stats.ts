/** Timing and memory helpers of `npm run bench`. */
import v8 from 'node:v8';
import vm from 'node:vm';

export interface Timing {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Every run, in order. */
  samplesMs: number[];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function timing(samples: number[]): Timing {
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    runs: samples.length,
    medianMs: r(median(samples)),
    minMs: r(Math.min(...samples)),
    maxMs: r(Math.max(...samples)),
    samplesMs: samples.map(r),
  };
}

/** Runs `fn` once as a warm-up, then `runs` times; each run is timed alone. */
export async function measure<T>(
  runs: number,
  fn: (run: number) => T | Promise<T>,
): Promise<{ timing: Timing; last: T }> {
  let last = await fn(-1);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await fn(i);
    samples.push(performance.now() - t);
  }
  return { timing: timing(samples), last };
}

let gcFn: (() => void) | null | undefined;

/**
 * A full garbage collection when the runtime allows one (exposed on demand). For memory
 * figures only: forcing one before a timed run slows that run down (see run.ts).
 */
export function gc(): void {
  if (gcFn === undefined) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (typeof g === 'function') gcFn = g;
    else {
      try {
        v8.setFlagsFromString('--expose-gc');
        gcFn = vm.runInNewContext('gc') as () => void;
      } catch {
        gcFn = null;
      }
    }
  }
  gcFn?.();
}

export const MB = 1024 * 1024;
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const mb = (bytes: number) => round1(bytes / MB);
