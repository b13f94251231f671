/**
 * Applies a WritePlan to an ExcelJS workbook (the CLI and the browser preview). Strings are
 * written as string cells with exactly their text: a value beginning with `=`, `+`, `-` or
 * `@` never becomes a formula. ExcelJS cannot write charts, so `addChart` is left to the
 * data bars the plans put beside them; Office.js draws native charts.
 */
import type ExcelJS from 'exceljs';
import { cellAddress, columnLetter, rangeAddress, type CellRange } from '../core/snapshot';
import { PRINT_MARGINS, bucketFormula, type OpOf, type WriteOp, type WritePlan } from '../core/writeplan';

const argb = (hex: string) => ({ argb: `FF${hex.replace('#', '').toUpperCase()}` });

type Style = Partial<ExcelJS.Style>;

/** Stands for every cell without a style of its own (each such cell has its own empty object). */
const UNSTYLED = {};

function unstyled(style: Style): boolean {
  for (const _ in style) return false;
  return true;
}

/**
 * Restyles the cells of a range: `change` edits a copy of a cell's style, and the copy
 * replaces it. A style object is never changed in place: cells read from a file share one per
 * style id in ExcelJS, and a merged area's cells share their master's, so changing one cell's
 * number format would change all of them. Cells that had the same style get the same new one,
 * so the writer renders each distinct style once instead of once per cell (a consolidated
 * table of 9,000 bordered rows took seconds to write).
 */
function restyle(ws: ExcelJS.Worksheet, r: CellRange, change: (style: Style) => void) {
  const made = new Map<object, Style>();
  for (let row = r.top; row <= r.bottom; row++)
    for (let col = r.left; col <= r.right; col++) {
      const cell = ws.getCell(row, col);
      const old = cell.style as Style;
      const key = unstyled(old) ? UNSTYLED : old;
      let next = made.get(key);
      if (!next) {
        next = { ...old };
        change(next);
        made.set(key, next);
      }
      cell.style = next;
    }
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`write plan names a sheet that does not exist: ${name}`);
  return ws;
}

type Merges = { merges?: string[] };

function merge(ws: ExcelJS.Worksheet, r: CellRange) {
  const want = rangeAddress(r);
  const existing = ((ws.model as unknown as Merges).merges ?? []).map((m) => m.replace(/\$/g, ''));
  if (existing.includes(want)) return;
  for (const m of existing) {
    const [a, b = a] = m.split(':');
    const ma = ws.getCell(a);
    const mb = ws.getCell(b);
    const overlaps = !(
      Number(mb.row) < r.top ||
      Number(ma.row) > r.bottom ||
      Number(mb.col) < r.left ||
      Number(ma.col) > r.right
    );
    if (overlaps) ws.unMergeCells(m);
  }
  if (r.top === r.bottom && r.left === r.right) return;
  ws.mergeCells(r.top, r.left, r.bottom, r.right);
}

type CF = ExcelJS.ConditionalFormattingOptions;

/** Replaces the conditional formats on exactly this range, so applying a plan twice equals once. */
function setConditional(ws: ExcelJS.Worksheet, ref: string, rules: CF['rules']) {
  const list = (ws as unknown as { conditionalFormattings: CF[] }).conditionalFormattings;
  const kind = rules[0]?.type;
  for (let i = list.length - 1; i >= 0; i--)
    if (list[i].ref === ref && list[i].rules[0]?.type === kind) list.splice(i, 1);
  ws.addConditionalFormatting({ ref, rules });
}

