/** core's undo plan: one capture per existing sheet over every cell the plan changes; added sheets are removed. */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeSheet } from '../../src/core/analyze';
import { planFormat } from '../../src/core/plans/format';
import { planUndo } from '../../src/core/undo';
import type { CellRange } from '../../src/core/snapshot';
import type { WritePlan } from '../../src/core/writeplan';
import { loadWorkbook, worksheetSnapshot } from '../../src/xlsx/read';

const inside = (r: CellRange, box: CellRange) =>
  r.top >= box.top && r.bottom <= box.bottom && r.left >= box.left && r.right <= box.right;

describe('planUndo', () => {
  test('captures the smallest range over every changed cell; widths and heights by their column and row', () => {
    const plan: WritePlan = {
      ops: [
        { op: 'setValues', sheet: 'A', row: 3, col: 2, values: [[1, 2], [3]] },
        { op: 'setFill', sheet: 'a', range: { top: 10, left: 4, bottom: 12, right: 4 }, color: 'FF0000' },
        { op: 'setColumnWidth', sheet: 'A', col: 7, width: 10 },
        { op: 'setRowHeight', sheet: 'B', row: 5, height: 30 },
        { op: 'freeze', sheet: 'B', rows: 1, cols: 0 },
        { op: 'select', sheet: 'C', range: { top: 1, left: 1, bottom: 1, right: 1 } },
      ],
    };
    expect(planUndo(plan, null)).toEqual({
      capture: [
        { sheet: 'A', range: { top: 1, left: 2, bottom: 12, right: 7 }, whole: false },
        { sheet: 'B', range: { top: 5, left: 1, bottom: 5, right: 1 }, whole: false },
      ],
      deleteSheets: [],
    });
  });

  test('a sheet the plan adds is removed, nothing on it captured; a sheet it clears is captured whole', () => {
    const plan: WritePlan = {
      ops: [
        { op: 'addSheet', sheet: 'Шинэ', clear: true },
        { op: 'setValues', sheet: 'Шинэ', row: 1, col: 1, values: [['x']] },
        { op: 'addSheet', sheet: 'товчоо', clear: true },
        { op: 'setValues', sheet: 'Товчоо', row: 4, col: 3, values: [['y']] },
        { op: 'addSheet', sheet: 'Хуучин' },
      ],
    };
    expect(planUndo(plan, ['Товчоо', 'Хуучин'])).toEqual({
      capture: [{ sheet: 'товчоо', range: { top: 1, left: 1, bottom: 4, right: 3 }, whole: true }],
      deleteSheets: ['Шинэ'],
    });
  });

  test.each([
    'fulfilment-2024-h1.xlsx',
    'plan-2024.xlsx',
    'report-2024-annual.xlsx',
    'receivables-2024.xlsx',
  ])('the format plan of %s changes nothing outside its capture', async (file) => {
    const wb = await loadWorkbook(fs.readFileSync(path.resolve(__dirname, '../../samples', file)), file);
    const snapshot = worksheetSnapshot(wb.worksheets[0]);
    const plan = planFormat(snapshot, analyzeSheet(snapshot));
    const { capture, deleteSheets } = planUndo(plan, null);
    expect(deleteSheets).toEqual([]);
    expect(capture).toHaveLength(1);
    for (const op of plan.ops)
      if ('range' in op && op.op !== 'select') expect(inside(op.range, capture[0].range)).toBe(true);
  });
});
