/**
 * One-click report formatting (DESIGN.md section 9) as a write plan: the official layout
 * for any recognized template, values untouched, and applying it twice equals once.
 */
import { Grid } from '../grid';
import { DEFAULT_SETTINGS, bucketOf, type Settings } from '../measure';
import type { BucketKey, SheetAnalysis, TableInfo } from '../model';
import { columnNumber, type SheetSnapshot } from '../snapshot';
import { templateById } from '../templates';
import type { WriteOp, WritePlan } from '../writeplan';
import { coalesceOps } from './coalesce';
import { COLORS, bucketRules, landscape, range } from './style';

const WIDTH_BY_KIND: Record<string, number> = {
  text: 26,
  number: 13,
  amount: 14,
  percent: 10,
  period: 14,
  codes: 14,
  mark: 8,
};

export function planFormat(
  snapshot: SheetSnapshot,
  analysis: SheetAnalysis,
  settings: Settings = DEFAULT_SETTINGS,
): WritePlan {
  // Decided row by row; one operation per block of rows is what reaches Excel.
  return { ops: coalesceOps(formatOps(snapshot, analysis, settings)) };
}

/** The formatting operations as decided, row by row (planFormat merges them into blocks). */
export function formatOps(
  snapshot: SheetSnapshot,
  analysis: SheetAnalysis,
  settings: Settings = DEFAULT_SETTINGS,
): WriteOp[] {
  if (!analysis.template || analysis.tables.length === 0) return [];
  const grid = new Grid(snapshot);
  const sheet = snapshot.name;
  const ops: WriteOp[] = [];
  const first = analysis.tables[0];

  // Title rows: a single text spanning the table is merged, bold and centred.
  for (let r = grid.top; r < first.headerTop; r++) {
    const filled = grid.filled(r);
    if (filled.length !== 1 || filled[0] !== first.left) continue;
    ops.push(
      { op: 'merge', sheet, range: range(r, first.left, r, first.right) },
      {
        op: 'setFont',
        sheet,
        range: range(r, first.left),
        bold: true,
        size: r === firstTitleRow(grid, first) ? 12 : 11,
      },
      {
        op: 'setAlignment',
        sheet,
        range: range(r, first.left, r, first.right),
        horizontal: 'center',
        vertical: 'middle',
        wrap: true,
      },
    );
  }
  analysis.tables.forEach((t, i) =>
    ops.push(...tableOps(grid, sheet, t, settings, percentCells(analysis, i, t))),
  );

  const tpl = templateById(analysis.template);
  const widths = new Map<number, number>();
  for (const [field, letter] of Object.entries(first.columns)) {
    const def = tpl.fields.find(
      (f) => f.id === field || (f.id.includes('$1') && field.startsWith(f.id.split('$1')[0])),
    );
    const width = def?.width ?? WIDTH_BY_KIND[def?.kind ?? 'text'] ?? 20;
    widths.set(columnNumber(letter), width);
    ops.push({ op: 'setColumnWidth', sheet, col: columnNumber(letter), width });
  }
  ops.push(...rowHeights(grid, sheet, analysis, widths));
  ops.push(landscape(sheet, { from: first.headerTop, to: first.numberingRow ?? first.headerRow }));
  return ops;
}

const LINE_HEIGHT = 15;
const UNLISTED_WIDTH = 10;

/**
 * Row heights that show every wrapped line: not every reader re-measures rows when a file
 * is opened, and a cut-off narrative is a figure the head cannot see.
 */
function rowHeights(
  grid: Grid,
  sheet: string,
  analysis: SheetAnalysis,
  widths: Map<number, number>,
): WriteOp[] {
  const ops: WriteOp[] = [];
  const widthOf = (c: number) => widths.get(c) ?? UNLISTED_WIDTH;
  // Characters per line of a column `width` wide: bold header text runs wider than body text.
  const lines = (text: string, width: number, bold: boolean) =>
    text
      .split('\n')
      .reduce(
        (n, part) => n + Math.max(1, Math.ceil(part.length / Math.max(1, width * (bold ? 0.8 : 0.95)))),
        0,
      );
  for (const t of analysis.tables) {
    const tableWidth = Array.from({ length: t.right - t.left + 1 }, (_, i) => widthOf(t.left + i)).reduce(
      (a, b) => a + b,
      0,
    );
    const rows = [
      ...Array.from({ length: t.headerRow - t.headerTop + 1 }, (_, i) => t.headerTop + i),
      ...t.rows.filter((r) => r.kind !== 'blank' && r.kind !== 'signature').map((r) => r.row),
    ];
    if (t.titleRow !== null) rows.push(t.titleRow);
    for (const r of rows) {
      let n = 1;
      for (const c of grid.filled(r, t.left, t.right)) {
        const merged = grid.mergeAt(r, c);
        const single = grid.filled(r, t.left, t.right).length === 1;
        const width =
          merged && merged.bottom === r
            ? Array.from({ length: merged.right - merged.left + 1 }, (_, i) =>
                widthOf(merged.left + i),
              ).reduce((a, b) => a + b, 0)
            : single && c === t.left
              ? tableWidth
              : widthOf(c);
        n = Math.max(n, lines(grid.text(r, c), width, r <= t.headerRow));
      }
      if (n > 1) ops.push({ op: 'setRowHeight', sheet, row: r, height: n * LINE_HEIGHT });
    }
  }
  return ops;
}

function firstTitleRow(grid: Grid, t: TableInfo): number {
  for (let r = grid.top; r < t.headerTop; r++) if (grid.filled(r).length) return r;
  return grid.top;
}

