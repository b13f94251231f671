/** The Office.js adapter: reads sheets into snapshots and applies write plans. No decisions live here. */
export { listSheets, readCells, readFileSheets, readSnapshot, selectCell } from './read';
export { applyWritePlan, DEFAULT_MAX_PAYLOAD_BYTES, type ApplyOptions, type ApplyResult } from './write';
export {
  ACTIVATED_EXCEL_API,
  CHANGED_EXCEL_API,
  unwatchWorksheets,
  watchWorksheets,
  type SheetEventKind,
} from './events';
export { CAPTURE_CELLS, queueUndoCapture, restoreUndo, type UndoRecord } from './undo';
export { addMarks, COMMENTS_EXCEL_API, NOTES_EXCEL_API, removeMarks, type MarksRecord } from './marks';
export { widthInPoints } from '../core/writeplan';
export {
  INSERT_WORKSHEETS_EXCEL_API,
  MERGED_AREAS_EXCEL_API,
  REQUIRED_EXCEL_API,
  supportsExcelApi,
} from './requirements';
export { insertWorkbooks } from './insert';
