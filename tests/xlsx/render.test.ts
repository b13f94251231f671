/**
 * The direct .xlsx writer (src/xlsx/render.ts) against ExcelJS: a plan rendered directly and the
 * same plan applied to a new ExcelJS workbook (src/xlsx/apply.ts) and written by it read back
 * alike — through ExcelJS (values, types, styles, merges, widths, heights, views, filters,
 * conditional formats, page setup) and through the product's readers (snapshots) — and the
 * file is a valid zip of well-formed parts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { unitReport, unitSpecs, writeXlsx } from '../../bench/generate';
import { pushesOf } from '../../src/cli/consolidate';
import { analyzeSheet } from '../../src/core/analyze';
import { consolidate } from '../../src/core/consolidate';
import { draftPlanFromJobDescription, draftPlanFromReport, draftReport } from '../../src/core/draft';
import { planConsolidation } from '../../src/core/plans/consolidation';
import type { CellRange } from '../../src/core/snapshot';
import type { WriteOp, WritePlan } from '../../src/core/writeplan';
import { applyWritePlan } from '../../src/xlsx/apply';
import { loadWorkbook, workbookSnapshots } from '../../src/xlsx/read';
import { renderWorkbook } from '../../src/xlsx/render';
import { fastSnapshots, loadSnapshots } from '../../src/xlsx/values';
import { workbookBuffer } from '../../src/xlsx/write';
import { ZipWriter, crc32, tableCrc32, unzip } from '../../src/xlsx/zip';
import { FIXTURES, SAMPLES, snapshotsOf } from '../helpers/fixtures';
// JSZip comes with ExcelJS; it is not a direct dependency of the project.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require('jszip') as typeof import('jszip');

jest.setTimeout(120000);

async function viaExcelJs(plan: WritePlan): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  applyWritePlan(wb, plan);
  return workbookBuffer(wb);
}

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const plain = <T>(x: T): T => (x === undefined ? x : JSON.parse(JSON.stringify(x)));

type Rule = { priority: number; x14Id?: string; dxfId?: number };
const conditionals = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] })
    .conditionalFormattings ?? [];

/** What a reader sees of a sheet. Conditional format priorities aside: the direct writer numbers them across the sheet. */
function looks(ws: ExcelJS.Worksheet) {
  const cells: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (c) =>
      cells.push(
        plain({
          at: c.address,
          type: c.type,
          value: c.value,
          numFmt: c.numFmt,
          font: c.font,
          fill: c.fill,
          border: c.border,
          alignment: c.alignment,
        }),
      ),
    ),
  );
  const heights: (number | undefined)[] = [];
  for (let r = 1; r <= ws.rowCount; r++) heights.push(ws.getRow(r).height);
  const conditional = conditionals(ws).map((cf) => ({
    ref: cf.ref,
    rules: cf.rules.map((rule) => {
      const rest: Partial<Rule> = { ...rule };
      delete rest.priority;
      delete rest.x14Id;
      delete rest.dxfId;
      return plain(rest);
    }),
  }));
  return {
    name: ws.name,
    state: ws.state,
    rowCount: ws.rowCount,
    columnCount: ws.columnCount,
    cells,
    merges: [...((ws.model as unknown as { merges?: string[] }).merges ?? [])].sort(),
    widths: (ws.columns ?? []).map((c) => c.width),
    heights,
    views: plain(ws.views),
    autoFilter: ws.autoFilter,
    conditional,
    pageSetup: plain(ws.pageSetup),
  };
}

/** Priorities rise through each range's rules and never repeat in a sheet. */
function priorities(ws: ExcelJS.Worksheet): number[] {
  const all = conditionals(ws).flatMap((cf) => cf.rules.map((r) => (r as Rule).priority));
  expect(new Set(all).size).toBe(all.length);
  for (const cf of conditionals(ws)) {
    const p = cf.rules.map((r) => (r as Rule).priority);
    expect(p).toEqual([...p].sort((a, b) => a - b));
  }
  return all;
}

async function expectSameReading(plan: WritePlan) {
  const direct = await renderWorkbook(plan);
  const exceljs = await viaExcelJs(plan);
  const [a, b] = await Promise.all([load(direct), load(exceljs)]);
  expect(a.worksheets.map((ws) => ws.name)).toEqual(b.worksheets.map((ws) => ws.name));
  a.worksheets.forEach((ws, i) => {
    expect(looks(ws)).toEqual(looks(b.worksheets[i]));
    priorities(ws);
  });
  expect(fastSnapshots(direct)).toEqual(fastSnapshots(exceljs));
  expect(await loadSnapshots(direct, 'direct.xlsx')).toEqual(await loadSnapshots(exceljs, 'exceljs.xlsx'));
  expect(workbookSnapshots(await loadWorkbook(direct, 'direct.xlsx'))).toEqual(
    workbookSnapshots(await loadWorkbook(exceljs, 'exceljs.xlsx')),
  );
  await expectValidPackage(direct);
  return direct;
}

