/**
 * The national case of DESIGN.md section 16: unit workbooks of 30 activities each (2,000 of
 * them: 60,000 rows) consolidated into a new target; the same units pushed into 20 aimag
 * targets, and those into a national one; then the first unit re-pushed into the 60,000-row
 * target, five times with as many rows as before and five times with a row more or fewer (every
 * later row moves), each time in another version so that rows change.
 * Used by bench/run.ts (`--only national`) and by tests/bench/national.deep.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { pushesOf } from '../src/cli/consolidate';
import { pushToFile } from '../src/targets/file';
import { performanceReport, unitSpecs, writeXlsx } from './generate';
import { mb, round1 } from './stats';

export const NATIONAL_BUDGET = { consolidationOverLoad: 1.2, repushMs: 2000 };

/** Re-pushes of each kind: their median is reported, one alone moves too much with the machine. */
export const REPUSHES = 5;

export interface NationalOptions {
  units: number;
  activities: number;
  aimags: number;
  /** Rounds of (ExcelJS load, consolidation), interleaved so both see the same machine; medians are reported. */
  rounds?: number;
}

export interface NationalFigures extends NationalOptions {
  rows: number;
  /** Medians over the rounds, wall clock. */
  loadMs: number;
  consolidateMs: number;
  /** The consolidation's two halves: reading and recognizing the inputs, then building and writing the target. */
  readMs: number;
  writeMs: number;
  consolidateOverLoad: number;
  /** The same ratio in process CPU time (zlib's threads included): less moved by other work on a shared machine. */
  consolidateOverLoadCpu: number;
  /** Every round's wall-clock [load, consolidate], in order. */
  roundsMs: [number, number][];
  /** Process high-water RSS during the whole case, in MB. */
  peakRssMB: number;
  aimagPushMs: number;
  nationalRows: number;
  nationalPushMs: number;
  nationalSources: number;
  /** One unit re-pushed with the same number of rows, new values: the median of its re-pushes. */
  repushMs: number;
  /** Each of those re-pushes, in order. */
  repushesMs: number[];
  /** What the first of them changed. */
  repush: { added: number; updated: number; removed: number; unchanged: number };
  /** Whether every re-push kept the other units' blocks (the target's state was current). */
  repushIncremental: boolean;
  /** The first unit re-pushed with a row more, then fewer, in turn: every later row of the table is renumbered. Median. */
  repushGrownMs: number;
  repushesGrownMs: number[];
  budget: typeof NATIONAL_BUDGET;
  pass: boolean;
}

/** Distinct units: the generator's names repeat after its districts × departments. */
function specs(n: number) {
  return unitSpecs(n).map((s, i) => ({
    ...s,
    unit: `${s.unit} ${i + 1}`,
    file: `unit-${String(i + 1).padStart(4, '0')}.xlsx`,
  }));
}

const since = (t: number) => performance.now() - t;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Wall-clock and CPU milliseconds of one step. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const ms = since(t);
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

