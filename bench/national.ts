/**
 * The national case of DESIGN.md section 16: unit workbooks of 30 activities each (2,000 of
 * them: 60,000 rows) consolidated into a new target; the same units pushed into 20 aimag
 * targets, and those into a national one; then one unit re-pushed into the 60,000-row target.
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

export interface NationalOptions {
  units: number;
  activities: number;
  aimags: number;
}

export interface NationalFigures extends NationalOptions {
  rows: number;
  loadMs: number;
  consolidateMs: number;
  consolidateOverLoad: number;
  /** Process high-water RSS during the whole case, in MB. */
  peakRssMB: number;
  aimagPushMs: number;
  nationalRows: number;
  nationalPushMs: number;
  nationalSources: number;
  repushMs: number;
  repush: { added: number; updated: number; removed: number; unchanged: number };
  budget: typeof NATIONAL_BUDGET;
  pass: boolean;
}

/** Distinct units: the generator's names repeat after its districts × departments. */
function specs(n: number) {
  return unitSpecs(n).map((s, i) => ({ ...s, unit: `${s.unit} ${i + 1}`, file: `unit-${String(i + 1).padStart(4, '0')}.xlsx` }));
}

const since = (t: number) => performance.now() - t;

export async function national(dir: string, o: NationalOptions): Promise<NationalFigures> {
  const unitDir = path.join(dir, 'national-units');
  fs.mkdirSync(unitDir, { recursive: true });
  const all = specs(o.units);
  const files: string[] = [];
  for (const s of all) {
    const f = path.join(unitDir, s.file);
    await writeXlsx(f, [performanceReport(o.activities, { seed: 5000 + s.index, unit: s.unit, person: s.person })]);
    files.push(f);
  }
  const changed = path.join(dir, 'national-changed', all[0].file);
  fs.mkdirSync(path.dirname(changed), { recursive: true });
  await writeXlsx(changed, [performanceReport(o.activities, { seed: 77_000, unit: all[0].unit, person: all[0].person })]);

  let t = performance.now();
  for (const f of files) await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(f) as unknown as ArrayBuffer);
  const loadMs = since(t);

  const target = path.join(dir, 'national-flat.xlsx');
  t = performance.now();
  const flat = await pushToFile(target, await pushesOf(files));
  const consolidateMs = since(t);

  // Twenty aimags, each of an equal share of the units, then the national target of the aimags.
  const aimagFiles: string[] = [];
  t = performance.now();
  for (let a = 0; a < o.aimags; a++) {
    const share = files.filter((_, i) => i % o.aimags === a);
    const f = path.join(dir, `aimag-${a + 1}.xlsx`);
    await pushToFile(f, await pushesOf(share), undefined, undefined, `${a + 1}-р аймгийн НДХ`);
    aimagFiles.push(f);
  }
  const aimagPushMs = since(t);
  t = performance.now();
  const nat = await pushToFile(path.join(dir, 'national.xlsx'), await pushesOf(aimagFiles), undefined, undefined, 'НДЕГ');
  const nationalPushMs = since(t);

  t = performance.now();
  const re = await pushToFile(target, await pushesOf([changed]));
  const repushMs = since(t);

  const ratio = round1(consolidateMs / loadMs * 100) / 100;
  return {
    ...o,
    rows: flat.rows.length,
    loadMs: round1(loadMs),
    consolidateMs: round1(consolidateMs),
    consolidateOverLoad: ratio,
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    aimagPushMs: round1(aimagPushMs),
    nationalRows: nat.rows.length,
    nationalPushMs: round1(nationalPushMs),
    nationalSources: new Set(nat.rows.map((r) => r.via)).size,
    repushMs: round1(repushMs),
    repush: { added: re.added, updated: re.updated, removed: re.removed, unchanged: re.unchanged },
    budget: NATIONAL_BUDGET,
    pass: ratio <= NATIONAL_BUDGET.consolidationOverLoad && repushMs <= NATIONAL_BUDGET.repushMs,
  };
}
