/**
 * Pushing the three sample unit workbooks into a consolidated .xlsx (DESIGN.md
 * section 8): upsert by source, idempotence, one edited percentage, a removed activity,
 * and text that looks like a formula staying text.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ROW_COLUMNS, type ConsolidatedRow } from '../../src/core/consolidate';
import { main } from '../../src/cli/main';
import { readTarget } from '../../src/targets/file';
import {
  DEPT,
  UNITS,
  cleanup,
  copyTo,
  editXlsx,
  loadXlsx,
  sheetValues,
  sheetXml,
  tmpDir,
  zipText,
} from '../helpers/cli';

interface Counts {
  rows: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  units: { unit: string; person: string; activities: number; assessed: number; average: number | null }[];
  average: number | null;
}

async function push(out: string, ...files: string[]): Promise<Counts> {
  const r = await main(['consolidate', ...files, '--out', out, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Counts;
}

const counts = (c: Counts) => ({
  rows: c.rows,
  added: c.added,
  updated: c.updated,
  removed: c.removed,
  unchanged: c.unchanged,
});

async function rowsSheet(out: string) {
  const wb = await loadXlsx(out);
  return sheetValues(wb.getWorksheet('Нэгтгэл')!);
}

const byUnit = (rows: ConsolidatedRow[], unit: string) => rows.filter((r) => r.unit === unit);

afterAll(cleanup);

describe('pushing the sample unit workbooks', () => {
  let dir: string;
  let out: string;
  beforeAll(async () => {
    dir = tmpDir();
    out = path.join(dir, 'Нэгтгэл.xlsx');
  });

  test('the first push adds every activity of the three units (10)', async () => {
    const c = await push(out, DEPT.hyanalt, DEPT.orlogo, DEPT.tetgever);
    expect(counts(c)).toEqual({ rows: 10, added: 10, updated: 0, removed: 0, unchanged: 0 });
    const { rows } = await readTarget(out);
    expect(rows).toHaveLength(10);
    expect(byUnit(rows, UNITS.orlogo).map((r) => r.no)).toEqual(['1.1.1', '1.1.3', '2.1.3', '2.1.5']);
    expect(byUnit(rows, UNITS.tetgever).map((r) => r.no)).toEqual(['2.2.1', '2.2.4', '4.1.2']);
    expect(byUnit(rows, UNITS.hyanalt).map((r) => r.no)).toEqual(['3.1.1', '3.2.2', '3.2.5']);
    // Every row carries its source.
    for (const r of rows) {
      expect(r.year).toBe(2024);
      expect(r.period).toBe('FY');
      expect(r.template).toBe('performance-report');
      expect(r.file).toMatch(/^dept-\w+\.xlsx$/);
      expect(r.sheet).toBe('Тайлан');
      expect(r.row).toBeGreaterThan(5);
    }
    expect(byUnit(rows, UNITS.tetgever).map((r) => [r.row, r.percent])).toEqual([
      [7, 70],
      [8, 70],
      [10, 100],
    ]);
  });

  test('the same push again changes nothing, and the table is identical', async () => {
    const before = await rowsSheet(out);
    const c = await push(out, DEPT.hyanalt, DEPT.orlogo, DEPT.tetgever);
    expect(counts(c)).toEqual({ rows: 10, added: 0, updated: 0, removed: 0, unchanged: 10 });
    expect(await rowsSheet(out)).toEqual(before);
    // Under its title and name line, the header of "Нэгтгэл" is the one the reader expects.
    expect(before[2]).toEqual(ROW_COLUMNS.map((c) => c.mn));
  });

  test('one edited percentage in one source updates exactly that row and keeps the other units', async () => {
    const before = (await readTarget(out)).rows;
    const editDir = tmpDir();
    // Same file name as the original, in another folder: only the percentage differs.
    const edited = copyTo(editDir, DEPT.tetgever);
    await editXlsx(edited, (wb) => {
      const cell = wb.worksheets[0].getCell('H7');
      expect(cell.value).toBe(70);
      cell.value = 95;
    });
    const c = await push(out, edited);
    expect(counts(c)).toEqual({ rows: 10, added: 0, updated: 1, removed: 0, unchanged: 2 });
    const after = (await readTarget(out)).rows;
    const changed = after.filter((r) => !before.some((b) => JSON.stringify(b) === JSON.stringify(r)));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({
      unit: UNITS.tetgever,
      no: '2.2.1',
      row: 7,
      percent: 95,
      percentSource: 'entered',
    });
    for (const unit of [UNITS.orlogo, UNITS.hyanalt])
      expect(byUnit(after, unit)).toEqual(byUnit(before, unit));
    expect(c.average).toBe(89.4); // (780 − 70 + 95) / 9 = 89.44
  });

  test('an activity removed from a source is reported removed; the rest of that source is unchanged', async () => {
    const editDir = tmpDir();
    const edited = copyTo(editDir, DEPT.orlogo);
    await editXlsx(edited, (wb) => {
      const ws = wb.worksheets[0];
      expect(ws.getCell('A8').value).toBe('1.1.3');
      // Delete the activity's row content (the row itself stays, so no other row moves).
      for (let c = 1; c <= 8; c++) ws.getCell(8, c).value = null;
    });
    const c = await push(out, edited);
    expect(counts(c)).toEqual({ rows: 9, added: 0, updated: 0, removed: 1, unchanged: 3 });
    const after = (await readTarget(out)).rows;
    expect(byUnit(after, UNITS.orlogo).map((r) => r.no)).toEqual(['1.1.1', '2.1.3', '2.1.5']);
    expect(byUnit(after, UNITS.tetgever)).toHaveLength(3);
    expect(byUnit(after, UNITS.hyanalt)).toHaveLength(3);
  });

  test('the last activity removed from a source is reported as 1 removed', async () => {
    const editDir = tmpDir();
    const edited = copyTo(editDir, DEPT.tetgever);
    await editXlsx(edited, (wb) => {
      const ws = wb.worksheets[0];
      expect(ws.getCell('A10').value).toBe('4.1.2');
      for (let c = 1; c <= 8; c++) ws.getCell(10, c).value = null; // the last activity
    });
    const c = await push(out, edited);
    // This copy has 2.2.1 at its original 70 again (the previous push had 95): 1 updated.
    expect(counts(c)).toEqual({ rows: 8, added: 0, updated: 1, removed: 1, unchanged: 1 });
    const after = (await readTarget(out)).rows;
    expect(byUnit(after, UNITS.tetgever).map((r) => r.no)).toEqual(['2.2.1', '2.2.4']);
  });

  test('pushing the originals again restores the table of the first push', async () => {
    const c = await push(out, DEPT.hyanalt, DEPT.orlogo, DEPT.tetgever);
    // 1.1.3 and 4.1.2 come back (added); everything else is as it was.
    expect(counts(c)).toEqual({ rows: 10, added: 2, updated: 0, removed: 0, unchanged: 8 });
    expect(c.average).toBe(86.7);
  });
});

describe('text that looks like a formula stays text (formula injection)', () => {
  const HYPERLINK = '=HYPERLINK("http://example.invalid","Дэлгэрэнгүй")';
  const PLUS = '+12 шалгалт хийсэн';
  let out: string;
  beforeAll(async () => {
    out = path.join(tmpDir(), 'injection.xlsx');
    await push(out, DEPT.hyanalt);
  });

  test('the cells are string cells holding exactly the source text', async () => {
    const wb = await loadXlsx(out);
    const ws = wb.getWorksheet('Нэгтгэл')!;
    const col = (id: string) => ROW_COLUMNS.findIndex((c) => c.id === id) + 1;
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(col('no')).value === '3.2.5') row = n;
    });
    expect(row).toBeGreaterThan(1);
    const activity = ws.getCell(row, col('activity'));
    const achieved = ws.getCell(row, col('achieved'));
    expect(activity.type).toBe(ExcelJS.ValueType.String);
    expect(activity.value).toBe(HYPERLINK);
    expect(activity.formula).toBeUndefined();
    expect(achieved.type).toBe(ExcelJS.ValueType.String);
    expect(achieved.value).toBe(PLUS);
  });

  test('the sheet XML has no formula element and the strings are stored verbatim', async () => {
    const xml = await sheetXml(out, 'Нэгтгэл');
    expect(xml).not.toMatch(/<f[\s>/]/);
    const strings = (await zipText(out, 'xl/sharedStrings.xml')) + xml;
    expect(strings).toContain('=HYPERLINK(&quot;http://example.invalid&quot;,&quot;Дэлгэрэнгүй&quot;)');
    expect(strings).toContain(`>${PLUS}<`);
  });

  test('pushing it again keeps them text and unchanged', async () => {
    const r = await main(['consolidate', DEPT.hyanalt, '--out', out, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 3, added: 0, updated: 0, unchanged: 3 });
    const xml = await sheetXml(out, 'Нэгтгэл');
    expect(xml).not.toMatch(/<f[\s>/]/);
    const { rows } = await readTarget(out);
    const r325 = rows.find((x) => x.no === '3.2.5')!;
    expect(r325.activity).toBe(HYPERLINK);
    expect(r325.achieved).toBe(PLUS);
  });

  test('no sheet of the consolidated workbook holds a formula', async () => {
    for (const name of ['Нэгтгэл', 'Товчоо', 'Авлага'])
      expect(await sheetXml(out, name)).not.toMatch(/<f[\s>/]/);
    expect(fs.existsSync(`${out}.lock`)).toBe(false);
  });
});