export async function national(dir: string, o: NationalOptions): Promise<NationalFigures> {
  const unitDir = path.join(dir, 'national-units');
  fs.mkdirSync(unitDir, { recursive: true });
  const all = specs(o.units);
  const files: string[] = [];
  for (const s of all) {
    const f = path.join(unitDir, s.file);
    await writeXlsx(f, [
      performanceReport(o.activities, { seed: 5000 + s.index, unit: s.unit, person: s.person }),
    ]);
    files.push(f);
  }
  /** The first unit's workbook in another version, with `extra` activities more. */
  const version = async (name: string, seed: number, extra: number) => {
    const f = path.join(dir, name, all[0].file);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    await writeXlsx(f, [
      performanceReport(o.activities + extra, { seed, unit: all[0].unit, person: all[0].person }),
    ]);
    return f;
  };
  const same = [
    await version('national-changed-a', 77_000, 0),
    await version('national-changed-b', 77_001, 0),
  ];
  const grown = [await version('national-grown-a', 78_000, 1), await version('national-grown-b', 78_001, 2)];

  const target = path.join(dir, 'national-flat.xlsx');
  const load = async () => {
    for (const f of files)
      await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(f) as unknown as ArrayBuffer);
  };
  const rounds: { load: number; loadCpu: number; read: number; write: number; cpu: number }[] = [];
  let flat: Awaited<ReturnType<typeof pushToFile>> | undefined;
  for (let r = 0; r < (o.rounds ?? 3); r++) {
    const l = await timed(load);
    fs.rmSync(target, { force: true });
    const read = await timed(() => pushesOf(files));
    const write = await timed(() => pushToFile(target, read.value));
    flat = write.value;
    rounds.push({
      load: l.ms,
      loadCpu: l.cpuMs,
      read: read.ms,
      write: write.ms,
      cpu: read.cpuMs + write.cpuMs,
    });
  }
  if (!flat) throw new Error('national: no rounds');
  const loadMs = median(rounds.map((r) => r.load));
  const consolidateMs = median(rounds.map((r) => r.read + r.write));
  const cpuRatio = median(rounds.map((r) => r.cpu / r.loadCpu));

  // Twenty aimags, each of an equal share of the units, then the national target of the aimags.
  const aimagFiles: string[] = [];
  let t = performance.now();
  for (let a = 0; a < o.aimags; a++) {
    const share = files.filter((_, i) => i % o.aimags === a);
    const f = path.join(dir, `aimag-${a + 1}.xlsx`);
    await pushToFile(f, await pushesOf(share), undefined, undefined, `${a + 1}-р аймгийн НДХ`);
    aimagFiles.push(f);
  }
  const aimagPushMs = since(t);
  t = performance.now();
  const nat = await pushToFile(
    path.join(dir, 'national.xlsx'),
    await pushesOf(aimagFiles),
    undefined,
    undefined,
    'НДЕГ',
  );
  const nationalPushMs = since(t);

  const repushes = async (files: string[]) => {
    const out: { ms: number; result: Awaited<ReturnType<typeof pushToFile>> }[] = [];
    for (let i = 0; i < REPUSHES; i++) {
      const pushes = await pushesOf([files[i % files.length]]);
      const at = performance.now();
      out.push({ result: await pushToFile(target, pushes), ms: since(at) });
    }
    return out;
  };
  const sameRuns = await repushes(same);
  const grownRuns = await repushes(grown);
  const re = sameRuns[0].result;
  const repushMs = median(sameRuns.map((r) => r.ms));
  const repushGrownMs = median(grownRuns.map((r) => r.ms));

  // Each round's consolidation over the load just before it (the same machine state), then the median.
  const ratio = Math.round(median(rounds.map((r) => (r.read + r.write) / r.load)) * 1000) / 1000;
  return {
    ...o,
    rows: flat.rows.length,
    loadMs: round1(loadMs),
    consolidateMs: round1(consolidateMs),
    readMs: round1(median(rounds.map((r) => r.read))),
    writeMs: round1(median(rounds.map((r) => r.write))),
    consolidateOverLoad: ratio,
    consolidateOverLoadCpu: Math.round(cpuRatio * 1000) / 1000,
    roundsMs: rounds.map((r) => [round1(r.load), round1(r.read + r.write)]),
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    aimagPushMs: round1(aimagPushMs),
    nationalRows: nat.rows.length,
    nationalPushMs: round1(nationalPushMs),
    nationalSources: new Set(nat.rows.map((r) => r.via)).size,
    repushMs: round1(repushMs),
    repushesMs: sameRuns.map((r) => round1(r.ms)),
    repush: { added: re.added, updated: re.updated, removed: re.removed, unchanged: re.unchanged },
    repushIncremental: [...sameRuns, ...grownRuns].every((r) => r.result.incremental),
    repushGrownMs: round1(repushGrownMs),
    repushesGrownMs: grownRuns.map((r) => round1(r.ms)),
    budget: NATIONAL_BUDGET,
    pass:
      ratio <= NATIONAL_BUDGET.consolidationOverLoad &&
      repushMs <= NATIONAL_BUDGET.repushMs &&
      repushGrownMs <= NATIONAL_BUDGET.repushMs,
  };
}
