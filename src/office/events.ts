/**
 * Worksheet events for live checking: activation of another sheet (ExcelApi 1.7) and edits
 * (ExcelApi 1.9, on the worksheet collection). Registered in one sync, removed in one sync.
 */
import type { SheetChange } from '../core/patch';
import { supportsExcelApi } from './requirements';

export type SheetEventKind = 'activated' | 'changed';

/** WorksheetCollection.onActivated. */
export const ACTIVATED_EXCEL_API = '1.7';
/** WorksheetCollection.onChanged. */
export const CHANGED_EXCEL_API = '1.9';

type Handlers = OfficeExtension.EventHandlerResult<unknown>[];

/** Excel.DataChangeType values after which the cells' addresses moved (RangeEdited and format changes keep them). */
const STRUCTURAL = new Set([
  'RowInserted',
  'RowDeleted',
  'ColumnInserted',
  'ColumnDeleted',
  'CellInserted',
  'CellDeleted',
  'Unknown',
]);

/**
 * Registers the handlers on the workbook's sheets and returns what removes them. An edit made by
 * this add-in (triggerSource "ThisLocalAddin", ExcelApi 1.14) is not the user's: the pane reads
 * the sheet again after its own writes anyway.
 */
export async function watchWorksheets(
  context: Excel.RequestContext,
  listener: (kind: SheetEventKind, change?: SheetChange) => void,
): Promise<Handlers> {
  const sheets = context.workbook.worksheets;
  const handlers: Handlers = [];
  if (supportsExcelApi(ACTIVATED_EXCEL_API))
    handlers.push(
      sheets.onActivated.add(async () => {
        listener('activated');
      }),
    );
  if (supportsExcelApi(CHANGED_EXCEL_API))
    handlers.push(
      sheets.onChanged.add(async (e) => {
        if (e.triggerSource !== 'ThisLocalAddin')
          listener('changed', {
            sheet: e.worksheetId,
            address: e.address || null,
            structural: STRUCTURAL.has(String(e.changeType)),
          });
      }),
    );
  if (handlers.length) await context.sync();
  return handlers;
}

/** Removes handlers registered by watchWorksheets, in one sync of the context they were added in. */
export async function unwatchWorksheets(context: Excel.RequestContext, handlers: Handlers): Promise<void> {
  if (!handlers.length) return;
  handlers.forEach((h) => h.remove());
  await context.sync();
}
