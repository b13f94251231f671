import {
  cellAddress,
  columnLetter,
  parseRange,
  rangeAddress,
  type CellRange,
  type CellValue,
} from '../core/snapshot';
import {
  assertNever,
  bucketFormula,
  widthInPoints,
  type OpOf,
  type WriteOp,
  type WritePlan,
} from '../core/writeplan';
import { planUndo } from '../core/undo';
import { REQUIRED_EXCEL_API, supportsExcelApi } from './requirements';
import { queueUndoCapture, type UndoRecord } from './undo';

export interface ApplyOptions {
  /** UTF-8 bytes of an Office.js request's JSON body; Excel on the web refuses requests above about 5 MB. */
  maxPayloadBytes?: number;
  /** Called after every sync with the number of operations fully applied so far. */
  onProgress?: (done: number, total: number) => void;
  /** Checked after every sync: what was synced stays, nothing more is queued. */
  signal?: AbortSignal;
  /** Read what undo needs (core's undo plan) before anything is written, in the first write's request. */
  undo?: boolean;
}

export interface ApplyResult {
  /** Operations fully applied (an aborted plan may also have applied part of the next one). */
  done: number;
  total: number;
  syncs: number;
  aborted: boolean;
  /** What undoes the write, when asked for and the capture was read (null when nothing was written). */
  undo?: UndoRecord | null;
}

export const DEFAULT_MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/*
 * What operations add to a request, in UTF-8 bytes of the JSON body Office.js sends (Excel on the
 * web refuses bodies above about 5 MB). Every object reached (a range, its format, a border...)
 * and every property set or method called is an entry with numeric ids, so a one-cell
 * setRowHeight costs almost 500 bytes. Measured with the real library (@microsoft/office-js
 * dist/excel-web-16.00.debug.js) at the longest addresses (XFD1048576:XFD1048576) and 7-digit ids,
 * which last a context's first ten million objects: upper bounds, 5–10 % over what a
 * 20,000-activity sheet sends. To measure again, compare the request sizes of a plan with and
 * without an operation on tests/office/realExcel.ts; tests/office/realOffice.test.ts fails when
 * an operation is counted under its real size, or, for those a format plan repeats, more than
 * 10 % over it.
 */
/** The workbook, the application and its screen updating, and one sheet: in every request. */
const REQUEST_BYTES = 1024;
/** A slice of a matrix, besides its rows: its range, and the values, formulas or number formats set. */
const SLICE_BYTES = 335;
/** Setting a setValues slice's number formats too (text "@", else null), besides their rows. */
const TEXT_FORMAT_BYTES = 115;
/**
 * Office.js cuts a matrix of more than 1,500 cells into blocks of rows, each reached through three
 * more objects (setRangePropertiesInBulk). Slices of at most SLICE_CELLS cost less and are known
 * in advance; a row longer than that is cut anyway, adding WIDE_ROW_BYTES to each matrix set.
 */
const SLICE_CELLS = 1500;
const WIDE_ROW_BYTES = 600;
/** What one cell adds to a row of a values or number-format matrix at most: ",null". */
const CELL_BYTES = 5;

/**
 * Applies a write plan in as few round trips as its size allows: everything is queued and
 * synced once at the end, or whenever the queued data nears maxPayloadBytes. When the plan
 * adds sheets, tables or charts, one sync first reads which of them exist.
 */
export async function applyWritePlan(
  context: Excel.RequestContext,
  plan: WritePlan,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  const result: ApplyResult = { done: 0, total: plan.ops.length, syncs: 0, aborted: false };
  if (opts.signal?.aborted) return { ...result, aborted: true };
  if (plan.ops.length === 0) return result;
  const batch = new Batch(context, opts, result);
  const book = await Book.open(context, plan, batch);
  if (opts.signal?.aborted) return { ...result, aborted: true };
  const capture = opts.undo
    ? await queueUndoCapture(context, planUndo(plan, book.existing), () => batch.read())
    : null;
  // The capture was read with the first write's sync, or not at all when nothing was synced.
  const record = () => (capture && batch.synced ? { undo: capture() } : capture ? { undo: null } : {});
  suspendScreenUpdating(context);
  for (const op of plan.ops) {
    if (!(await queueOp(op, book, batch, plan))) return { ...result, aborted: true, ...record() };
    batch.opQueued();
  }
  await batch.sync(true);
  return { ...result, ...record() };
}

