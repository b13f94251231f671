/** The file destination never replaces a sheet it did not write, and cleans up after killed writers. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { pushesOf } from '../../../src/cli/consolidate';
import { ForeignSheetError } from '../../../src/core/consolidate';
import { pushToFile, readTarget } from '../../../src/targets/file';
import { DEPT, cleanup, tmpDir } from '../../helpers/cli';

afterAll(cleanup);

test('a «Нэгтгэл» sheet with other columns is not replaced: the push fails and the file is untouched', async () => {
  const target = path.join(tmpDir(), 'own.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Нэгтгэл');
  ws.addRow(['Нэр', 'Тайлбар']);
  ws.addRow(['Бат', 'гараар бичсэн нэгтгэл']);
  await wb.xlsx.writeFile(target);
  const before = fs.readFileSync(target);
  await expect(pushToFile(target, await pushesOf([DEPT.orlogo]))).rejects.toBeInstanceOf(ForeignSheetError);
  expect(fs.readFileSync(target).equals(before)).toBe(true);
});

test('temporary files left by a killed writer are removed by the next push', async () => {
  const dir = tmpDir();
  const target = path.join(dir, 'T.xlsx');
  const leftover = path.join(dir, '.T.xlsx.ndplan-tmp-999999-1');
  fs.writeFileSync(leftover, 'half a workbook');
  const other = path.join(dir, '.other.xlsx.ndplan-tmp-999999-1');
  fs.writeFileSync(other, 'another target');
  await pushToFile(target, await pushesOf([DEPT.orlogo]));
  expect(fs.existsSync(leftover)).toBe(false);
  expect(fs.existsSync(other)).toBe(true);
});

test('the same sheet pushed from a renamed file changes no row', async () => {
  const dir = tmpDir();
  const target = path.join(dir, 'T.xlsx');
  await pushToFile(target, await pushesOf([DEPT.orlogo]));
  const renamed = path.join(dir, 'orlogo-copy.xlsx');
  fs.copyFileSync(DEPT.orlogo, renamed);
  const r = await pushToFile(target, await pushesOf([renamed]));
  expect([r.added, r.updated, r.removed, r.unchanged]).toEqual([0, 0, 0, 4]);
  expect(new Set((await readTarget(target)).rows.map((x) => x.file))).toEqual(new Set(['orlogo-copy.xlsx']));
});
