/**
 * Consolidation up the hierarchy (DESIGN.md section 16): unit workbooks into two
 * aimag targets, both into a national one; re-pushes at each level change exactly the rows
 * they should; source identity (duplicates, unknown person, nothing to push); true counts;
 * the printed layout read back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROW_COLUMNS, directSource } from '../../src/core/consolidate';
import { main } from '../../src/cli/main';
import { readTarget } from '../../src/targets/file';
import { DEPT, UNITS, cleanup, copyTo, editXlsx, loadXlsx, sheetValues, tmpDir } from '../helpers/cli';

interface Json {
  rows: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  name: string;
  sources: { source: string; activities: number; assessed: number; average: number | null }[];
  average: number | null;
}

const ORKHON = 'Орхон аймгийн НДХ';
const DARKHAN = 'Дархан-Уул аймгийн НДХ';
const NATIONAL = 'Нийгмийн даатгалын ерөнхий газар';

async function push(out: string, files: string[], ...extra: string[]): Promise<Json> {
  const r = await main(['consolidate', ...files, '--out', out, '--json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Json;
}

const counts = (j: Json) => ({
  added: j.added,
  updated: j.updated,
  removed: j.removed,
  unchanged: j.unchanged,
});

/** The rows of the target that came through (or directly from) one source, as the upsert sees them. */
async function rowsOf(target: string, source: string) {
  return (await readTarget(target)).rows.filter((r) => directSource(r.via) === source);
}

afterAll(cleanup);

