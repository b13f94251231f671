/**
 * .docx → SheetSnapshot (DESIGN.md section 15), pure over bytes so that the command line,
 * the task pane and the browser preview share it. JSZip inflates and saxes parses: both
 * already ship in the bundle through ExcelJS, so the reader adds no library of its own.
 *
 * The body becomes rows: a paragraph between tables is a one-cell row in column A, a table
 * row is a row with its cells at their grid columns (gridSpan and vMerge become merged
 * areas), a cell's paragraphs are joined with a new line and nested tables flow into them.
 * A table continued after a page break with its header rows repeated is one table.
 */
import JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { CellRange, CellValue, SheetSnapshot } from '../core/snapshot';
import type { DocxFailure } from '../i18n/docx';
import { DOCX_MESSAGES } from '../i18n/docx';

export class DocxReadError extends Error {
  constructor(
    readonly reason: DocxFailure,
    readonly file: string,
  ) {
    super(`${file}: ${DOCX_MESSAGES.mn[reason]}`);
    this.name = 'DocxReadError';
  }
}

/** The body part is refused beyond this many bytes inflated (a 100-page report is about 1 MB). */
const MAX_DOCUMENT_BYTES = 96 * 1024 * 1024;
/** …and beyond this ratio to the file's own size once past 8 MB: text compresses about 10:1, a zip bomb 1000:1. */
const MAX_INFLATE_RATIO = 200;
const RATIO_FLOOR = 8 * 1024 * 1024;
/** Rows × columns beyond which the document is not a plan (a sheet of this size would not open in Excel either). */
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** Cells of the laid-out sheet (rows × columns), so that one far-off cell cannot ask for gigabytes. */
const MAX_CELLS = 16_000_000;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** "EncryptedPackage" in UTF-16LE: the stream a password-protected OOXML file carries inside its OLE container. */
const ENCRYPTED_PACKAGE = [...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0]);

