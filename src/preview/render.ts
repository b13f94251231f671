/**
 * An ExcelJS worksheet as the preview's grid shows it: displayed text (number formats
 * applied), fonts, fills, borders, alignment, merged areas, column widths and row heights,
 * and the two kinds of conditional format the product writes (bucket colours, data bars).
 * Pure data out (CSS as objects), so it is tested without a browser.
 */
import type ExcelJS from 'exceljs';
import { cellAddress, parseRange, type CellRange } from '../core/snapshot';
import { cssColor, DEFAULT_THEME, type ExcelColor } from './colors';
import { formatGeneral, formatNumber, formatText } from './numfmt';

export type Css = Record<string, string | number>;

export interface TextRun {
  text: string;
  style: Css;
}

export interface GridCell {
  row: number;
  col: number;
  address: string;
  rowSpan: number;
  colSpan: number;
  /** What the cell shows. */
  text: string;
  /** Rich text, run by run (null for plain cells). */
  runs: TextRun[] | null;
  /** What the formula bar shows: the value as entered, or `=FORMULA`. */
  content: string;
  style: Css;
  /** A data bar: its length (0–1) and colour. */
  bar: { length: number; color: string } | null;
  /** A formula without a cached result (written by a plan): Excel computes it. */
  formula: boolean;
  /** Text flowing over empty cells to the right: the pixels it may take before the next filled cell. */
  flowWidth: number | null;
}

export interface GridRow {
  row: number;
  /** Pixels; null lets the row grow with its content (Excel's automatic height). */
  height: number | null;
  hidden: boolean;
  cells: GridCell[];
}

export interface GridModel {
  sheet: string;
  /** Pixels, one per shown column. */
  colWidths: number[];
  rows: GridRow[];
  /** Rows and columns shown (empty ones included, as a spreadsheet shows them). */
  rowCount: number;
  colCount: number;
  /** The sheet goes on beyond what is shown. */
  truncated: boolean;
  /** Covered cell address → the address of its merged area's top-left cell. */
  mergedInto: Map<string, string>;
}

export const MAX_ROWS = 1000;
export const MAX_COLS = 52;
const GRIDLINE = '#D9D9D9';
const DEFAULT_FONT = ['Calibri', 'Carlito', 'Segoe UI', 'Liberation Sans', 'Arial', 'sans-serif'];

/** A rough width of a line of text (Calibri 11 averages about 7 px a character), to see where overflowing text ends. */
export function textWidth(text: string, font?: Partial<ExcelJS.Font>): number {
  const longest = Math.max(0, ...text.split('\n').map((l) => l.length));
  return longest * 7 * ((font?.size ?? 11) / 11) * (font?.bold ? 1.08 : 1);
}

/** Excel's column width (characters of the default font) in pixels. */
export const widthPx = (chars: number) => Math.max(0, Math.round(chars * 7 + 5));
/** Points to pixels. */
export const pointsPx = (pt: number) => Math.round((pt * 4) / 3);

type Value = ExcelJS.CellValue;
type Style = Partial<ExcelJS.Style>;

interface Display {
  text: string;
  runs: TextRun[] | null;
  content: string;
  kind: 'empty' | 'number' | 'text' | 'boolean' | 'error';
  number: number | null;
  formula: boolean;
}

const EMPTY: Display = { text: '', runs: null, content: '', kind: 'empty', number: null, formula: false };

export function fontFamily(name: string | undefined): string {
  const names = name ? [name, ...DEFAULT_FONT.filter((n) => n !== name)] : DEFAULT_FONT;
  return names.map((n) => (n === 'sans-serif' ? n : `"${n.replace(/"/g, '')}"`)).join(', ');
}

export function fontCss(font: Partial<ExcelJS.Font> | undefined, theme: string[]): Css {
  const css: Css = {};
  if (!font) return css;
  if (font.bold) css.fontWeight = 700;
  if (font.italic) css.fontStyle = 'italic';
  const lines = [
    font.underline && font.underline !== 'none' ? 'underline' : '',
    font.strike ? 'line-through' : '',
  ].filter(Boolean);
  if (lines.length) css.textDecoration = lines.join(' ');
  if (typeof font.size === 'number' && font.size > 0) css.fontSize = `${font.size}pt`;
  if (font.name) css.fontFamily = fontFamily(font.name);
  const color = cssColor(font.color as ExcelColor | undefined, theme);
  if (color) css.color = color;
  if (font.vertAlign === 'superscript') css.verticalAlign = 'super';
  if (font.vertAlign === 'subscript') css.verticalAlign = 'sub';
  return css;
}