/** Every part well-formed XML 1.0, every CRC right, every part the content types and relationships name present. */
async function expectValidPackage(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf, { checkCRC32: true });
  const names = Object.keys(zip.files);
  for (const name of names) {
    const parser = new SaxesParser();
    parser.on('error', (e) => {
      throw new Error(`${name}: ${e.message}`);
    });
    parser.write(await zip.file(name)!.async('string')).close();
  }
  const types = await zip.file('[Content_Types].xml')!.async('string');
  for (const m of types.matchAll(/PartName="\/([^"]+)"/g)) expect(names).toContain(m[1]);
  for (const rels of names.filter((n) => n.endsWith('.rels'))) {
    const base = rels.replace(/_rels\/[^/]*$/, '');
    for (const m of (await zip.file(rels)!.async('string')).matchAll(/Target="([^"]+)"/g))
      expect(names).toContain(`${base}${m[1]}`);
  }
  const files = unzip(buf);
  for (const [name, get] of files) expect([name, crc32(get())]).toEqual([name, tableCrc32(get())]);
}

const r = (top: number, left: number, bottom = top, right = left): CellRange => ({
  top,
  left,
  bottom,
  right,
});
const S = 'Тайлан';
const T = "Бат's жагсаалт";
const U = 'Хоосон';
const LONG =
  'Нийгмийн даатгалын шимтгэлийн орлогын төлөвлөгөөг биелүүлэх, авлагыг бууруулах ажлын хүрээнд '.repeat(40);

