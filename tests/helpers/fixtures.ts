/** The sample workbooks in samples/ (never edited; copied when a variant is needed). */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeSheet, type AnalyzeOptions } from '../../src/core/analyze';
import type { SheetAnalysis } from '../../src/core/model';
import type { SheetSnapshot } from '../../src/core/snapshot';
import { loadWorkbook, workbookSnapshots } from '../../src/xlsx/read';

export const FIXTURES = path.resolve(__dirname, '../../samples');
export const SAMPLES = path.resolve(__dirname, '../../samples');

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

export async function snapshotsOf(file: string): Promise<SheetSnapshot[]> {
  const buf = fs.readFileSync(file.includes('/') ? file : fixturePath(file));
  return workbookSnapshots(await loadWorkbook(buf, file));
}

export async function analyzeFixture(name: string, options?: AnalyzeOptions): Promise<SheetAnalysis> {
  const [snap] = await snapshotsOf(name);
  return analyzeSheet(snap, options);
}
