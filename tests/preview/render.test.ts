/** The preview's grid model: what a worksheet shows, cell by cell. */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { planFormat } from '../../src/core/plans/format';
import { analyzeSheet } from '../../src/core/analyze';
import { DEFAULT_SETTINGS } from '../../src/core/measure';
import { buildGrid, displayValue, widthPx, type GridModel } from '../../src/preview/render';
import { applyWritePlan } from '../../src/xlsx/apply';
import { worksheetSnapshot } from '../../src/xlsx/read';

const SAMPLES = path.resolve(__dirname, '../../samples');

async function sample(name: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const b = fs.readFileSync(path.join(SAMPLES, name));
  await wb.xlsx.load(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
  return wb;
}

const at = (grid: GridModel, address: string) =>
  grid.rows.flatMap((r) => r.cells).find((c) => c.address === address);

describe('buildGrid', () => {
  test('the fulfilment report: merged bold title, widths, wrapped top-aligned text, numbers right, text percentages as text', async () => {
    const ws = (await sample('fulfilment-2024-h1.xlsx')).worksheets[0];
    const grid = buildGrid(ws);
    const title = at(grid, 'A1')!;
    expect(title).toMatchObject({ colSpan: 8, rowSpan: 1 });
    expect(title.text).toMatch(/^ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Ж\.АРИУНТУНГАЛАГИЙН/);
    expect(title.style).toMatchObject({ fontWeight: 700, textAlign: 'center', whiteSpace: 'pre-wrap' });
    expect(at(grid, 'B1')).toBeUndefined(); // covered by the merge
    expect(grid.mergedInto.get('H1')).toBe('A1');
    expect(grid.colWidths.slice(0, 8)).toEqual([7, 40, 10, 30, 30, 30, 45, 11].map(widthPx));
    expect(at(grid, 'B9')!.style).toMatchObject({
      verticalAlign: 'top',
      whiteSpace: 'pre-wrap',
      textAlign: 'left',
    });
    expect(at(grid, 'H9')).toMatchObject({ text: '100', content: '100' });
    expect(at(grid, 'H9')!.style.textAlign).toBe('right');
    expect(at(grid, 'H14')).toMatchObject({ text: '100%', content: '100%' });
    expect(at(grid, 'H14')!.style.textAlign).toBe('left');
    expect(at(grid, 'H10')!.text).toBe('');
    // Shown: the used area and some empty rows and columns around it, as a spreadsheet shows them.
    expect(grid.rowCount).toBeGreaterThanOrEqual(43);
    expect(grid.colCount).toBeGreaterThanOrEqual(10);
    expect(grid.truncated).toBe(false);
  });

  test('after formatting: header fill and borders, italic goals, bucket colours from the conditional format', async () => {
    const wb = await sample('fulfilment-2024-h1.xlsx');
    const ws = wb.worksheets[0];
    const snapshot = worksheetSnapshot(ws);
    applyWritePlan(wb, planFormat(snapshot, analyzeSheet(snapshot), DEFAULT_SETTINGS));
    const grid = buildGrid(ws);
    const header = at(grid, 'B5')!;
    expect(header.style).toMatchObject({ backgroundColor: '#D9E1F2', fontWeight: 700, textAlign: 'center' });
    expect(header.style.borderBottom).toBe('1px solid #000000');
    expect(at(grid, 'A8')!.style.fontStyle).toBe('italic');
    // H9 = 100 is at the top level: green.
    expect(at(grid, 'H9')!.style.backgroundColor).toBe('#C6EFCE');
    // A merged title spans its row; the gridline is drawn where no border is.
    expect(at(grid, 'A1')!.colSpan).toBe(8);
    expect(at(grid, 'J40')!.style.borderRight).toBe('1px solid #D9D9D9');
  });

  test('borders: the stronger of two facing borders wins; a fill hides the gridline', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('B2').border = { right: { style: 'thin' } };
    ws.getCell('C2').border = { left: { style: 'medium', color: { argb: 'FFFF0000' } } };
    ws.getCell('B3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
    const grid = buildGrid(ws);
    expect(at(grid, 'B2')!.style.borderRight).toBe('2px solid #FF0000');
    expect(at(grid, 'B3')!.style).toMatchObject({
      backgroundColor: '#FFEB9C',
      borderRight: '1px solid #FFEB9C',
      borderBottom: '1px solid #FFEB9C',
    });
    expect(at(grid, 'A3')!.style.borderRight).toBe('1px solid #FFEB9C');
  });

  test('text flows over empty cells to its right, hiding their gridlines, up to the next filled cell; numbers are clipped', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 'a long title that flows on over more cells'; // about 294 px: A to D and a bit of E
    ws.getCell('F1').value = 'stop';
    ws.getCell('A2').value = 'blocked';
    ws.getCell('B2').value = 'x';
    ws.getCell('A3').value = 12345678;
    ws.getCell('A4').value = 'short';
    const grid = buildGrid(ws);
    const w = widthPx(8.43);
    expect(at(grid, 'A1')!.style).toMatchObject({
      overflow: 'visible',
      whiteSpace: 'pre',
      borderRight: '1px solid #FFFFFF',
    });
    expect(at(grid, 'A1')!.flowWidth).toBe(5 * w);
    expect(['B1', 'C1', 'D1'].map((a) => at(grid, a)!.style.borderRight)).toEqual(
      Array(3).fill('1px solid #FFFFFF'),
    );
    expect(at(grid, 'E1')!.style.borderRight).toBe('1px solid #D9D9D9');
    expect(at(grid, 'A2')!.style.overflow).toBe('hidden');
    expect(at(grid, 'A2')!.flowWidth).toBeNull();
    expect(at(grid, 'A3')!.style.overflow).toBe('hidden');
    expect(at(grid, 'A4')!.style.borderRight).toBe('1px solid #D9D9D9'); // fits in its cell: the gridline stays
  });

  test('data bars have a length between the bounds; rich text keeps its runs; big sheets are cut', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 25;
    ws.getCell('A2').value = 100;
    ws.addConditionalFormatting({
      ref: 'A1:A2',
      rules: [
        {
          type: 'dataBar',
          priority: 1,
          cfvo: [
            { type: 'num', value: 0 },
            { type: 'num', value: 100 },
          ],
          color: { argb: 'FF5B9BD5' },
        } as unknown as ExcelJS.ConditionalFormattingRule,
      ],
    });
    ws.getCell('B1').value = { richText: [{ text: 'bold', font: { bold: true } }, { text: ' plain' }] };
    ws.getCell('A1200').value = 'far';
    const grid = buildGrid(ws);
    expect(at(grid, 'A1')!.bar).toEqual({ length: 0.25, color: '#5B9BD5' });
    expect(at(grid, 'A2')!.bar!.length).toBe(1);
    expect(at(grid, 'B1')!.runs).toEqual([
      { text: 'bold', style: { fontWeight: 700 } },
      { text: ' plain', style: {} },
    ]);
    expect(at(grid, 'B1')!.text).toBe('bold plain');
    expect(grid.truncated).toBe(true);
    expect(grid.rowCount).toBe(1000);
  });

  test('values: formulas show their result (or their text, marked), errors, booleans, dates, hyperlinks', () => {
    expect(displayValue({ formula: 'SUM(A1:A2)', result: 7 } as ExcelJS.CellValue, undefined)).toMatchObject({
      text: '7',
      content: '=SUM(A1:A2)',
      formula: false,
    });
    expect(displayValue({ formula: 'AVERAGE(E2:E9)' } as ExcelJS.CellValue, undefined)).toMatchObject({
      text: '=AVERAGE(E2:E9)',
      formula: true,
    });
    expect(displayValue({ error: '#DIV/0!' } as ExcelJS.CellValue, undefined)).toMatchObject({
      text: '#DIV/0!',
      kind: 'error',
    });
    expect(displayValue(true, undefined)).toMatchObject({ text: 'TRUE', kind: 'boolean' });
    expect(displayValue(new Date(Date.UTC(2024, 11, 6)), 'yyyy.mm.dd').text).toBe('2024.12.06');
    expect(
      displayValue({ text: 'НДЕГ', hyperlink: 'https://ndaatgal.mn' } as ExcelJS.CellValue, undefined),
    ).toMatchObject({ text: 'НДЕГ', kind: 'text' });
    expect(displayValue('=HYPERLINK("x")', undefined)).toMatchObject({
      text: '=HYPERLINK("x")',
      formula: false,
      kind: 'text',
    });
  });

  test('reading the grid changes nothing in the worksheet', async () => {
    const ws = (await sample('report-2024-annual.xlsx')).worksheets[0];
    const before = JSON.stringify(ws.model);
    buildGrid(ws);
    buildGrid(ws, { include: { row: 60, col: 20 } });
    expect(JSON.stringify(ws.model)).toBe(before);
  });
});
