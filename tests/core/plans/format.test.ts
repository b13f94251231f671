/**
 * One-click report formatting (DESIGN.md section 9) on every sample template:
 * planFormat + applyWritePlan, written to .xlsx and read back with ExcelJS. The layout is
 * checked cell by cell; values never change; formatting twice equals formatting once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { analyzeSheet } from '../../../src/core/analyze';
import type { SheetAnalysis, TableInfo } from '../../../src/core/model';
import { planFormat } from '../../../src/core/plans/format';
import { columnNumber, parseRange, rangeAddress, type SheetSnapshot } from '../../../src/core/snapshot';
import { main } from '../../../src/cli/main';
import { applyWritePlan } from '../../../src/xlsx/apply';
import { loadWorkbook, worksheetSnapshot } from '../../../src/xlsx/read';
import { DEPT, cleanup, fileState, fixture, loadXlsx, runCli, sheetXml, tmpDir } from '../../helpers/cli';

jest.setTimeout(60000);
afterAll(cleanup);

interface Case {
  file: string;
  template: string;
  /** Title rows above the header that must end up merged across the table. */
  titles: number[];
  /** Printed on every page. */
  printTitles: string;
  activity: string | null;
  no: string | null;
  percent: string | null;
}

const CASES: Case[] = [
  {
    file: fixture('report-2024-annual.xlsx'),
    template: 'performance-report',
    titles: [1, 2, 3],
    printTitles: '4:6',
    activity: 'B',
    no: 'A',
    percent: 'H',
  },
  {
    file: fixture('fulfilment-2024-h1.xlsx'),
    template: 'performance-report',
    titles: [1, 2, 3],
    printTitles: '5:6',
    activity: 'B',
    no: 'A',
    percent: 'H',
  },
  {
    file: fixture('plan-2024.xlsx'),
    template: 'performance-plan',
    titles: [1],
    printTitles: '3:4',
    activity: 'B',
    no: 'A',
    percent: null,
  },
  {
    file: fixture('anticorruption-2019.xlsx'),
    template: 'program-evaluation',
    titles: [1],
    printTitles: '3:3',
    activity: 'C',
    no: 'A',
    percent: 'F',
  },
  {
    file: fixture('receivables-2024.xlsx'),
    template: 'receivables',
    titles: [1],
    printTitles: '3:4',
    activity: null,
    no: 'A',
    percent: null,
  },
  {
    file: fixture('job-description-2024.xlsx'),
    template: 'job-description',
    titles: [2, 3, 10, 11, 12, 13, 14, 15, 16],
    printTitles: '18:18',
    activity: 'B',
    no: null,
    percent: null,
  },
  {
    file: DEPT.hyanalt,
    template: 'performance-report',
    titles: [1, 2],
    printTitles: '3:5',
    activity: 'B',
    no: 'A',
    percent: 'H',
  },
];

interface Formatted {
  source: ExcelJS.Workbook;
  snap: SheetSnapshot;
  analysis: SheetAnalysis;
  out: ExcelJS.Workbook;
  ws: ExcelJS.Worksheet;
  buf: Buffer;
}

/** Formats the first sheet of a workbook (bytes), writes it and reads it back. */
async function formatBytes(bytes: Buffer, name: string): Promise<Formatted> {
  const source = await loadWorkbook(bytes, name);
  const wb = await loadWorkbook(bytes, name);
  const snap = worksheetSnapshot(wb.worksheets[0]);
  const analysis = analyzeSheet(snap);
  applyWritePlan(wb, planFormat(snap, analysis));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const out = await loadXlsx(buf);
  return { source, snap, analysis, out, ws: out.worksheets[0], buf };
}

const merges = (ws: ExcelJS.Worksheet) =>
  ((ws.model as unknown as { merges?: string[] }).merges ?? [])
    .map((m) => rangeAddress(parseRange(m)))
    .sort();

/** Everything a cell shows or is formatted with. */
function cellState(c: ExcelJS.Cell) {
  return JSON.stringify({ v: c.value ?? null, t: c.type, s: c.style ?? {} });
}

