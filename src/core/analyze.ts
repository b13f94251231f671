/**
 * The engine's front: recognize → parse → measure → check, one pure function from a sheet
 * snapshot to its analysis. It walks each table once, measuring as it goes, and calls the
 * visitors of every check in the catalogue (src/core/checks) at each step.
 */
import type { Report, SheetVisitors, TableScope } from './checks/check';
import { CATALOGUE } from './checks';
import { Grid } from './grid';
import { buildIssue, sortIssues } from './issues';
import { extractMeta } from './meta';
import {
  DEFAULT_SETTINGS,
  activityMeasurer,
  debtBelow,
  measureDebtTable,
  measureStatistics,
  roundDebt,
  rounder,
  summarize,
  type Settings,
} from './measure';
import type { Activity, DebtFigure, FieldId, Issue, Meta, SheetAnalysis, TemplateId } from './model';
import { parseTables } from './parse';
import { findHeaders, unrecognizedCandidates } from './recognize';
import type { SheetSnapshot } from './snapshot';
import { columnNumber } from './snapshot';

export interface AnalyzeOptions {
  settings?: Settings;
  /** Corrections of the title metadata (CLI --year/--unit/--period, the task pane's form). */
  meta?: Partial<Meta>;
  /** Use this template for the first table instead of the best match. */
  template?: TemplateId;
  /** Field → column letter corrections for the first table. */
  columns?: Record<FieldId, string>;
}

type Hooks = { [K in keyof SheetVisitors]-?: NonNullable<SheetVisitors[K]>[] };

/** Every check's visitors for one sheet, grouped by step in catalogue order; their issues go to `issues`. */
function sheetHooks(sheet: string, issues: Issue[]): Hooks {
  const on: Hooks = {
    unrecognized: [],
    table: [],
    activity: [],
    textCell: [],
    tableEnd: [],
    amount: [],
    debtRow: [],
    debtTableEnd: [],
    statedSum: [],
    sheet: [],
  };
  for (const c of CATALOGUE) {
    if (!('analyze' in c)) continue;
    const report: Report<Record<string, string | number>> = (row, col, params = {}, severity) =>
      issues.push(buildIssue(c.code, sheet, row, col, params, severity));
    const visitors = (c.analyze as (r: typeof report) => SheetVisitors)(report);
    for (const k of Object.keys(visitors) as (keyof SheetVisitors)[]) (on[k] as unknown[]).push(visitors[k]);
  }
  return on;
}

export function analyzeSheet(snapshot: SheetSnapshot, options: AnalyzeOptions = {}): SheetAnalysis {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const grid = new Grid(snapshot);
  const headers = findHeaders(grid, options.template);
  if (headers.length && options.columns) {
    for (const [f, letter] of Object.entries(options.columns)) {
      for (const [g, c] of headers[0].columns) if (c === columnNumber(letter)) headers[0].columns.delete(g);
      headers[0].columns.set(f, columnNumber(letter));
    }
  }
  const issues: Issue[] = [];
  const sheet = snapshot.name;
  const on = sheetHooks(sheet, issues);
  if (headers.length === 0) {
    const { meta, title } = extractMeta(grid, grid.bottom + 1, null);
    applyOverrides(meta, options.meta);
    for (const h of on.unrecognized) h(sheet);
    return {
      sheet,
      template: null,
      confidence: 0,
      candidates: unrecognizedCandidates(),
      meta,
      title,
      tables: [],
      activities: [],
      summary: summarize([], settings),
      debt: [],
      issues,
    };
  }
  const main = headers[0];
  const tables = parseTables(grid, headers);
  const template = tables[0].template;
  const { meta, title } = extractMeta(grid, main.headerTop, template);
  applyOverrides(meta, options.meta);

  const debt: DebtFigure[] = [];
  const activities: Activity[] = [];
  tables.forEach((t, i) => {
    walkTable({ grid, table: t, meta, settings, col: (f) => t.columns.get(f) ?? null }, on, debt);
    activities.push(...t.activities);
    if (!t.template.debtTable) {
      const below = debtBelow(
        grid,
        t.info.lastRow + 1,
        i + 1 < tables.length ? tables[i + 1].info.headerTop - 1 : grid.bottom,
      );
      if (below) debt.push(below);
    }
  });
  for (const h of on.sheet) h(grid);
  const summary = summarize(activities, settings);
  const round = rounder(settings);
  for (const a of activities) a.percent = round(a.percent);
  return {
    sheet,
    template: template.id,
    confidence: main.confidence,
    candidates: main.candidates,
    meta,
    title,
    tables: tables.map((t) => t.info),
    activities,
    summary,
    debt: debt.map((d) => roundDebt(d, settings)),
    issues: sortIssues(dedupe(issues)),
  };
}

function applyOverrides(meta: Meta, o: Partial<Meta> | undefined) {
  if (!o) return;
  for (const [k, v] of Object.entries(o))
    if (v !== undefined && v !== null && v !== '') (meta as unknown as Record<string, unknown>)[k] = v;
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.code}|${i.row}|${i.column}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** One table: measured row by row, each step shown to the checks' visitors. */
function walkTable(t: TableScope, on: Hooks, debt: DebtFigure[]) {
  const table = t.table;
  for (const h of on.table) h(t);
  if (table.template.debtTable) {
    const { rows, sums } = measureDebtTable(table);
    for (const { amounts, measured } of rows) {
      for (const cell of amounts) for (const h of on.amount) h(cell, t);
      if (!measured) continue;
      for (const h of on.debtRow) h(measured, t);
      debt.push(measured.figure);
    }
    for (const h of on.debtTableEnd) h(sums, t);
    return;
  }
  if (table.template.statistics) {
    const { amounts, totals } = measureStatistics(table);
    for (const cell of amounts) for (const h of on.amount) h(cell, t);
    for (const s of totals) for (const h of on.statedSum) h(s, t);
    return;
  }
  const measure = activityMeasurer(t.grid, table, t.settings);
  // The text cells of an activity, as the checks of its sentences see them. A carried group
  // column counts on the activity's first row only: below it, it belongs to the group.
  const carried = new Set(table.template.fields.filter((f) => f.carry).map((f) => f.id));
  const textColumns = [...table.columns]
    .filter(([f]) => f !== 'no' && f !== 'period')
    .map(([f, c]) => ({ c, carry: carried.has(f) }));
  for (const a of table.activities) {
    const m = measure(a);
    if (m.debt) debt.push(m.debt.figure);
    for (const h of on.activity) h(m, t);
    // The text cells the activity was read from, looked up in the grid rather than kept per activity.
    for (let r = a.row; r <= a.lastRow; r++)
      for (const { c, carry } of textColumns) {
        if (carry && r > a.row) continue;
        const text = t.grid.value(r, c);
        if (typeof text !== 'string') continue;
        for (const h of on.textCell) h(r, c, text, t);
      }
  }
  for (const h of on.tableEnd) h(t);
}
