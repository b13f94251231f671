/**
 * DESIGN.md section 11, the budgets that do not depend on the machine: Office.js round trips
 * (at most 2 syncs to read a sheet of any size; at most 2 + 1 per 4 MB to apply a write plan)
 * and linear growth of the engine (20,000 activities cost about 4 times 5,000, never 8).
 * Absolute times are `npm run bench`'s business; nothing here asserts one.
 *
 * The sheets are the bench's generated reports (bench/generate.ts), as snapshots in memory.
 * Reads run on office-addin-mock; writes on the real Office.js library (tests/office/realExcel.ts),
 * whose request bodies are the bytes counted.
 */
import { analyzeSheet } from '../../src/core/analyze';
import { planFillPercents } from '../../src/core/plans/fill';
import { planFormat } from '../../src/core/plans/format';
import type { SheetSnapshot } from '../../src/core/snapshot';
import { modelSnapshot, performanceReport } from '../../bench/generate';
import { officeRead, officeWrite } from '../../bench/office';
import { median } from '../../bench/stats';

jest.setTimeout(120_000);

const FOUR_MB = 4 * 1024 * 1024;
const snapshots = new Map<number, SheetSnapshot>();
const snapshot = (n: number) => {
  if (!snapshots.has(n)) snapshots.set(n, modelSnapshot(performanceReport(n)));
  return snapshots.get(n)!;
};

describe('Office.js round trips', () => {
  it('reads and analyses a 20,000-activity sheet in at most 2 syncs', async () => {
    const { snapshot: read, traffic } = await officeRead(snapshot(20_000));
    expect(traffic.syncs).toBeLessThanOrEqual(2);
    const a = analyzeSheet(read);
    expect(a.template).toBe('performance-report');
    expect(a.activities).toHaveLength(20_000);
  });

  it('applies the format and fill-percent plans in at most 2 + 1 per 4 MB syncs, of at most 4 MB', async () => {
    const snap = snapshot(5_000);
    const a = analyzeSheet(snap);
    for (const plan of [planFormat(snap, a), planFillPercents(a)]) {
      expect(plan.ops.length).toBeGreaterThan(0);
      const w = await officeWrite(plan, snap.name);
      expect(w.traffic.syncs).toBe(w.adapterSyncs);
      expect(w.traffic.syncs).toBeLessThanOrEqual(2 + Math.floor(w.traffic.requestBytes / FOUR_MB));
      expect(Math.max(...w.traffic.requests)).toBeLessThanOrEqual(FOUR_MB);
    }
  });
});

describe('engine growth', () => {
  it('is linear: 20,000 activities cost less than 8 times 5,000 (median of 5 interleaved runs)', () => {
    const small = snapshot(5_000);
    const large = snapshot(20_000);
    const times = { small: [] as number[], large: [] as number[] };
    for (let run = -1; run < 5; run++) {
      for (const [key, snap] of [
        ['small', small],
        ['large', large],
      ] as const) {
        const t = performance.now();
        analyzeSheet(snap);
        if (run >= 0) times[key].push(performance.now() - t);
      }
    }
    const ratio = median(times.large) / median(times.small);
    console.log(
      `engine growth: 5,000 → ${median(times.small).toFixed(0)} ms, 20,000 → ${median(times.large).toFixed(0)} ms, ratio ${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeLessThan(8);
  });
});
