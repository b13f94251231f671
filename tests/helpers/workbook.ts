/**
 * Test workbooks made in code, two ways from one description:
 *
 *   const sheet: SheetSpec = {
 *     name: 'Тайлан',
 *     rows: [
 *       ['ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Ж.ДОРЖИЙН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ'],
 *       [],
 *       ['Д/д', 'Арга хэмжээ', 'Хүрэх түвшин', 'Хүрсэн түвшин', 'Гүйцэтгэлийн хувь'],
 *       ['1.1.1', 'Сургалт', '10 сургалт', '8 сургалт', pct(0.8)],        // 0.8 shown as 80 %
 *       ['1.1.2', 'Тайлан', 'Тайлан', 'Тайлан', formula('AVERAGE(E4:E4)', 80)],
 *       ['1.1.3', 'Алдаа', '1', '1', err('#DIV/0!')],
 *     ],
 *     merges: ['A1:E1'],
 *   };
 *   const snap = sheetSnapshot(sheet);            // SheetSnapshot directly (fast, no I/O)
 *   const buf = await xlsxBuffer([sheet]);         // a real .xlsx made by ExcelJS
 *   const [snap2] = await snapshotsOfBuffer(buf);  // read back through src/xlsx/read.ts
 *
 * `rows[0]` is sheet row `firstRow` (default 1) and `rows[i][0]` is column `firstCol`
 * (default 1 = A); `undefined`/`null` leave a cell empty and `[]` is an empty row.
 * Cell helpers: `fmt(value, numFmt)` (any number format), `pct(x)` (`0%` format),
 * `date(y, m, d)` (a date cell; a serial in the snapshot), `formula(text, cachedResult)`,
 * `err('#VALUE!')`, `rich('a', 'b')` (rich text runs), `link(text, url)` (hyperlink).
 * Numbers typed as text are plain strings: `'1 617,2'`.
 *
 * `sheetSnapshot` mirrors the ExcelJS adapter: a merged area's value stays only in its
 * top-left cell, dates become 1900-system serials, formulas keep their cached result and
 * `=text`, error values are their text with value type 'Error', rich text is joined and a
 * hyperlink is its text. The snapshot's used range is the whole `rows` block (origin =
 * firstRow/firstCol), unlike the adapter, which trims empty outer rows and columns.
 */
import ExcelJS from 'exceljs';
import type { CellRange, CellValue, SheetSnapshot, ValueType } from '../../src/core/snapshot';
import { parseRange } from '../../src/core/snapshot';
import { loadWorkbook, workbookSnapshots } from '../../src/xlsx/read';

export type ErrorText = '#VALUE!' | '#REF!' | '#DIV/0!' | '#N/A' | '#NAME?' | '#NUM!' | '#NULL!';

export type Scalar = string | number | boolean | Date;

export type Cell =
  | Scalar
  | null
  | undefined
  | { kind: 'fmt'; value: Scalar; numFmt: string }
  | { kind: 'formula'; formula: string; result: Scalar | { error: ErrorText } | null }
  | { kind: 'error'; error: ErrorText }
  | { kind: 'rich'; runs: string[] }
  | { kind: 'link'; text: string; url: string };

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** Merged areas as addresses in sheet coordinates: `A1:H1`. */
  merges?: string[];
  /** Sheet row of rows[0]; default 1. */
  firstRow?: number;
  /** Sheet column of rows[i][0]; default 1. */
  firstCol?: number;
  /** Column widths (ExcelJS only, cosmetic). */
  widths?: number[];
}

export const fmt = (value: Scalar, numFmt: string): Cell => ({ kind: 'fmt', value, numFmt });
export const pct = (x: number): Cell => fmt(x, '0%');
export const date = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
export const formula = (text: string, result: Scalar | { error: ErrorText } | null = null): Cell => ({
  kind: 'formula',
  formula: text.replace(/^=/, ''),
  result,
});
export const err = (error: ErrorText): Cell => ({ kind: 'error', error });
export const rich = (...runs: string[]): Cell => ({ kind: 'rich', runs });
export const link = (text: string, url: string): Cell => ({ kind: 'link', text, url });

/** Excel's 1900-system serial of a UTC date (what the adapter puts in a snapshot). */
export function serialOf(d: Date): number {
  return d.getTime() / 86400000 + 25569;
}

const isObj = (c: Cell): c is Extract<Cell, { kind: string }> =>
  typeof c === 'object' && c !== null && !(c instanceof Date);

function scalarValue(v: Scalar): { value: CellValue; type: ValueType } {
  if (v instanceof Date) return { value: serialOf(v), type: 'Double' };
  if (typeof v === 'number') return { value: v, type: 'Double' };
  if (typeof v === 'boolean') return { value: v, type: 'Boolean' };
  return { value: v, type: 'String' };
}

