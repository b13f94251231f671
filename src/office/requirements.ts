/** Excel API versions the adapter relies on; the manifest asks for REQUIRED_EXCEL_API. */

/** Everything called unconditionally: pageLayout.zoom/setPrintTitleRows, horizontalPageBreaks (cleared with a sheet), suspendScreenUpdatingUntilNextSync. */
export const REQUIRED_EXCEL_API = '1.9';

/** Range.getMergedAreasOrNullObject. Hosts below it (Office 2021 and older) read snapshots without merges. */
export const MERGED_AREAS_EXCEL_API = '1.13';

/** Workbook.insertWorksheetsFromBase64: "compare with a file" reads the other file's sheets through it. */
export const INSERT_WORKSHEETS_EXCEL_API = '1.13';

export function supportsExcelApi(version: string): boolean {
  // Outside an Office host (unit tests) there is no one to ask: the caller supplies the Excel objects.
  if (typeof Office === 'undefined' || !Office.context?.requirements) return true;
  return Office.context.requirements.isSetSupported('ExcelApi', version);
}
