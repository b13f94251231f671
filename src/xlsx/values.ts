/**
 * Sheet snapshots read straight from the .xlsx (zip + XML), without building ExcelJS's model
 * of every cell and style — several times faster, for the commands that only read: the
 * consolidation reads 60 workbooks, and a push reads the target's own sheets back.
 *
 * It gives exactly what ExcelJS plus worksheetSnapshot (src/xlsx/read.ts) give — text (rich
 * text joined), numbers, booleans, error text, number formats, value types, merged areas, the
 * used range — and answers null, so that the caller reads the workbook with ExcelJS, for
 * anything it does not read alike: formulas, dates and date formats, hyperlinks, phonetic runs,
 * cells without addresses, strict or unusual XML.
 *
 * Node only (zlib): the browser preview reads through ExcelJS.
 */
import {
  columnNumber,
  parseRange,
  type CellRange,
  type CellValue,
  type SheetSnapshot,
  type ValueType,
} from '../core/snapshot';
import { loadWorkbook, sniff, workbookSnapshots } from './read';
import { unzip } from './zip';

export interface WorkbookSnapshots {
  /** Every sheet of the workbook, in tab order (veryHidden ones too). */
  sheets: string[];
  /** Snapshots of the asked-for sheets that exist (all visible and hidden ones when none are named). */
  snapshots: SheetSnapshot[];
}

/** A snapshot is not possible without ExcelJS: the caller falls back to it. */
class Unsupported extends Error {}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ESCAPED = /_x([0-9A-F]{4})_/g;

function decode(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_, dec: string, hex: string, name: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : NAMED[name],
  );
}

/** Text of a shared string's <t> elements, as ExcelJS reads them (entities, then Excel's _xHHHH_ escapes). */
function sharedText(s: string): string {
  const t = decode(s);
  return t.indexOf('_x') < 0 ? t : t.replace(ESCAPED, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTRIBUTE = /([\w:]+)="([^"]*)"/g;

function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTRIBUTE)) out[m[1]] = decode(m[2]);
  return out;
}

/** One attribute of a start tag, without parsing the others (cells are many). */
function attribute(attrs: string, name: string): string | undefined {
  const at = attrs.indexOf(` ${name}="`);
  if (at < 0) return undefined;
  const start = at + name.length + 3;
  return decode(attrs.slice(start, attrs.indexOf('"', start)));
}

const T_ELEMENT = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;

function joined(xml: string, read: (s: string) => string): string {
  let out = '';
  for (const m of xml.matchAll(T_ELEMENT)) if (m[1] !== undefined) out += read(m[1]);
  return out;
}

/** ExcelJS's built-in formats (lib/xlsx/defaultnumformats.js, the ids with a format code). */
const BUILT_IN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** ExcelJS's test for a date format (utils.isDateFmt): its numbers become dates, which this reader leaves to ExcelJS. */
function isDateFormat(f: string | undefined): boolean {
  return !!f && /[ymdhMsb]+/.test(f.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** The number format of each cellXfs style, as ExcelJS gives it to a cell (undefined: General). */
function styleFormats(styles: string | undefined): (string | undefined)[] {
  if (!styles) return [];
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\s([^>]*?)\/?>/g)) {
    const a = attributes(m[1]);
    custom.set(parseInt(a.numFmtId, 10), (a.formatCode ?? '').replace(/[\\](.)/g, '$1'));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b([^>]*?)\/?>/g)].map((m) => {
    const id = parseInt(attributes(m[1]).numFmtId ?? '0', 10);
    return id ? custom.get(id) || BUILT_IN[id] : undefined;
  });
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const V = /<v>([\s\S]*?)<\/v>/;
const ADDRESS = /^([A-Z]+)(\d+)$/;