const BUCKET_FILL: Record<BucketKey, string | null> = {
  '100': COLORS.level100,
  '70': COLORS.level70,
  '30': COLORS.level30,
  '0': COLORS.level0,
  '-': null,
};

interface PercentCells {
  /** Rows whose percent cell the checker flagged: its text and look stay as written. */
  flagged: Set<number>;
  /** Effective percent of each activity's first row. */
  percent: Map<number, number>;
}

function percentCells(analysis: SheetAnalysis, table: number, t: TableInfo): PercentCells {
  const letter = t.columns.percent ?? t.columns.score;
  const flagged = new Set<number>();
  for (const i of analysis.issues)
    if (letter && i.column === letter && i.row !== null && i.severity !== 'info') flagged.add(i.row);
  const percent = new Map<number, number>();
  for (const a of analysis.activities)
    if (a.table === table && a.percent !== null && a.percentSource === 'entered')
      percent.set(a.row, a.percent);
  return { flagged, percent };
}

function tableOps(
  grid: Grid,
  sheet: string,
  t: TableInfo,
  settings: Settings,
  cells: PercentCells,
): WriteOp[] {
  const ops: WriteOp[] = [];
  const width = (r: number) => range(r, t.left, r, t.right);
  if (t.titleRow !== null)
    ops.push(
      { op: 'merge', sheet, range: width(t.titleRow) },
      { op: 'setFont', sheet, range: range(t.titleRow, t.left), bold: true },
      { op: 'setAlignment', sheet, range: width(t.titleRow), horizontal: 'center', wrap: true },
    );
  const header = range(t.headerTop, t.left, t.headerRow, t.right);
  ops.push(
    { op: 'setFont', sheet, range: header, bold: true },
    { op: 'setFill', sheet, range: header, color: COLORS.header },
    { op: 'setAlignment', sheet, range: header, horizontal: 'center', vertical: 'middle', wrap: true },
    { op: 'setBorders', sheet, range: header, style: 'thin' },
  );
  if (t.numberingRow !== null)
    ops.push(
      { op: 'setFont', sheet, range: width(t.numberingRow), italic: true, size: 9 },
      { op: 'setAlignment', sheet, range: width(t.numberingRow), horizontal: 'center' },
      { op: 'setBorders', sheet, range: width(t.numberingRow), style: 'thin' },
    );
  const noCol = t.columns.no ? columnNumber(t.columns.no) : null;
  const pctLetter = t.columns.percent ?? t.columns.score;
  const pctCol = pctLetter ? columnNumber(pctLetter) : null;
  let bodyTop: number | null = null;
  let bodyBottom: number | null = null;
  const runs: [number, number][] = [];
  for (const row of t.rows) {
    const r = row.row;
    switch (row.kind) {
      case 'section':
        ops.push(
          { op: 'merge', sheet, range: width(r) },
          { op: 'setFont', sheet, range: range(r, t.left), bold: true },
          { op: 'setFill', sheet, range: width(r), color: COLORS.section },
          { op: 'setAlignment', sheet, range: width(r), horizontal: 'left', vertical: 'middle', wrap: true },
          { op: 'setBorders', sheet, range: width(r), style: 'thin' },
        );
        break;
      case 'goal':
        ops.push(
          { op: 'merge', sheet, range: width(r) },
          { op: 'setFont', sheet, range: range(r, t.left), italic: true, bold: false },
          { op: 'setAlignment', sheet, range: width(r), horizontal: 'left', vertical: 'middle', wrap: true },
          { op: 'setBorders', sheet, range: width(r), style: 'thin' },
        );
        break;
      case 'activity':
      case 'continuation':
      case 'subcriterion':
        ops.push(
          { op: 'setAlignment', sheet, range: width(r), horizontal: 'left', vertical: 'top', wrap: true },
          { op: 'setBorders', sheet, range: width(r), style: 'thin' },
        );
        if (noCol !== null)
          ops.push({ op: 'setAlignment', sheet, range: range(r, noCol), horizontal: 'center' });
        if (pctCol !== null)
          ops.push({ op: 'setAlignment', sheet, range: range(r, pctCol), horizontal: 'center' });
        if (pctCol === null || cells.flagged.has(r)) {
          // A flagged percent keeps its text and gets no colour: the conditional colours skip it.
          if (bodyTop !== null && bodyBottom !== null) runs.push([bodyTop, bodyBottom]);
          bodyTop = bodyBottom = null;
          break;
        }
        if (typeof grid.value(r, pctCol) === 'number') {
          if (!/%/.test(grid.numberFormat(r, pctCol)))
            ops.push({ op: 'setNumberFormat', sheet, range: range(r, pctCol), format: '0.0' });
        } else {
          // A percent written as text («100 хувь»): conditional formatting cannot read it, so its colour is decided here.
          const p = cells.percent.get(r);
          const color = p === undefined ? null : BUCKET_FILL[bucketOf(p, settings)];
          if (color) ops.push({ op: 'setFill', sheet, range: range(r, pctCol), color });
        }
        bodyTop = bodyTop ?? r;
        bodyBottom = r;
        break;
      case 'total':
        ops.push(
          { op: 'setFont', sheet, range: width(r), bold: true },
          { op: 'setBorders', sheet, range: width(r), style: 'thin' },
        );
        break;
      default:
        break;
    }
  }
  if (bodyTop !== null && bodyBottom !== null) runs.push([bodyTop, bodyBottom]);
  if (pctCol !== null)
    for (const [top, bottom] of runs)
      ops.push({
        op: 'bucketColors',
        sheet,
        range: range(top, pctCol, bottom, pctCol),
        rules: bucketRules(settings),
      });
  return ops;
}
