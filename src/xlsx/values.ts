/**
 * Sheet snapshots read straight from the .xlsx (zip + XML), without building ExcelJS's model
 * of every cell and style: the one reading path of every command (src/cli/io.ts) and of a
 * push's target.
 *
 * It gives what ExcelJS plus worksheetSnapshot (src/xlsx/read.ts) give — text (rich text
 * joined, Excel's _xHHHH_ escapes read), numbers, dates as ExcelJS rounds them, booleans, error
 * text, cached formula results and the formulas, number formats, value types, merged areas —
 * with memory that follows the cells that exist (SheetCells) and a cell limit. Every part it
 * reads is inflated within limits (src/xlsx/zip.ts) and must be well-formed XML; a package that
 * is not a whole workbook is refused (WorkbookReadError), never read in part. Only XML with
 * prefixed element names is left to ExcelJS, given the checked parts it needs.
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
import {
  SheetCells,
  WorkbookReadError,
  dateToSerial,
  loadWorkbook,
  mergeArea,
  sniff,
  workbookSnapshots,
} from './read';
import { isWellFormed } from './wellformed';
import { ZipError, checkedPackage, unzip } from './zip';

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
const F = /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/;
const ADDRESS = /^([A-Z]+)(\d+)$/;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** A serial number as ExcelJS gives it after turning it into a Date and back: rounded to the millisecond. */
function dateSerial(v: number, date1904: boolean): number {
  const offset = date1904 ? 1462 : 0;
  return Math.round((v + offset - 25569) * 86400000) / 86400000 + 25569 - offset;
}

function sheetSnapshot(
  name: string,
  xml: string,
  shared: string[],
  formats: (string | undefined)[],
  date1904: boolean,
  file: string,
): SheetSnapshot {
  // Prefixed elements (<x:c>) are ExcelJS's to read.
  if (!/<sheetData[\s>/]/.test(xml)) throw new Unsupported();
  const merges: CellRange[] = [];
  for (const m of xml.matchAll(/<mergeCell\s([^>]*?)\/?>/g)) {
    try {
      merges.push(parseRange(attributes(m[1]).ref ?? ''));
    } catch {
      throw new WorkbookReadError('corrupt', file);
    }
  }
  const cells = new SheetCells(file);
  for (const m of merges) cells.reserve(mergeArea(m) - 1);
  /** Whether each style's format is a date format, asked once per style rather than once per cell. */
  const dates: boolean[] = [];
  /** Covered (non-master) cells of merged areas: ExcelJS drops their values. Their count is within the cell limit. */
  const covered = new Set<number>();
  const key = (r: number, c: number) => r * (MAX_COL + 1) + c;
  for (const m of merges)
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(key(r, c));
  for (const m of xml.matchAll(CELL)) {
    const attrs = m[1];
    const inner = m[2] ?? '';
    const at = ADDRESS.exec(attribute(attrs, 'r') ?? '');
    if (!at) throw new Unsupported();
    const t = attribute(attrs, 't');
    const formulaText = inner.includes('<f') ? F.exec(inner)?.[1] : undefined;
    const formula = formulaText ? `=${decode(formulaText)}` : null;
    let v: CellValue;
    let type: ValueType;
    const r = parseInt(at[2], 10);
    const c = columnNumber(at[1]);
    if (r < 1 || r > MAX_ROW || c < 1 || c > MAX_COL) throw new WorkbookReadError('corrupt', file);
    if (t === 'inlineStr') {
      if (!inner.includes('<is')) continue;
      v = joined(inner, sharedText);
      type = 'String';
    } else {
      const raw = V.exec(inner)?.[1];
      if (raw === undefined || raw === '') {
        if (!formula) continue;
        v = null;
        type = 'Empty';
      } else if (t === 's') {
        const s = shared[parseInt(raw, 10)];
        if (s === undefined) throw new WorkbookReadError('corrupt', file);
        v = s;
        type = 'String';
      } else if (t === 'str') {
        v = decode(raw);
        type = 'String';
      } else if (t === 'b') {
        v = parseInt(raw, 10) !== 0;
        type = 'Boolean';
      } else if (t === 'e') {
        v = decode(raw);
        type = 'Error';
      } else if (t === undefined || t === 'n') {
        v = Number(raw);
        if (!Number.isFinite(v)) throw new WorkbookReadError('corrupt', file);
        type = 'Double';
      } else if (t === 'd') {
        const d = Date.parse(decode(raw));
        if (Number.isNaN(d)) throw new WorkbookReadError('corrupt', file);
        v = dateToSerial(new Date(d), date1904);
        type = 'Double';
      } else throw new WorkbookReadError('corrupt', file);
    }
    if (covered.size && covered.has(key(r, c))) continue;
    const s = attribute(attrs, 's');
    const style = s && s !== '0' ? parseInt(s, 10) : 0;
    const format = style ? formats[style] : undefined;
    if (type === 'Double' && style && (dates[style] ??= isDateFormat(format)))
      v = dateSerial(v as number, date1904);
    cells.add(r, c, v, type, format || 'General', formula);
  }
  return cells.snapshot(name, merges);
}

