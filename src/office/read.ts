import {
  cellAddress,
  rangeAddress,
  type CellRange,
  type CellValue,
  type SheetSnapshot,
  type ValueType,
} from '../core/snapshot';
import type { CellsRead } from '../core/patch';
import { splitAreas, toCellRange } from './address';
import { ExcelApiMissingError } from '../host/host';
import { INSERT_WORKSHEETS_EXCEL_API, MERGED_AREAS_EXCEL_API, supportsExcelApi } from './requirements';

/**
 * No formulas: nothing in core reads them, and for a large sheet they were about half of the
 * response. Value types stay: they mark error cells (such as #BLOCKED!) whose text core does not know.
 */
const CELL_PROPERTIES = ['values', 'numberFormat', 'valueTypes'];

type Cells = Pick<Excel.Range, 'values' | 'numberFormat' | 'valueTypes'>;

/** The used range, read whole or, when Excel cannot send it in one response, in row slices. */
interface UsedCells {
  range: CellRange;
  slices: Cells[];
}

/**
 * Reads the active (or the named) sheet into a snapshot: one sync for the used range with its
 * values, number formats and value types (no formulas), one more for the merged areas.
 */
export async function readSnapshot(
  context: Excel.RequestContext,
  sheetName?: string,
): Promise<SheetSnapshot> {
  const worksheets = context.workbook.worksheets;
  const sheet = sheetName === undefined ? worksheets.getActiveWorksheet() : worksheets.getItem(sheetName);
  sheet.load('name');
  // Values only: a used range stretched to the sheet's end by formatting alone is not read.
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(['address', ...CELL_PROPERTIES]);
  let cells: UsedCells | null;
  try {
    await context.sync();
    cells = used.isNullObject ? null : { range: toCellRange(used.address), slices: [used] };
  } catch (error) {
    if (!payloadTooLarge(error)) throw error;
    cells = await readInSlices(context, sheet);
  }
  if (!cells) {
    return {
      name: sheet.name,
      origin: { row: 1, col: 1 },
      values: [],
      numberFormats: [],
      valueTypes: [],
      merges: [],
    };
  }
  return toSnapshot(sheet.name, cells, await readMerges(context, sheet, cells.range));
}

/**
 * The cells of these ranges of one sheet (by name or worksheet id) after an edit, in one sync:
 * live checking patches them into the snapshot it has (core/patch.ts) instead of reading the sheet.
 */
export async function readCells(
  context: Excel.RequestContext,
  sheetKey: string,
  ranges: CellRange[],
): Promise<{ sheet: string; cells: CellsRead[] }> {
  const sheet = context.workbook.worksheets.getItem(sheetKey);
  sheet.load('name');
  const loaded = ranges.map((r) => {
    const cells = sheet.getRange(rangeAddress(r));
    cells.load(CELL_PROPERTIES);
    return { r, cells };
  });
  await context.sync();
  return {
    sheet: sheet.name,
    cells: loaded.map(({ r, cells }) => toSnapshot(sheet.name, { range: r, slices: [cells] }, [])),
  };
}

/** Names of the workbook's sheets, in tab order. */
export async function listSheets(context: Excel.RequestContext): Promise<string[]> {
  const worksheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  return worksheets.items.map((s) => s.name);
}

/** Shows a cell to the user: activates its sheet and selects it. */
export async function selectCell(
  context: Excel.RequestContext,
  sheet: string,
  row: number,
  col: number,
): Promise<void> {
  const worksheet = context.workbook.worksheets.getItem(sheet);
  worksheet.activate();
  worksheet.getRange(cellAddress(row, col)).select();
  await context.sync();
}

/** Excel on the web refuses responses above about 5 MB (ResponsePayloadSizeLimitExceeded). */
function payloadTooLarge(error: unknown): boolean {
  return /PayloadSizeLimitExceeded/.test(String((error as { code?: unknown } | null)?.code));
}

