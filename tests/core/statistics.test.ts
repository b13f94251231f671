/** The statistics-table template (DESIGN.md section 14): stated totals against their columns, through a real .xlsx. */
import { analyzeSheet } from '../../src/core/analyze';
import type { SheetAnalysis } from '../../src/core/model';
import { fmt, snapshotsOfBuffer, xlsxBuffer, type Cell } from '../helpers/workbook';

const HEADER: Cell[] = ['Д/д', 'Үзүүлэлт', 'Хэмжих нэгж', '2022 он', '2023 он', '2024 он'];

async function analyze(rows: Cell[][]): Promise<SheetAnalysis> {
  const [snap] = await snapshotsOfBuffer(
    await xlsxBuffer([{ name: 'Хүснэгт 3', rows: [['НИЙГМИЙН ДААТГАЛЫН ҮЗҮҮЛЭЛТ'], HEADER, ...rows] }]),
  );
  return analyzeSheet(snap);
}
const mismatches = (a: SheetAnalysis) =>
  a.issues
    .filter((i) => i.code === 'STATED_TOTAL_MISMATCH')
    .map((i) => `${i.column}${i.row} ${i.params.stated}/${i.params.computed}`);

describe('statistics-table', () => {
  test('recognized, no activities; totals that add up raise nothing, rounding of the parts allowed', async () => {
    const a = await analyze([
      ['1', 'Даатгуулагч', 'мянга', 120.5, 125.1, 130.2],
      ['2', 'Ажил олгогч', 'мянга', 30.1, 31, 32.4],
      ['3', 'Малчин', 'мянга', 10.2, 11.3, 12.1],
      ['4', 'Сайн дурын', 'мянга', 5.1, 5.2, 5.3],
      // 2024: parts sum to 180.0; 180.2 is within 4 × 0.05.
      [null, 'Нийт', null, 165.9, 172.6, fmt(180.2, '0.0')],
    ]);
    expect(a.template).toBe('statistics-table');
    expect(a.activities).toHaveLength(0);
    expect(mismatches(a)).toEqual([]);
  });

  test('a total off by more than the rounding allows is STATED_TOTAL_MISMATCH at the total cell, with both figures', async () => {
    const a = await analyze([
      ['1', 'Даатгуулагч', 'мянга', 120.5, 125.1, 130.2],
      ['2', 'Ажил олгогч', 'мянга', 30.1, 31, 32.4],
      ['3', 'Малчин', 'мянга', 10.2, 11.3, 12.1],
      ['4', 'Сайн дурын', 'мянга', 5.1, 5.2, 5.3],
      [null, 'НИЙТ ДҮН', null, 165.9, 182.6, fmt(180.3, '0.0')],
    ]);
    expect(mismatches(a)).toEqual(['E7 182.6/172.6', 'F7 180.3/180']);
    const issue = a.issues.find((i) => i.code === 'STATED_TOTAL_MISMATCH')!;
    expect(issue.message).toContain('182.6');
    expect(issue.messageEn).toContain('172.6');
  });

  test('an average row is compared with the mean; a sub-total starts the next sum', async () => {
    const a = await analyze([
      ['1', 'Баянзүрх', 'хувь', 80, 90, 70],
      ['2', 'Сүхбаатар', 'хувь', 60, 70, 90],
      [null, 'Дундаж', null, 70, 80, 85],
      ['3', 'Хан-Уул', 'хувь', 10, 20, 30],
      [null, 'Бүгд', null, 10, 20, 31],
    ]);
    expect(mismatches(a)).toEqual(['F5 85/80', 'F7 31/30']);
  });
});
