/**
 * A workload to profile with `node --cpu-prof`, one step of `npm run bench` repeated:
 *
 *   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.ts engine 20000
 *   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.ts consolidate 60
 *   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.ts national 400
 *   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.ts repush 2000
 *   npx tsx bench/profile-summary.ts /tmp/prof/CPU.*.cpuprofile --top 30
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pushesOf } from '../src/cli/consolidate';
import { analyzeSheet } from '../src/core/analyze';
import { pushToFile } from '../src/targets/file';
import { modelSnapshot, performanceReport, unitReport, unitSpecs, writeXlsx } from './generate';

async function main() {
  const [what = 'engine', n = '20000', times = '5'] = process.argv.slice(2);
  const repeat = Number(times);
  if (what === 'engine') {
    const snapshot = modelSnapshot(performanceReport(Number(n)));
    for (let i = 0; i < repeat; i++) {
      const t = performance.now();
      analyzeSheet(snapshot);
      console.log(`analyzeSheet ${Math.round(performance.now() - t)} ms`);
    }
    return;
  }
  if (what === 'repush') {
    // One unit re-pushed, again and again, into a target of n units of 30 activities.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-profile-'));
    try {
      const files: string[] = [];
      const specs = unitSpecs(Number(n)).map((s, i) => ({ ...s, unit: `${s.unit} ${i + 1}` }));
      for (const [i, spec] of specs.entries()) {
        const file = path.join(dir, `unit-${i}.xlsx`);
        await writeXlsx(file, [
          performanceReport(30, { seed: 5000 + i, unit: spec.unit, person: spec.person }),
        ]);
        files.push(file);
      }
      const target = path.join(dir, 'target.xlsx');
      await pushToFile(target, await pushesOf(files));
      for (let i = 0; i < repeat; i++) {
        const changed = path.join(dir, `changed-${i}.xlsx`);
        const s = specs[(i * 7) % specs.length];
        await writeXlsx(changed, [
          performanceReport(30, { seed: 77_000 + i, unit: s.unit, person: s.person }),
        ]);
        const t = performance.now();
        const r = await pushToFile(target, await pushesOf([changed]));
        console.log(`re-push ${Math.round(performance.now() - t)} ms (incremental ${r.incremental})`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  if (what === 'consolidate' || what === 'national') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-profile-'));
    try {
      const files: string[] = [];
      // national: many small unit workbooks of 30 activities, as bench/national.ts makes them.
      for (const [i, spec] of unitSpecs(Number(n)).entries()) {
        const file = path.join(dir, `${i}-${spec.file}`);
        const unit = `${spec.unit} ${i + 1}`;
        await writeXlsx(file, [
          what === 'national'
            ? performanceReport(30, { seed: 5000 + i, unit, person: spec.person })
            : unitReport(spec, 150),
        ]);
        files.push(file);
      }
      for (let i = 0; i < repeat; i++) {
        const target = path.join(dir, `target-${i}.xlsx`);
        let t = performance.now();
        const pushes = await pushesOf(files);
        const read = performance.now() - t;
        t = performance.now();
        await pushToFile(target, pushes);
        console.log(`read ${Math.round(read)} ms, push ${Math.round(performance.now() - t)} ms`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  throw new Error(`unknown workload ${what}: engine | consolidate | national | repush`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
