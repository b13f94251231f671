/**
 * Undo of a write plan in Excel: the cells core's undo plan names are read (values, number
 * formats, cell formats, widths and heights, merges, conditional formats) in the same request as
 * the plan's first writes, queued before them, so the capture costs no round trip of its own for
 * plans up to CAPTURE_CELLS cells. Restoring writes them back and removes the sheets the plan
 * added: one sync to see what is there now, one to write.
 */
import { rangeAddress, type CellRange } from '../core/snapshot';
import type { UndoPlan } from '../core/undo';
import { MERGED_AREAS_EXCEL_API, supportsExcelApi } from './requirements';

/** The formats a capture reads per cell (ExcelApi 1.9, as the rest of the adapter). */
const CELL_FORMATS: Excel.CellPropertiesLoadOptions = {
  format: {
    fill: { color: true, pattern: true, patternColor: true, tintAndShade: true },
    font: {
      bold: true,
      italic: true,
      color: true,
      size: true,
      name: true,
      underline: true,
      strikethrough: true,
    },
    borders: { style: true, weight: true, color: true },
    horizontalAlignment: true,
    verticalAlignment: true,
    wrapText: true,
    indentLevel: true,
  },
};

/**
 * Cells read in one request. A cell's formats with its borders come back as about 1 KB of JSON
 * (an estimate from the shape of CellProperties, not measured on Excel); Excel on the web refuses
 * responses above about 5 MB. Larger captures read the rest in requests of their own first.
 */
export const CAPTURE_CELLS = 4000;

/** One range as it was before a write. */
export interface RangeBefore {
  sheet: string;
  /** A1 address without the sheet. */
  address: string;
  formulas: unknown[][];
  numberFormat: unknown[][];
  cells: Excel.CellProperties[][];
  columns: Excel.ColumnProperties[];
  rows: Excel.RowProperties[];
  /** Merged areas inside it (addresses without the sheet); null below ExcelApi 1.13, where they are not read. */
  merges: string[] | null;
  /** Ids of the conditional formats over it: others found there at restore time were added by the write. */
  conditionalFormats: string[];
}

export interface UndoRecord {
  ranges: RangeBefore[];
  deleteSheets: string[];
}

/** A range to read: a block of a capture, or a sheet's used range ('used'). */
interface Piece {
  sheet: string;
  range: CellRange | 'used';
  cells: number;
}

/** The undo plan's captures cut into row blocks of at most CAPTURE_CELLS cells. */
function pieces(plan: UndoPlan): Piece[] {
  const out: Piece[] = [];
  for (const c of plan.capture) {
    const width = c.range.right - c.range.left + 1;
    const step = Math.max(1, Math.floor(CAPTURE_CELLS / width));
    for (let top = c.range.top; top <= c.range.bottom; top += step) {
      const bottom = Math.min(c.range.bottom, top + step - 1);
      out.push({ sheet: c.sheet, range: { ...c.range, top, bottom }, cells: (bottom - top + 1) * width });
    }
    if (c.whole) out.push({ sheet: c.sheet, range: 'used', cells: CAPTURE_CELLS });
  }
  return out;
}

const withoutSheet = (address: string) => address.slice(address.lastIndexOf('!') + 1);

function queuePiece(context: Excel.RequestContext, piece: Piece): () => RangeBefore {
  const sheet = context.workbook.worksheets.getItem(piece.sheet);
  const range = piece.range === 'used' ? sheet.getUsedRange() : sheet.getRange(rangeAddress(piece.range));
  range.load('address, formulas, numberFormat');
  const cells = range.getCellProperties(CELL_FORMATS);
  const columns = range.getColumnProperties({ format: { columnWidth: true } });
  const rows = range.getRowProperties({ format: { rowHeight: true } });
  const merged = supportsExcelApi(MERGED_AREAS_EXCEL_API)
    ? range.getMergedAreasOrNullObject().load('address')
    : null;
  const formats = range.conditionalFormats.load('items/id');
  return () => ({
    sheet: piece.sheet,
    address: withoutSheet(range.address),
    formulas: range.formulas,
    numberFormat: range.numberFormat,
    cells: cells.value,
    columns: columns.value,
    rows: rows.value,
    merges: merged === null ? null : merged.isNullObject ? [] : merged.address.split(',').map(withoutSheet),
    conditionalFormats: formats.items.map((f) => f.id),
  });
}

/**
 * Queues the reads of an undo plan. Blocks beyond the first CAPTURE_CELLS cells are read by
 * `read` (a sync of their own) at once; the last ones stay queued for the caller's next sync,
 * before its writes. The returned function gives the record once that sync is done.
 */
export async function queueUndoCapture(
  context: Excel.RequestContext,
  plan: UndoPlan,
  read: () => Promise<void>,
): Promise<() => UndoRecord> {
  const all = pieces(plan);
  const readers: (() => RangeBefore)[] = [];
  let queued = 0;
  for (const piece of all) {
    if (queued > 0 && queued + piece.cells > CAPTURE_CELLS) {
      await read();
      queued = 0;
    }
    readers.push(queuePiece(context, piece));
    queued += piece.cells;
  }
  return () => ({ ranges: readers.map((r) => r()), deleteSheets: [...plan.deleteSheets] });
}

/** Borders and the rest as read; a cell without fill ("None") keeps the fill cleared before. */
function settable(cell: Excel.CellProperties): Excel.SettableCellProperties {
  const format = { ...cell.format };
  if (format.fill?.pattern === 'None') delete format.fill;
  return { format };
}

/** Writes back what `record` holds and removes the sheets the write added: two syncs. */
export async function restoreUndo(context: Excel.RequestContext, record: UndoRecord): Promise<void> {
  const worksheets = context.workbook.worksheets;
  const added = record.deleteSheets.map((name) => worksheets.getItemOrNullObject(name).load('isNullObject'));
  const ranges = record.ranges;
  const formats = ranges.map((r) =>
    worksheets.getItem(r.sheet).getRange(r.address).conditionalFormats.load('items/id'),
  );
  await context.sync();

  ranges.forEach((before, i) => {
    const sheet = worksheets.getItem(before.sheet);
    const range = sheet.getRange(before.address);
    const older = new Set(before.conditionalFormats);
    for (const f of formats[i].items) if (!older.has(f.id)) f.delete();
    if (before.merges !== null) range.unmerge();
    range.format.fill.clear();
    range.numberFormat = before.numberFormat;
    range.formulas = before.formulas;
    range.setCellProperties(before.cells.map((row) => row.map(settable)));
    range.setColumnProperties(before.columns);
    range.setRowProperties(before.rows);
    for (const area of before.merges ?? []) sheet.getRange(area).merge(false);
  });
  for (const sheet of added) if (!sheet.isNullObject) sheet.delete();
  await context.sync();
}
