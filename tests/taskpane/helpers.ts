/** Hosts over the real sample workbooks, for the task-pane tests. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ApplyOptions, ApplyOutcome } from '../../src/host/host';
import { createWorkbookHost, workbookHostFromBytes, type WorkbookHost } from '../../src/host/workbookHost';

export const FIXTURES = path.resolve(__dirname, '../../samples');
export const DEPARTMENTS = path.resolve(__dirname, '../../samples/departments');

/** ArrayBuffer copy of a file (ExcelJS loads it without Node's Buffer, as in the browser). */
function bytesOf(file: string): ArrayBuffer {
  const b = fs.readFileSync(file);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export async function fixtureHost(name: string, storage = new Map<string, string>()): Promise<WorkbookHost> {
  return workbookHostFromBytes(bytesOf(path.join(FIXTURES, name)), { fileName: name, storage });
}

/** The three department reports as sheets of one workbook, named after their files. */
export async function departmentsHost(storage = new Map<string, string>()): Promise<WorkbookHost> {
  const combined = new ExcelJS.Workbook();
  for (const file of fs
    .readdirSync(DEPARTMENTS)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()) {
    const source = new ExcelJS.Workbook();
    await source.xlsx.load(bytesOf(path.join(DEPARTMENTS, file)));
    const from = source.worksheets[0];
    const to = combined.addWorksheet(file.replace(/^dept-|\.xlsx$/g, ''));
    from.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const target = to.getCell(r, c);
        target.value = cell.value;
        target.style = cell.style;
      }),
    );
    for (const m of (from.model as unknown as { merges?: string[] }).merges ?? []) to.mergeCells(m);
    from.columns?.forEach((col, i) => {
      if (col.width) to.getColumn(i + 1).width = col.width;
    });
  }
  return createWorkbookHost(combined, { fileName: 'departments.xlsx', storage });
}

/**
 * A host whose applyPlan reports first progress and then waits until it is aborted: the
 * consolidation stays "in progress" until the user cancels.
 */
export function waitingHost(inner: WorkbookHost): WorkbookHost & { applied: number } {
  const host = Object.create(inner) as WorkbookHost & { applied: number };
  host.applied = 0;
  host.applyPlan = (plan, options: ApplyOptions = {}): Promise<ApplyOutcome> =>
    new Promise((resolve) => {
      host.applied++;
      const total = plan.ops.length;
      options.onProgress?.(1, total);
      const stop = () => resolve({ done: 1, total, aborted: true });
      if (options.signal?.aborted) stop();
      else options.signal?.addEventListener('abort', stop);
    });
  return host;
}

/** Where the latest result shows: the MessageBar beside the button that caused it, else the pane's status line. */
export function result(): HTMLElement {
  const bar = document.querySelector<HTMLElement>('[data-outcome] .fui-MessageBarBody');
  if (bar) return bar;
  const line = document.querySelector<HTMLElement>('[role="status"]');
  if (!line) throw new Error('no result shown');
  return line;
}
