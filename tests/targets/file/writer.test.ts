/**
 * Which writer a push uses: a target that is new, or holds nothing but the push's own sheets,
 * is written directly (src/xlsx/render.ts); one with sheets of its own goes through ExcelJS,
 * which keeps them.
 */
import path from 'node:path';
import { pushesOf } from '../../../src/cli/consolidate';
import { SHEETS } from '../../../src/core/plans/consolidation';
import { pushToFile, readTarget } from '../../../src/targets/file';
import * as render from '../../../src/xlsx/render';
import * as write from '../../../src/xlsx/write';
import { DEPT, UNITS, cleanup, editXlsx, loadXlsx, tmpDir, zipText } from '../../helpers/cli';

afterAll(cleanup);
afterEach(() => jest.restoreAllMocks());

function spies() {
  return { direct: jest.spyOn(render, 'renderWorkbook'), exceljs: jest.spyOn(write, 'workbookBuffer') };
}

test('a new target, and one holding only the push’s own sheets, are written without ExcelJS', async () => {
  const target = path.join(tmpDir(), 'Нэгтгэл.xlsx');
  const { direct, exceljs } = spies();
  const first = await pushToFile(target, await pushesOf([DEPT.orlogo]));
  expect([direct.mock.calls.length, exceljs.mock.calls.length]).toEqual([1, 0]);
  // ExcelJS always writes document properties; the direct writer has none to write.
  expect(await zipText(target, 'docProps/core.xml')).toBe('');
  expect((await readTarget(target)).workbook).toBeNull();

  const second = await pushToFile(target, await pushesOf([DEPT.tetgever]));
  expect([direct.mock.calls.length, exceljs.mock.calls.length]).toEqual([2, 0]);
  expect(second.rows).toHaveLength(first.rows.length + 3);
  const { rows } = await readTarget(target);
  expect(rows.map((r) => r.unit)).toEqual(second.rows.map((r) => r.unit));
  expect((await loadXlsx(target)).worksheets.map((ws) => ws.name)).toEqual(Object.values(SHEETS));
});

test('a target with a sheet of its own keeps it: ExcelJS writes it', async () => {
  const target = path.join(tmpDir(), 'Нэгтгэл.xlsx');
  await pushToFile(target, await pushesOf([DEPT.orlogo]));
  await editXlsx(target, (wb) => {
    const ws = wb.addWorksheet('Тэмдэглэл');
    ws.getCell('A1').value = 'Хурлын тэмдэглэл';
    ws.getCell('B2').value = 42;
  });
  const { direct, exceljs } = spies();
  const r = await pushToFile(target, await pushesOf([DEPT.hyanalt]));
  expect([direct.mock.calls.length, exceljs.mock.calls.length]).toEqual([0, 1]);
  expect(r.rows.filter((x) => x.unit === UNITS.hyanalt)).toHaveLength(3);
  const wb = await loadXlsx(target);
  expect(wb.worksheets.map((ws) => ws.name)).toEqual([...Object.values(SHEETS), 'Тэмдэглэл']);
  const notes = wb.getWorksheet('Тэмдэглэл')!;
  expect([notes.getCell('A1').value, notes.getCell('B2').value]).toEqual(['Хурлын тэмдэглэл', 42]);
  expect((await readTarget(target)).rows).toHaveLength(r.rows.length);
});