export function fillColor(fill: ExcelJS.Fill | undefined, theme: string[]): string | undefined {
  if (!fill) return undefined;
  if (fill.type === 'gradient') return cssColor(fill.stops?.[0]?.color as ExcelColor | undefined, theme);
  if (fill.type !== 'pattern' || !fill.pattern || fill.pattern === 'none') return undefined;
  if (fill.pattern === 'solid') return cssColor(fill.fgColor as ExcelColor | undefined, theme);
  return (
    cssColor(fill.fgColor as ExcelColor | undefined, theme) ??
    cssColor(fill.bgColor as ExcelColor | undefined, theme) ??
    GRIDLINE
  );
}

const BORDER_WEIGHT: Record<string, number> = {
  hair: 1,
  dotted: 1,
  dashDotDot: 2,
  dashDot: 2,
  dashed: 2,
  thin: 3,
  mediumDashDotDot: 4,
  slantDashDot: 4,
  mediumDashDot: 4,
  mediumDashed: 4,
  medium: 5,
  double: 6,
  thick: 7,
};
const BORDER_CSS: Record<string, string> = {
  hair: '1px dotted',
  dotted: '1px dotted',
  dashDotDot: '1px dashed',
  dashDot: '1px dashed',
  dashed: '1px dashed',
  thin: '1px solid',
  mediumDashDotDot: '2px dashed',
  slantDashDot: '2px dashed',
  mediumDashDot: '2px dashed',
  mediumDashed: '2px dashed',
  medium: '2px solid',
  double: '3px double',
  thick: '3px solid',
};

interface Edge {
  weight: number;
  css: string;
}

function edgeOf(b: Partial<ExcelJS.Border> | undefined, theme: string[]): Edge | null {
  if (!b?.style || !(b.style in BORDER_CSS)) return null;
  return {
    weight: BORDER_WEIGHT[b.style],
    css: `${BORDER_CSS[b.style]} ${cssColor(b.color as ExcelColor | undefined, theme) ?? '#000000'}`,
  };
}

const stronger = (a: Edge | null, b: Edge | null) => (!a ? b : !b ? a : b.weight > a.weight ? b : a);

function richRuns(rich: ExcelJS.RichText[], theme: string[]): TextRun[] {
  return rich.map((r) => ({ text: r.text ?? '', style: fontCss(r.font, theme) }));
}

/** What a value shows under a number format. */
export function displayValue(
  value: Value,
  numFmt: string | undefined,
  theme: string[] = DEFAULT_THEME,
  date1904 = false,
  formula?: string,
): Display {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'number')
    return {
      ...EMPTY,
      text: formatNumber(value, numFmt, date1904),
      content: formatGeneral(value),
      kind: 'number',
      number: value,
    };
  if (typeof value === 'string')
    return { ...EMPTY, text: formatText(value, numFmt), content: value, kind: 'text' };
  if (typeof value === 'boolean')
    return { ...EMPTY, text: value ? 'TRUE' : 'FALSE', content: value ? 'TRUE' : 'FALSE', kind: 'boolean' };
  if (value instanceof Date) {
    const text = formatNumber(value, numFmt && numFmt !== 'General' ? numFmt : 'yyyy-mm-dd', date1904);
    return { ...EMPTY, text, content: text, kind: 'number' };
  }
  const v = value as unknown as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    const runs = richRuns(v.richText as ExcelJS.RichText[], theme);
    const text = runs.map((r) => r.text).join('');
    return { ...EMPTY, text, runs, content: text, kind: 'text' };
  }
  if ('formula' in v || 'sharedFormula' in v) {
    const f = `=${formula ?? (v.formula as string | undefined) ?? (v.sharedFormula as string | undefined) ?? ''}`;
    const result = v.result as Value | undefined;
    if (result === undefined || result === null)
      return { ...EMPTY, text: f, content: f, kind: 'text', formula: true };
    return { ...displayValue(result, numFmt, theme, date1904), content: f };
  }
  if ('error' in v) return { ...EMPTY, text: String(v.error), content: String(v.error), kind: 'error' };
  if ('text' in v) {
    const inner = v.text as Value;
    return {
      ...displayValue(inner, numFmt, theme, date1904),
      content: typeof inner === 'string' ? inner : '',
    };
  }
  return EMPTY;
}

