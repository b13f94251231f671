/**
 * Undo of a write plan on an ExcelJS workbook (the browser preview): the cells core's undo plan
 * names are copied before the plan runs (values, styles, merges, column widths, row heights, the
 * sheet's conditional formats), and restoring writes them back and removes the sheets it added.
 * Browser-safe: no node: modules.
 */
import type ExcelJS from 'exceljs';
import { parseRange, type CellRange } from '../core/snapshot';
import type { UndoPlan } from '../core/undo';

interface CellBefore {
  row: number;
  col: number;
  value: ExcelJS.CellValue;
  style: Partial<ExcelJS.Style>;
}

interface SheetBefore {
  sheet: string;
  range: CellRange;
  cells: CellBefore[];
  merges: string[];
  widths: (number | undefined)[];
  heights: (number | undefined)[];
  conditionalFormats: unknown[];
}

/** ExcelJS internals the undo needs: the merged ranges and the conditional formats of a sheet. */
interface SheetInternals {
  _merges: Record<string, { range: string }>;
  conditionalFormattings: unknown[];
  mergeCellsWithoutStyle(range: string): void;
}

const internals = (ws: ExcelJS.Worksheet) => ws as unknown as SheetInternals;

const overlaps = (a: CellRange, b: CellRange) =>
  !(a.bottom < b.top || a.top > b.bottom || a.right < b.left || a.left > b.right);

function mergesIn(ws: ExcelJS.Worksheet, range: CellRange): string[] {
  return Object.values(internals(ws)._merges)
    .map((m) => m.range.replace(/\$/g, ''))
    .filter((m) => overlaps(parseRange(m), range));
}

function copyValue(v: ExcelJS.CellValue): ExcelJS.CellValue {
  if (v instanceof Date) return new Date(v.getTime());
  if (v !== null && typeof v === 'object') return JSON.parse(JSON.stringify(v)) as ExcelJS.CellValue;
  return v;
}

const copyStyle = (s: Partial<ExcelJS.Style>) =>
  JSON.parse(JSON.stringify(s ?? {})) as Partial<ExcelJS.Style>;

/** What a whole sheet holds: its used rows and columns. */
function usedRange(ws: ExcelJS.Worksheet): CellRange {
  return { top: 1, left: 1, bottom: Math.max(1, ws.rowCount), right: Math.max(1, ws.columnCount) };
}

function union(a: CellRange, b: CellRange): CellRange {
  return {
    top: Math.min(a.top, b.top),
    left: Math.min(a.left, b.left),
    bottom: Math.max(a.bottom, b.bottom),
    right: Math.max(a.right, b.right),
  };
}

function captureSheet(ws: ExcelJS.Worksheet, sheet: string, box: CellRange): SheetBefore {
  // Unmerging at restore time touches whole merged areas: those reaching outside the box come in whole.
  const range = mergesIn(ws, box).reduce((r, m) => union(r, parseRange(m)), box);
  const cells: CellBefore[] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    for (let c = range.left; c <= range.right; c++) {
      const cell = row.findCell(c);
      if (!cell) continue;
      // A merged cell other than the top-left one shows the top-left's value: its own is empty.
      const slave = cell.isMerged && cell.master !== cell;
      cells.push({
        row: r,
        col: c,
        value: slave ? null : copyValue(cell.value),
        style: copyStyle(cell.style),
      });
    }
  }
  const widths: (number | undefined)[] = [];
  for (let c = range.left; c <= range.right; c++) widths.push(ws.getColumn(c).width);
  const heights: (number | undefined)[] = [];
  for (let r = range.top; r <= range.bottom; r++) heights.push(ws.findRow(r)?.height);
  return {
    sheet,
    range,
    cells,
    merges: mergesIn(ws, range),
    widths,
    heights,
    conditionalFormats: [...internals(ws).conditionalFormattings],
  };
}

function restoreSheet(ws: ExcelJS.Worksheet, before: SheetBefore): void {
  const { range } = before;
  for (const m of mergesIn(ws, range)) ws.unMergeCells(m);
  for (let r = range.top; r <= range.bottom; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    for (let c = range.left; c <= range.right; c++) {
      const cell = row.findCell(c);
      if (!cell) continue;
      cell.value = null;
      cell.style = {};
    }
  }
  for (const b of before.cells) {
    const cell = ws.getCell(b.row, b.col);
    cell.value = copyValue(b.value);
    cell.style = copyStyle(b.style);
  }
  before.widths.forEach((w, i) => {
    ws.getColumn(range.left + i).width = w as number;
  });
  before.heights.forEach((h, i) => {
    const row = h === undefined ? ws.findRow(range.top + i) : ws.getRow(range.top + i);
    if (row) row.height = h as number;
  });
  for (const m of before.merges) internals(ws).mergeCellsWithoutStyle(m);
  internals(ws).conditionalFormattings = [...before.conditionalFormats];
}

/**
 * Copies what `plan` will change in `workbook` and returns what puts it back. Sheets are found
 * by name when restoring: clearing a sheet replaces its ExcelJS worksheet.
 */
export function captureUndo(workbook: ExcelJS.Workbook, plan: UndoPlan): () => void {
  const sheets: SheetBefore[] = [];
  for (const c of plan.capture) {
    const ws = workbook.getWorksheet(c.sheet);
    if (!ws) continue;
    sheets.push(captureSheet(ws, c.sheet, c.whole ? union(c.range, usedRange(ws)) : c.range));
  }
  const deleteSheets = [...plan.deleteSheets];
  return () => {
    for (const before of sheets) {
      const ws = workbook.getWorksheet(before.sheet);
      if (ws) restoreSheet(ws, before);
    }
    for (const name of deleteSheets) {
      const ws = workbook.getWorksheet(name);
      if (ws) workbook.removeWorksheet(ws.id);
    }
  };
}
