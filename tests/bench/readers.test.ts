/**
 * The faster readers and writer behind the budgets must change nothing but speed:
 * - src/xlsx/values.ts reads exactly the snapshots ExcelJS + worksheetSnapshot read, or declines;
 * - src/xlsx/zip.ts (zlib instead of JSZip's deflate) writes workbooks that read back the same;
 * - src/xlsx/apply.ts shares one style object among cells styled alike (so ExcelJS writes it once).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { modelSnapshot, performanceReport, writeXlsx } from '../../bench/generate';
import { applyWritePlan } from '../../src/xlsx/apply';
import { loadWorkbook, workbookSnapshots } from '../../src/xlsx/read';
import { fastSnapshots, loadSnapshots } from '../../src/xlsx/values';
import { workbookBuffer } from '../../src/xlsx/write';
import { unzip } from '../../src/xlsx/zip';
import { date, err, fmt, formula, link, pct, rich, xlsxBuffer, type SheetSpec } from '../helpers/workbook';

const FIXTURES = path.join(__dirname, '..', '..', 'samples');
const fixtures = [
  ...fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')),
  ...fs.readdirSync(path.join(FIXTURES, 'departments')).map((f) => path.join('departments', f)),
].map((f) => path.join(FIXTURES, f));

async function viaExcelJs(buf: Buffer) {
  return workbookSnapshots(await loadWorkbook(buf, 'x.xlsx'));
}

describe('fastSnapshots', () => {
  it.each(fixtures.map((f) => [path.relative(FIXTURES, f), f]))(
    'reads %s as ExcelJS does, or declines',
    async (_, file) => {
      const buf = fs.readFileSync(file);
      const fast = fastSnapshots(buf);
      if (fast) expect(fast.snapshots).toEqual(await viaExcelJs(buf));
      expect(await loadSnapshots(buf, file)).toEqual(await viaExcelJs(buf));
    },
  );

  it('reads the sample reports (not the ones with formulas) without ExcelJS', () => {
    const read = fixtures.filter((f) => fastSnapshots(fs.readFileSync(f)));
    expect(read.length).toBeGreaterThanOrEqual(fixtures.length - 2);
  });

  it('reads a generated report with merged headers, percent formats and long narratives', async () => {
    const model = performanceReport(300, { seed: 3 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-readers-'));
    try {
      const file = path.join(dir, 'r.xlsx');
      await writeXlsx(file, [model]);
      const buf = fs.readFileSync(file);
      const fast = fastSnapshots(buf);
      expect(fast).not.toBeNull();
      expect(fast!.snapshots).toEqual(await viaExcelJs(buf));
      const sorted = (m: { top: number; left: number }[]) =>
        [...m].sort((a, b) => a.top - b.top || a.left - b.left);
      expect(sorted(fast!.snapshots[0].merges)).toEqual(sorted(modelSnapshot(model).merges));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declines what only ExcelJS reads alike (dates, formulas, hyperlinks), and reads the rest alike', async () => {
    const plain: SheetSpec = {
      name: 'Тайлан',
      rows: [
        ['ГАРЧИГ & <тэмдэг> "хашилт"', null, 'x'],
        [
          '1.1',
          'Текст\nшинэ мөр',
          12.5,
          true,
          err('#N/A'),
          pct(0.85),
          fmt(1234.5, '#,##0.0'),
          rich('а', 'б', 'в'),
        ],
        [null, '  зай  ', '=A1 мэт текст', '_x000D_ тэмдэгт', fmt(3, '0.0"%"')],
      ],
      merges: ['A1:B1'],
    };
    const buf = await xlsxBuffer([plain]);
    const fast = fastSnapshots(buf);
    expect(fast).not.toBeNull();
    expect(fast!.snapshots).toEqual(await viaExcelJs(buf));
    for (const cell of [date(2024, 1, 2), formula('SUM(A1:A2)', 3), link('холбоос', 'https://example.org')]) {
      const other = await xlsxBuffer([{ name: 'S', rows: [['a', cell]] }]);
      expect(fastSnapshots(other)).toBeNull();
      expect(await loadSnapshots(other, 'x.xlsx')).toEqual(await viaExcelJs(other));
    }
  });
});

describe('workbookBuffer (zlib)', () => {
  it('writes zips whose parts and snapshots equal what JSZip alone writes', async () => {
    for (const file of fixtures.slice(0, 4)) {
      const wb = await loadWorkbook(fs.readFileSync(file), file);
      const ours = await workbookBuffer(wb);
      const theirs = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
      const a = unzip(ours);
      const b = unzip(theirs);
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      for (const [name, get] of a) expect(get().equals(b.get(name)!())).toBe(true);
      expect(await viaExcelJs(ours)).toEqual(await viaExcelJs(theirs));
    }
  });
});

describe('applyWritePlan styles', () => {
  it('gives cells styled alike one shared style object, and never changes one in place', () => {
    const wb = new ExcelJS.Workbook();
    const S = 'Нэгтгэл';
    const range = { top: 1, left: 1, bottom: 200, right: 10 };
    applyWritePlan(wb, {
      ops: [
        { op: 'addSheet', sheet: S },
        {
          op: 'setValues',
          sheet: S,
          row: 1,
          col: 1,
          values: Array.from({ length: 200 }, (_, i) => Array.from({ length: 10 }, (_, j) => i * 10 + j)),
        },
        { op: 'setBorders', sheet: S, range, style: 'thin' },
        { op: 'setNumberFormat', sheet: S, range: { ...range, left: 10 }, format: '0.0' },
      ],
    });
    const ws = wb.getWorksheet(S)!;
    const styles = new Set<object>();
    ws.eachRow((row) => row.eachCell((c) => void styles.add(c.style)));
    expect(styles.size).toBe(2);
    expect(ws.getCell(5, 1).numFmt).toBeUndefined();
    expect(ws.getCell(5, 10).numFmt).toBe('0.0');
    expect(ws.getCell(5, 1).border?.top?.style).toBe('thin');
  });
});