interface Conditional {
  ranges: CellRange[];
  /** Bucket colours: first matching rule (by priority) wins. */
  fills: { min: number | null; max: number | null; color: string; priority: number }[];
  bar: { min: number | null; max: number | null; color: string } | null;
}

const num = (s: string | undefined) => (s === undefined ? null : Number(s));

/** The conditional formats this product writes, read back well enough to show them. */
function conditionals(ws: ExcelJS.Worksheet, theme: string[]): Conditional[] {
  const list =
    (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings ?? [];
  const out: Conditional[] = [];
  for (const cf of list) {
    let ranges: CellRange[];
    try {
      ranges = cf.ref
        .split(/\s+/)
        .filter(Boolean)
        .map((r) => parseRange(r.replace(/^.*!/, '')));
    } catch {
      continue;
    }
    const c: Conditional = { ranges, fills: [], bar: null };
    for (const rule of cf.rules ?? []) {
      const r = rule as unknown as Record<string, unknown>;
      const style = r.style as Style | undefined;
      const fill = style?.fill as ExcelJS.FillPattern | undefined;
      const color = fill
        ? (cssColor(fill.bgColor as ExcelColor | undefined, theme) ??
          cssColor(fill.fgColor as ExcelColor | undefined, theme))
        : undefined;
      const priority = typeof r.priority === 'number' ? r.priority : 99;
      if (r.type === 'expression' && color) {
        const f = String((r.formulae as string[] | undefined)?.[0] ?? '');
        const m =
          /^AND\(ISNUMBER\(\$?[A-Z]+\$?\d+\),\$?[A-Z]+\$?\d+>=(-?[\d.]+)(?:,\$?[A-Z]+\$?\d+<(-?[\d.]+))?\)$/.exec(
            f.replace(/\s/g, ''),
          );
        if (m) c.fills.push({ min: num(m[1]), max: num(m[2]), color, priority });
      } else if (r.type === 'cellIs' && color) {
        const [a, b] = ((r.formulae as string[] | undefined) ?? []).map(Number);
        const op = r.operator;
        const bounds: Record<string, [number | null, number | null]> = {
          greaterThanOrEqual: [a, null],
          greaterThan: [a + 1e-12, null],
          lessThan: [null, a],
          lessThanOrEqual: [null, a + 1e-12],
          between: [a, b + 1e-12],
          equal: [a, a + 1e-12],
        };
        if (typeof op === 'string' && bounds[op])
          c.fills.push({ min: bounds[op][0], max: bounds[op][1], color, priority });
      } else if (r.type === 'dataBar') {
        const cfvo = (r.cfvo as { type: string; value?: number }[] | undefined) ?? [];
        const bound = (i: number) =>
          cfvo[i]?.type === 'num' && typeof cfvo[i].value === 'number' ? (cfvo[i].value as number) : null;
        const barColor = cssColor(r.color as ExcelColor | undefined, theme) ?? '#638EC6';
        c.bar = { min: bound(0), max: bound(1), color: barColor };
      }
    }
    c.fills.sort((x, y) => x.priority - y.priority);
    if (c.fills.length || c.bar) out.push(c);
  }
  return out;
}

const inside = (r: CellRange, row: number, col: number) =>
  row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

interface Merge extends CellRange {
  anchor: string;
}

function mergesOf(ws: ExcelJS.Worksheet): Merge[] {
  const internal = (ws as unknown as { _merges?: Record<string, { model: CellRange }> })._merges;
  const ranges: CellRange[] = internal
    ? Object.values(internal).map((m) => m.model)
    : ((ws.model as unknown as { merges?: string[] }).merges ?? []).map((m) => parseRange(m));
  return ranges.map((r) => ({
    top: r.top,
    left: r.left,
    bottom: r.bottom,
    right: r.right,
    anchor: cellAddress(r.top, r.left),
  }));
}

export interface BuildOptions {
  theme?: string[];
  date1904?: boolean;
  /** Rows and columns to show at least (empty ones included). */
  minRows?: number;
  minCols?: number;
  /** A cell that must be inside the shown area (the selection). */
  include?: { row: number; col: number } | null;
}

/** The grid of one worksheet. */
export function buildGrid(ws: ExcelJS.Worksheet, options: BuildOptions = {}): GridModel {
  const theme = options.theme ?? DEFAULT_THEME;
  const date1904 = !!options.date1904;
  const merges = mergesOf(ws);
  // The columns as read, without ws.getColumn (which would add columns to the sheet).
  const columns = (ws as unknown as { _columns?: (ExcelJS.Column | undefined)[] })._columns ?? [];
  const definedCols = columns.reduce((n, col, i) => (col && (col.width || col.hidden) ? i + 1 : n), 0);
  const lastRow = Math.max(ws.rowCount, ...merges.map((m) => m.bottom), options.include?.row ?? 0);
  const lastCol = Math.max(
    ws.columnCount,
    definedCols,
    ...merges.map((m) => m.right),
    options.include?.col ?? 0,
  );
  const rowCount = Math.min(Math.max(lastRow + 5, options.minRows ?? 30), MAX_ROWS);
  const colCount = Math.min(Math.max(lastCol + 2, options.minCols ?? 12), MAX_COLS);

  const mergeAt = new Map<string, Merge>();
  const mergedInto = new Map<string, string>();
  for (const m of merges) {
    mergeAt.set(m.anchor, m);
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++)
        if (r !== m.top || c !== m.left) mergedInto.set(cellAddress(r, c), m.anchor);
  }

  const cellAt = (r: number, c: number): ExcelJS.Cell | undefined => ws.findRow(r)?.findCell(c);
  const styleAt = (r: number, c: number): Style => (cellAt(r, c)?.style as Style | undefined) ?? {};
  const fillAt = (r: number, c: number) =>
    r < 1 || c < 1 ? undefined : fillColor(styleAt(r, c).fill, theme);
  const side = (r: number, c: number, s: 'top' | 'left' | 'bottom' | 'right') =>
    r < 1 || c < 1 ? null : edgeOf(styleAt(r, c).border?.[s], theme);
  const isEmpty = (r: number, c: number) => {
    if (mergedInto.has(cellAddress(r, c)) || mergeAt.has(cellAddress(r, c))) return false;
    const v = cellAt(r, c)?.value;
    return v === null || v === undefined || v === '';
  };

  const cfs = conditionals(ws, theme);
  const numericAt = (r: number, c: number): number | null => {
    const v = cellAt(r, c)?.value as unknown;
    if (typeof v === 'number') return v;
    const result = (v as { result?: unknown } | null)?.result;
    return typeof result === 'number' ? result : null;
  };
  const barExtent = (cf: Conditional) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of cf.ranges)
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) {
          const n = numericAt(row, col);
          if (n !== null) [lo, hi] = [Math.min(lo, n), Math.max(hi, n)];
        }
    return { min: cf.bar?.min ?? Math.min(0, lo), max: cf.bar?.max ?? hi };
  };
  const extents = new Map(cfs.filter((c) => c.bar).map((c) => [c, barExtent(c)]));

  const edge = (
    own: Edge | null,
    other: Edge | null,
    ownFill: string | undefined,
    otherFill: string | undefined,
  ) => {
    const e = stronger(own, other);
    if (e) return e.css;
    return `1px solid ${ownFill ?? otherFill ?? GRIDLINE}`;
  };

  const colWidths: number[] = [];
  const defaultWidth = widthPx(ws.properties?.defaultColWidth ?? 8.43);
  for (let c = 1; c <= colCount; c++) {
    const col = columns[c - 1];
    colWidths.push(col?.hidden ? 0 : typeof col?.width === 'number' ? widthPx(col.width) : defaultWidth);
  }

  const rows: GridRow[] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.findRow(r);
    const cells: GridCell[] = [];
    // Pixels of text still flowing over the empty cells to the right (Excel hides the gridlines under it).
    let flow = 0;
    for (let c = 1; c <= colCount; c++) {
      const address = cellAddress(r, c);
      if (mergedInto.has(address)) continue;
      const m = mergeAt.get(address);
      const bottom = Math.min(m?.bottom ?? r, rowCount);
      const right = Math.min(m?.right ?? c, colCount);
      const cell = row?.findCell(c);
      const style: Style = (cell?.style as Style | undefined) ?? {};
      const d = cell
        ? displayValue(cell.value, style.numFmt, theme, date1904, cell.formula || undefined)
        : EMPTY;
      const css: Css = { ...fontCss(style.font, theme) };
      let fill = fillColor(style.fill, theme);

      let bar: GridCell['bar'] = null;
      if (d.number !== null) {
        for (const cf of cfs) {
          if (!cf.ranges.some((x) => inside(x, r, c))) continue;
          const hit = cf.fills.find(
            (f) => (f.min === null || d.number! >= f.min) && (f.max === null || d.number! < f.max),
          );
          if (hit) fill = hit.color;
          if (cf.bar) {
            const { min, max } = extents.get(cf)!;
            const length = max > min ? Math.min(1, Math.max(0, (d.number - min) / (max - min))) : 0;
            bar = { length, color: cf.bar.color };
          }
        }
      }
      if (fill) css.backgroundColor = fill;

      // Alignment: Excel's "general" puts numbers right, booleans and errors centred, text left.
      const a = style.alignment ?? {};
      const general =
        d.kind === 'number' ? 'right' : d.kind === 'boolean' || d.kind === 'error' ? 'center' : 'left';
      const h = a.horizontal;
      css.textAlign =
        h === 'center' || h === 'centerContinuous' || h === 'distributed'
          ? 'center'
          : h === 'right'
            ? 'right'
            : h === 'justify'
              ? 'justify'
              : h === 'left' || h === 'fill'
                ? 'left'
                : general;
      css.verticalAlign =
        a.vertical === 'top'
          ? 'top'
          : a.vertical === 'middle'
            ? 'middle'
            : a.vertical === 'justify' || a.vertical === 'distributed'
              ? 'top'
              : 'bottom';
      if (a.indent) css[css.textAlign === 'right' ? 'paddingRight' : 'paddingLeft'] = `${3 + a.indent * 9}px`;
      if (a.wrapText) {
        css.whiteSpace = 'pre-wrap';
        css.overflowWrap = 'anywhere';
        css.overflow = 'hidden';
      } else {
        css.whiteSpace = 'pre';
        // Text flows over empty cells to its right, as in Excel; anything else is clipped.
        const flows =
          d.kind === 'text' && css.textAlign === 'left' && !m && c < colCount && isEmpty(r, c + 1);
        css.overflow = flows ? 'visible' : 'hidden';
        if (flows) css.textOverflow = 'clip';
      }
      let flowWidth: number | null = null;
      if (css.overflow === 'visible') {
        flowWidth = colWidths[c - 1];
        for (let k = c + 1; k <= colCount && isEmpty(r, k); k++) flowWidth += colWidths[k - 1];
      }
      const covered = flow > 0 && !m && d.kind === 'empty';
      flow = covered ? flow - colWidths[c - 1] : 0;
      if (css.overflow === 'visible') flow = textWidth(d.text, style.font) - colWidths[c - 1] + 3;

      // Each cell draws its right and bottom edges: the stronger of its own border and its
      // neighbour's facing one, else the fill, else the gridline.
      const rightCol = right;
      const bottomRow = bottom;
      const ownRight = side(r, rightCol, 'right');
      const nextLeft = side(r, rightCol + 1, 'left');
      css.borderRight =
        flow > 0 && !ownRight && !nextLeft
          ? `1px solid ${fill ?? fillAt(r, rightCol + 1) ?? '#FFFFFF'}`
          : edge(ownRight, nextLeft, fill, fillAt(r, rightCol + 1));
      if (flow <= 0) flow = 0;
      css.borderBottom = edge(
        side(bottomRow, c, 'bottom'),
        side(bottomRow + 1, c, 'top'),
        fill,
        fillAt(bottomRow + 1, c),
      );
      if (r === 1) {
        const top = side(r, c, 'top');
        if (top) css.borderTop = top.css;
      }
      if (c === 1) {
        const left = side(r, c, 'left');
        if (left) css.borderLeft = left.css;
      }

      cells.push({
        row: r,
        col: c,
        address,
        rowSpan: bottom - r + 1,
        colSpan: right - c + 1,
        text: d.text,
        runs: d.runs,
        content: d.content,
        style: css,
        bar,
        formula: d.formula,
        flowWidth,
      });
    }
    const height = typeof row?.height === 'number' && row.height > 0 ? pointsPx(row.height) : null;
    rows.push({ row: r, height, hidden: !!row?.hidden, cells });
  }

  return {
    sheet: ws.name,
    colWidths,
    rows,
    rowCount,
    colCount,
    truncated: lastRow > MAX_ROWS || lastCol > MAX_COLS,
    mergedInto,
  };
}