interface Flat {
  value: CellValue;
  type: ValueType;
  numFmt: string;
  formula: string | null;
}

function flatten(c: Cell): Flat | null {
  if (c === null || c === undefined || c === '') return null;
  if (!isObj(c))
    return { ...scalarValue(c), numFmt: c instanceof Date ? 'yyyy-mm-dd' : 'General', formula: null };
  switch (c.kind) {
    case 'fmt':
      return { ...scalarValue(c.value), numFmt: c.numFmt, formula: null };
    case 'formula': {
      const r = c.result;
      const inner =
        r === null
          ? { value: null, type: 'Empty' as ValueType }
          : typeof r === 'object' && !(r instanceof Date)
            ? { value: r.error, type: 'Error' as ValueType }
            : scalarValue(r);
      return { ...inner, numFmt: 'General', formula: `=${c.formula}` };
    }
    case 'error':
      return { value: c.error, type: 'Error', numFmt: 'General', formula: null };
    case 'rich':
      return { value: c.runs.join(''), type: 'String', numFmt: 'General', formula: null };
    case 'link':
      return { value: c.text, type: 'String', numFmt: 'General', formula: null };
  }
}

/** The SheetSnapshot an adapter would make of the sheet (see the file comment). */
export function sheetSnapshot(spec: SheetSpec): SheetSnapshot {
  const top = spec.firstRow ?? 1;
  const left = spec.firstCol ?? 1;
  const merges: CellRange[] = (spec.merges ?? []).map(parseRange);
  const width = Math.max(1, ...spec.rows.map((r) => r.length));
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  const valueTypes: ValueType[][] = [];
  const formulas: (string | null)[][] = [];
  spec.rows.forEach((row, i) => {
    const v: CellValue[] = [];
    const n: string[] = [];
    const t: ValueType[] = [];
    const f: (string | null)[] = [];
    for (let j = 0; j < width; j++) {
      const r = top + i;
      const c = left + j;
      const covered = merges.some(
        (m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left),
      );
      const flat = covered ? null : flatten(row[j]);
      v.push(flat ? flat.value : null);
      n.push(flat ? flat.numFmt : 'General');
      t.push(flat ? flat.type : 'Empty');
      f.push(flat ? flat.formula : null);
    }
    values.push(v);
    numberFormats.push(n);
    valueTypes.push(t);
    formulas.push(f);
  });
  return {
    name: spec.name,
    origin: { row: top, col: left },
    values,
    numberFormats,
    valueTypes,
    formulas,
    merges,
  };
}

function excelValue(c: Cell): ExcelJS.CellValue {
  if (c === null || c === undefined) return null;
  if (!isObj(c)) return c;
  switch (c.kind) {
    case 'fmt':
      return c.value;
    case 'formula':
      return {
        formula: c.formula,
        result: c.result as ExcelJS.CellFormulaValue['result'],
      } as ExcelJS.CellFormulaValue;
    case 'error':
      return { error: c.error } as ExcelJS.CellErrorValue;
    case 'rich':
      return { richText: c.runs.map((text) => ({ text })) };
    case 'link':
      return { text: c.text, hyperlink: c.url };
  }
}

/** Adds the sheet to an ExcelJS workbook. */
export function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(spec.name);
  const top = spec.firstRow ?? 1;
  const left = spec.firstCol ?? 1;
  spec.rows.forEach((row, i) => {
    row.forEach((c, j) => {
      if (c === null || c === undefined || c === '') return;
      const cell = ws.getCell(top + i, left + j);
      cell.value = excelValue(c);
      if (isObj(c) && c.kind === 'fmt') cell.numFmt = c.numFmt;
      else if (c instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
  });
  for (const m of spec.merges ?? []) ws.mergeCells(m);
  spec.widths?.forEach((w, i) => (ws.getColumn(left + i).width = w));
  return ws;
}

/** A real .xlsx file (as bytes) holding the sheets, made by ExcelJS. */
export async function xlsxBuffer(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) addSheet(wb, s);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads .xlsx bytes through the product's own reader (src/xlsx/read.ts). */
export async function snapshotsOfBuffer(buf: Uint8Array, file = 'test.xlsx'): Promise<SheetSnapshot[]> {
  return workbookSnapshots(await loadWorkbook(buf, file));
}

/** Column letters of a header row, for building `merges` and expectations: letters(3) = ['A','B','C']. */
export function letters(n: number, from = 1): string[] {
  const out: string[] = [];
  for (let c = from; c < from + n; c++) {
    let s = '';
    let k = c;
    while (k > 0) {
      s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
      k = Math.floor((k - 1) / 26);
    }
    out.push(s);
  }
  return out;
}