class Batch {
  /** The estimated size of the request being queued. */
  private size = REQUEST_BYTES;
  private empty = true;
  private queued = 0;
  /** A write has been sent. */
  synced = false;
  readonly limit: number;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly opts: ApplyOptions,
    private readonly result: ApplyResult,
  ) {
    this.limit = opts.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  }

  /** An operation too large for any request still goes, alone. */
  fits(bytes: number): boolean {
    return this.empty || this.size + bytes <= this.limit;
  }

  add(bytes: number): void {
    this.size += bytes;
    this.empty = false;
  }

  opQueued(): void {
    this.queued++;
  }

  /** A sync that only reads (nothing queued yet). */
  async read(): Promise<void> {
    await this.context.sync();
    this.result.syncs++;
  }

  /** Sends the queue; false when nothing more may be queued (the last sync, or aborted). */
  async sync(last = false): Promise<boolean> {
    await this.context.sync();
    this.synced = true;
    this.result.syncs++;
    this.size = REQUEST_BYTES;
    this.empty = true;
    this.result.done = this.queued;
    this.opts.onProgress?.(this.result.done, this.result.total);
    if (last || this.opts.signal?.aborted) return false;
    suspendScreenUpdating(this.context);
    return true;
  }
}

function suspendScreenUpdating(context: Excel.RequestContext): void {
  if (supportsExcelApi(REQUIRED_EXCEL_API)) context.application.suspendScreenUpdatingUntilNextSync();
}

interface SheetEntry {
  sheet: Excel.Worksheet;
  charts: Excel.Chart[];
  tables: Excel.Table[];
}

/** The plan's worksheets, with the charts and tables that existed before it ran. */
class Book {
  private readonly sheets = new Map<string, SheetEntry>();

  /** The workbook's sheets, when the plan adds sheets (they were read); else null. */
  existing: string[] | null = null;

  private constructor(private readonly worksheets: Excel.WorksheetCollection) {}

  static async open(context: Excel.RequestContext, plan: WritePlan, batch: Batch): Promise<Book> {
    const book = new Book(context.workbook.worksheets);
    if (plan.ops.some((op) => op.op === 'addSheet' || op.op === 'addTable' || op.op === 'addChart')) {
      const existing = book.worksheets.load('items/name, items/charts/items/name, items/tables/items/name');
      await batch.read();
      book.existing = existing.items.map((s) => s.name);
      for (const sheet of existing.items) {
        book.sheets.set(key(sheet.name), {
          sheet,
          charts: [...sheet.charts.items],
          tables: [...sheet.tables.items],
        });
      }
    }
    return book;
  }

  sheet(name: string): Excel.Worksheet {
    let entry = this.sheets.get(key(name));
    if (!entry) {
      entry = { sheet: this.worksheets.getItem(name), charts: [], tables: [] };
      this.sheets.set(key(name), entry);
    }
    return entry.sheet;
  }

  addSheet(name: string, clear: boolean): void {
    const entry = this.entry(name);
    if (!entry) {
      this.sheets.set(key(name), { sheet: this.worksheets.add(name), charts: [], tables: [] });
      return;
    }
    if (!clear) return;
    for (const chart of entry.charts.splice(0)) chart.delete();
    for (const table of entry.tables.splice(0)) table.convertToRange();
    const all = entry.sheet.getRange();
    all.unmerge();
    all.conditionalFormats.clearAll();
    all.clear('All');
    entry.sheet.freezePanes.unfreeze();
    entry.sheet.horizontalPageBreaks.removePageBreaks();
  }

  /** A sheet that exists or that the plan added, with what clearing it removes; undefined for others. */
  entry(name: string): SheetEntry | undefined {
    return this.sheets.get(key(name));
  }

  /** Table names are unique in a workbook: an older table of that name becomes a plain range. */
  releaseTableName(name: string): void {
    for (const entry of this.sheets.values()) {
      const i = entry.tables.findIndex((t) => key(t.name) === key(name));
      if (i >= 0) entry.tables.splice(i, 1)[0].convertToRange();
    }
  }

