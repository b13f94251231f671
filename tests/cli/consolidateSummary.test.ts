/**
 * `consolidate --json` (DESIGN.md section 10) and the sheets beside the table:
 * "Товчоо" (evaluation summary per unit and overall, pooled, with level counts) and
 * "Авлага" (the debt row of dept-orlogo).
 *
 * Figures by hand from the three sample workbooks (column H, "Биелэлтийн хувь"):
 *   dept-orlogo    1.1.1 100, 1.1.3 100, 2.1.3 100, 2.1.5 100      → 4 of 4, average 100
 *   dept-tetgever  2.2.1 70, 2.2.4 70, 4.1.2 100                    → 3 of 3, average 80
 *   dept-hyanalt   3.1.1 40, 3.2.2 (empty), 3.2.5 100               → 2 of 3, average 70
 *   pooled over the 9 assessed of 10: (400 + 240 + 140) / 9 = 780 / 9 = 86.67 → 86.7
 *   (not the mean of unit averages, (100 + 80 + 70) / 3 = 83.3)
 *   levels: 100 → 4 + 1 + 1 = 6; 70 → 2; 30 → 1 (the 40); 0 → 0; not assessed → 1.
 *   orlogo 2.1.5 narrative: 2571.0 of 5297.4 collected = 48.53 % ≥ target 30 → met.
 */
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { DEBT_COLUMNS } from '../../src/core/consolidate';
import { evaluationSummary } from '../../src/core/summary';
import { readTarget } from '../../src/targets/file';
import { DEPT, UNITS, cleanup, loadXlsx, sheetValues, tmpDir } from '../helpers/cli';

afterAll(cleanup);

async function consolidateJson(out: string, ...files: string[]) {
  const r = await main(['consolidate', ...files, '--out', out, '--json']);
  expect(r.code).toBe(0);
  // Exactly one JSON document on stdout.
  return JSON.parse(r.stdout);
}

describe('consolidate --json', () => {
  const out = () => path.join(dir, 'target.xlsx');
  let dir: string;
  beforeAll(() => {
    dir = tmpDir();
  });

  test('two units first: rows, counts, units and average of the target', async () => {
    const j = await consolidateJson(out(), DEPT.orlogo, DEPT.tetgever);
    expect(j).toEqual({
      rows: 7,
      added: 7,
      updated: 0,
      removed: 0,
      unchanged: 0,
      name: '',
      units: [
        { unit: UNITS.orlogo, person: 'Б.ГАНТУЯА', activities: 4, assessed: 4, average: 100 },
        { unit: UNITS.tetgever, person: 'Д.ОЮУНЧИМЭГ', activities: 3, assessed: 3, average: 80 },
      ],
      sources: [{ source: '', activities: 7, assessed: 7, average: 91.4 }],
      average: 91.4, // (400 + 240) / 7 = 91.43
    });
  });

  test('then the third alone: counts are about the pushed source, units/average about the whole target', async () => {
    const j = await consolidateJson(out(), DEPT.hyanalt);
    expect(j.rows).toBe(10);
    expect({ added: j.added, updated: j.updated, removed: j.removed, unchanged: j.unchanged }).toEqual({
      added: 3,
      updated: 0,
      removed: 0,
      unchanged: 0,
    });
    expect(j.units).toEqual([
      { unit: UNITS.orlogo, person: 'Б.ГАНТУЯА', activities: 4, assessed: 4, average: 100 },
      { unit: UNITS.tetgever, person: 'Д.ОЮУНЧИМЭГ', activities: 3, assessed: 3, average: 80 },
      { unit: UNITS.hyanalt, person: 'Н.ХУЛАН', activities: 3, assessed: 2, average: 70 },
    ]);
    expect(j.average).toBe(86.7);
  });

  test('pushing one unit again: unchanged counts only its rows', async () => {
    const j = await consolidateJson(out(), DEPT.tetgever);
    expect(j).toMatchObject({ rows: 10, added: 0, updated: 0, removed: 0, unchanged: 3, average: 86.7 });
    expect(j.units).toHaveLength(3);
  });

  test('without --json the human summary names every unit and the overall average', async () => {
    const r = await main(['consolidate', DEPT.orlogo, '--out', out()]);
    expect(r.code).toBe(0);
    for (const u of Object.values(UNITS)) expect(r.stdout).toContain(u);
    expect(r.stdout).toMatch(/Нийт\s+10\s+9\s+86\.7/);
    expect(r.stdout).toContain('48.5%');
  });
});