function everyCell(
  ws: ExcelJS.Worksheet,
  fn: (c: ExcelJS.Cell, r: number, col: number) => void,
  rows = ws.rowCount,
  cols = ws.columnCount,
) {
  for (let r = 1; r <= rows; r++) for (let c = 1; c <= cols; c++) fn(ws.getCell(r, c), r, c);
}

function conditional(ws: ExcelJS.Worksheet) {
  return JSON.stringify(
    (ws as unknown as { conditionalFormattings?: unknown[] }).conditionalFormattings ?? [],
  );
}

const thin = (c: ExcelJS.Cell) =>
  ['top', 'left', 'bottom', 'right'].every(
    (s) => (c.border as Record<string, { style?: string } | undefined>)?.[s]?.style === 'thin',
  );

describe.each(CASES)('formatting $file', (cs) => {
  let f: Formatted;
  let t: TableInfo;
  beforeAll(async () => {
    f = await formatBytes(fs.readFileSync(cs.file), path.basename(cs.file));
    t = f.analysis.tables[0];
  });

  test('is the expected template', () => {
    expect(f.analysis.template).toBe(cs.template);
  });

  test('every cell value is unchanged', () => {
    const before = f.snap;
    const after = worksheetSnapshot(f.ws);
    expect(after.origin).toEqual(before.origin);
    expect(after.values).toEqual(before.values);
    expect(after.valueTypes).toEqual(before.valueTypes);
    expect(after.formulas).toEqual(before.formulas);
    // Cell by cell too: a new merged area may only cover empty cells.
    const src = f.source.worksheets[0];
    everyCell(src, (c, r, col) => {
      if (c.isMerged && c.master !== c) return;
      const o = f.ws.getCell(r, col);
      const covered = o.isMerged && o.master !== o;
      expect([r, col, covered ? null : (o.value ?? null)]).toEqual([r, col, c.value ?? null]);
    });
  });

  test('title rows are merged across the table; existing merges (two-row headers) are kept', () => {
    const m = merges(f.ws);
    expect(cs.titles.length).toBeGreaterThan(0);
    expect(
      cs.titles.map((r) => [
        r,
        m.includes(rangeAddress({ top: r, left: t.left, bottom: r, right: t.right })),
        f.ws.getCell(r, t.left).font?.bold,
      ]),
    ).toEqual(cs.titles.map((r) => [r, true, true]));
    expect(m).toEqual(expect.arrayContaining(merges(f.source.worksheets[0])));
    // A two-row header stays merged down both rows; a one-row header has no such merge.
    const headerMerged = m.some(
      (x) =>
        parseRange(x).top === t.headerTop &&
        parseRange(x).bottom === t.headerRow &&
        t.headerTop < t.headerRow,
    );
    expect(headerMerged).toBe(t.headerTop < t.headerRow);
  });

  test('header bold, centred, wrapped and bordered; numbering row bordered', () => {
    expect(f.analysis.tables.length).toBeGreaterThan(0);
    for (const table of f.analysis.tables) {
      for (let r = table.headerTop; r <= table.headerRow; r++)
        for (let c = table.left; c <= table.right; c++) {
          const cell = f.ws.getCell(r, c);
          expect([r, c, cell.font?.bold]).toEqual([r, c, true]);
          expect(cell.alignment).toMatchObject({ horizontal: 'center', wrapText: true });
          expect(thin(cell)).toBe(true);
        }
    }
    const numbering = f.analysis.tables.flatMap((table) =>
      table.numberingRow === null
        ? []
        : Array.from({ length: table.right - table.left + 1 }, (_, i) =>
            f.ws.getCell(table.numberingRow as number, table.left + i),
          ),
    );
    expect(numbering.filter((cell) => !thin(cell)).map((cell) => cell.address)).toEqual([]);
  });

  test('section rows merged and bold, goal rows merged and italic', () => {
    const m = merges(f.ws);
    const rows = f.analysis.tables.flatMap((table) => table.rows.map((r) => ({ ...r, table })));
    const look = (r: (typeof rows)[number]) => {
      const font = f.ws.getCell(r.row, r.table.left).font ?? {};
      const merged = m.includes(
        rangeAddress({ top: r.row, left: r.table.left, bottom: r.row, right: r.table.right }),
      );
      return { row: r.row, merged, bold: font.bold ?? false, italic: font.italic ?? false };
    };
    const sections = rows.filter((x) => x.kind === 'section');
    const goals = rows.filter((x) => x.kind === 'goal');
    expect(sections.length > 0).toBe(
      cs.template === 'performance-report' || cs.template === 'performance-plan',
    );
    expect(sections.map(look)).toEqual(
      sections.map((r) => expect.objectContaining({ row: r.row, merged: true, bold: true })),
    );
    expect(goals.map(look)).toEqual(
      goals.map((r) => ({ row: r.row, merged: true, bold: false, italic: true })),
    );
  });

  test('activity rows: thin borders on every cell, wrapped and top-aligned', () => {
    const acts = f.analysis.tables.flatMap((table) =>
      table.rows.filter((r) => r.kind === 'activity').map((r) => ({ row: r.row, table })),
    );
    expect(acts.length).toBeGreaterThan(0);
    for (const { row, table } of acts)
      for (let c = table.left; c <= table.right; c++) {
        const cell = f.ws.getCell(row, c);
        expect([row, c, thin(cell)]).toEqual([row, c, true]);
        expect(cell.alignment).toMatchObject({ vertical: 'top', wrapText: true });
      }
  });

  test("'0.0' on the numeric percent cells, where the template has a percent column", () => {
    const col = cs.percent === null ? 0 : columnNumber(cs.percent);
    const flagged = new Set(
      f.analysis.issues.filter((i) => i.column === cs.percent && i.severity !== 'info').map((i) => i.row),
    );
    const numeric =
      cs.percent === null
        ? []
        : f.analysis.activities.map((a) => ({ row: a.row, src: f.source.worksheets[0].getCell(a.row, col) }));
    const percents = numeric.filter(
      ({ src }) => typeof src.value === 'number' && !/%/.test(src.numFmt ?? ''),
    );
    expect(percents.length > 0).toBe(cs.percent !== null);
    // A percent the checker flagged keeps its look: «1» does not become «1.0».
    expect(percents.map(({ row }) => [row, f.ws.getCell(row, col).numFmt])).toEqual(
      percents.map(({ row, src }) => [row, flagged.has(row) ? src.numFmt : '0.0']),
    );
  });

  test('column widths: activity wide (≥ 40), number and percent narrow (≤ 12)', () => {
    const width = (letter: string) => f.ws.getColumn(columnNumber(letter)).width ?? 0;
    // [column, least width, greatest width] for every column of the case that has a rule.
    const rules: [string | null | undefined, number, number][] = [
      [cs.activity, 40, Infinity],
      [cs.no, 0, 12],
      [cs.percent, 0, 12],
      ...['criterion', 'achieved', 'target'].map((field): [string | undefined, number, number] => [
        t.columns[field],
        25,
        Infinity,
      ]),
      ...(cs.template === 'receivables'
        ? [[t.columns.unit, 20, Infinity] as [string | undefined, number, number]]
        : []),
    ];
    const present = rules.filter((rule): rule is [string, number, number] => typeof rule[0] === 'string');
    expect(present.length).toBeGreaterThan(0);
    expect(
      present.map(([letter, least, most]) => [
        letter,
        width(letter) >= least && width(letter) <= most,
        width(letter),
      ]),
    ).toEqual(present.map(([letter]) => [letter, true, width(letter)]));
  });

  test('print setup: A4 landscape, one page wide, header rows repeated', () => {
    expect(f.ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: cs.printTitles,
    });
  });

  test('formatting twice gives the same workbook (values, styles, merges, conditional formats)', async () => {
    const again = await formatBytes(f.buf, path.basename(cs.file));
    expect(merges(again.ws)).toEqual(merges(f.ws));
    expect(conditional(again.ws)).toEqual(conditional(f.ws));
    expect(again.ws.rowCount).toBe(f.ws.rowCount);
    expect(again.ws.columnCount).toBe(f.ws.columnCount);
    everyCell(f.ws, (c, r, col) =>
      expect([r, col, cellState(again.ws.getCell(r, col))]).toEqual([r, col, cellState(c)]),
    );
    for (let c = 1; c <= f.ws.columnCount; c++)
      expect(again.ws.getColumn(c).width).toBe(f.ws.getColumn(c).width);
    expect(again.ws.pageSetup).toEqual(f.ws.pageSetup);
  });
});

