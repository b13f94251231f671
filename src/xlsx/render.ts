/**
 * Writes a WritePlan applied to an empty workbook straight to .xlsx bytes, without ExcelJS:
 * building ExcelJS's model of every cell and style, rendering it and zipping it through JSZip
 * were most of the time of pushing 9,000 rows into a new target. Each op means what
 * src/xlsx/apply.ts makes of it on a new ExcelJS workbook, and the file reads back as the one
 * ExcelJS writes (tests/xlsx/render.test.ts), but where ExcelJS writes it wrongly:
 *  - characters XML cannot hold (control characters, a carriage return, U+FFFE) stay in text as
 *    Excel's `_xHHHH_` escapes, and text that looks like such an escape is escaped itself;
 *    ExcelJS drops the control characters, writes U+FFFE raw and lets the look-alikes decode;
 *  - a column 9 wide keeps its width (ExcelJS takes 9 for its default and leaves it out);
 *  - a selection without frozen panes is kept (ExcelJS leaves it out);
 *  - an apostrophe in a sheet name is doubled in the print titles' reference;
 *  - conditional format priorities are unique in a sheet (ExcelJS numbers each range from 1).
 *
 * Node only (Buffer, zlib): the browser preview writes through ExcelJS.
 */
import { cellAddress, columnLetter, rangeAddress, type CellRange, type CellValue } from '../core/snapshot';
import {
  PRINT_MARGINS,
  bucketFormula,
  type BorderStyle,
  type OpOf,
  type WriteOp,
  type WritePlan,
} from '../core/writeplan';
import { ZipWriter } from './zip';
import { PACKAGE_REL, REL, TYPE } from './ooxml';
import { STATE_PROPS_TYPE, STATE_REL, assemble, checkOf, keptIndexes, type BlockedSheet } from './blocks';
import type { PartCheck } from '../core/repush';
import { excelEscape } from './escape';

interface Font {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
}

interface Alignment {
  horizontal?: string;
  vertical?: string;
  wrapText?: boolean;
}

/** A cell's style. Never changed once made: restyling replaces it, so cells styled alike share one. */
interface Style {
  numFmt?: string;
  font?: Font;
  /** ARGB of a solid fill. */
  fill?: string;
  border?: BorderStyle;
  alignment?: Alignment;
}

const UNSTYLED: Style = {};

class Formula {
  constructor(readonly text: string) {}
}

/** The value of a covered cell of a merged area: its master's (ExcelJS writes to the master). */
class Covered {
  constructor(
    readonly row: number,
    readonly col: number,
  ) {}
}

type Value = CellValue | undefined | Formula | Covered;

class Row {
  /** A cell exists where it has a style (UNSTYLED for none): ExcelJS creates every cell an op touches. */
  styles: Style[] = [];
  values: Value[] = [];
  height = 0;
}

type Rule = { type: 'expression'; formula: string; fill: string } | { type: 'dataBar'; color: string };

interface View {
  frozen?: { xSplit: number; ySplit: number };
  activeCell?: string;
}

const MARGINS = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };

/** ExcelJS's page setup of a new sheet, and what printSetup changes in it. */
interface Page {
  paperSize?: number;
  orientation: 'portrait' | 'landscape';
  fitToPage: boolean;
  fitToHeight: number;
  horizontalCentered: boolean;
  margins: typeof MARGINS;
  repeatRows?: { from: number; to: number };
  printArea?: CellRange;
}

class Sheet {
  rows: Row[] = [];
  merges: CellRange[] = [];
  widths: number[] = [];
  view?: View;
  autoFilter?: string;
  conditional: { ref: string; rules: Rule[] }[] = [];
  page: Page = {
    orientation: 'portrait',
    fitToPage: false,
    fitToHeight: 1,
    horizontalCentered: false,
    margins: MARGINS,
  };

  constructor(readonly name: string) {}

  row(r: number): Row {
    return (this.rows[r] ??= new Row());
  }

  /** The row of a cell, the cell made if new. */
  cell(r: number, c: number): Row {
    const row = this.row(r);
    if (row.styles[c] === undefined) row.styles[c] = UNSTYLED;
    return row;
  }

  setValue(r: number, c: number, v: Value) {
    const row = this.cell(r, c);
    const now = row.values[c];
    if (now instanceof Covered) this.setValue(now.row, now.col, v);
    else row.values[c] = v;
  }