  /** Charts are the plan's output: an older chart of that name on the sheet is replaced. */
  releaseChartName(sheet: string, name: string): void {
    const charts = this.sheets.get(key(sheet))?.charts ?? [];
    const i = charts.findIndex((c) => key(c.name) === key(name));
    if (i >= 0) charts.splice(i, 1)[0].delete();
  }
}

/** Excel compares sheet, table and chart names without case. */
function key(name: string): string {
  return name.toLowerCase();
}

const encoder = new TextEncoder();
/** UTF-8 bytes of the JSON Office.js sends for `data` (JSON.stringify leaves non-ASCII text unescaped). */
function bytes(data: unknown): number {
  return encoder.encode(JSON.stringify(data)).length;
}

const isText = (v: unknown) => typeof v === 'string' && v !== '';

/** Queues one operation, syncing first (or between its row slices) when the request would grow too large. */
async function queueOp(op: WriteOp, book: Book, batch: Batch, plan: WritePlan): Promise<boolean> {
  switch (op.op) {
    case 'setValues':
    case 'setFormulas': {
      const rows: (CellValue | string)[][] = op.op === 'setValues' ? op.values : op.formulas;
      const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
      if (width === 0) return true;
      // A row is its JSON, padded with nulls, and a comma; with text in the operation, also its
      // row of number formats: `"@",` (4 bytes) for text, `null,` (5) for other cells, brackets.
      const formats = op.op === 'setValues' && rows.some((r) => r.some(isText));
      const rowBytes = (r: (CellValue | string)[]) =>
        bytes(r) +
        CELL_BYTES * (width - r.length) +
        1 +
        (formats ? CELL_BYTES * width - r.filter(isText).length + 2 : 0);
      return queueRows(
        batch,
        rows.length,
        width,
        SLICE_BYTES + (formats ? TEXT_FORMAT_BYTES : 0) + wideRowBytes(width, formats ? 2 : 1),
        (i) => rowBytes(rows[i]),
        (from, to) => {
          const range = book.sheet(op.sheet).getRange(
            rangeAddress({
              top: op.row + from,
              left: op.col,
              bottom: op.row + to - 1,
              right: op.col + width - 1,
            }),
          );
          const slice = rows.slice(from, to);
          if (op.op === 'setFormulas') range.formulas = slice.map((r) => pad(r, width));
          else writeValues(range, slice, width);
        },
      );
    }
    case 'setNumberFormat': {
      const { range, format } = op;
      const width = range.right - range.left + 1;
      const rowBytes = width * (bytes(format) + 1) + 2;
      return queueRows(
        batch,
        range.bottom - range.top + 1,
        width,
        SLICE_BYTES + wideRowBytes(width, 1),
        () => rowBytes,
        (from, to) => {
          const target = book
            .sheet(op.sheet)
            .getRange(rangeAddress({ ...range, top: range.top + from, bottom: range.top + to - 1 }));
          target.numberFormat = Array.from({ length: to - from }, () => Array<string>(width).fill(format));
        },
      );
    }
    default: {
      const size = opBytes(op, book, plan);
      if (!batch.fits(size) && !(await batch.sync())) return false;
      batch.add(size);
      queueSmallOp(op, book, plan);
      return true;
    }
  }
}

function wideRowBytes(width: number, matrices: number): number {
  return width > SLICE_CELLS ? matrices * WIDE_ROW_BYTES : 0;
}

/**
 * Queues the `count` rows of a matrix `width` cells wide through `write`, in slices of at most
 * SLICE_CELLS cells that keep each request under the limit; a slice costs `slice` bytes besides
 * its rows.
 */
async function queueRows(
  batch: Batch,
  count: number,
  width: number,
  slice: number,
  rowBytes: (i: number) => number,
  write: (from: number, to: number) => void,
): Promise<boolean> {
  const maxRows = Math.max(1, Math.floor(SLICE_CELLS / width));
  let from = 0;
  for (let i = 0; i < count; i++) {
    if (i - from === maxRows) {
      write(from, i);
      from = i;
    }
    let size = rowBytes(i) + (i === from ? slice : 0);
    if (!batch.fits(size)) {
      if (i > from) {
        write(from, i);
        size += slice;
        from = i;
      }
      if (!(await batch.sync())) return false;
    }
    batch.add(size);
  }
  if (count > from) write(from, count);
  return true;
}

type SmallOp = Exclude<WriteOp, OpOf<'setValues' | 'setFormulas' | 'setNumberFormat'>>;

