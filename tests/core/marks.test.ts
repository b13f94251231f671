/** core's marks plan: which cells, which colour, which note text (in the user's language). */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeSheet } from '../../src/core/analyze';
import { planMarks } from '../../src/core/marks';
import { columnLetter } from '../../src/core/snapshot';
import { loadWorkbook, worksheetSnapshot } from '../../src/xlsx/read';

const S = 'Тайлан';

describe('planMarks', () => {
  const issue = (
    row: number | null,
    column: string | null,
    severity: 'error' | 'warning' | 'info',
    n: number,
  ) => ({
    code: 'PERCENT_INVALID' as const,
    severity,
    sheet: S,
    row,
    column,
    params: {},
    message: `мн ${n}`,
    messageEn: `en ${n}`,
  });

  test('one mark per cell, coloured by its most severe issue, its issues in the user’s language', () => {
    const issues = [
      issue(7, 'H', 'warning', 1),
      issue(5, 'H', 'info', 2),
      issue(7, 'H', 'error', 3),
      issue(null, null, 'error', 4),
    ];
    expect(planMarks(issues, S, 'mn')).toEqual({
      sheet: S,
      marks: [
        { row: 5, col: 8, color: '#DDEBF7', note: 'НД Төлөвлөгөө — шалгалт\nМэдээлэл: мн 2' },
        { row: 7, col: 8, color: '#FFC7CE', note: 'НД Төлөвлөгөө — шалгалт\nАлдаа: мн 3\nАнхааруулга: мн 1' },
      ],
    });
    expect(planMarks(issues, S, 'en').marks[1].note).toBe('ND Plan check\nError: en 3\nWarning: en 1');
    expect(planMarks(issues, 'Өөр', 'mn').marks).toEqual([]);
  });

  test.each(['fulfilment-2024-h1.xlsx', 'report-2024-annual.xlsx', 'receivables-2024.xlsx'])(
    'the marks of %s: one per cell an issue names, each note naming its issues',
    async (file) => {
      const wb = await loadWorkbook(fs.readFileSync(path.resolve(__dirname, '../../samples', file)), file);
      const a = analyzeSheet(worksheetSnapshot(wb.worksheets[0]));
      const located = a.issues.filter((i) => i.row !== null && i.column);
      expect(located.length).toBeGreaterThan(0);
      const { marks } = planMarks(a.issues, a.sheet, 'mn');
      expect(marks.map((m) => `${columnLetter(m.col)}${m.row}`).sort()).toEqual(
        [...new Set(located.map((i) => `${i.column}${i.row}`))].sort(),
      );
      for (const i of located) {
        const mark = marks.find((m) => m.row === i.row && columnLetter(m.col) === i.column)!;
        expect(mark.note).toContain(i.message);
      }
    },
  );
});
