/** Shared look of the workbooks the product writes, as write-plan operations. */
import type { Settings } from '../measure';
import type { CellRange, CellValue } from '../snapshot';
import type { BucketRule, WriteOp } from '../writeplan';

export const COLORS = {
  header: 'D9E1F2',
  section: 'E7E6E6',
  title: '1F3864',
  bar: '5B9BD5',
  muted: '7F7F7F',
  level100: 'C6EFCE',
  level70: 'FFEB9C',
  level30: 'F8CBAD',
  level0: 'FFC7CE',
};

export const range = (top: number, left: number, bottom = top, right = left): CellRange => ({
  top,
  left,
  bottom,
  right,
});

/** Bucket colours for percent cells: the levels of DESIGN.md section 6 on the configured scale. */
export function bucketRules(settings: Settings): BucketRule[] {
  const [a, b, c] = settings.thresholds;
  return [
    { min: a, max: null, color: COLORS.level100 },
    { min: b, max: a, color: COLORS.level70 },
    { min: c, max: b, color: COLORS.level30 },
    { min: 0, max: c, color: COLORS.level0 },
  ];
}

/**
 * A block of values with a bold, shaded, bordered header row. `rows` is the body's extent when
 * only some of its values are written here (the rest are written apart, or kept as they are).
 */
export function tableBlock(
  sheet: string,
  row: number,
  col: number,
  header: string[],
  body: CellValue[][],
  widths?: number[],
  rows = body.length,
): WriteOp[] {
  const ops: WriteOp[] = [{ op: 'setValues', sheet, row, col, values: [header, ...body] }];
  const right = col + header.length - 1;
  const bottom = row + rows;
  ops.push(
    { op: 'setFont', sheet, range: range(row, col, row, right), bold: true },
    { op: 'setFill', sheet, range: range(row, col, row, right), color: COLORS.header },
    {
      op: 'setAlignment',
      sheet,
      range: range(row, col, row, right),
      horizontal: 'center',
      vertical: 'middle',
      wrap: true,
    },
    { op: 'setBorders', sheet, range: range(row, col, bottom, right), style: 'thin' },
  );
  if (rows)
    ops.push({
      op: 'setAlignment',
      sheet,
      range: range(row + 1, col, bottom, right),
      vertical: 'top',
      wrap: true,
    });
  widths?.forEach((w, i) => ops.push({ op: 'setColumnWidth', sheet, col: col + i, width: w }));
  return ops;
}

export function titleOps(sheet: string, row: number, left: number, right: number, text: string): WriteOp[] {
  return [
    { op: 'setValues', sheet, row, col: left, values: [[text]] },
    { op: 'merge', sheet, range: range(row, left, row, right) },
    { op: 'setFont', sheet, range: range(row, left), bold: true, size: 13, color: COLORS.title },
    {
      op: 'setAlignment',
      sheet,
      range: range(row, left, row, right),
      horizontal: 'center',
      vertical: 'middle',
      wrap: true,
    },
  ];
}

export function landscape(
  sheet: string,
  repeatRows?: { from: number; to: number },
  printArea?: CellRange,
): WriteOp {
  return {
    op: 'printSetup',
    sheet,
    orientation: 'landscape',
    paper: 'A4',
    fitToWidth: true,
    ...(repeatRows ? { repeatRows } : {}),
    ...(printArea ? { printArea } : {}),
  };
}