function sheetSnapshot(
  name: string,
  xml: string,
  shared: string[],
  formats: (string | undefined)[],
): SheetSnapshot {
  // Prefixed elements (<x:c>), formulas and hyperlinks are ExcelJS's to read.
  if (!/<sheetData[\s>/]/.test(xml) || /<hyperlink\b|<f[\s>/]/.test(xml)) throw new Unsupported();
  const merges: CellRange[] = [...xml.matchAll(/<mergeCell\s([^>]*?)\/?>/g)].map((m) =>
    parseRange(attributes(m[1]).ref ?? ''),
  );
  /** Covered (non-master) cells of merged areas: ExcelJS drops their values. */
  const covered = new Set<number>();
  const key = (r: number, c: number) => r * 0x10000 + c;
  if (merges.some((m) => (m.bottom - m.top + 1) * (m.right - m.left + 1) > 100_000)) throw new Unsupported();
  for (const m of merges)
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(key(r, c));
  const cells: { r: number; c: number; v: CellValue; type: ValueType; format: string }[] = [];
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const m of xml.matchAll(CELL)) {
    const attrs = m[1];
    const inner = m[2] ?? '';
    const at = ADDRESS.exec(attribute(attrs, 'r') ?? '');
    if (!at) throw new Unsupported();
    const t = attribute(attrs, 't');
    let v: CellValue;
    let type: ValueType;
    if (t === 'inlineStr') {
      if (!inner.includes('<is')) continue;
      v = joined(inner, decode);
      if (v.includes('_x') || v === '') throw new Unsupported();
      type = 'String';
    } else {
      const raw = V.exec(inner)?.[1];
      if (raw === undefined || raw === '') continue;
      if (t === 's') {
        const s = shared[parseInt(raw, 10)];
        if (s === undefined) throw new Unsupported();
        v = s;
        type = 'String';
      } else if (t === 'str') {
        v = decode(raw);
        if (v.includes('&')) throw new Unsupported();
        type = 'String';
      } else if (t === 'b') {
        v = parseInt(raw, 10) !== 0;
        type = 'Boolean';
      } else if (t === 'e') {
        v = decode(raw);
        type = 'Error';
      } else if (t === undefined || t === 'n') {
        v = parseFloat(raw);
        type = 'Double';
      } else throw new Unsupported();
    }
    const r = parseInt(at[2], 10);
    const c = columnNumber(at[1]);
    if (covered.size && covered.has(key(r, c))) continue;
    const s = attribute(attrs, 's');
    const format = s && s !== '0' ? formats[parseInt(s, 10)] : undefined;
    if (type === 'Double' && isDateFormat(format)) throw new Unsupported();
    cells.push({ r, c, v, type, format: format || 'General' });
    if (r < top) top = r;
    if (c < left) left = c;
    if (r > bottom) bottom = r;
    if (c > right) right = c;
  }
  if (cells.length === 0) return { name, origin: { row: 1, col: 1 }, values: [], merges };
  const h = bottom - top + 1;
  const w = right - left + 1;
  const values = Array.from({ length: h }, () => new Array<CellValue>(w).fill(null));
  const numberFormats = Array.from({ length: h }, () => new Array<string>(w).fill('General'));
  const valueTypes = Array.from({ length: h }, () => new Array<ValueType>(w).fill('Empty'));
  const formulas = Array.from({ length: h }, () => new Array<string | null>(w).fill(null));
  for (const { r, c, v, type, format } of cells) {
    values[r - top][c - left] = v;
    numberFormats[r - top][c - left] = format;
    valueTypes[r - top][c - left] = type;
  }
  return { name, origin: { row: top, col: left }, values, numberFormats, valueTypes, formulas, merges };
}

/**
 * Snapshots of a workbook's sheets (those named in `wanted`, or every one that is not
 * veryHidden, in tab order), or null when ExcelJS should read the workbook.
 */
export function fastSnapshots(zip: Buffer, wanted?: string[]): WorkbookSnapshots | null {
  try {
    const files = unzip(zip);
    const str = (path: string) => files.get(path)?.()?.toString('utf8');
    const workbook = str('xl/workbook.xml');
    const rels = str('xl/_rels/workbook.xml.rels');
    if (!workbook || !rels || !/<sheets>/.test(workbook)) return null;
    const targets = new Map<string, string>();
    for (const m of rels.matchAll(/<Relationship\s([^>]*?)\/?>/g)) {
      const a = attributes(m[1]);
      if (a.Id && a.Target)
        targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
    }
    const sharedXml = str('xl/sharedStrings.xml') ?? '';
    if (sharedXml.includes('<rPh')) return null;
    const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) =>
      joined(m[1] ?? '', sharedText),
    );
    const formats = styleFormats(str('xl/styles.xml'));
    const sheets: string[] = [];
    const snapshots: SheetSnapshot[] = [];
    for (const m of workbook.matchAll(/<sheet\s([^>]*?)\/?>/g)) {
      const a = attributes(m[1]);
      if (a.name === undefined) return null;
      sheets.push(a.name);
      if (wanted ? !wanted.includes(a.name) : a.state === 'veryHidden') continue;
      const xml = str(targets.get(a['r:id']) ?? '');
      if (xml === undefined) return null;
      snapshots.push(sheetSnapshot(a.name, xml, shared, formats));
    }
    return { sheets, snapshots };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    return null;
  }
}

/**
 * The snapshots of a workbook's sheets: read straight from the file when possible, else through
 * ExcelJS. Same snapshots, same errors (WorkbookReadError) either way.
 */
export async function loadSnapshots(buf: Uint8Array, file: string): Promise<SheetSnapshot[]> {
  sniff(buf, file);
  const fast = fastSnapshots(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
  if (fast) return fast.snapshots;
  return workbookSnapshots(await loadWorkbook(buf, file));
}
