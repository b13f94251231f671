/**
 * ExcelJS workbook → SheetSnapshot: the same snapshot the Office.js adapter produces
 * (values only in the top-left cell of a merged area, dates as serial numbers, cached
 * formula results, error values as their text with value type 'Error').
 */
import ExcelJS from 'exceljs';
import type { CellValue, SheetSnapshot, ValueType } from '../core/snapshot';
import { parseRange } from '../core/snapshot';
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
  outer: for (let i = 0; i + needle.length <= b.length; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Says why bytes are not a readable workbook, before ExcelJS is given them. */
export function sniff(b: Uint8Array, file: string): void {
  if (b.length >= 8 && OLE_MAGIC.every((x, i) => b[i] === x)) throw new WorkbookReadError(includes(b, ENCRYPTION_INFO) ? 'encrypted' : 'xls', file);
  if (b.length < 4 || b[0] !== 0x50 || b[1] !== 0x4b || b[2] !== 0x03 || b[3] !== 0x04) throw new WorkbookReadError('not-xlsx', file);
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
  if ('richText' in v) return { value: v.richText.map((t) => t.text).join(''), type: 'String', formula: null };
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
    const inner = convert((f.result ?? null) as ExcelJS.CellValue, date1904);
    const text = 'formula' in f && f.formula ? f.formula : 'sharedFormula' in f ? f.sharedFormula : '';
    return { ...inner, formula: text ? `=${text}` : null };
  }
  if ('text' in v) return { value: String((v as ExcelJS.CellHyperlinkValue).text), type: 'String', formula: null };
  return { value: String(v), type: 'Unknown', formula: null };
}

export function worksheetSnapshot(ws: ExcelJS.Worksheet, date1904 = false): SheetSnapshot {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  const cells: { r: number; c: number; conv: Converted; numFmt: string }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master !== cell) return;
      const conv = convert(cell.value, date1904);
      if (conv.value === null && !conv.formula) return;
      cells.push({ r, c, conv, numFmt: cell.numFmt || 'General' });
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    });
  });
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).map(parseRange);
  if (cells.length === 0) return { name: ws.name, origin: { row: 1, col: 1 }, values: [], merges };
  const rows = bottom - top + 1;
  const cols = right - left + 1;
  const values: CellValue[][] = Array.from({ length: rows }, () => new Array<CellValue>(cols).fill(null));
  const numberFormats: string[][] = Array.from({ length: rows }, () => new Array<string>(cols).fill('General'));
  const valueTypes: ValueType[][] = Array.from({ length: rows }, () => new Array<ValueType>(cols).fill('Empty'));
  const formulas: (string | null)[][] = Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null));
  for (const { r, c, conv, numFmt } of cells) {
    values[r - top][c - left] = conv.value;
    numberFormats[r - top][c - left] = numFmt;
    valueTypes[r - top][c - left] = conv.type;
    formulas[r - top][c - left] = conv.formula;
  }
  return { name: ws.name, origin: { row: top, col: left }, values, numberFormats, valueTypes, formulas, merges };
}

export function workbookSnapshots(wb: ExcelJS.Workbook): SheetSnapshot[] {
  const date1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
  return wb.worksheets.filter((ws) => ws.state !== 'veryHidden').map((ws) => worksheetSnapshot(ws, date1904));
}
