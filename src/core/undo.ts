/**
 * What undoing a write plan needs: which cells to capture before it runs (their values and
 * formats, restored afterwards) and which sheets it adds (removed afterwards). Excel empties its
 * own undo stack after an add-in writes, so the task pane keeps this one step of undo itself.
 */
import type { CellRange } from './snapshot';
import type { WriteOp, WritePlan } from './writeplan';

export interface UndoCapture {
  sheet: string;
  /** Every cell the plan changes on this sheet, column widths and row heights included. */
  range: CellRange;
  /** The plan clears the sheet first: everything already on it (its used range) is captured too. */
  whole: boolean;
}

export interface UndoPlan {
  capture: UndoCapture[];
  /** Sheets the plan adds: undo removes them. */
  deleteSheets: string[];
}

/** The cells one operation changes; null for those that change no cell (freeze, print setup, selection). */
function opRange(op: WriteOp): CellRange | null {
  switch (op.op) {
    case 'setValues':
    case 'setFormulas': {
      const rows = op.op === 'setValues' ? op.values : op.formulas;
      const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
      if (rows.length === 0 || width === 0) return null;
      return { top: op.row, left: op.col, bottom: op.row + rows.length - 1, right: op.col + width - 1 };
    }
    case 'setNumberFormat':
    case 'setFont':
    case 'setFill':
    case 'setBorders':
    case 'setAlignment':
    case 'merge':
    case 'addTable':
    case 'bucketColors':
    case 'dataBar':
      return op.range;
    case 'setColumnWidth':
      return { top: 1, left: op.col, bottom: 1, right: op.col };
    case 'setRowHeight':
      return { top: op.row, left: 1, bottom: op.row, right: 1 };
    case 'addChart':
      return op.anchor;
    default:
      return null;
  }
}

const union = (a: CellRange, b: CellRange): CellRange => ({
  top: Math.min(a.top, b.top),
  left: Math.min(a.left, b.left),
  bottom: Math.max(a.bottom, b.bottom),
  right: Math.max(a.right, b.right),
});

/**
 * The undo of `plan`, given the sheets that exist before it runs (`existing`; null when the plan
 * adds none, so every sheet it names exists). Sheet names compare without case, as in Excel. One
 * capture per sheet: the smallest range holding every cell the plan changes there.
 */
export function planUndo(plan: WritePlan, existing: readonly string[] | null): UndoPlan {
  const present = new Set((existing ?? []).map((s) => s.toLowerCase()));
  const added = new Map<string, string>();
  const captures = new Map<string, UndoCapture>();
  for (const op of plan.ops) {
    const key = op.sheet.toLowerCase();
    if (op.op === 'addSheet') {
      if (existing !== null && !present.has(key)) {
        if (!added.has(key)) added.set(key, op.sheet);
      } else if (op.clear && !added.has(key)) {
        const c = captures.get(key);
        if (c) c.whole = true;
        else
          captures.set(key, {
            sheet: op.sheet,
            range: { top: 1, left: 1, bottom: 1, right: 1 },
            whole: true,
          });
      }
      continue;
    }
    if (added.has(key)) continue;
    const range = opRange(op);
    if (!range) continue;
    const c = captures.get(key);
    if (!c) captures.set(key, { sheet: op.sheet, range, whole: false });
    else c.range = union(c.range, range);
  }
  return { capture: [...captures.values()], deleteSheets: [...added.values()] };
}

/** Cells a capture holds (its range; a whole sheet's used range comes on top). */
export function captureCells(c: UndoCapture): number {
  return (c.range.bottom - c.range.top + 1) * (c.range.right - c.range.left + 1);
}