/** Fallback for very large sheets: halves the slice height until each response fits. */
async function readInSlices(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
): Promise<UsedCells | null> {
  const used = sheet.getUsedRangeOrNullObject(true).load('address');
  sheet.load('name');
  await context.sync();
  if (used.isNullObject) return null;
  const range = toCellRange(used.address);
  const slices: Cells[] = [];
  let height = Math.ceil((range.bottom - range.top + 1) / 2);
  for (let top = range.top; top <= range.bottom;) {
    const slice = sheet.getRange(
      rangeAddress({ ...range, top, bottom: Math.min(range.bottom, top + height - 1) }),
    );
    slice.load(CELL_PROPERTIES);
    try {
      await context.sync();
    } catch (error) {
      if (!payloadTooLarge(error) || height === 1) throw error;
      height = Math.ceil(height / 2);
      continue;
    }
    slices.push(slice);
    top += height;
  }
  return { range, slices };
}

/**
 * getMergedAreasOrNullObject fails beyond 512 areas and finds an area by its top-left cell, so
 * the used range is asked in bands of at most 512 cells: each band then holds at most 512
 * top-left cells, and every area is found in exactly one band. All bands go in one sync.
 */
async function readMerges(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  range: CellRange,
): Promise<CellRange[]> {
  if (!supportsExcelApi(MERGED_AREAS_EXCEL_API)) return [];
  const bandHeight = Math.max(1, Math.floor(512 / (range.right - range.left + 1)));
  const bands: Excel.RangeAreas[] = [];
  for (let top = range.top; top <= range.bottom; top += bandHeight) {
    const band = sheet.getRange(
      rangeAddress({ ...range, top, bottom: Math.min(range.bottom, top + bandHeight - 1) }),
    );
    bands.push(band.getMergedAreasOrNullObject().load('address'));
  }
  await context.sync();
  const addresses = new Set(bands.filter((b) => !b.isNullObject).flatMap((b) => splitAreas(b.address)));
  return [...addresses].map(toCellRange).sort((a, b) => a.top - b.top || a.left - b.left);
}

function toSnapshot(name: string, { range, slices }: UsedCells, merges: CellRange[]): SheetSnapshot {
  const rows = <T>(pick: (c: Cells) => T[][]): T[][] => slices.flatMap(pick);
  const values: CellValue[][] = rows((c) => c.values).map((row) => row.map((v) => (v === '' ? null : v)));
  return {
    name,
    origin: { row: range.top, col: range.left },
    values,
    numberFormats: rows((c) => c.numberFormat).map((row) =>
      row.map((f) => (typeof f === 'string' ? f : 'General')),
    ),
    valueTypes: rows((c) => c.valueTypes).map((row) => row.map((t) => t as ValueType)),
    merges,
  };
}

/**
 * The sheets of another .xlsx file (the signed plan a report is compared with): inserted
 * into this workbook, read, then removed again so the user's workbook is left as it was.
 */
export async function readFileSheets(
  context: Excel.RequestContext,
  base64: string,
): Promise<SheetSnapshot[]> {
  // Asked before anything is queued: on an older Excel the workbook is not touched at all.
  if (!supportsExcelApi(INSERT_WORKSHEETS_EXCEL_API))
    throw new ExcelApiMissingError(INSERT_WORKSHEETS_EXCEL_API);
  const worksheets = context.workbook.worksheets;
  const before = worksheets.load('items/name');
  await context.sync();
  const had = new Set(before.items.map((s) => s.name));
  context.workbook.insertWorksheetsFromBase64(base64, { positionType: Excel.WorksheetPositionType.end });
  const after = worksheets.load('items/name');
  await context.sync();
  const inserted = after.items.map((s) => s.name).filter((n) => !had.has(n));
  try {
    const out: SheetSnapshot[] = [];
    for (const name of inserted) out.push(await readSnapshot(context, name));
    return out;
  } finally {
    for (const name of inserted) worksheets.getItem(name).delete();
    await context.sync();
  }
}