  /** Gives each cell of the range `change` of its style: one new style per distinct old one. */
  restyle(r: CellRange, change: (s: Style) => Style) {
    const made = new Map<Style, Style>();
    let from: Style | undefined;
    let to = UNSTYLED;
    for (let i = r.top; i <= r.bottom; i++) {
      const styles = this.row(i).styles;
      for (let j = r.left; j <= r.right; j++) {
        const old = styles[j] ?? UNSTYLED;
        if (old !== from) {
          from = old;
          to = made.get(old) ?? change(old);
          made.set(old, to);
        }
        styles[j] = to;
      }
    }
  }

  /** apply.ts's merge: an area already merged stays; overlapping ones are unmerged first. */
  merge(r: CellRange) {
    const want = rangeAddress(r);
    if (this.merges.some((m) => rangeAddress(m) === want)) return;
    const overlaps = (m: CellRange) =>
      !(m.bottom < r.top || m.top > r.bottom || m.right < r.left || m.left > r.right);
    for (const m of this.merges.filter(overlaps))
      // Covered cells come back empty and unstyled; the master keeps its value and style.
      for (let i = m.top; i <= m.bottom; i++)
        for (let j = m.left; j <= m.right; j++) {
          const row = this.row(i);
          if (row.values[j] instanceof Covered) {
            row.values[j] = null;
            row.styles[j] = UNSTYLED;
          }
        }
    this.merges = this.merges.filter((m) => !overlaps(m));
    if (r.top === r.bottom && r.left === r.right) return;
    const style = this.cell(r.top, r.left).styles[r.left];
    const covered = new Covered(r.top, r.left);
    for (let i = r.top; i <= r.bottom; i++)
      for (let j = r.left; j <= r.right; j++) {
        if (i === r.top && j === r.left) continue;
        const row = this.row(i);
        row.values[j] = covered;
        row.styles[j] = style;
      }
    this.merges.push({ ...r });
  }
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

function checkName(sheets: Sheet[], name: string) {
  const bad =
    !name ||
    name.length > 31 ||
    name === 'History' ||
    /[*?:/\\[\]]/.test(name) ||
    /^'|'$/.test(name) ||
    sheets.some((s) => s.name.toLowerCase() === name.toLowerCase());
  if (bad) throw new Error(`not a sheet name Excel accepts: ${name}`);
}

function sheetOf(sheets: Sheet[], name: string): Sheet {
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new Error(`write plan names a sheet that does not exist: ${name}`);
  return s;
}

/** Replaces the conditional formats of the same kind on exactly this range, as apply.ts does. */
function setConditional(sheet: Sheet, range: CellRange, rules: Rule[]) {
  const ref = rangeAddress(range);
  sheet.conditional = sheet.conditional.filter(
    (cf) => cf.ref !== ref || cf.rules[0]?.type !== rules[0]?.type,
  );
  sheet.conditional.push({ ref, rules });
}

const HANDLERS: { [K in WriteOp['op']]: (sheets: Sheet[], op: OpOf<K>) => void } = {
  addSheet(sheets, op) {
    const at = sheets.findIndex((s) => s.name === op.sheet);
    if (at < 0) {
      checkName(sheets, op.sheet);
      sheets.push(new Sheet(op.sheet));
    } else if (op.clear) sheets[at] = new Sheet(op.sheet);
  },
  setValues(sheets, op) {
    const sheet = sheetOf(sheets, op.sheet);
    op.values.forEach((row, i) => row.forEach((v, j) => sheet.setValue(op.row + i, op.col + j, v)));
  },
  setFormulas(sheets, op) {
    const sheet = sheetOf(sheets, op.sheet);
    op.formulas.forEach((row, i) =>
      row.forEach((f, j) => sheet.setValue(op.row + i, op.col + j, new Formula(f.replace(/^=/, '')))),
    );
  },
  setNumberFormat(sheets, op) {
    sheetOf(sheets, op.sheet).restyle(op.range, (s) => ({ ...s, numFmt: op.format }));
  },
  setFont(sheets, op) {
    sheetOf(sheets, op.sheet).restyle(op.range, (s) => {
      const font = { ...s.font };
      if (op.bold !== undefined) font.bold = op.bold;
      if (op.italic !== undefined) font.italic = op.italic;
      if (op.size !== undefined) font.size = op.size;
      if (op.color !== undefined) font.color = argb(op.color);
      return { ...s, font };
    });
  },
  setFill(sheets, op) {
    sheetOf(sheets, op.sheet).restyle(op.range, (s) => ({ ...s, fill: argb(op.color) }));
  },
  setBorders(sheets, op) {
    sheetOf(sheets, op.sheet).restyle(op.range, (s) => ({ ...s, border: op.style }));
  },
  setAlignment(sheets, op) {
    sheetOf(sheets, op.sheet).restyle(op.range, (s) => {
      const alignment = { ...s.alignment };
      if (op.horizontal) alignment.horizontal = op.horizontal;
      if (op.vertical) alignment.vertical = op.vertical;
      if (op.wrap !== undefined) alignment.wrapText = op.wrap;
      return { ...s, alignment };
    });
  },
  merge(sheets, op) {
    sheetOf(sheets, op.sheet).merge(op.range);
  },
  setColumnWidth(sheets, op) {
    sheetOf(sheets, op.sheet).widths[op.col] = op.width;
  },
  setRowHeight(sheets, op) {
    sheetOf(sheets, op.sheet).row(op.row).height = op.height;
  },
  freeze(sheets, op) {
    sheetOf(sheets, op.sheet).view = { frozen: { xSplit: op.cols, ySplit: op.rows } };
  },
  addTable(sheets, op) {
    sheetOf(sheets, op.sheet).autoFilter = rangeAddress({ ...op.range, bottom: op.range.top });
  },
  bucketColors(sheets, op) {
    const rules: Rule[] = op.rules.map((r) => ({
      type: 'expression',
      formula: bucketFormula(op.range, r),
      fill: argb(r.color),
    }));
    setConditional(sheetOf(sheets, op.sheet), op.range, rules);
  },
  dataBar(sheets, op) {
    setConditional(sheetOf(sheets, op.sheet), op.range, [{ type: 'dataBar', color: argb(op.color) }]);
  },
  addChart() {
    // No chart in the file, as with ExcelJS: the plan's data bars and bucket colours stand in.
  },
  printSetup(sheets, op) {
    const sheet = sheetOf(sheets, op.sheet);
    sheet.page = {
      ...sheet.page,
      paperSize: 9,
      orientation: op.orientation,
      fitToPage: op.fitToWidth,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: PRINT_MARGINS,
      ...(op.repeatRows ? { repeatRows: op.repeatRows } : {}),
      ...(op.printArea ? { printArea: op.printArea } : {}),
    };
  },
  select(sheets, op) {
    const sheet = sheetOf(sheets, op.sheet);
    sheet.view = { ...sheet.view, activeCell: cellAddress(op.range.top, op.range.left) };
  },
};

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const MARKUP = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** For attributes and formulas: markup escaped, characters XML cannot hold dropped (no escape exists there). */
function xml(s: string): string {
  return s.replace(MARKUP, (ch) => ENTITIES[ch] ?? '');
}

/** For cell text: markup escaped, the rest as Excel's `_xHHHH_` (an underscore that starts a look-alike too). */
const MARKUP_CHARS = /[&<>"']/;

function text(s: string): string {
  const e = excelEscape(s);
  return MARKUP_CHARS.test(e) ? e.replace(/[&<>"']/g, (ch) => ENTITIES[ch]) : e;
}

/** Distinct XML fragments (fonts, fills, …) and their indexes. */
class Table {
  readonly items: string[] = [];
  private readonly ids = new Map<string, number>();

  /** `kept` are the items a target already has, each at its own index (duplicates too). */
  constructor(initial: string[], kept: string[] = []) {
    for (const x of kept) {
      if (!this.ids.has(x)) this.ids.set(x, this.items.length);
      this.items.push(x);
    }
    for (const x of initial) this.id(x);
  }

  id(x: string): number {
    let i = this.ids.get(x);
    if (i === undefined) {
      i = this.items.push(x) - 1;
      this.ids.set(x, i);
    }
    return i;
  }

  xml(tag: string): string {
    return `<${tag} count="${this.items.length}">${this.items.join('')}</${tag}>`;
  }
}

const VERTICAL: Record<string, string> = { middle: 'center' };
const FIRST_CUSTOM_FORMAT = 164;

/**
 * The styles a target workbook already has (src/xlsx/patch.ts): a sheet rendered into it uses
 * them where they are the same and appends the rest, so the indices its other sheets use stay valid.
 */
export interface StyleBase {
  fonts: string[];
  fills: string[];
  borders: string[];
  xfs: string[];
  dxfs: string[];
  /** Number format codes to their ids. */
  formats: Map<string, number>;
}

/** What a render appended to a StyleBase, as XML items in index order. */
export interface StyleAdditions {
  formats: string[];
  fonts: string[];
  fills: string[];
  borders: string[];
  xfs: string[];
  dxfs: string[];
}

export class Styles {
  private readonly formats: Map<string, number>;
  private readonly firstFormat: number;
  private readonly fonts: Table;
  private readonly fills: Table;
  private readonly borders: Table;
  private readonly xfs: Table;
  private readonly dxfs: Table;
  private readonly attrs = new Map<Style, string>();

  constructor(private readonly base?: StyleBase) {
    if (base) {
      // Index 0 of each is the target's own default: an unstyled cell looks like its other cells.
      this.fonts = new Table([], base.fonts);
      this.fills = new Table([], base.fills);
      this.borders = new Table([], base.borders);
      this.xfs = new Table([], base.xfs);
      this.dxfs = new Table([], base.dxfs);
      this.formats = new Map(base.formats);
      this.firstFormat = Math.max(FIRST_CUSTOM_FORMAT - 1, ...base.formats.values()) + 1;
      return;
    }
    this.formats = new Map();
    this.firstFormat = FIRST_CUSTOM_FORMAT;
    // ExcelJS's default font, the body font of the theme: ExcelJS reads it into every styled cell.
    this.fonts = new Table([
      '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
    ]);
    this.fills = new Table([
      '<fill><patternFill patternType="none"/></fill>',
      '<fill><patternFill patternType="gray125"/></fill>',
    ]);
    this.borders = new Table(['<border><left/><right/><top/><bottom/><diagonal/></border>']);
    this.xfs = new Table(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
    this.dxfs = new Table([]);
  }

  /** The ` s="n"` of a cell with this style ('' for the default). */
  attr(s: Style): string {
    let a = this.attrs.get(s);
    if (a === undefined) {
      const id = this.xf(s);
      a = id ? ` s="${id}"` : '';
      this.attrs.set(s, a);
    }
    return a;
  }

  private xf(s: Style): number {
    const numFmtId = s.numFmt && s.numFmt !== 'General' ? this.format(s.numFmt) : 0;
    const fontId = s.font ? this.fonts.id(fontXml(s.font)) : 0;
    const fillId = s.fill
      ? this.fills.id(
          `<fill><patternFill patternType="solid"><fgColor rgb="${xml(s.fill)}"/></patternFill></fill>`,
        )
      : 0;
    const side = s.border ? ` style="${s.border}"` : '';
    const borderId = s.border
      ? this.borders.id(
          `<border><left${side}/><right${side}/><top${side}/><bottom${side}/><diagonal/></border>`,
        )
      : 0;
    const parts = [
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`,
    ];
    if (numFmtId) parts.push(' applyNumberFormat="1"');
    if (fontId) parts.push(' applyFont="1"');
    if (fillId) parts.push(' applyFill="1"');
    if (borderId) parts.push(' applyBorder="1"');
    const a = s.alignment;
    if (a) parts.push(' applyAlignment="1"');
    const align = a
      ? [
          a.horizontal ? ` horizontal="${a.horizontal}"` : '',
          a.vertical ? ` vertical="${VERTICAL[a.vertical] ?? a.vertical}"` : '',
          a.wrapText ? ' wrapText="1"' : '',
        ].join('')
      : '';
    parts.push(align ? `><alignment${align}/></xf>` : '/>');
    return this.xfs.id(parts.join(''));
  }

  private readonly newFormats: string[] = [];

  private format(code: string): number {
    let id = this.formats.get(code);
    if (id === undefined) {
      id = this.firstFormat + this.newFormats.length;
      this.formats.set(code, id);
      this.newFormats.push(`<numFmt numFmtId="${id}" formatCode="${xml(code)}"/>`);
    }
    return id;
  }

  /** The items appended to the base, for a target's styles.xml. */
  additions(): StyleAdditions {
    const b = this.base;
    const after = (t: Table, n = 0) => t.items.slice(n);
    return {
      formats: this.newFormats,
      fonts: after(this.fonts, b?.fonts.length),
      fills: after(this.fills, b?.fills.length),
      borders: after(this.borders, b?.borders.length),
      xfs: after(this.xfs, b?.xfs.length),
      dxfs: after(this.dxfs, b?.dxfs.length),
    };
  }

  dxf(fill: string): number {
    return this.dxfs.id(
      `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${xml(fill)}"/></patternFill></fill></dxf>`,
    );
  }

  xml(): string {
    const formats = this.newFormats;
    return [
      XML_HEAD,
      `<styleSheet xmlns="${MAIN}">`,
      formats.length ? `<numFmts count="${formats.length}">${formats.join('')}</numFmts>` : '',
      this.fonts.xml('fonts'),
      this.fills.xml('fills'),
      this.borders.xml('borders'),
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
      this.xfs.xml('cellXfs'),
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
      this.dxfs.xml('dxfs'),
      '</styleSheet>',
    ].join('');
  }
}

/** Only what the plan set, as ExcelJS writes a font: Excel takes the rest from the default. */
function fontXml(f: Font): string {
  return `<font>${f.bold ? '<b/>' : ''}${f.italic ? '<i/>' : ''}${f.size ? `<sz val="${f.size}"/>` : ''}${f.color ? `<color rgb="${xml(f.color)}"/>` : ''}</font>`;
}

/**
 * The bytes of a part, encoded as they are made. Joining a sheet's pieces at the end kept
 * hundreds of thousands of small strings alive long enough to make the garbage collector the
 * largest cost of writing; here each piece dies young.
 */
class Part {
  private readonly chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafe(1 << 16);
  private pos = 0;
  private pending = '';

  add(s: string): void {
    this.pending += s;
    if (this.pending.length > 1 << 14) this.flush();
  }

  private flush() {
    const s = this.pending;
    this.pending = '';
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    if (this.pos + s.length * 3 > this.buf.length) {
      this.chunks.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(Math.max(this.buf.length * 2, s.length * 3));
      this.pos = 0;
    }
    this.pos += this.buf.write(s, this.pos);
  }

  bytes(): Buffer {
    this.flush();
    this.chunks.push(this.buf.subarray(0, this.pos));
    return Buffer.concat(this.chunks);
  }
}

const part = (...pieces: string[]) => {
  const p = new Part();
  for (const s of pieces) p.add(s);
  return p.bytes();
};

const SPACE = /\s/;

/** Leading or trailing white space and line breaks survive only when marked (ExcelJS marks the same). */
function textElement(s: string): string {
  return s && (SPACE.test(s[0]) || SPACE.test(s[s.length - 1]) || s.includes('\n'))
    ? `<t xml:space="preserve">${text(s)}</t>`
    : `<t>${text(s)}</t>`;
}

class SharedStrings {
  private readonly ids = new Map<string, number>();
  private count = 0;

  id(s: string): number {
    this.count++;
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.ids.size;
      this.ids.set(s, i);
    }
    return i;
  }

  bytes(): Buffer {
    const p = new Part();
    p.add(`${XML_HEAD}<sst xmlns="${MAIN}" count="${this.count}" uniqueCount="${this.ids.size}">`);
    for (const s of this.ids.keys()) p.add(`<si>${textElement(s)}</si>`);
    p.add('</sst>');
    return p.bytes();
  }
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';
const XM = 'http://schemas.microsoft.com/office/excel/2006/main';
/** ExcelJS's theme part (Office): the default font's colour and typeface refer to it, as in the files ExcelJS writes. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const THEME = require('exceljs/lib/xlsx/xml/theme1.js') as string;

/** `<c r="AB` by column: the start of every cell element. */
const cellStarts: string[] = [];
const cellStart = (c: number) => (cellStarts[c] ??= `<c r="${columnLetter(c)}`);

/** The used range as ExcelJS reckons it: rows with a height or a cell, every cell made, even empty. */
function dimension(sheet: Sheet): string | null {
  let top = 0;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  sheet.rows.forEach((row, r) => {
    if (!row.height && row.styles.length === 0) return;
    top ||= r;
    bottom = r;
    const first = row.styles.findIndex((s) => s !== undefined);
    if (first > 0) left = Math.min(left, first);
    right = Math.max(right, row.styles.length - 1);
  });
  return top && right ? `${cellAddress(top, left)}:${cellAddress(bottom, right)}` : null;
}

/** Text as a shared string, or (strings null) inline in the cell: a target's shared strings are not ND Plan's to change. */
function writeRows(
  p: Part,
  sheet: Sheet,
  styles: Styles,
  strings: SharedStrings | null,
  from = 1,
  to = sheet.rows.length,
) {
  let lastStyle: Style | undefined;
  let s = '';
  for (let r = from; r < to; r++) {
    const row = sheet.rows[r];
    if (!row || (!row.height && row.styles.length === 0)) continue;
    const rs = String(r);
    let line = row.height ? `<row r="${rs}" ht="${row.height}" customHeight="1">` : `<row r="${rs}">`;
    row.styles.forEach((style, c) => {
      if (style !== lastStyle) {
        lastStyle = style;
        s = style === UNSTYLED ? '' : styles.attr(style);
      }
      const v = row.values[c];
      if (typeof v === 'string')
        line += strings
          ? `${cellStart(c)}${rs}"${s} t="s"><v>${strings.id(v)}</v></c>`
          : `${cellStart(c)}${rs}"${s} t="inlineStr"><is>${textElement(v)}</is></c>`;
      else if (typeof v === 'number') line += `${cellStart(c)}${rs}"${s}><v>${v}</v></c>`;
      else if (typeof v === 'boolean') line += `${cellStart(c)}${rs}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
      else if (v instanceof Formula) line += `${cellStart(c)}${rs}"${s}><f>${xml(v.text)}</f></c>`;
      else if (s || v instanceof Covered) line += `${cellStart(c)}${rs}"${s}/>`;
    });
    p.add(`${line}</row>`);
  }
}

function viewXml(view: View): string {
  const active = view.activeCell ? ` activeCell="${view.activeCell}" sqref="${view.activeCell}"` : '';
  let inner = active ? `<selection${active}/>` : '';
  if (view.frozen) {
    const { xSplit, ySplit } = view.frozen;
    const pane = xSplit && ySplit ? 'bottomRight' : xSplit ? 'topRight' : 'bottomLeft';
    const splits = `${xSplit ? ` xSplit="${xSplit}"` : ''}${ySplit ? ` ySplit="${ySplit}"` : ''}`;
    inner = `<pane${splits} topLeftCell="${cellAddress(ySplit + 1, xSplit + 1)}" activePane="${pane}" state="frozen"/><selection pane="${pane}"${active}/>`;
  }
  return `<sheetViews><sheetView workbookViewId="0">${inner}</sheetView></sheetViews>`;
}

/** Adjacent columns of one width share a <col>, as ExcelJS writes them. */
function colsXml(widths: number[]): string {
  const cols: string[] = [];
  for (let c = 1; c < widths.length; c++) {
    const w = widths[c];
    if (w === undefined) continue;
    let last = c;
    while (widths[last + 1] === w) last++;
    cols.push(`<col min="${c}" max="${last}" width="${w}" customWidth="1"/>`);
    c = last;
  }
  return cols.length ? `<cols>${cols.join('')}</cols>` : '';
}

/** The conditional formats of a sheet, and the Excel 2010 extension that data bars need. */
function conditionalXml(sheet: Sheet, styles: Styles, guid: () => string): { formats: string; ext: string } {
  const formats: string[] = [];
  const bars: string[] = [];
  let priority = 0;
  for (const cf of sheet.conditional) {
    formats.push(`<conditionalFormatting sqref="${cf.ref}">`);
    for (const rule of cf.rules) {
      priority++;
      if (rule.type === 'expression') {
        formats.push(
          `<cfRule type="expression" dxfId="${styles.dxf(rule.fill)}" priority="${priority}"><formula>${xml(rule.formula)}</formula></cfRule>`,
        );
        continue;
      }
      // The extension makes bars run from 0 to the full cell (Excel 2007's bars keep 10 % to 90 %).
      const id = guid();
      formats.push(
        `<cfRule type="dataBar" priority="${priority}"><dataBar><cfvo type="num" val="0"/><cfvo type="num" val="100"/><color rgb="${xml(rule.color)}"/></dataBar>`,
        `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="${X14}"><x14:id>${id}</x14:id></ext></extLst></cfRule>`,
      );
      bars.push(
        `<x14:conditionalFormatting xmlns:xm="${XM}"><x14:cfRule type="dataBar" id="${id}"><x14:dataBar minLength="0" maxLength="100">`,
        '<x14:cfvo type="num"><xm:f>0</xm:f></x14:cfvo><x14:cfvo type="num"><xm:f>100</xm:f></x14:cfvo></x14:dataBar></x14:cfRule>',
        `<xm:sqref>${cf.ref}</xm:sqref></x14:conditionalFormatting>`,
      );
    }
    formats.push('</conditionalFormatting>');
  }
  const ext = bars.length
    ? `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${X14}"><x14:conditionalFormattings>${bars.join('')}</x14:conditionalFormattings></ext></extLst>`
    : '';
  return { formats: formats.join(''), ext };
}

/** ExcelJS lists merged areas as it meets their covered cells, row by row: readers see them in that order. */
function byFirstCovered(a: CellRange, b: CellRange): number {
  const first = (m: CellRange) => (m.right > m.left ? [m.top, m.left + 1] : [m.top + 1, m.left]);
  const [ra, ca] = first(a);
  const [rb, cb] = first(b);
  return ra - rb || ca - cb;
}

/** A worksheet part, its elements in the order the schema wants. */
function sheetBytes(sheet: Sheet, styles: Styles, strings: SharedStrings | null, guid: () => string): Buffer {
  const p = new Part();
  sheetHead(p, sheet);
  writeRows(p, sheet, styles, strings);
  sheetTail(p, sheet, styles, guid);
  return p.bytes();
}

/**
 * A worksheet part in segments: the head (up to the first block's row), each block of rows
 * (null for those in `skip`: their rows are kept from an earlier write), the tail.
 */
function sheetSegments(
  sheet: Sheet,
  styles: Styles,
  strings: SharedStrings | null,
  guid: () => string,
  cuts: number[],
  skip: ReadonlySet<number>,
): (Buffer | null)[] {
  const head = new Part();
  sheetHead(head, sheet);
  const end = Math.max(sheet.rows.length, ...cuts.map((c) => c + 1));
  writeRows(head, sheet, styles, strings, 1, cuts[0] ?? end);
  const blocks = cuts.map((from, i) => {
    if (skip.has(i)) return null;
    const p = new Part();
    writeRows(p, sheet, styles, strings, from, cuts[i + 1] ?? end);
    return p.bytes();
  });
  const tail = new Part();
  sheetTail(tail, sheet, styles, guid);
  return [head.bytes(), ...blocks, tail.bytes()];
}

function sheetHead(p: Part, sheet: Sheet) {
  p.add(`${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`);
  if (sheet.page.fitToPage) p.add('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  const used = dimension(sheet);
  if (used) p.add(`<dimension ref="${used}"/>`);
  if (sheet.view) p.add(viewXml(sheet.view));
  p.add(`<sheetFormatPr defaultRowHeight="15"/>${colsXml(sheet.widths)}<sheetData>`);
}

function sheetTail(p: Part, sheet: Sheet, styles: Styles, guid: () => string) {
  const page = sheet.page;
  p.add('</sheetData>');
  if (sheet.autoFilter) p.add(`<autoFilter ref="${sheet.autoFilter}"/>`);
  if (sheet.merges.length) {
    const merges = [...sheet.merges].sort(byFirstCovered).map((m) => `<mergeCell ref="${rangeAddress(m)}"/>`);
    p.add(`<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>`);
  }
  const { formats, ext } = conditionalXml(sheet, styles, guid);
  p.add(formats);
  if (page.horizontalCentered) p.add('<printOptions horizontalCentered="1"/>');
  const m = page.margins;
  p.add(
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`,
  );
  p.add(
    `<pageSetup${page.paperSize ? ` paperSize="${page.paperSize}"` : ''} orientation="${page.orientation}" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="${page.fitToHeight}"/>`,
  );
  p.add(`${ext}</worksheet>`);
}

/** The print area and titles of a sheet, as defined names of its workbook (the sheet at tab `index`). */
export function printNames(sheet: Sheet, index: number): string[] {
  const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
  const names: string[] = [];
  const area = sheet.page.printArea;
  if (area) {
    const ref = `${quoted}!$${columnLetter(area.left)}$${area.top}:$${columnLetter(area.right)}$${area.bottom}`;
    names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${index}">${xml(ref)}</definedName>`);
  }
  const rows = sheet.page.repeatRows;
  if (rows)
    names.push(
      `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${xml(`${quoted}!$${rows.from}:$${rows.to}`)}</definedName>`,
    );
  return names;
}

function workbookXml(sheets: Sheet[]): string {
  const titles = sheets.flatMap(printNames);
  return [
    XML_HEAD,
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>`,
    ...sheets.map((s, i) => `<sheet name="${xml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`),
    '</sheets>',
    titles.length ? `<definedNames>${titles.join('')}</definedNames>` : '',
    '<calcPr calcId="171027"/></workbook>',
  ].join('');
}

function relationships(rels: [type: string, target: string][]): string {
  const items = rels.map(
    ([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`,
  );
  return `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL}">${items.join('')}</Relationships>`;
}

/**
 * The .xlsx of a new workbook with the plan applied. Each sheet is compressed while the next
 * is written; the shared strings and styles, known only when every sheet is, come last.
 */
export async function renderWorkbook(plan: WritePlan, blocked?: BlockedSheet): Promise<Buffer> {
  const sheets = planSheets(plan);
  const sheetPart = (i: number) => `worksheets/sheet${i + 1}.xml`;
  const overrides = [
    ['/xl/workbook.xml', `${TYPE}.sheet.main+xml`],
    ...sheets.map((_, i) => [`/xl/${sheetPart(i)}`, `${TYPE}.worksheet+xml`]),
    ['/xl/sharedStrings.xml', `${TYPE}.sharedStrings+xml`],
    ['/xl/styles.xml', `${TYPE}.styles+xml`],
    ['/xl/theme/theme1.xml', 'application/vnd.openxmlformats-officedocument.theme+xml'],
    ...(blocked ? [[STATE_PROPS_TYPE.part, STATE_PROPS_TYPE.type]] : []),
  ];
  const zip = new ZipWriter();
  zip.add(
    '[Content_Types].xml',
    part(
      XML_HEAD,
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
      '<Default Extension="xml" ContentType="application/xml"/>',
      ...overrides.map(([name, type]) => `<Override PartName="${name}" ContentType="${type}"/>`),
      '</Types>',
    ),
  );
  zip.add('_rels/.rels', part(relationships([[`${REL}/officeDocument`, 'xl/workbook.xml']])));
  zip.add('xl/workbook.xml', part(workbookXml(sheets)));
  zip.add(
    'xl/_rels/workbook.xml.rels',
    part(
      relationships([
        ...sheets.map((_, i): [string, string] => [`${REL}/worksheet`, sheetPart(i)]),
        [`${REL}/sharedStrings`, 'sharedStrings.xml'],
        [`${REL}/styles`, 'styles.xml'],
        [`${REL}/theme`, 'theme/theme1.xml'],
        ...(blocked ? [[STATE_REL.type, STATE_REL.target] as [string, string]] : []),
      ]),
    ),
  );
  zip.add('xl/theme/theme1.xml', part(THEME));
  const styles = new Styles();
  const strings = new SharedStrings();
  const guid = guids();
  let segmented: { name: string; segments: (Buffer | null)[] } | undefined;
  const others: PartCheck[] = [];
  for (const [i, s] of sheets.entries()) {
    const name = `xl/${sheetPart(i)}`;
    if (s.name === blocked?.sheet) {
      segmented = { name, segments: sheetSegments(s, styles, strings, guid, blocked.cuts, new Set()) };
      continue;
    }
    const bytes = sheetBytes(s, styles, strings, guid);
    if (blocked?.also.includes(s.name)) others.push(checkOf(name, bytes));
    zip.add(name, bytes);
  }
  const sst = strings.bytes();
  zip.add('xl/sharedStrings.xml', sst);
  zip.add('xl/styles.xml', part(styles.xml()));
  if (blocked && segmented) {
    // The blocks refer to these shared strings: the state checks them too.
    const done = await assemble(
      segmented.name,
      segmented.segments,
      blocked,
      checkOf('xl/sharedStrings.xml', sst),
      others,
    );
    zip.add(segmented.name, done.sheet);
    for (const [p, bytes] of done.state) zip.add(p, bytes);
  }
  return zip.finish();
}

/** The sheets of a new workbook with the plan applied, as models yet to be written. */
export function planSheets(plan: WritePlan): Sheet[] {
  const sheets: Sheet[] = [];
  for (const op of plan.ops) (HANDLERS[op.op] as (sheets: Sheet[], op: WriteOp) => void)(sheets, op);
  return sheets;
}

/** Ids for the data bars' extension, the same in every render. */
function guids(): () => string {
  let bars = 0;
  return () => `{00000000-0000-4000-8000-${(++bars).toString(16).toUpperCase().padStart(12, '0')}}`;
}

export type { Sheet };

/**
 * The worksheet parts of the sheets a plan makes, for patching into a target (src/xlsx/patch.ts),
 * styles taken from or appended to the target's. Text goes into a new shared strings part when
 * the target's is the plan's alone to replace, else inline (strings null).
 */
export function renderSheetParts(
  sheets: Sheet[],
  base: StyleBase,
  shared: boolean,
  blocked?: Pick<BlockedSheet, 'sheet' | 'cuts' | 'kept' | 'segments'>,
): { parts: (Buffer | (Buffer | null)[])[]; styles: StyleAdditions; strings: Buffer | null } {
  const styles = new Styles(base);
  const strings = shared ? new SharedStrings() : null;
  const guid = guids();
  const parts = sheets.map((s) =>
    s.name === blocked?.sheet
      ? sheetSegments(s, styles, strings, guid, blocked.cuts, keptIndexes(blocked))
      : sheetBytes(s, styles, strings, guid),
  );
  return { parts, styles: styles.additions(), strings: strings?.bytes() ?? null };
}
