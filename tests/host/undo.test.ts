/**
 * Undo in the preview's host (ExcelJS): after format, fill, summary (new and replaced), a draft
 * and an import on the sample workbooks, «Буцаах» brings back every cell's value and style, the
 * merges, widths, heights and conditional formats, and removes the sheets the write added.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { analyzeSheet } from '../../src/core/analyze';
import { draftReport } from '../../src/core/draft';
import { DEFAULT_SETTINGS } from '../../src/core/measure';
import { planFillPercents } from '../../src/core/plans/fill';
import { planFormat } from '../../src/core/plans/format';
import { planImport } from '../../src/core/plans/import';
import type { WritePlan } from '../../src/core/writeplan';
import { workbookHostFromBytes, type WorkbookHost } from '../../src/host/workbookHost';
import { summarySheetPlan } from '../../src/taskpane/logic';

const SAMPLES = [
  'fulfilment-2024-h1.xlsx',
  'plan-2024.xlsx',
  'report-2024-annual.xlsx',
  'receivables-2024.xlsx',
];

const load = (file: string) =>
  workbookHostFromBytes(new Uint8Array(fs.readFileSync(path.resolve(__dirname, '../../samples', file))), {
    chunkSize: 50,
  });

/** Everything undo restores, per sheet: non-empty cells (value and style), merges, widths, heights, conditional formats. */
function state(wb: ExcelJS.Workbook) {
  return wb.worksheets.map((ws) => {
    const cells: string[] = [];
    const heights: string[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.height !== undefined) heights.push(`${r}:${row.height}`);
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.findCell(c);
        if (!cell) continue;
        const style = JSON.stringify(cell.style ?? {});
        const value = cell.isMerged && cell.master !== cell ? null : cell.value;
        if ((value === null || value === undefined) && style === '{}') continue;
        cells.push(`${cell.address}=${JSON.stringify(value)} ${style}`);
      }
    });
    const merges = Object.keys((ws as unknown as { _merges: object })._merges).sort();
    const widths = (ws.columns ?? []).map((c) => c.width ?? null);
    while (widths.length && widths[widths.length - 1] === null) widths.pop();
    const cf = JSON.stringify(
      (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings,
    );
    return { name: ws.name, cells, merges, widths, heights, cf };
  });
}

async function roundTrip(host: WorkbookHost, plan: WritePlan) {
  const before = state(host.workbook);
  const outcome = await host.applyPlan(plan, { undo: true });
  expect(outcome.undo).toBeDefined();
  expect(state(host.workbook)).not.toEqual(before);
  await outcome.undo!();
  expect(state(host.workbook)).toEqual(before);
}

describe('undo in the preview host', () => {
  test.each(SAMPLES)('format, fill and a draft of %s are undone exactly', async (file) => {
    const host = await load(file);
    const snapshot = await host.readSheet();
    const analysis = analyzeSheet(snapshot);
    await roundTrip(host, planFormat(snapshot, analysis));
    const fill = planFillPercents(analysis);
    if (fill.ops.length) await roundTrip(host, fill);
    if (analysis.template === 'performance-plan')
      await roundTrip(host, draftReport(analysis, 'H1', 'Тайлан'));
  });

  test('a new summary sheet is removed; a replaced one gets its cells back', async () => {
    const host = await load('fulfilment-2024-h1.xlsx');
    const analysis = analyzeSheet(await host.readSheet());
    const plan = summarySheetPlan(analysis, 'h1.xlsx', {}, DEFAULT_SETTINGS);
    await roundTrip(host, plan);
    expect(await host.listSheets()).not.toContain('Товчоо');
    await host.applyPlan(plan);
    host.editCell({ sheet: 'Товчоо', row: 40, col: 9 }, 'миний тэмдэглэл');
    await roundTrip(host, plan);
    expect(host.workbook.getWorksheet('Товчоо')!.getCell(40, 9).value).toBe('миний тэмдэглэл');
  });

  test('an import over an existing sheet is undone', async () => {
    const host = await load('fulfilment-2024-h1.xlsx');
    const other = await load('plan-2024.xlsx');
    const snapshot = await other.readSheet();
    const [sheet] = await host.listSheets();
    await roundTrip(host, planImport(snapshot, analyzeSheet(snapshot), sheet));
  });

  test('no undo unless asked for, and none when cancelled before the first write', async () => {
    const host = await load('fulfilment-2024-h1.xlsx');
    const snapshot = await host.readSheet();
    const plan = planFormat(snapshot, analyzeSheet(snapshot));
    expect((await host.applyPlan(plan)).undo).toBeUndefined();
    const c = new AbortController();
    c.abort();
    expect((await host.applyPlan(plan, { undo: true, signal: c.signal })).undo).toBeUndefined();
  });
});
