/**
 * Memory of one step, measured in a fresh process so that nothing else has raised its
 * high-water mark (run by bench/run.ts, with --expose-gc):
 *
 *   memory.ts load <file.xlsx>       ExcelJS load of the workbook, then the snapshot conversion
 *   memory.ts analyze <snapshot.v8>  analyzeSheet on a snapshot (v8-serialized by run.ts)
 *
 * Prints one JSON object. peakRssDeltaMB = process high-water RSS after the step − RSS just
 * before it (the most the step added to the process); heapDeltaMB = heapUsed right after the
 * step − heapUsed before it (what it allocated and had not yet collected); retainedMB = heapUsed
 * after a full GC with the step's result still referenced − heapUsed before it.
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import ExcelJS from 'exceljs';
import { analyzeSheet } from '../src/core/analyze';
import type { SheetSnapshot } from '../src/core/snapshot';
import { worksheetSnapshot } from '../src/xlsx/read';
import { gc, mb } from './stats';

interface StepMemory {
  peakRssDeltaMB: number;
  heapDeltaMB: number;
  retainedMB: number;
  ms: number;
}

async function step<T>(fn: () => T | Promise<T>): Promise<{ mem: StepMemory; result: T }> {
  gc();
  gc();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  const t = performance.now();
  const result = await fn();
  const ms = performance.now() - t;
  const heap1 = process.memoryUsage().heapUsed;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  gc();
  gc();
  const heap2 = process.memoryUsage().heapUsed;
  return {
    mem: {
      peakRssDeltaMB: mb(maxRss - rss0),
      heapDeltaMB: mb(heap1 - heap0),
      retainedMB: mb(heap2 - heap0),
      ms: Math.round(ms),
    },
    result,
  };
}

async function main() {
  const [mode, file] = process.argv.slice(2);
  if (mode === 'load') {
    const buf = fs.readFileSync(file);
    const load = await step(async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      return wb;
    });
    const snap = await step(() => worksheetSnapshot(load.result.worksheets[0]));
    console.log(JSON.stringify({ load: load.mem, snapshot: snap.mem, rows: snap.result.values.length }));
  } else if (mode === 'analyze') {
    const snapshot = v8.deserialize(fs.readFileSync(file)) as SheetSnapshot;
    const a = await step(() => analyzeSheet(snapshot));
    console.log(JSON.stringify({ analyze: a.mem, activities: a.result.activities.length }));
  } else {
    console.error('usage: memory.ts load <file.xlsx> | analyze <snapshot.v8>');
    process.exit(2);
  }
}

void main();