describe('units → two aimags → national', () => {
  let dir: string;
  let orkhon: string;
  let darkhan: string;
  let national: string;
  beforeAll(async () => {
    dir = tmpDir();
    orkhon = path.join(dir, 'orkhon.xlsx');
    darkhan = path.join(dir, 'darkhan.xlsx');
    national = path.join(dir, 'national.xlsx');
    await push(orkhon, [DEPT.orlogo, DEPT.tetgever], '--as', ORKHON);
    await push(darkhan, [DEPT.hyanalt], '--as', DARKHAN);
  });

  test('the national push carries every row with its provenance and the aimag it came through', async () => {
    const j = await push(national, [orkhon, darkhan], '--as', NATIONAL);
    expect(j).toMatchObject({ rows: 10, added: 10, updated: 0, removed: 0, unchanged: 0, name: NATIONAL });
    expect(j.sources).toEqual([
      { source: DARKHAN, activities: 3, assessed: 2, average: 70 },
      { source: ORKHON, activities: 7, assessed: 7, average: 91.4 },
    ]);
    // Pooled at every level: (7·91.43 + 2·70) / 9 assessed, not the mean of the two aimags.
    expect(j.average).toBe(86.7);
    const { rows, name } = await readTarget(national);
    expect(name).toBe(NATIONAL);
    const lower = (await readTarget(orkhon)).rows;
    for (const r of rows.filter((x) => x.via === ORKHON)) {
      const own = lower.find((x) => x.key === r.key.slice(`${ORKHON} › `.length));
      expect(own).toBeDefined();
      expect({ ...r, key: own!.key, via: '' }).toEqual(own);
    }
    expect(rows.filter((r) => r.via === DARKHAN).map((r) => [r.unit, r.file])).toEqual(
      Array(3).fill([UNITS.hyanalt, 'dept-hyanalt.xlsx']),
    );
  });

  test('«Товчоо» of the national target: each aimag, then its units, pooled', async () => {
    const v = sheetValues((await loadXlsx(national)).getWorksheet('Товчоо')!);
    expect(v[0][0]).toBe(`${NATIONAL} — ГҮЙЦЭТГЭЛИЙН ҮНЭЛГЭЭНИЙ ТОВЧОО`);
    expect(v.slice(4, 10).map((r) => r.slice(0, 6))).toEqual([
      ['1', DARKHAN, '', 3, 2, 70],
      ['1.1', UNITS.hyanalt, 'Н.ХУЛАН', 3, 2, 70],
      ['2', ORKHON, '', 7, 7, 91.4],
      ['2.1', UNITS.orlogo, 'Б.ГАНТУЯА', 4, 4, 100],
      ['2.2', UNITS.tetgever, 'Д.ОЮУНЧИМЭГ', 3, 3, 80],
      ['', 'Нийт', '', 10, 9, 86.7],
    ]);
  });

  test('one edited unit: its aimag updates one row, the national push of that aimag one row, the other aimag nothing', async () => {
    const edited = copyTo(tmpDir(), DEPT.tetgever);
    await editXlsx(edited, (wb) => {
      wb.worksheets[0].getCell('H7').value = 95;
    });
    expect(counts(await push(orkhon, [edited]))).toEqual({ added: 0, updated: 1, removed: 0, unchanged: 2 });
    const darkhanBefore = await rowsOf(national, DARKHAN);
    const up = await push(national, [orkhon]);
    expect(counts(up)).toEqual({ added: 0, updated: 1, removed: 0, unchanged: 6 });
    // The counts are of the pushed source's rows in the target.
    expect(up.added + up.updated + up.unchanged).toBe((await rowsOf(national, ORKHON)).length);
    expect(await rowsOf(national, DARKHAN)).toEqual(darkhanBefore);
    const changed = (await rowsOf(national, ORKHON)).filter((r) => r.percent === 95);
    expect(changed).toMatchObject([{ unit: UNITS.tetgever, row: 7, file: 'dept-tetgever.xlsx' }]);
    expect(counts(await push(national, [darkhan]))).toEqual({
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 3,
    });
  });

  test('a unit that leaves an aimag leaves the national target with the next push of that aimag', async () => {
    fs.rmSync(orkhon);
    await push(orkhon, [DEPT.orlogo], '--as', ORKHON);
    const j = await push(national, [orkhon]);
    expect(counts(j)).toEqual({ added: 0, updated: 0, removed: 3, unchanged: 4 });
    expect(j.rows).toBe(7);
  });

  test('a unit pushed straight into the national target is its own source beside the aimags', async () => {
    const j = await push(national, [DEPT.tetgever]);
    expect(counts(j)).toEqual({ added: 3, updated: 0, removed: 0, unchanged: 0 });
    expect(j.sources.map((s) => s.source)).toEqual(['', DARKHAN, ORKHON]);
    expect(j.rows).toBe(10);
  });

  test('a national target goes up once more: the chain keeps both names', async () => {
    const top = path.join(dir, 'top.xlsx');
    const j = await push(top, [national]);
    // No --as given and none stated by the lower target: the name it states is used.
    expect(j.sources.map((s) => s.source)).toEqual([NATIONAL]);
    const { rows } = await readTarget(top);
    expect(new Set(rows.map((r) => r.via))).toEqual(
      new Set([NATIONAL, `${DARKHAN} › ${NATIONAL}`, `${ORKHON} › ${NATIONAL}`]),
    );
  });
});

