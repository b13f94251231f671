/**
 * Which writer a push uses: a new target is written directly (src/xlsx/render.ts); an existing
 * one is patched part by part (src/xlsx/patch.ts), whatever else it holds. ExcelJS writes none.
 */
import path from 'node:path';
import { pushesOf } from '../../../src/cli/consolidate';
import { SHEETS } from '../../../src/core/plans/consolidation';
import { pushToFile, readTarget } from '../../../src/targets/file';
import * as patch from '../../../src/xlsx/patch';
import * as render from '../../../src/xlsx/render';
import * as write from '../../../src/xlsx/write';
import { DEPT, UNITS, cleanup, editXlsx, loadXlsx, tmpDir, zipText } from '../../helpers/cli';

afterAll(cleanup);
afterEach(() => jest.restoreAllMocks());

function spies() {
  return {
    direct: jest.spyOn(render, 'renderWorkbook'),
    patched: jest.spyOn(patch, 'patchWorkbook'),
    exceljs: jest.spyOn(write, 'workbookBuffer'),
  };
}

test('a new target is written directly, one holding only the push’s own sheets is patched', async () => {
  const target = path.join(tmpDir(), 'Нэгтгэл.xlsx');
  const { direct, patched, exceljs } = spies();
  const first = await pushToFile(target, await pushesOf([DEPT.orlogo]));
  expect([direct.mock.calls.length, patched.mock.calls.length, exceljs.mock.calls.length]).toEqual([1, 0, 0]);
  // ExcelJS always writes document properties; the direct writer has none to write.
  expect(await zipText(target, 'docProps/core.xml')).toBe('');
  expect((await readTarget(target)).workbook).toBeNull();

  const second = await pushToFile(target, await pushesOf([DEPT.tetgever]));
  expect([direct.mock.calls.length, patched.mock.calls.length, exceljs.mock.calls.length]).toEqual([1, 1, 0]);
  expect(second.rows).toHaveLength(first.rows.length + 3);
  const { rows } = await readTarget(target);
  expect(rows.map((r) => r.unit)).toEqual(second.rows.map((r) => r.unit));
  expect((await loadXlsx(target)).worksheets.map((ws) => ws.name)).toEqual(Object.values(SHEETS));
});

test('a target with a sheet of its own keeps it: patched, ND Plan’s sheets where they were', async () => {
  const target = path.join(tmpDir(), 'Нэгтгэл.xlsx');
  await pushToFile(target, await pushesOf([DEPT.orlogo]));
  await editXlsx(target, (wb) => {
    const ws = wb.addWorksheet('Тэмдэглэл');
    ws.getCell('A1').value = 'Хурлын тэмдэглэл';
    ws.getCell('B2').value = 42;
  });
  const { direct, patched, exceljs } = spies();
  const r = await pushToFile(target, await pushesOf([DEPT.hyanalt]));
  expect([direct.mock.calls.length, patched.mock.calls.length, exceljs.mock.calls.length]).toEqual([0, 1, 0]);
  expect(r.rows.filter((x) => x.unit === UNITS.hyanalt)).toHaveLength(3);
  const wb = await loadXlsx(target);
  expect(wb.worksheets.map((ws) => ws.name)).toEqual([...Object.values(SHEETS), 'Тэмдэглэл']);
  const notes = wb.getWorksheet('Тэмдэглэл')!;
  expect([notes.getCell('A1').value, notes.getCell('B2').value]).toEqual(['Хурлын тэмдэглэл', 42]);
  expect((await readTarget(target)).rows).toHaveLength(r.rows.length);
});
