/**
 * The ExcelJS writer (src/xlsx/write.ts) escapes text XML cannot hold for the writing only: a
 * merged area's text is escaped once, though ExcelJS shows it in every cell of the area, and
 * the workbook holds its own values again afterwards.
 */
import ExcelJS from 'exceljs';
import { loadSnapshots } from '../../src/xlsx/values';
import { workbookBuffer } from '../../src/xlsx/write';
import { HOSTILE } from '../helpers/hostile';

test('merged areas holding the hostile corpus are written exactly, and the workbook is left as it was', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Хуудас');
  HOSTILE.forEach((s, i) => {
    ws.getCell(i + 1, 1).value = s;
    ws.mergeCells(i + 1, 1, i + 1, 4);
  });
  const [snap] = await loadSnapshots(await workbookBuffer(wb), 'x.xlsx');
  expect(snap.values.map((r) => r[0])).toEqual([...HOSTILE]);
  expect(HOSTILE.map((_, i) => ws.getCell(i + 1, 1).value)).toEqual([...HOSTILE]);
});