const defined = (...xs: unknown[]) => xs.filter((x) => x !== undefined).length;

/**
 * Each kind's request bytes, measured as above: a fixed part, and one for each property set,
 * border edge, rule or chart series; names and titles count as their JSON. A name that replaces
 * an older table or chart is counted as if one existed.
 */
const OP_BYTES: { [K in SmallOp['op']]: (op: OpOf<K>, book: Book, plan: WritePlan) => number } = {
  addSheet: (op, book) => {
    const cleared = op.clear ? book.entry(op.sheet) : undefined;
    return (
      200 + bytes(op.sheet) + (cleared ? 1460 + 570 * (cleared.charts.length + cleared.tables.length) : 0)
    );
  },
  setFont: (op) => 550 + 106 * defined(op.bold, op.italic, op.size, op.color),
  setFill: () => 655,
  setBorders: (op) => 460 + 445 * edges(op.range).length,
  setAlignment: (op) => 390 + 120 * defined(op.horizontal, op.vertical, op.wrap),
  merge: () => 330,
  setColumnWidth: () => 495,
  setRowHeight: () => 490,
  freeze: () => 290,
  addTable: (op) => 1250 + bytes(op.name),
  bucketColors: (op) => 390 + 1160 * op.rules.length,
  dataBar: () => 1040,
  addChart: (op, _book, plan) =>
    1900 +
    bytes(op.name) +
    bytes(op.title) +
    op.series.reduce((n, ref) => n + 1060 + bytes(seriesName(plan, op.sheet, ref.name)), 0),
  printSetup: () => 680,
  select: () => 430,
};

function opBytes(op: SmallOp, book: Book, plan: WritePlan): number {
  return (OP_BYTES[op.op] as (op: SmallOp, book: Book, plan: WritePlan) => number)(op, book, plan);
}

/**
 * Strings are written as text: their cells get the text format "@" in the same request, before
 * the values, so that '=…', '+…', '-…' or '@…' never becomes a formula and '007' keeps its zeros.
 * Other cells keep their format (null leaves a cell's format unchanged); null values empty cells.
 */
function writeValues(range: Excel.Range, rows: CellValue[][], width: number): void {
  const values = rows.map((r) => pad(r.map(emptyIfNull), width));
  if (values.some((r) => r.some(isText))) {
    range.numberFormat = values.map((r) => r.map((v) => (isText(v) ? '@' : null)));
  }
  range.values = values;
}

const emptyIfNull = (v: CellValue) => v ?? '';

/** Short rows are padded with null: cells beyond them are left as they are. */
function pad<T>(row: T[], width: number): (T | null)[] {
  return row.length === width ? row : [...row, ...Array<null>(width - row.length).fill(null)];
}