/** Throws unless the XML is well-formed: a cut or garbled part is corrupt, never read in part. */
function wellFormed(xml: string, file: string): string {
  if (!isWellFormed(xml)) throw new WorkbookReadError('corrupt', file);
  return xml;
}

const CHART_SHEET = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet';

/**
 * Snapshots of a workbook's sheets (those named in `wanted`, or every one that is not
 * veryHidden, in tab order); null only when ExcelJS should read the workbook (XML with
 * prefixed element names). A package that is not a whole, well-formed workbook throws
 * WorkbookReadError, whichever sheets were asked for.
 */
export function fastSnapshots(zip: Buffer, wanted?: string[], file = ''): WorkbookSnapshots | null {
  try {
    const files = unzip(zip);
    const str = (path: string) => {
      const part = files.get(path)?.()?.toString('utf8');
      return part === undefined ? undefined : wellFormed(part, file);
    };
    const workbook = str('xl/workbook.xml');
    const rels = str('xl/_rels/workbook.xml.rels');
    if (!workbook || !rels) throw new WorkbookReadError('not-workbook', file);
    if (!/<sheets[\s>]/.test(workbook)) return null;
    const targets = new Map<string, { path: string; chart: boolean }>();
    for (const m of rels.matchAll(/<Relationship\s([^>]*?)\/?>/g)) {
      const a = attributes(m[1]);
      if (a.Id && a.Target)
        targets.set(a.Id, {
          path: a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`,
          chart: a.Type === CHART_SHEET,
        });
    }
    const sharedXml = str('xl/sharedStrings.xml') ?? '';
    // Phonetic runs (<rPh>) are a reading aid, not the text.
    const shared = [
      ...sharedXml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g),
    ].map((m) => joined(m[1] ?? '', sharedText));
    const formats = styleFormats(str('xl/styles.xml'));
    const date1904 = /<workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook);
    const sheets: string[] = [];
    const snapshots: SheetSnapshot[] = [];
    for (const m of workbook.matchAll(/<sheet\s([^>]*?)\/?>/g)) {
      const a = attributes(m[1]);
      if (a.name === undefined) throw new WorkbookReadError('corrupt', file);
      sheets.push(a.name);
      const target = targets.get(a['r:id']);
      if (!target) throw new WorkbookReadError('corrupt', file);
      // A chart sheet has no cells.
      if (target.chart) continue;
      if (wanted ? !wanted.includes(a.name) : a.state === 'veryHidden') continue;
      const xml = str(target.path);
      if (xml === undefined) throw new WorkbookReadError('corrupt', file);
      snapshots.push(sheetSnapshot(a.name, xml, shared, formats, date1904, file));
    }
    return { sheets, snapshots };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    if (e instanceof ZipError) throw new WorkbookReadError(e.kind, file);
    if (e instanceof WorkbookReadError) throw e;
    // A string or array too large for the engine: the part is too large to read.
    if (e instanceof RangeError) throw new WorkbookReadError('too-large', file);
    throw e;
  }
}

/** Parts a whole-workbook reader needs: never themes, pictures, embedded objects or VBA. */
export function readablePart(name: string): boolean {
  return !/^xl\/(?:theme|media|embeddings|printerSettings|activeX|customUI)\/|vbaProject\.bin$|^docProps\/thumbnail/.test(
    name,
  );
}

/**
 * The snapshots of a workbook's sheets: read straight from the file, or through ExcelJS when
 * its XML needs a full parser. Same snapshots, same errors (WorkbookReadError) either way, and
 * ExcelJS is only ever given parts that passed the size limits.
 */
export async function loadSnapshots(buf: Uint8Array, file: string): Promise<SheetSnapshot[]> {
  sniff(buf, file);
  const zip = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const fast = fastSnapshots(zip, undefined, file);
  if (fast) return fast.snapshots;
  return workbookSnapshots(await loadWorkbook(checkedWorkbook(zip, file, readablePart), file), file);
}

/**
 * The package with the parts `keep` names (all of them for a workbook that is written back),
 * each checked against the inflation limits before ExcelJS inflates it.
 */
export function checkedWorkbook(
  zip: Buffer,
  file: string,
  keep: (name: string) => boolean = () => true,
): Buffer {
  try {
    return checkedPackage(zip, keep);
  } catch (e) {
    if (e instanceof ZipError) throw new WorkbookReadError(e.kind, file);
    throw e;
  }
}

/**
 * The whole workbook in ExcelJS's model, to be written back: a file the snapshots were read
 * from but ExcelJS cannot take in is refused as such, not called corrupt.
 */
export async function rewritableWorkbook(zip: Buffer, file: string) {
  try {
    return await loadWorkbook(checkedWorkbook(zip, file), file);
  } catch (e) {
    if (e instanceof WorkbookReadError && e.reason === 'corrupt')
      throw new WorkbookReadError('cannot-rewrite', file);
    throw e;
  }
}