function includes(b: Uint8Array, needle: number[]): boolean {
  outer: for (let i = 0; i + needle.length <= b.length; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const WORD_PART = [...'word/document.xml'].map((ch) => ch.charCodeAt(0));

/**
 * Whether the command line hands a file to this reader rather than the workbook reader: by
 * its extension, and for a file named otherwise, a zip that holds a Word body.
 */
export function looksLikeWord(b: Uint8Array, file: string): boolean {
  if (/\.docx?$/i.test(file)) return true;
  if (/\.xls[xm]?$/i.test(file)) return false;
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && includes(b, WORD_PART);
}

const W_NS = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/**
 * Elements whose content is not the document's text: tracked deletions and moves away, field
 * instructions (a field's result runs stay), floating text boxes, the fallback copy of
 * alternate content, and footnote marks (their number would run into the cell's figure).
 */
const SKIPPED = new Set([
  'del',
  'moveFrom',
  'delText',
  'instrText',
  'delInstrText',
  'txbxContent',
  'footnoteReference',
  'endnoteReference',
]);

interface Cell {
  paragraphs: string[];
  col: number;
  span: number;
  /** 'restart' starts a vertical merge, 'continue' extends the one above, null is a plain cell. */
  vMerge: 'restart' | 'continue' | null;
}

interface Row {
  cells: Cell[];
  header: boolean;
  /** A row whose insertion was tracked and then deleted, or whose deletion is tracked: not part of the table. */
  deleted: boolean;
}

type Block = { kind: 'p'; text: string } | { kind: 'tbl'; rows: Row[] };

/** A streaming parser of the body into paragraphs and tables, in order. */
function bodyParser(file: string) {
  const blocks: Block[] = [];
  // Namespaces are resolved once, from the root element's declarations (where Word and
  // LibreOffice put them all): resolving them on every element was most of the parse time.
  const parser = new SaxesParser({ xmlns: false });
  let word: string | null = null;
  let fallback = '';
  let skip = 0;
  /** 1 inside a body table; more inside nested tables, whose paragraphs flow into the body table's cell. */
  let depth = 0;
  let table: Row[] | null = null;
  let row: Row | null = null;
  let before = 0;
  let cell: Cell | null = null;
  let para: string | null = null;
  let inText = false;
  let refused: DocxReadError | null = null;

  /** The local name of a WordprocessingML element, null for any other. */
  const wordName = (name: string): string | null => {
    if (word === null) return null;
    if (word === '') return name.includes(':') ? null : name;
    return name.length > word.length && name.charCodeAt(word.length) === 58 && name.startsWith(word)
      ? name.slice(word.length + 1)
      : null;
  };
  const attr = (tag: SaxesTagPlain, name: string): string | undefined =>
    tag.attributes[word ? `${word}:${name}` : name];
  const declare = (tag: SaxesTagPlain) => {
    for (const [key, uri] of Object.entries(tag.attributes)) {
      if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
      const prefix = key === 'xmlns' ? '' : key.slice(6);
      if (W_NS.has(uri)) word = prefix;
      else if (uri === MC_NS) fallback = `${prefix}:Fallback`;
    }
  };

  // A DOCTYPE is where entity declarations (billion laughs, external entities) live; Word never writes one.
  parser.on('doctype', () => {
    refused = new DocxReadError('unsafe', file);
    throw refused;
  });
  parser.on('opentag', (tag) => {
    if (word === null) declare(tag);
    // saxes closes a self-closing element too, so every element inside a skipped one counts.
    if (skip > 0) {
      skip++;
      return;
    }
    const name = wordName(tag.name);
    // A tracked deletion of a whole row is marked inside the row's properties.
    if (name === 'del' && depth === 1 && row && cell === null) {
      row.deleted = true;
      skip = 1;
      return;
    }
    if ((fallback !== '' && tag.name === fallback) || (name !== null && SKIPPED.has(name))) {
      skip = 1;
      return;
    }
    if (name === null) return;
    switch (name) {
      case 'tbl':
        depth++;
        if (depth === 1) table = [];
        break;
      case 'tr':
        if (depth === 1) {
          row = { cells: [], header: false, deleted: false };
          before = 0;
        }
        break;
      case 'tblHeader':
        if (depth === 1 && row) row.header = !['false', '0', 'off'].includes(attr(tag, 'val') ?? 'true');
        break;
      case 'gridBefore':
        if (depth === 1 && row) before = Math.max(0, Math.min(MAX_COLS, Number(attr(tag, 'val')) || 0));
        break;
      case 'tc':
        if (depth === 1 && row) {
          const last = row.cells[row.cells.length - 1];
          cell = { paragraphs: [], col: last ? last.col + last.span : 1 + before, span: 1, vMerge: null };
        }
        break;
      case 'gridSpan':
        if (depth === 1 && cell) cell.span = Math.max(1, Math.min(MAX_COLS, Number(attr(tag, 'val')) || 1));
        break;
      case 'vMerge':
        if (depth === 1 && cell) cell.vMerge = attr(tag, 'val') === 'restart' ? 'restart' : 'continue';
        break;
      case 'p':
        para = '';
        break;
      case 't':
        inText = para !== null;
        break;
      case 'tab':
        // A tab stop inside pPr is not a tab character; in a run it is.
        if (para !== null && !attr(tag, 'pos')) para += '\t';
        break;
      case 'br':
      case 'cr':
        if (para !== null && attr(tag, 'type') !== 'page' && attr(tag, 'type') !== 'column') para += '\n';
        break;
      case 'noBreakHyphen':
        if (para !== null) para += '-';
        break;
    }
  });
  parser.on('text', (s) => {
    if (inText && skip === 0) para += s;
  });
  parser.on('closetag', (tag) => {
    if (skip > 0) {
      skip--;
      return;
    }
    const name = wordName(tag.name);
    switch (name) {
      case 't':
        inText = false;
        break;
      case 'p':
        if (para === null) break;
        if (depth === 0) blocks.push({ kind: 'p', text: para });
        else if (cell) cell.paragraphs.push(para);
        para = null;
        break;
      case 'tc':
        if (depth === 1 && row && cell) row.cells.push(cell);
        if (depth === 1) cell = null;
        break;
      case 'tr':
        if (depth === 1 && table && row && !row.deleted) table.push(row);
        if (depth === 1) row = null;
        break;
      case 'tbl':
        if (depth === 1 && table) blocks.push({ kind: 'tbl', rows: table });
        if (depth === 1) table = null;
        depth--;
        break;
    }
  });
  const failed = () => refused ?? new DocxReadError('corrupt', file);
  return {
    write(s: string) {
      try {
        parser.write(s);
      } catch {
        throw failed();
      }
    },
    close(): Block[] {
      try {
        parser.close();
      } catch {
        throw failed();
      }
      return blocks;
    },
  };
}

/** A cell's text: its paragraphs joined with a new line, without the empty ones around them. */
function cellText(paragraphs: string[]): string {
  let a = 0;
  let b = paragraphs.length;
  while (a < b && paragraphs[a].trim() === '') a++;
  while (b > a && paragraphs[b - 1].trim() === '') b--;
  return paragraphs.slice(a, b).join('\n');
}

const rowKey = (r: Row) => JSON.stringify(r.cells.map((c) => [c.col, c.span, cellText(c.paragraphs)]));

/**
 * How many leading rows of `next` repeat the header of `table`: its rows marked to repeat on
 * every page, or else its leading rows as far as they are equal. 0 when `next` is another table.
 */
function repeatedHeader(table: Row[], next: Row[]): number {
  const marked = table.findIndex((r) => !r.header);
  const header = marked > 0 ? marked : table.length;
  let k = 0;
  while (k < header && k < next.length - 1 && rowKey(table[k]) === rowKey(next[k])) k++;
  if (k === 0) return 0;
  // A lone repeated row must carry a header's worth of cells, not be a blank or a one-cell title.
  return table[0].cells.filter((c) => cellText(c.paragraphs) !== '').length >= 2 ? k : 0;
}

/** Joins a table continued after a page break (blank paragraphs between, its header repeated) to the table it continues. */
function joinContinued(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (b.kind === 'tbl') {
      let i = out.length - 1;
      while (i >= 0 && out[i].kind === 'p' && (out[i] as { text: string }).text.trim() === '') i--;
      const prev = out[i];
      if (prev?.kind === 'tbl') {
        const k = repeatedHeader(prev.rows, b.rows);
        if (k > 0) {
          out.length = i + 1;
          prev.rows.push(...b.rows.slice(k));
          continue;
        }
      }
    }
    out.push(b);
  }
  return out;
}

/** Text as Excel keeps it when typed: a plain decimal number becomes a number when that loses nothing ("1.10" and "007" stay text). */
function typed(text: string): CellValue {
  if (text.trim() === '') return null;
  if (/^-?\d{1,15}(\.\d{1,15})?$/.test(text) && String(Number(text)) === text) return Number(text);
  return text;
}

function layout(name: string, blocks: Block[], file: string): SheetSnapshot {
  const cells: { r: number; c: number; v: CellValue }[] = [];
  const merges: CellRange[] = [];
  let r = 0;
  for (const b of blocks) {
    if (b.kind === 'p') {
      r++;
      cells.push({ r, c: 1, v: typed(b.text) });
      continue;
    }
    /** Vertical merges still open, by their left column. */
    const open = new Map<number, CellRange>();
    for (const row of b.rows) {
      r++;
      for (const c of row.cells) {
        const right = c.col + c.span - 1;
        if (c.vMerge === 'continue' && open.get(c.col)?.right === right) {
          open.get(c.col)!.bottom = r;
          continue;
        }
        const area = { top: r, left: c.col, bottom: r, right };
        if (c.vMerge !== null) open.set(c.col, area);
        else open.delete(c.col);
        merges.push(area);
        cells.push({ r, c: c.col, v: typed(cellText(c.paragraphs)) });
      }
    }
  }
  if (r > MAX_ROWS) throw new DocxReadError('too-large', file);
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const x of cells) {
    if (x.v === null) continue;
    top = Math.min(top, x.r);
    left = Math.min(left, x.c);
    bottom = Math.max(bottom, x.r);
    right = Math.max(right, x.c);
  }
  const areas = merges.filter((m) => m.bottom > m.top || m.right > m.left);
  if (bottom === 0) return { name, origin: { row: 1, col: 1 }, values: [], merges: areas };
  if (right > MAX_COLS || (bottom - top + 1) * (right - left + 1) > MAX_CELLS)
    throw new DocxReadError('too-large', file);
  const values: CellValue[][] = Array.from({ length: bottom - top + 1 }, () =>
    new Array<CellValue>(right - left + 1).fill(null),
  );
  for (const x of cells) if (x.v !== null) values[x.r - top][x.c - left] = x.v;
  return { name, origin: { row: top, col: left }, values, merges: areas };
}