describe('"Товчоо" and "Авлага" of the three samples', () => {
  let wb: ExcelJS.Workbook;
  let out: string;
  beforeAll(async () => {
    out = path.join(tmpDir(), 'target.xlsx');
    await consolidateJson(out, DEPT.hyanalt, DEPT.orlogo, DEPT.tetgever);
    wb = await loadXlsx(out);
  });

  const LEVELS = ['100', '70', '30', '0', '-'];

  test('one line per unit and an overall line, pooled over the assessed activities', () => {
    const v = sheetValues(wb.getWorksheet('Товчоо')!);
    expect(v[0][0]).toBe('ГҮЙЦЭТГЭЛИЙН ҮНЭЛГЭЭНИЙ ТОВЧОО');
    expect(v[1][0]).toBe('2024 оны Жилийн эцэс');
    const header = v[3];
    expect(header.slice(0, 6)).toEqual(['№', 'Нэгж', 'Албан хаагч', 'Арга хэмжээ', 'Үнэлсэн', 'Дундаж (%)']);
    header
      .slice(6, 11)
      .forEach((h, i) => expect(String(h).startsWith(LEVELS[i] === '-' ? '−' : LEVELS[i])).toBe(true));
    const lines = v.slice(4, 8).map((r) => r.slice(0, 11));
    expect(lines).toEqual([
      ['1', UNITS.orlogo, 'Б.ГАНТУЯА', 4, 4, 100, 4, 0, 0, 0, 0],
      ['2', UNITS.tetgever, 'Д.ОЮУНЧИМЭГ', 3, 3, 80, 1, 2, 0, 0, 0],
      ['3', UNITS.hyanalt, 'Н.ХУЛАН', 3, 2, 70, 1, 0, 1, 0, 1],
      ['', 'Нийт', '', 10, 9, 86.7, 6, 2, 1, 0, 1],
    ]);
    // The overall line is bold, the averages one decimal with thousands separated.
    const ws = wb.getWorksheet('Товчоо')!;
    expect(ws.getCell(8, 2).font?.bold).toBe(true);
    expect(ws.getCell(8, 6).numFmt).toBe('#,##0.0');
  });

  test('the per-goal lines under each unit add up to the unit', () => {
    const v = sheetValues(wb.getWorksheet('Товчоо')!);
    const start = v.findIndex((r) => r[0] === 'Зорилтоор');
    expect(start).toBeGreaterThan(7);
    const body = v.slice(start + 2).filter((r) => r[0] !== null && r[0] !== '');
    const unitAt = (u: string) => body.findIndex((r) => r[1] === u);
    for (const [unit, n] of [
      [UNITS.orlogo, 4],
      [UNITS.tetgever, 3],
      [UNITS.hyanalt, 3],
    ] as const) {
      const i = unitAt(unit);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(body[i][3]).toBe(n);
      let sum = 0;
      for (let k = i + 1; k < body.length && !Object.values(UNITS).includes(String(body[k][1])); k++)
        sum += Number(body[k][3]);
      expect(sum).toBe(n);
    }
    const hyanaltGoal = body[unitAt(UNITS.hyanalt) + 1];
    expect(hyanaltGoal.slice(1, 6)).toEqual([
      'ГУРАВ. ХУУЛИАР ОЛГОСОН НИЙТЛЭГ ЧИГ ҮҮРГИЙГ ХЭРЭГЖҮҮЛЭХ ЗОРИЛТ',
      '',
      3,
      2,
      70,
    ]);
  });

  test('the pure summary agrees with the sheet', async () => {
    const { rows } = await readTarget(out);
    const s = evaluationSummary(rows);
    expect(s.overall).toEqual({
      activities: 10,
      assessed: 9,
      average: 86.7,
      buckets: { '100': 6, '70': 2, '30': 1, '0': 0, '-': 1 },
    });
    expect(s.units.map((u) => u.average)).toEqual([100, 80, 70]);
  });

  test('"Авлага" holds the debt row of dept-orlogo', () => {
    const v = sheetValues(wb.getWorksheet('Авлага')!);
    expect(v[2]).toEqual(DEBT_COLUMNS.map((c) => c.mn));
    const body = v.slice(3).filter((r) => r.some((x) => x !== null && x !== ''));
    expect(body).toHaveLength(1);
    const rec = Object.fromEntries(DEBT_COLUMNS.map((c, i) => [c.id, body[0][i]]));
    expect(rec).toMatchObject({
      unit: UNITS.orlogo,
      person: 'Б.ГАНТУЯА',
      year: 2024,
      opening: 5297.4,
      collected: 2571,
      collectionRatio: 48.5,
      target: 30,
      met: 'Тийм',
      file: 'dept-orlogo.xlsx',
      row: 11,
    });
    expect(rec.closing ?? null).toBeNull();
    expect(rec.reductionRatio ?? null).toBeNull();
  });

  test('the debt row survives a push of the other units and is replaced, not duplicated, by its own', async () => {
    await consolidateJson(out, DEPT.hyanalt, DEPT.tetgever);
    await consolidateJson(out, DEPT.orlogo);
    const { debt } = await readTarget(out);
    expect(debt).toHaveLength(1);
    expect(debt[0]).toMatchObject({ opening: 5297.4, collected: 2571, collectionRatio: 48.5, met: 'Тийм' });
  });
});