const HANDLERS: { [K in WriteOp['op']]: (wb: ExcelJS.Workbook, op: OpOf<K>) => void } = {
  addSheet(wb, op) {
    const ws = wb.getWorksheet(op.sheet);
    if (ws && op.clear) {
      // Remove and re-add, keeping the tab where it was (ExcelJS orders tabs by orderNo).
      const orderNo = (ws as unknown as { orderNo: number }).orderNo;
      wb.removeWorksheet(ws.id);
      (wb.addWorksheet(op.sheet) as unknown as { orderNo: number }).orderNo = orderNo;
    } else if (!ws) wb.addWorksheet(op.sheet);
  },
  setValues(wb, op) {
    const ws = sheetOf(wb, op.sheet);
    op.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const cell = ws.getCell(op.row + i, op.col + j);
        cell.value = v === null ? null : v;
      }),
    );
  },
  setFormulas(wb, op) {
    const ws = sheetOf(wb, op.sheet);
    op.formulas.forEach((row, i) =>
      row.forEach((f, j) => {
        ws.getCell(op.row + i, op.col + j).value = {
          formula: f.replace(/^=/, ''),
        } as ExcelJS.CellFormulaValue;
      }),
    );
  },
  setNumberFormat(wb, op) {
    restyle(sheetOf(wb, op.sheet), op.range, (s) => (s.numFmt = op.format));
  },
  setFont(wb, op) {
    restyle(sheetOf(wb, op.sheet), op.range, (s) => {
      const f: Partial<ExcelJS.Font> = { ...(s.font ?? {}) };
      if (op.bold !== undefined) f.bold = op.bold;
      if (op.italic !== undefined) f.italic = op.italic;
      if (op.size !== undefined) f.size = op.size;
      if (op.color !== undefined) f.color = argb(op.color);
      s.font = f;
    });
  },
  setFill(wb, op) {
    restyle(
      sheetOf(wb, op.sheet),
      op.range,
      (s) => (s.fill = { type: 'pattern', pattern: 'solid', fgColor: argb(op.color) }),
    );
  },
  setBorders(wb, op) {
    const side = { style: op.style } as ExcelJS.Border;
    restyle(
      sheetOf(wb, op.sheet),
      op.range,
      (s) => (s.border = { top: side, left: side, bottom: side, right: side }),
    );
  },
  setAlignment(wb, op) {
    restyle(sheetOf(wb, op.sheet), op.range, (s) => {
      const a: Partial<ExcelJS.Alignment> = { ...(s.alignment ?? {}) };
      if (op.horizontal) a.horizontal = op.horizontal;
      if (op.vertical) a.vertical = op.vertical;
      if (op.wrap !== undefined) a.wrapText = op.wrap;
      s.alignment = a;
    });
  },
  merge(wb, op) {
    merge(sheetOf(wb, op.sheet), op.range);
  },
  setColumnWidth(wb, op) {
    sheetOf(wb, op.sheet).getColumn(op.col).width = op.width;
  },
  setRowHeight(wb, op) {
    sheetOf(wb, op.sheet).getRow(op.row).height = op.height;
  },
  freeze(wb, op) {
    sheetOf(wb, op.sheet).views = [{ state: 'frozen', xSplit: op.cols, ySplit: op.rows }];
  },
  addTable(wb, op) {
    // ExcelJS rewrites table cells on save; a filter over the same range keeps values untouched.
    sheetOf(wb, op.sheet).autoFilter = rangeAddress({ ...op.range, bottom: op.range.top });
  },
  bucketColors(wb, op) {
    const rules = op.rules.map((r, i) => ({
      type: 'expression' as const,
      priority: i + 1,
      formulae: [bucketFormula(op.range, r)],
      style: { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: argb(r.color) } },
    }));
    setConditional(sheetOf(wb, op.sheet), rangeAddress(op.range), rules as CF['rules']);
  },
  dataBar(wb, op) {
    const rule = {
      type: 'dataBar',
      priority: 1,
      minLength: 0,
      maxLength: 100,
      cfvo: [
        { type: 'num', value: 0 },
        { type: 'num', value: 100 },
      ],
      color: argb(op.color),
    };
    setConditional(sheetOf(wb, op.sheet), rangeAddress(op.range), [rule] as unknown as CF['rules']);
  },
  addChart() {
    // No charts in ExcelJS: the plan's data bars and bucket colours stand in.
  },
  printSetup(wb, op) {
    const ws = sheetOf(wb, op.sheet);
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9,
      orientation: op.orientation,
      fitToPage: op.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: PRINT_MARGINS,
      ...(op.repeatRows ? { printTitlesRow: `${op.repeatRows.from}:${op.repeatRows.to}` } : {}),
      // ExcelJS puts a '$' before each end only: '$A1:$H9', which LibreOffice ignores; rows made absolute here.
      ...(op.printArea
        ? {
            printArea: `${columnLetter(op.printArea.left)}$${op.printArea.top}:${columnLetter(op.printArea.right)}$${op.printArea.bottom}`,
          }
        : {}),
    };
  },
  select(wb, op) {
    const ws = sheetOf(wb, op.sheet);
    const views = ws.views?.length ? ws.views : [{}];
    ws.views = views.map((v, i) =>
      i === 0 ? { ...v, activeCell: cellAddress(op.range.top, op.range.left) } : v,
    ) as ExcelJS.WorksheetView[];
  },
};

export function applyWritePlan(wb: ExcelJS.Workbook, plan: WritePlan): void {
  for (const op of plan.ops) (HANDLERS[op.op] as (wb: ExcelJS.Workbook, op: WriteOp) => void)(wb, op);
}
