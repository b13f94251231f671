/** "Fill computed percentages": writes the suggestions into empty percent cells, never over an entered value. */
import type { SheetAnalysis } from '../model';
import { columnNumber } from '../snapshot';
import type { WriteOp, WritePlan } from '../writeplan';

export function planFillPercents(analysis: SheetAnalysis): WritePlan {
  const ops: WriteOp[] = [];
  for (const a of analysis.activities) {
    if (a.percentSource !== 'computed' || a.percent === null) continue;
    const letter = analysis.tables[a.table]?.columns.percent ?? analysis.tables[a.table]?.columns.score;
    if (!letter) continue;
    const col = columnNumber(letter);
    ops.push(
      { op: 'setValues', sheet: analysis.sheet, row: a.row, col, values: [[a.percent]] },
      {
        op: 'setNumberFormat',
        sheet: analysis.sheet,
        range: { top: a.row, left: col, bottom: a.row, right: col },
        format: '0.0',
      },
    );
  }
  return { ops };
}