/** Every kind of op, and the combinations whose order matters. */
const EVERY_OP: WriteOp[] = [
  { op: 'addSheet', sheet: S },
  { op: 'addSheet', sheet: T },
  { op: 'addSheet', sheet: U },
  { op: 'addSheet', sheet: S },
  {
    op: 'setValues',
    sheet: S,
    row: 1,
    col: 1,
    values: [
      ['=SUM(A1)', '+7', '-3', '@x', '  lead', 'trail ', 'мөр\nшинэ', '<&>"\'', LONG, ''],
      [0, -1.5, 1e21, true, false, null, 12345.678, 1e-7, -0, 2024],
      ['Нэгж', 'Нэгж', null, 'Албан хаагч', 3, null, 'x', 'y', 'z', 'w'],
    ],
  },
  {
    op: 'setFormulas',
    sheet: S,
    row: 4,
    col: 1,
    formulas: [['=SUM(B2:C2)', 'A3&"-"&D3', 'IF(B2>0,"+","−")']],
  },
  { op: 'setNumberFormat', sheet: S, range: r(2, 1, 2, 3), format: '0.00%' },
  { op: 'setNumberFormat', sheet: S, range: r(2, 3, 2, 5), format: '#,##0.0"₮"' },
  { op: 'setNumberFormat', sheet: S, range: r(2, 7), format: 'General' },
  { op: 'setNumberFormat', sheet: S, range: r(2, 8), format: '0' },
  { op: 'setFont', sheet: S, range: r(1, 1, 3, 4), bold: true },
  { op: 'setFont', sheet: S, range: r(2, 2, 4, 6), italic: true, size: 13, color: '#1f3864' },
  { op: 'setFont', sheet: S, range: r(3, 3), bold: false },
  { op: 'setFill', sheet: S, range: r(1, 1, 1, 10), color: 'D9E1F2' },
  { op: 'setFill', sheet: S, range: r(1, 5, 2, 6), color: 'E7E6E6' },
  { op: 'setBorders', sheet: S, range: r(1, 1, 4, 10), style: 'thin' },
  { op: 'setBorders', sheet: S, range: r(3, 2, 5, 3), style: 'medium' },
  {
    op: 'setAlignment',
    sheet: S,
    range: r(1, 1, 1, 10),
    horizontal: 'center',
    vertical: 'middle',
    wrap: true,
  },
  { op: 'setAlignment', sheet: S, range: r(1, 4, 3, 6), vertical: 'top' },
  { op: 'setAlignment', sheet: S, range: r(1, 6), wrap: false, horizontal: 'right' },
  {
    op: 'setValues',
    sheet: S,
    row: 6,
    col: 1,
    values: [
      ['Гарчиг', 'нуугдах'],
      [null, 'мөн'],
    ],
  },
  { op: 'setFill', sheet: S, range: r(6, 1), color: 'FFC7CE' },
  { op: 'merge', sheet: S, range: r(6, 1, 7, 3) },
  { op: 'setValues', sheet: S, row: 7, col: 2, values: [['эзэнд очно']] },
  { op: 'merge', sheet: S, range: r(6, 1, 7, 3) },
  { op: 'setAlignment', sheet: S, range: r(6, 1, 7, 3), horizontal: 'center' },
  { op: 'merge', sheet: S, range: r(9, 1, 9, 4) },
  { op: 'merge', sheet: S, range: r(10, 1, 11, 2) },
  { op: 'merge', sheet: S, range: r(9, 2, 10, 5) },
  { op: 'merge', sheet: S, range: r(6, 2) },
  { op: 'merge', sheet: S, range: r(12, 1, 12, 3) },
  { op: 'setColumnWidth', sheet: S, col: 1, width: 30 },
  { op: 'setColumnWidth', sheet: S, col: 2, width: 12 },
  { op: 'setColumnWidth', sheet: S, col: 3, width: 12 },
  { op: 'setColumnWidth', sheet: S, col: 5, width: 13.5 },
  { op: 'setColumnWidth', sheet: S, col: 1, width: 28 },
  { op: 'setRowHeight', sheet: S, row: 1, height: 42 },
  { op: 'setRowHeight', sheet: S, row: 20, height: 18.75 },
  { op: 'select', sheet: S, range: r(2, 2, 5, 5) },
  { op: 'freeze', sheet: S, rows: 1, cols: 2 },
  { op: 'select', sheet: S, range: r(3, 4) },
  { op: 'addTable', sheet: S, name: 'Хүснэгт', range: r(1, 1, 3, 10) },
  {
    op: 'bucketColors',
    sheet: S,
    range: r(2, 5, 3, 5),
    rules: [
      { min: 90, max: null, color: 'C6EFCE' },
      { min: 0, max: 90, color: 'FFC7CE' },
    ],
  },
  {
    op: 'bucketColors',
    sheet: S,
    range: r(2, 5, 3, 5),
    rules: [
      { min: 80, max: null, color: 'C6EFCE' },
      { min: 50, max: 80, color: 'FFEB9C' },
      { min: 0, max: 50, color: 'FFC7CE' },
    ],
  },
  { op: 'dataBar', sheet: S, range: r(2, 5, 3, 5), color: '5B9BD5' },
  { op: 'dataBar', sheet: S, range: r(2, 2, 3, 2), color: '638EC6' },
  { op: 'dataBar', sheet: S, range: r(2, 2, 3, 2), color: '5B9BD5' },
  {
    op: 'addChart',
    sheet: S,
    name: 'Chart',
    kind: 'bar',
    title: 'Гүйцэтгэл',
    categories: r(2, 1, 3, 1),
    series: [{ name: 'Хувь', values: r(2, 5, 3, 5) }],
    anchor: r(14, 1, 30, 8),
  },
  {
    op: 'printSetup',
    sheet: S,
    orientation: 'landscape',
    paper: 'A4',
    fitToWidth: true,
    repeatRows: { from: 1, to: 2 },
  },
  { op: 'printSetup', sheet: S, orientation: 'portrait', paper: 'A4', fitToWidth: true },
  {
    op: 'setValues',
    sheet: T,
    row: 2,
    col: 2,
    values: [
      ['b2', 1],
      [null, true],
    ],
  },
  { op: 'printSetup', sheet: T, orientation: 'landscape', paper: 'A4', fitToWidth: false },
  { op: 'setValues', sheet: U, row: 1, col: 1, values: [['устах'], [5]] },
  { op: 'merge', sheet: U, range: r(1, 1, 1, 3) },
  { op: 'freeze', sheet: U, rows: 2, cols: 0 },
  { op: 'setColumnWidth', sheet: U, col: 2, width: 40 },
  { op: 'bucketColors', sheet: U, range: r(2, 1), rules: [{ min: 0, max: null, color: 'C6EFCE' }] },
  {
    op: 'printSetup',
    sheet: U,
    orientation: 'landscape',
    paper: 'A4',
    fitToWidth: true,
    repeatRows: { from: 1, to: 1 },
  },
  { op: 'addSheet', sheet: U, clear: true },
  { op: 'setValues', sheet: U, row: 3, col: 2, values: [['шинэ']] },
  { op: 'freeze', sheet: U, rows: 0, cols: 1 },
  { op: 'setRowHeight', sheet: U, row: 5, height: 30 },
];