describe('bucket colours on the percent column', () => {
  test('report-2024-annual: one colour scale per table over its activity rows', async () => {
    const f = await formatBytes(
      fs.readFileSync(fixture('report-2024-annual.xlsx')),
      'report-2024-annual.xlsx',
    );
    const cfs = (f.ws as unknown as { conditionalFormattings: { ref: string; rules: unknown[] }[] })
      .conditionalFormattings;
    // H19 («1», flagged as a percent written as a fraction) is left out: it keeps its text and gets no red.
    expect(
      f.analysis.issues.some((i) => i.code === 'PERCENT_SUSPICIOUS' && i.row === 19 && i.column === 'H'),
    ).toBe(true);
    expect(cfs.map((c) => c.ref).sort()).toEqual(['H20:H22', 'H28', 'H9:H16']);
    expect(cfs.every((c) => c.rules.length === 4)).toBe(true);
    expect(f.ws.getCell('H19').numFmt).toBe(f.source.worksheets[0].getCell('H19').numFmt);
    expect(f.ws.getCell('H19').fill).toEqual(f.source.worksheets[0].getCell('H19').fill);
  });

  test('report-2024-annual: a percent written as text («100 хувь») gets its bucket colour from core', async () => {
    const f = await formatBytes(
      fs.readFileSync(fixture('report-2024-annual.xlsx')),
      'report-2024-annual.xlsx',
    );
    const argb = (a: string) => {
      const fill = f.ws.getCell(a).fill as { fgColor?: { argb?: string } } | undefined;
      return fill?.fgColor?.argb?.slice(-6);
    };
    for (const a of ['H9', 'H10', 'H13', 'H22', 'H28']) {
      expect(typeof f.ws.getCell(a).value).toBe('string');
      expect([a, argb(a)]).toEqual([a, 'C6EFCE']);
    }
    // Values untouched.
    expect(f.ws.getCell('H28').value).toBe('100хувь');
  });
});