function queueSmallOp(op: SmallOp, book: Book, plan: WritePlan): void {
  if (op.op === 'addSheet') return book.addSheet(op.sheet, op.clear ?? false);
  const sheet = book.sheet(op.sheet);
  const at = (range: CellRange) => sheet.getRange(rangeAddress(range));
  switch (op.op) {
    case 'setFont': {
      const font = at(op.range).format.font;
      if (op.bold !== undefined) font.bold = op.bold;
      if (op.italic !== undefined) font.italic = op.italic;
      if (op.size !== undefined) font.size = op.size;
      if (op.color !== undefined) font.color = color(op.color);
      return;
    }
    case 'setFill':
      at(op.range).format.fill.color = color(op.color);
      return;
    case 'setBorders': {
      const borders = at(op.range).format.borders;
      for (const edge of edges(op.range)) {
        const border = borders.getItem(edge);
        border.style = 'Continuous';
        border.weight = op.style === 'medium' ? 'Medium' : 'Thin';
      }
      return;
    }
    case 'setAlignment': {
      const format = at(op.range).format;
      if (op.horizontal) format.horizontalAlignment = HORIZONTAL[op.horizontal];
      if (op.vertical) format.verticalAlignment = VERTICAL[op.vertical];
      if (op.wrap !== undefined) format.wrapText = op.wrap;
      return;
    }
    case 'merge':
      at(op.range).merge(false);
      return;
    case 'setColumnWidth': {
      const letter = columnLetter(op.col);
      sheet.getRange(`${letter}:${letter}`).format.columnWidth = widthInPoints(op.width);
      return;
    }
    case 'setRowHeight':
      sheet.getRange(`${op.row}:${op.row}`).format.rowHeight = op.height;
      return;
    case 'freeze': {
      const panes = sheet.freezePanes;
      if (op.rows > 0 && op.cols > 0)
        panes.freezeAt(rangeAddress({ top: 1, left: 1, bottom: op.rows, right: op.cols }));
      else if (op.rows > 0) panes.freezeRows(op.rows);
      else if (op.cols > 0) panes.freezeColumns(op.cols);
      else panes.unfreeze();
      return;
    }
    case 'addTable': {
      book.releaseTableName(op.name);
      sheet.tables.add(rangeAddress(op.range), true).name = op.name;
      return;
    }
    case 'bucketColors': {
      const target = at(op.range);
      for (const rule of op.rules) {
        const format = target.conditionalFormats.add('Custom');
        format.custom.rule.formula = `=${bucketFormula(op.range, rule)}`;
        format.custom.format.fill.color = color(rule.color);
      }
      return;
    }
    case 'dataBar':
      at(op.range).conditionalFormats.add('DataBar').dataBar.positiveFormat.fillColor = color(op.color);
      return;
    case 'addChart':
      return addChart(sheet, op, book, plan);
    case 'printSetup': {
      const layout = sheet.pageLayout;
      layout.orientation = op.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      layout.paperSize = 'A4';
      if (op.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      if (op.repeatRows) layout.setPrintTitleRows(`$${op.repeatRows.from}:$${op.repeatRows.to}`);
      if (op.printArea) layout.setPrintArea(rangeAddress(op.printArea));
      return;
    }
    case 'select':
      sheet.activate();
      at(op.range).select();
      return;
    default:
      return assertNever(op);
  }
}

type BorderEdge = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical';

function edges(range: CellRange): BorderEdge[] {
  const all: BorderEdge[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (range.bottom > range.top) all.push('InsideHorizontal');
  if (range.right > range.left) all.push('InsideVertical');
  return all;
}

const HORIZONTAL = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VERTICAL = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

function addChart(sheet: Excel.Worksheet, op: OpOf<'addChart'>, book: Book, plan: WritePlan): void {
  book.releaseChartName(op.sheet, op.name);
  const at = (range: CellRange) => sheet.getRange(rangeAddress(range));
  const [first] = op.series;
  const source = first?.values ?? op.categories;
  const chart = sheet.charts.add(
    op.kind === 'bar' ? 'BarClustered' : 'ColumnClustered',
    at(source),
    source.top === source.bottom ? 'Rows' : 'Columns',
  );
  chart.name = op.name;
  chart.title.text = op.title;
  chart.setPosition(
    cellAddress(op.anchor.top, op.anchor.left),
    cellAddress(op.anchor.bottom, op.anchor.right),
  );
  op.series.forEach((ref, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add();
    if (i > 0) series.setValues(at(ref.values));
    series.setXAxisValues(at(op.categories));
    const name = seriesName(plan, op.sheet, ref.name);
    if (name !== null) series.name = name;
  });
}

/**
 * ChartSeriesRef.name is documented as the header cell of the series, but plans also give the
 * name itself. Office.js takes the name as text: for a cell address it is the text the plan
 * writes to that cell (the last write wins), or none when the plan does not write it.
 */
function seriesName(plan: WritePlan, sheet: string, name: string): string | null {
  if (!/^\$?[A-Z]{1,3}\$?[1-9]\d*$/.test(name)) return name;
  const { top: row, left: col } = parseRange(name);
  for (let i = plan.ops.length - 1; i >= 0; i--) {
    const op = plan.ops[i];
    if (op.op !== 'setValues' || key(op.sheet) !== key(sheet)) continue;
    const value = op.values[row - op.row]?.[col - op.col];
    if (value !== undefined && value !== null) return String(value);
  }
  return null;
}

/** Office takes "#RRGGBB"; plans may carry ExcelJS's ARGB ("FF1F4E79") or a bare "1F4E79". */
function color(value: string): string {
  if (/^[0-9a-f]{8}$/i.test(value)) return `#${value.slice(2)}`;
  if (/^[0-9a-f]{6}$/i.test(value)) return `#${value}`;
  return value;
}