describe('renderWorkbook reads back as applyWritePlan + ExcelJS', () => {
  test('every kind of op, and the orders that matter', async () => {
    await expectSameReading({ ops: EVERY_OP });
  });

  test('text stays text, whatever it looks like', async () => {
    const wb = await load(await renderWorkbook({ ops: EVERY_OP }));
    const ws = wb.getWorksheet(S)!;
    const texts = ['=SUM(A1)', '+7', '-3', '@x', '  lead', 'trail ', 'мөр\nшинэ', '<&>"\'', LONG, ''];
    texts.forEach((t, i) => {
      expect(ws.getCell(1, i + 1).value).toBe(t);
      expect(ws.getCell(1, i + 1).formula).toBeUndefined();
    });
    expect(ws.getCell(4, 1).formula).toBe('SUM(B2:C2)');
    expect(ws.getCell(6, 1).value).toBe('эзэнд очно');
  });

  const samples = path.join(SAMPLES, 'departments');
  const consolidations: [string, () => Promise<string[]>][] = [
    ['the sample departments', async () => fs.readdirSync(samples).map((f) => path.join(samples, f))],
    [
      'every fixture (debt lines too)',
      async () => [
        ...[
          'receivables-2024.xlsx',
          'report-2024-annual.xlsx',
          'fulfilment-2024-h1.xlsx',
          'plan-2024.xlsx',
          'anticorruption-2019.xlsx',
        ].map((f) => path.join(FIXTURES, f)),
        ...fs
          .readdirSync(path.join(FIXTURES, 'departments'))
          .map((f) => path.join(FIXTURES, 'departments', f)),
      ],
    ],
    [
      'generated units (the benchmark’s)',
      async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-render-'));
        return Promise.all(
          unitSpecs(6).map(async (spec) => {
            const file = path.join(dir, spec.file);
            await writeXlsx(file, [unitReport(spec, 60)]);
            return file;
          }),
        );
      },
    ],
  ];

  test.each(consolidations)('the consolidation of %s', async (_, files) => {
    const state = consolidate({ rows: [], debt: [] }, await pushesOf(await files()));
    expect(state.rows.length).toBeGreaterThan(0);
    const direct = await expectSameReading(planConsolidation(state));
    // Pushed again, the target is rebuilt from its own sheets: they must read back as the state.
    const again = fastSnapshots(direct);
    expect(again?.sheets).toEqual(['Нэгтгэл', 'Товчоо', 'Авлага']);
  });

  test('an empty consolidation', async () => {
    await expectSameReading(planConsolidation({ rows: [], debt: [] }));
  });

  test('drafts', async () => {
    const analysis = async (name: string) => {
      const [snap] = await snapshotsOf(name);
      return { snap, analysis: analyzeSheet(snap) };
    };
    const plan = await analysis('plan-2024.xlsx');
    const report = await analysis('report-2024-annual.xlsx');
    const jd = await analysis('job-description-2024.xlsx');
    await expectSameReading(draftReport(plan.analysis, 'H1'));
    await expectSameReading(draftPlanFromReport(report.analysis, 2025));
    await expectSameReading(draftPlanFromJobDescription(jd.analysis, jd.snap, 2025));
  });

  test('the same plan always makes the same bytes', async () => {
    expect((await renderWorkbook({ ops: EVERY_OP })).equals(await renderWorkbook({ ops: EVERY_OP }))).toBe(
      true,
    );
  });

  test('a plan naming a sheet it did not add, or a name Excel refuses, fails as with ExcelJS', async () => {
    const missing: WritePlan = {
      ops: [{ op: 'setValues', sheet: 'Байхгүй', row: 1, col: 1, values: [[1]] }],
    };
    await expect(renderWorkbook(missing)).rejects.toThrow(/does not exist: Байхгүй/);
    expect(() => applyWritePlan(new ExcelJS.Workbook(), missing)).toThrow(/does not exist: Байхгүй/);
    for (const name of ['a/b', "'a", '', 'History'])
      await expect(renderWorkbook({ ops: [{ op: 'addSheet', sheet: name }] })).rejects.toThrow(/sheet name/);
    await expect(
      renderWorkbook({
        ops: [
          { op: 'addSheet', sheet: 'Нэг' },
          { op: 'addSheet', sheet: 'НЭГ' },
        ],
      }),
    ).rejects.toThrow(/sheet name/);
  });
});

