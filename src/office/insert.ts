/**
 * The empty state's "open a sample / a file" inside Excel: an add-in cannot open another
 * workbook, so the file's sheets are inserted into this one (ExcelApi 1.13) and the first of
 * them is activated.
 */
import { ExcelApiMissingError } from '../host/host';
import { INSERT_WORKSHEETS_EXCEL_API, supportsExcelApi } from './requirements';

/** Inserts the sheets of each .xlsx (base64) at the end and activates the first, in two syncs; returns how many were inserted. */
export async function insertWorkbooks(context: Excel.RequestContext, files: string[]): Promise<number> {
  // Asked before anything is queued: on an older Excel the workbook is not touched at all.
  if (!supportsExcelApi(INSERT_WORKSHEETS_EXCEL_API))
    throw new ExcelApiMissingError(INSERT_WORKSHEETS_EXCEL_API);
  const results = files.map((base64) =>
    context.workbook.insertWorksheetsFromBase64(base64, { positionType: 'End' }),
  );
  await context.sync();
  // The ids of the new sheets; getItem takes an id as well as a name.
  const ids = results.flatMap((r) => r.value);
  if (!ids.length) return 0;
  context.workbook.worksheets.getItem(ids[0]).activate();
  await context.sync();
  return ids.length;
}