describe('ndplan format', () => {
  test('formula-looking text of dept-hyanalt stays text in the formatted file', async () => {
    const out = path.join(tmpDir(), 'formatted.xlsx');
    const r = await main(['format', DEPT.hyanalt, '--out', out]);
    expect(r.code).toBe(0);
    const ws = (await loadXlsx(out)).worksheets[0];
    expect(ws.getCell('B9').value).toBe('=HYPERLINK("http://example.invalid","Дэлгэрэнгүй")');
    expect(ws.getCell('F9').value).toBe('+12 шалгалт хийсэн');
    expect(await sheetXml(out, 'Тайлан')).not.toMatch(/<f[\s>/]/);
  });

  test('an unreadable input: exit 2, one line, nothing written', async () => {
    const dir = tmpDir();
    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(bad, 'not a workbook');
    const r = await main(['format', bad, '--out', path.join(dir, 'out.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readdirSync(dir)).toEqual(['bad.xlsx']);
  });

  test('a real process: tsx src/cli/main.ts format (smoke), input untouched', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'plan-formatted.xlsx');
    const before = fileState(fixture('plan-2024.xlsx'));
    const r = await runCli(['format', fixture('plan-2024.xlsx'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('plan-formatted.xlsx');
    expect(r.stdout).toContain('performance-plan');
    expect(fileState(fixture('plan-2024.xlsx'))).toEqual(before);
    const ws = (await loadXlsx(out)).worksheets[0];
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
  });
});
