/**
 * The one input of the engine: everything a sheet says, read in one go by an adapter
 * (ExcelJS in Node and the browser preview, Office.js in Excel). Nothing in core reads
 * Excel itself, and no rule may depend on which adapter made the snapshot.
 */

/** A cell value as Excel reports it: text, number (dates are serial numbers), boolean, or null when empty. */
export type CellValue = string | number | boolean | null;

/** Excel.RangeValueType names, so the Office.js adapter can pass them through unchanged. */
export type ValueType =
  'Empty' | 'String' | 'Double' | 'Integer' | 'Boolean' | 'Error' | 'Unknown' | 'RichValue';

/** A rectangle of cells, 1-based and inclusive, in sheet coordinates (row 1 / column 1 is A1). */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetSnapshot {
  /** Worksheet name as shown on the tab. */
  name: string;
  /** Sheet coordinates (1-based) of values[0][0]: the top-left cell of the used range. */
  origin: { row: number; col: number };
  /** Rows × columns of values. Errors are their text (`#VALUE!`) with valueTypes 'Error'. */
  values: CellValue[][];
  /** Number formats, same shape as values; `General` where none. */
  numberFormats?: string[][];
  /** Value types, same shape as values; when absent, inferred from values. */
  valueTypes?: ValueType[][];
  /**
   * Formulas (`=SUM(C5:C9)`) where the reader knows them, else null; same shape as values.
   * Nothing in core reads them, so the Office.js reader leaves them out (they would double its response).
   */
  formulas?: (string | null)[][];
  /** Merged areas in sheet coordinates. */
  merges: CellRange[];
}

export const ERROR_VALUES = [
  '#VALUE!',
  '#REF!',
  '#DIV/0!',
  '#N/A',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
];

/** Column letters as Excel shows them: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

export function rangeAddress(r: CellRange): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** Parses `B3` or `A1:H4` (optionally with `$`) into a range. */
export function parseRange(address: string): CellRange {
  const parts = address.replace(/\$/g, '').split(':');
  const one = (s: string) => {
    const m = /^([A-Za-z]+)(\d+)$/.exec(s.trim());
    if (!m) throw new Error(`not a cell address: ${s}`);
    return { row: Number(m[2]), col: columnNumber(m[1]) };
  };
  const a = one(parts[0]);
  const b = parts[1] ? one(parts[1]) : a;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}