/** JSZip's documented streaming access to one entry's inflated bytes (absent from its type declarations). */
interface StreamHelper {
  on(event: 'data', f: (chunk: Uint8Array) => void): StreamHelper;
  on(event: 'error', f: (e: Error) => void): StreamHelper;
  on(event: 'end', f: () => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}

/** Inflates the body part chunk by chunk into the parser, refusing past the stated limits instead of inflating a zip bomb. */
function inflateInto(
  entry: JSZip.JSZipObject,
  size: number,
  sink: (s: string) => void,
  file: string,
): Promise<void> {
  const stream = (entry as unknown as { internalStream(type: 'uint8array'): StreamHelper }).internalStream(
    'uint8array',
  );
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let total = 0;
  return new Promise((resolve, reject) => {
    let finished = false;
    const fail = (e: unknown) => {
      if (finished) return;
      finished = true;
      stream.pause();
      reject(e instanceof DocxReadError ? e : new DocxReadError('corrupt', file));
    };
    stream
      .on('data', (chunk) => {
        if (finished) return;
        total += chunk.length;
        if (total > MAX_DOCUMENT_BYTES || (total > RATIO_FLOOR && total / size > MAX_INFLATE_RATIO))
          return fail(new DocxReadError('too-large', file));
        try {
          sink(decoder.decode(chunk, { stream: true }));
        } catch (e) {
          fail(e);
        }
      })
      .on('error', fail)
      .on('end', () => {
        if (finished) return;
        try {
          sink(decoder.decode());
          finished = true;
          resolve();
        } catch (e) {
          fail(e);
        }
      })
      .resume();
  });
}

/** The sheet name a document gets: its file name without the folder and extension, as Excel allows a tab name. */
function docxSheetName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const name = base
    .replace(/\.docx$/i, '')
    .replace(/[:\\/?*[\]]/g, '_')
    .slice(0, 31)
    .trim();
  return name || 'Word';
}

/** Reads a .docx into one snapshot named after the file; every failure is a DocxReadError. */
export async function readDocx(bytes: Uint8Array, file: string): Promise<SheetSnapshot> {
  if (bytes.length >= 8 && OLE_MAGIC.every((x, i) => bytes[i] === x))
    throw new DocxReadError(includes(bytes, ENCRYPTED_PACKAGE) ? 'encrypted' : 'doc', file);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new DocxReadError(bytes.length === 0 ? 'corrupt' : 'not-docx', file);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new DocxReadError('corrupt', file);
  }
  const body = zip.file('word/document.xml');
  if (!body) throw new DocxReadError('not-docx', file);
  const parser = bodyParser(file);
  await inflateInto(body, bytes.length, (s) => parser.write(s), file);
  const blocks = joinContinued(parser.close());
  if (!blocks.some((b) => b.kind === 'tbl')) throw new DocxReadError('no-table', file);
  return layout(docxSheetName(file), blocks, file);
}
