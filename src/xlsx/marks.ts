/**
 * Marks in the sheet on an ExcelJS workbook (the browser preview): each cell of core's marks plan
 * gets the fill and a note. Removing puts back each cell's fill as it was (only the fill: other
 * formats written since stay) and deletes the notes ND Plan added that still read as it wrote them.
 * A cell that had a note keeps it and gets none. Style objects are replaced, never changed in place
 * (ExcelJS shares them between cells).
 */
import type ExcelJS from 'exceljs';
import type { MarksPlan } from '../core/marks';

interface NoteHolder {
  _comment?: unknown;
}

export interface XlsxMarked {
  cells: number;
  remove(): void;
}

export function addMarks(workbook: ExcelJS.Workbook, plan: MarksPlan): XlsxMarked {
  const ws = workbook.getWorksheet(plan.sheet);
  if (!ws) throw new Error(`no sheet named "${plan.sheet}"`);
  const marked = plan.marks.map((m) => {
    const cell = ws.getCell(m.row, m.col);
    const fill = cell.style?.fill;
    cell.style = {
      ...cell.style,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${m.color.slice(1)}` } },
    };
    const free = cell.note === undefined;
    if (free) cell.note = m.note;
    return { row: m.row, col: m.col, fill, note: free ? m.note : null };
  });
  return {
    cells: marked.length,
    remove() {
      const sheet = workbook.getWorksheet(plan.sheet);
      if (!sheet) return;
      for (const m of marked) {
        const cell = sheet.getCell(m.row, m.col);
        const style = { ...cell.style };
        if (m.fill) style.fill = m.fill;
        else delete style.fill;
        cell.style = style;
        if (m.note !== null && cell.note === m.note) delete (cell as unknown as NoteHolder)._comment;
      }
    },
  };
}
