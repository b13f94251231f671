/**
 * A WritePlan is data: the cell operations core decides on and each adapter (ExcelJS,
 * Office.js, Graph) applies. Ranges are 1-based sheet coordinates.
 *
 * Strings in `setValues` are always written as text: an adapter must never let a string
 * that begins with `=`, `+`, `-` or `@` become a formula. Formulas, where wanted, are
 * written only through `setFormulas`.
 */
import { cellAddress, type CellRange, type CellValue } from './snapshot';

export type HorizontalAlign = 'left' | 'center' | 'right';
export type VerticalAlign = 'top' | 'middle' | 'bottom';
export type BorderStyle = 'thin' | 'medium';

export interface ChartSeriesRef {
  /** The series name as shown in the legend. */
  name: string;
  /** Values of the series. */
  values: CellRange;
}

export type WriteOp =
  /** Create the sheet when absent; with `clear`, empty an existing one (values, formats, merges). */
  | { op: 'addSheet'; sheet: string; clear?: boolean }
  | { op: 'setValues'; sheet: string; row: number; col: number; values: CellValue[][] }
  | { op: 'setFormulas'; sheet: string; row: number; col: number; formulas: string[][] }
  | { op: 'setNumberFormat'; sheet: string; range: CellRange; format: string }
  | {
      op: 'setFont';
      sheet: string;
      range: CellRange;
      bold?: boolean;
      italic?: boolean;
      size?: number;
      color?: string;
    }
  | { op: 'setFill'; sheet: string; range: CellRange; color: string }
  | { op: 'setBorders'; sheet: string; range: CellRange; style: BorderStyle }
  | {
      op: 'setAlignment';
      sheet: string;
      range: CellRange;
      horizontal?: HorizontalAlign;
      vertical?: VerticalAlign;
      wrap?: boolean;
    }
  | { op: 'merge'; sheet: string; range: CellRange }
  | { op: 'setColumnWidth'; sheet: string; col: number; width: number }
  | { op: 'setRowHeight'; sheet: string; row: number; height: number }
  | { op: 'freeze'; sheet: string; rows: number; cols: number }
  /** An Excel table over `range` (header row included). */
  | { op: 'addTable'; sheet: string; name: string; range: CellRange }
  /** Bucket colours: each rule colours cells whose value is ≥ min and < max. */
  | {
      op: 'bucketColors';
      sheet: string;
      range: CellRange;
      rules: BucketRule[];
    }
  | { op: 'dataBar'; sheet: string; range: CellRange; color: string }
  /** A native chart (Office.js); the ExcelJS adapter shows data bars instead, since ExcelJS cannot write charts. */
  | {
      op: 'addChart';
      sheet: string;
      name: string;
      kind: 'bar' | 'column';
      title: string;
      categories: CellRange;
      series: ChartSeriesRef[];
      anchor: CellRange;
    }
  | {
      op: 'printSetup';
      sheet: string;
      orientation: 'portrait' | 'landscape';
      paper: 'A4';
      fitToWidth: boolean;
      /** Rows repeated at the top of every printed page. */
      repeatRows?: { from: number; to: number };
      /** What prints; columns outside it (provenance) stay on the sheet. */
      printArea?: CellRange;
    }
  | { op: 'select'; sheet: string; range: CellRange };

/** Cells whose value is ≥ min and < max (no upper end when max is null) get this fill. */
export interface BucketRule {
  min: number;
  max: number | null;
  color: string;
}

/**
 * A bucket rule's condition over `range`, without the leading '=', relative to the range's
 * top-left cell. A formula, not "cell value between": between includes both ends (a value on a
 * boundary would match two buckets) and counts blank cells as 0.
 */
export function bucketFormula(range: CellRange, rule: BucketRule): string {
  const tl = cellAddress(range.top, range.left);
  return rule.max === null
    ? `AND(ISNUMBER(${tl}),${tl}>=${rule.min})`
    : `AND(ISNUMBER(${tl}),${tl}>=${rule.min},${tl}<${rule.max})`;
}

/** Page margins of a printSetup, in inches (the file adapters write them; Office.js keeps the sheet's). */
export const PRINT_MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };

export interface WritePlan {
  ops: WriteOp[];
}

export type OpOf<K extends WriteOp['op']> = Extract<WriteOp, { op: K }>;

/**
 * The default of a `switch` over `op.op` that names every operation: a new operation that an
 * interpreter forgets is a type error there, not a silent skip.
 */
export function assertNever(op: never): never {
  throw new Error(`unknown write operation ${JSON.stringify(op)}`);
}

/**
 * Excel's column width is in points; the plan's, as in ExcelJS, in characters of the default
 * font (Calibri 11: 7 px per character plus 5 px of padding; 96 px = 72 pt).
 */
export function widthInPoints(characters: number): number {
  return ((characters * 7 + 5) * 72) / 96;
}
