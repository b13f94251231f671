/**
 * ExcelJS workbook → SheetSnapshot: the same snapshot the Office.js adapter produces
 * (values only in the top-left cell of a merged area, dates as serial numbers, cached
 * formula results, error values as their text with value type 'Error').
 */
import { envNumber } from './env';
import ExcelJS from 'exceljs';
import type { CellRange, CellValue, SheetSnapshot, ValueType } from '../core/snapshot';
import { ERROR_VALUES, parseRange } from '../core/snapshot';
import { READ_MESSAGES } from '../i18n/errors';

import type { ReadFailure } from '../i18n/errors';

export type { ReadFailure };

export class WorkbookReadError extends Error {
  constructor(
    readonly reason: ReadFailure,
    readonly file: string,
    detail?: string,
  ) {
    super(`${file}: ${READ_MESSAGES.mn[reason]}${detail ? ` (${detail})` : ''}`);
    this.name = 'WorkbookReadError';
  }
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** "EncryptionInfo" in UTF-16LE: the stream an encrypted OOXML package carries inside its OLE container. */
const ENCRYPTION_INFO = [...'EncryptionInfo'].flatMap((ch) => [ch.charCodeAt(0), 0]);
const ASCII = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
const WORKBOOK_PART = ASCII('xl/workbook.xml');

/** Byte search without Node's Buffer, so the same reader runs in the browser preview. */
function includes(b: Uint8Array, needle: number[]): boolean {
  // The typed array's own indexOf finds each candidate first byte natively.
  outer: for (
    let i = b.indexOf(needle[0]);
    i >= 0 && i + needle.length <= b.length;
    i = b.indexOf(needle[0], i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Says why bytes are not a readable workbook, before ExcelJS is given them. */
export function sniff(b: Uint8Array, file: string): void {
  if (b.length >= 8 && OLE_MAGIC.every((x, i) => b[i] === x))
    throw new WorkbookReadError(includes(b, ENCRYPTION_INFO) ? 'encrypted' : 'xls', file);
  if (b.length < 4 || b[0] !== 0x50 || b[1] !== 0x4b || b[2] !== 0x03 || b[3] !== 0x04)
    throw new WorkbookReadError('not-xlsx', file);
  if (!includes(b, WORKBOOK_PART)) throw new WorkbookReadError('not-workbook', file);
}

export async function loadWorkbook(buf: Uint8Array, file: string): Promise<ExcelJS.Workbook> {
  sniff(buf, file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
  } catch (e) {
    throw new WorkbookReadError('corrupt', file, (e as Error).message.split('\n')[0].slice(0, 120));
  }
  return wb;
}

/** Excel's serial number of a date (1900 system, or 1904 when the workbook says so). */
export function dateToSerial(d: Date, date1904 = false): number {
  const serial = d.getTime() / 86400000 + 25569;
  return date1904 ? serial - 1462 : serial;
}

interface Converted {
  value: CellValue;
  type: ValueType;
  formula: string | null;
}

function convert(v: ExcelJS.CellValue, date1904: boolean): Converted {
  if (v === null || v === undefined) return { value: null, type: 'Empty', formula: null };
  if (typeof v === 'number') return { value: v, type: 'Double', formula: null };
  if (typeof v === 'string') return { value: v, type: 'String', formula: null };
  if (typeof v === 'boolean') return { value: v, type: 'Boolean', formula: null };
  if (v instanceof Date) return { value: dateToSerial(v, date1904), type: 'Double', formula: null };
  if ('error' in v) return { value: v.error, type: 'Error', formula: null };
  if ('richText' in v)
    return { value: v.richText.map((t) => t.text).join(''), type: 'String', formula: null };
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
    const inner = convert((f.result ?? null) as ExcelJS.CellValue, date1904);
    const text = 'formula' in f && f.formula ? f.formula : 'sharedFormula' in f ? f.sharedFormula : '';
    return { ...inner, formula: text ? `=${text}` : null };
  }
  if ('text' in v)
    return { value: String((v as ExcelJS.CellHyperlinkValue).text), type: 'String', formula: null };
  return { value: String(v), type: 'Unknown', formula: null };
}

/** Too many cells to read safely: refused before memory runs out (NDPLAN_MAX_CELLS, default 2,000,000). */
export function maxCells(): number {
  return envNumber('NDPLAN_MAX_CELLS') ?? 2_000_000;
}

const EMPTY_ROW: never[] = [];

/**
 * The cells of one sheet as both readers collect them, made into a snapshot whose memory
 * follows the cells that exist: a sheet whose used range is small is kept as full rectangles
 * (as it always was); one whose range is vast (a value in XFD1048576) keeps only the rows that
 * hold cells, each only as long as its last cell, and one shared empty row for the others.
 */
export class SheetCells {
  // Parallel flat lists, one entry per cell in reading order: a million cells are a few arrays, not a million objects.
  private readonly rs: number[] = [];
  private readonly cs: number[] = [];
  private readonly vs: CellValue[] = [];
  private readonly ts: ValueType[] = [];
  private readonly fs: string[] = [];
  private readonly xs: (string | null)[] = [];
  private count = 0;
  private top = Infinity;
  private left = Infinity;
  private bottom = 0;
  private right = 0;

  constructor(
    private readonly file: string,
    private readonly limit = maxCells(),
  ) {}

  /** Counts cells that take room without a value (merged areas) against the limit. */
  reserve(n: number): void {
    this.count += n;
    if (this.count > this.limit) throw new WorkbookReadError('too-many-cells', this.file);
  }

  add(r: number, c: number, v: CellValue, type: ValueType, format: string, formula: string | null): void {
    this.reserve(1);
    this.rs.push(r);
    this.cs.push(c);
    this.vs.push(v);
    this.ts.push(type);
    this.fs.push(format);
    this.xs.push(formula);
    if (r < this.top) this.top = r;
    if (c < this.left) this.left = c;
    if (r > this.bottom) this.bottom = r;
    if (c > this.right) this.right = c;
  }

  snapshot(name: string, merges: CellRange[]): SheetSnapshot {
    const n = this.rs.length;
    if (n === 0) return { name, origin: { row: 1, col: 1 }, values: [], merges };
    const { top, left } = this;
    const h = this.bottom - top + 1;
    const w = this.right - left + 1;
    const dense = h * w <= Math.max(4 * this.count, 1_000_000);
    const values: CellValue[][] = new Array<CellValue[]>(h);
    const numberFormats: string[][] = new Array<string[]>(h);
    const valueTypes: ValueType[][] = new Array<ValueType[]>(h);
    const formulas: (string | null)[][] = new Array<(string | null)[]>(h);
    if (dense) {
      for (let i = 0; i < h; i++) {
        values[i] = new Array<CellValue>(w).fill(null);
        numberFormats[i] = new Array<string>(w).fill('General');
        valueTypes[i] = new Array<ValueType>(w).fill('Empty');
        formulas[i] = new Array<string | null>(w).fill(null);
      }
    } else {
      // Only rows with cells get arrays of their own, and only as long as their last cell; a
      // row's formats, types or formulas only when some cell has one the Grid would not infer.
      values.fill(EMPTY_ROW);
      numberFormats.fill(EMPTY_ROW);
      valueTypes.fill(EMPTY_ROW);
      formulas.fill(EMPTY_ROW);
    }
    const own = <T>(rows: T[][], i: number): T[] => (rows[i] === EMPTY_ROW ? (rows[i] = []) : rows[i]);
    for (let k = 0; k < n; k++) {
      const i = this.rs[k] - top;
      const j = this.cs[k] - left;
      own(values, i)[j] = this.vs[k];
      if (dense || this.fs[k] !== 'General') own(numberFormats, i)[j] = this.fs[k];
      if (dense || this.ts[k] !== inferredType(this.vs[k])) own(valueTypes, i)[j] = this.ts[k];
      if (dense || this.xs[k] !== null) own(formulas, i)[j] = this.xs[k];
    }
    return { name, origin: { row: top, col: left }, values, numberFormats, valueTypes, formulas, merges };
  }
}

/** The value type the Grid infers for a value given without one. */
function inferredType(v: CellValue): ValueType {
  if (v === null) return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return ERROR_VALUES.includes(v) ? 'Error' : 'String';
}

/** The cells a merged area covers, counted against the cell limit before anything is built for it. */
export function mergeArea(m: CellRange): number {
  return (m.bottom - m.top + 1) * (m.right - m.left + 1);
}

export function worksheetSnapshot(ws: ExcelJS.Worksheet, date1904 = false, file = ''): SheetSnapshot {
  const cells = new SheetCells(file);
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).map(parseRange);
  for (const m of merges) cells.reserve(mergeArea(m) - 1);
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master !== cell) return;
      const conv = convert(cell.value, date1904);
      if (conv.value === null && !conv.formula) return;
      cells.add(r, c, conv.value, conv.type, cell.numFmt || 'General', conv.formula);
    });
  });
  return cells.snapshot(ws.name, merges);
}

export function workbookSnapshots(wb: ExcelJS.Workbook, file = ''): SheetSnapshot[] {
  const date1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
  return wb.worksheets
    .filter((ws) => ws.state !== 'veryHidden')
    .map((ws) => worksheetSnapshot(ws, date1904, file));
}