describe('source identity', () => {
  test('two inputs with one source: a warning naming both files, the later wins, true counts', async () => {
    const dir = tmpDir();
    const later = copyTo(tmpDir(), DEPT.tetgever, 'tetgever-corrected.xlsx');
    await editXlsx(later, (wb) => {
      wb.worksheets[0].getCell('H7').value = 95;
    });
    const out = path.join(dir, 't.xlsx');
    const r = await main(['consolidate', DEPT.tetgever, later, '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(DEPT.tetgever.split(path.sep).pop()!);
    expect(r.stderr).toContain('tetgever-corrected.xlsx');
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 3, added: 3, updated: 0, unchanged: 0 });
    const { rows } = await readTarget(out);
    expect(rows.find((x) => x.row === 7)).toMatchObject({ percent: 95, file: 'tetgever-corrected.xlsx' });
  });

  test('a sheet that names no person: exit 2, one line asking for --person, nothing written; with --person it goes in', async () => {
    const dir = tmpDir();
    const anon = copyTo(dir, DEPT.orlogo, 'anon.xlsx');
    await editXlsx(anon, (wb) => {
      wb.worksheets[0].getCell('A1').value = '2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТАЙЛАН';
    });
    const out = path.join(dir, 't.xlsx');
    const r = await main(['consolidate', DEPT.hyanalt, anon, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/anon\.xlsx.*--person/);
    expect(fs.existsSync(out)).toBe(false);
    const ok = await push(out, [anon], '--unit', 'Орлогын тасаг', '--person', 'Б.ГАНТУЯА');
    expect(ok).toMatchObject({ rows: 4, added: 4 });
    expect(
      (await readTarget(out)).rows.every((x) => x.unit === 'Орлогын тасаг' && x.person === 'Б.ГАНТУЯА'),
    ).toBe(true);
  });

  test('inputs with nothing to consolidate: a warning each; nothing at all to push exits 2 in one line naming them and writes nothing', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 't.xlsx');
    const job = path.join(__dirname, '../../samples/job-description-2024.xlsx');
    const r = await main(['consolidate', job, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('job-description-2024.xlsx');
    expect(fs.existsSync(out)).toBe(false);
    const mixed = await main(['consolidate', job, DEPT.hyanalt, '--out', out, '--json']);
    expect(mixed.code).toBe(0);
    expect(mixed.stderr).toContain('job-description-2024.xlsx');
    expect(JSON.parse(mixed.stdout)).toMatchObject({ rows: 3, added: 3 });
  });
});

describe('the printed layout, read back', () => {
  let out: string;
  beforeAll(async () => {
    out = path.join(tmpDir(), 't.xlsx');
    await push(out, [DEPT.orlogo, DEPT.tetgever, DEPT.hyanalt], '--as', ORKHON);
  });

  test('«Нэгтгэл»: a title, the name line, A4 landscape, header repeated, provenance outside the print area', async () => {
    const ws = (await loadXlsx(out)).getWorksheet('Нэгтгэл')!;
    const printed = ROW_COLUMNS.filter((c) => !c.internal).length;
    expect(ws.getCell(1, 1).value).toBe('ГҮЙЦЭТГЭЛИЙН НЭГТГЭЛ — 2024 оны Жилийн эцэс');
    expect(ws.getCell(2, 1).value).toBe(`Нэгтгэсэн байгууллага: ${ORKHON}`);
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
    });
    expect(ws.pageSetup.printArea).toBe(`A1:${String.fromCharCode(64 + printed)}13`);
    for (const id of ['key', 'file', 'row', 'template', 'period', 'via'] as const)
      expect(ROW_COLUMNS.findIndex((c) => c.id === id)).toBeGreaterThanOrEqual(printed);
    expect(ws.getCell(4, ROW_COLUMNS.findIndex((c) => c.id === 'percent') + 1).numFmt).toBe('#,##0.0');
  });

  test('no code in any sheet a person reads: labels, not FY or performance-report', async () => {
    const wb = await loadXlsx(out);
    for (const ws of wb.worksheets) {
      const text = JSON.stringify(sheetValues(ws));
      expect(text).not.toMatch(/"FY"|"H1"|"performance-report"|"entered"|"computed"/);
    }
    const v = sheetValues(wb.getWorksheet('Нэгтгэл')!);
    const col = (id: string) => ROW_COLUMNS.findIndex((c) => c.id === id);
    expect(v[3][col('period')]).toBe('Жилийн эцэс');
    expect(v[3][col('template')]).toBe('Гүйцэтгэлийн тайлан');
    // Read back, the labels are codes again: a re-push changes nothing.
    expect((await readTarget(out)).rows[0]).toMatchObject({ period: 'FY', template: 'performance-report' });
    expect(counts(await push(out, [DEPT.orlogo]))).toEqual({
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 4,
    });
  });

  test('«Товчоо» rows are tall enough for their wrapped text', async () => {
    const ws = (await loadXlsx(out)).getWorksheet('Товчоо')!;
    // The level headings wrap onto two lines at width 13.
    expect(ws.getRow(4).height).toBeGreaterThanOrEqual(30);
    expect(ws.pageSetup.printTitlesRow).toBe('4:4');
  });
});