describe('where ExcelJS alone is wrong, and src/xlsx/write.ts mends it', () => {
  const text = (values: string[]): WritePlan => ({
    ops: [
      { op: 'addSheet', sheet: S },
      { op: 'setValues', sheet: S, row: 1, col: 1, values: [values] },
    ],
  });

  test('text with characters XML cannot hold, or that looks like their escapes, reads back as written', async () => {
    const odd = ['a\u0001b', 'tab\tand\r\nCRLF', 'x\u001fy\ufffe', '_x0041_ as typed', '_x00e9_ too'];
    const direct = await renderWorkbook(text(odd));
    await expectValidPackage(direct);
    const ws = (await load(direct)).getWorksheet(S)!;
    expect(odd.map((_, i) => ws.getCell(1, i + 1).value)).toEqual(odd);
    expect(fastSnapshots(direct)!.snapshots[0].values[0]).toEqual(odd);
    // Alone, ExcelJS drops control characters, decodes the look-alikes and writes U+FFFE raw; given Excel's escapes it writes them all.
    const theirs = await viaExcelJs(text(odd));
    expect(fastSnapshots(theirs)!.snapshots[0].values[0]).toEqual(odd);
  });

  test('a sheet whose name has an apostrophe keeps its print titles (ExcelJS alone writes a reference Excel cannot read)', async () => {
    const titles: WritePlan = {
      ops: [
        { op: 'addSheet', sheet: T },
        { op: 'setValues', sheet: T, row: 1, col: 1, values: [['Гарчиг'], ['мөр']] },
        {
          op: 'printSetup',
          sheet: T,
          orientation: 'landscape',
          paper: 'A4',
          fitToWidth: true,
          repeatRows: { from: 1, to: 1 },
        },
      ],
    };
    const direct = await renderWorkbook(titles);
    expect(unzip(direct).get('xl/workbook.xml')!().toString()).toContain(
      '&apos;Бат&apos;&apos;s жагсаалт&apos;!$1:$1',
    );
    expect((await load(direct)).getWorksheet(T)!.pageSetup.printTitlesRow).toBe('1:1');
    expect(unzip(await viaExcelJs(titles)).get('xl/workbook.xml')!().toString()).toContain(
      '&apos;Бат&apos;&apos;s жагсаалт&apos;!$1:$1',
    );
  });

  test('a selection without frozen panes is kept', async () => {
    const select: WritePlan = {
      ops: [
        { op: 'addSheet', sheet: S },
        { op: 'select', sheet: S, range: r(3, 2, 4, 4) },
      ],
    };
    expect((await load(await renderWorkbook(select))).getWorksheet(S)!.views[0]).toMatchObject({
      state: 'normal',
      activeCell: 'B3',
    });
    expect((await load(await viaExcelJs(select))).getWorksheet(S)!.views[0].activeCell).toBeUndefined();
  });

  test('a column 9 wide keeps its width', async () => {
    const plan: WritePlan = {
      ops: [
        { op: 'addSheet', sheet: S },
        { op: 'setColumnWidth', sheet: S, col: 1, width: 9 },
      ],
    };
    expect((await load(await renderWorkbook(plan))).getWorksheet(S)!.getColumn(1).width).toBe(9);
    expect((await load(await viaExcelJs(plan))).getWorksheet(S)!.getColumn(1).width).toBeUndefined();
  });

  test('the validator used here does refuse such characters raw', () => {
    const parser = new SaxesParser();
    let failed = false;
    parser.on('error', () => (failed = true));
    parser.write('<t>a\u0001b</t>').close();
    expect(failed).toBe(true);
  });
});

describe('zip', () => {
  test('the table CRC-32 is zlib’s', () => {
    const data = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 251));
    expect(tableCrc32(data)).toBe(crc32(data));
    expect(tableCrc32(Buffer.alloc(0))).toBe(0);
    expect(tableCrc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  test('parts larger than a deflate piece come back whole', async () => {
    const text = Array.from(
      { length: 200_000 },
      (_, i) => `<c r="A${i}"><v>${(i * 7919) % 100_003}</v></c>`,
    ).join('');
    const big = Buffer.from(text);
    expect(big.length).toBeGreaterThan(3 << 20);
    const zip = new ZipWriter();
    zip.add('big.xml', big);
    zip.add('empty.xml', Buffer.alloc(0));
    zip.add('small.xml', Buffer.from('<a/>'));
    const buf = await zip.finish();
    const files = unzip(buf);
    expect([...files.keys()]).toEqual(['big.xml', 'empty.xml', 'small.xml']);
    expect(files.get('big.xml')!().equals(big)).toBe(true);
    expect(files.get('empty.xml')!().length).toBe(0);
    const checked = await JSZip.loadAsync(buf, { checkCRC32: true });
    expect(await checked.file('big.xml')!.async('string')).toBe(text);
    expect(buf.length).toBeLessThan(big.length / 3);
  });
});
