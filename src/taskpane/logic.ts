/**
 * Small pure helpers between the engine's results and what the pane shows. No business
 * rules: those live in src/core; these only pick, group, filter and count for display.
 */
import { pushOf, consolidate } from '../core/consolidate';
import type { Settings } from '../core/measure';
import type { Issue, Meta, Severity, SheetAnalysis, TemplateCandidate, TemplateId } from '../core/model';
import { SHEETS, summaryPlan } from '../core/plans/consolidation';
import { columnLetter, columnNumber, type CellRange, type SheetSnapshot } from '../core/snapshot';
import { TEMPLATES } from '../core/templates';
import type { WritePlan } from '../core/writeplan';

/** Below this recognition confidence the pane asks the user to confirm the template. */
export const SURE_CONFIDENCE = 0.8;
/** A runner-up this close to the best score is offered as well. */
export const CLOSE_RUNNER_UP = 0.15;

export interface RankedTemplate {
  id: TemplateId;
  score: number;
  /** Every required column was found: the template could read this sheet. */
  eligible: boolean;
}

/** Every template: the chosen one, then those that could read the sheet by score, then the rest. */
export function rankedTemplates(analysis: SheetAnalysis): RankedTemplate[] {
  const byId = new Map<TemplateId, TemplateCandidate>(analysis.candidates.map((c) => [c.template, c]));
  const rank = (r: RankedTemplate) => (r.id === analysis.template ? 0 : r.eligible ? 1 : 2);
  return TEMPLATES.map((t, i) => {
    const c = byId.get(t.id);
    return { id: t.id, score: c?.score ?? 0, eligible: !!c && c.missing.length === 0 && c.score > 0, i };
  })
    .sort((a, b) => rank(a) - rank(b) || b.score - a.score || a.i - b.i)
    .map(({ id, score, eligible }) => ({ id, score, eligible }));
}

/** The best other template that could read the sheet (all its required columns found). */
export function runnerUp(analysis: SheetAnalysis): RankedTemplate | null {
  return rankedTemplates(analysis).find((c) => c.id !== analysis.template && c.eligible) ?? null;
}

/** Whether the pane should ask which template this is: unsure recognition, or a runner-up as good. */
export function templateUnsure(analysis: SheetAnalysis): boolean {
  if (!analysis.template || analysis.confidence < SURE_CONFIDENCE) return true;
  const best =
    analysis.candidates.find((c) => c.template === analysis.template)?.score ?? analysis.confidence;
  const next = runnerUp(analysis);
  return next !== null && best - next.score <= CLOSE_RUNNER_UP;
}

export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function groupIssues(issues: Issue[]): Record<Severity, Issue[]> {
  const groups: Record<Severity, Issue[]> = { error: [], warning: [], info: [] };
  for (const i of issues) groups[i.severity].push(i);
  return groups;
}

/** An issue as the list shows it: "G13" and the message without its own leading "G13: ". */
export function issueParts(
  issue: Pick<Issue, 'row' | 'column' | 'message' | 'messageEn'>,
  lang: 'mn' | 'en',
): { address: string | null; text: string } {
  const message = lang === 'en' ? issue.messageEn : issue.message;
  const address =
    issue.row === null
      ? null
      : issue.column
        ? `${issue.column}${issue.row}`
        : lang === 'en'
          ? `row ${issue.row}`
          : `${issue.row}-р мөр`;
  const text = address && message.startsWith(`${address}: `) ? message.slice(address.length + 2) : message;
  return { address, text };
}

/** The cell an issue points at: its column, or the table's first column when it names a row only. */
export function issueCell(issue: Issue, analysis: SheetAnalysis | null): { row: number; col: number } | null {
  if (issue.row === null) return null;
  const col = issue.column ? columnNumber(issue.column) : (analysis?.tables[0]?.left ?? 1);
  return { row: issue.row, col };
}

export interface ColumnChoice {
  letter: string;
  /** The header text above it, if any. */
  label: string;
}

/** The columns a field can be mapped to: the table's width (or the used range), with their header text. */
export function columnChoices(snapshot: SheetSnapshot, analysis: SheetAnalysis): ColumnChoice[] {
  const t = analysis.tables[0];
  const width = snapshot.values.reduce((w, r) => Math.max(w, r.length), 0);
  const left = t ? Math.min(t.left, snapshot.origin.col) : snapshot.origin.col;
  const right = Math.max(t ? t.right : 0, snapshot.origin.col + width - 1);
  const out: ColumnChoice[] = [];
  for (let c = left; c <= right; c++) {
    const texts: string[] = [];
    if (t)
      for (let r = t.headerTop; r <= t.headerRow; r++) {
        const v = snapshot.values[r - snapshot.origin.row]?.[c - snapshot.origin.col];
        if (v !== null && v !== undefined && String(v).trim())
          texts.push(String(v).replace(/\s+/g, ' ').trim());
      }
    out.push({ letter: columnLetter(c), label: texts.join(' / ') });
  }
  return out;
}

/** The fields the mapping shows: those found, then the template's other fixed fields. */
export function mappingFields(analysis: SheetAnalysis, templateFields: { id: string }[]): string[] {
  const found = Object.keys(analysis.tables[0]?.columns ?? {});
  const fixed = templateFields.map((f) => f.id).filter((id) => !id.includes('$'));
  const order = (id: string) => {
    const i = fixed.indexOf(id);
    return i < 0 ? fixed.length : i;
  };
  const all = [...new Set([...found, ...fixed])];
  return all.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

/** The evaluation summary sheet ("Товчоо") of one analysed sheet, charts included. */
export function summarySheetPlan(
  analysis: SheetAnalysis,
  file: string,
  meta: Partial<Meta>,
  settings: Settings,
): WritePlan {
  const state = consolidate({ rows: [], debt: [] }, [pushOf(analysis, file, meta)]);
  return summaryPlan(state, settings);
}

/** The plan, then the range selected (its sheet activated): the user sees what was written. */
export function thenSelect(plan: WritePlan, sheet: string, range: CellRange): WritePlan {
  return { ops: [...plan.ops, { op: 'select', sheet, range }] };
}

/** The smallest range holding every cell the plan writes values to on one sheet, or null. */
export function writtenRange(plan: WritePlan, sheet: string): CellRange | null {
  let r: CellRange | null = null;
  for (const op of plan.ops) {
    if (op.op !== 'setValues' || op.sheet !== sheet) continue;
    const bottom = op.row + op.values.length - 1;
    const right = op.col + Math.max(1, ...op.values.map((v) => v.length)) - 1;
    r = r
      ? {
          top: Math.min(r.top, op.row),
          left: Math.min(r.left, op.col),
          bottom: Math.max(r.bottom, bottom),
          right: Math.max(r.right, right),
        }
      : { top: op.row, left: op.col, bottom, right };
  }
  return r;
}

/** The first cell of a sheet, to activate a new sheet. */
export const FIRST_CELL: CellRange = { top: 1, left: 1, bottom: 1, right: 1 };

/** Cells a fill plan writes, as addresses. */
export function filledCells(plan: WritePlan): string[] {
  return plan.ops.flatMap((op) => (op.op === 'setValues' ? [`${columnLetter(op.col)}${op.row}`] : []));
}

/** What one-click formatting touches, for its confirmation. */
export function formatCounts(analysis: SheetAnalysis): { rows: number; sections: number; goals: number } {
  let rows = 0;
  let sections = 0;
  let goals = 0;
  for (const t of analysis.tables)
    for (const r of t.rows) {
      if (r.kind === 'activity' || r.kind === 'continuation' || r.kind === 'subcriterion') rows++;
      else if (r.kind === 'section') sections++;
      else if (r.kind === 'goal') goals++;
    }
  return { rows, sections, goals };
}

/** The sheets a consolidation may read: every sheet except the consolidation's own. */
export function consolidationCandidates(sheets: string[]): string[] {
  const own = new Set<string>(Object.values(SHEETS));
  return sheets.filter((s) => !own.has(s));
}

/** What the user corrected for one sheet on the Check tab. */
export interface SheetOverrides {
  template?: TemplateId;
  columns?: Record<string, string>;
  meta?: Partial<Meta>;
}

/** The engine's options for a sheet: the scale, the report-year override, then the sheet's own corrections. */
export function analyzeOptions(
  user: { scale: Settings; yearOverride: number | null },
  overrides: SheetOverrides | undefined,
): { settings: Settings; meta: Partial<Meta>; template?: TemplateId; columns?: Record<string, string> } {
  const meta: Partial<Meta> = {
    ...(user.yearOverride ? { year: user.yearOverride } : {}),
    ...(overrides?.meta ?? {}),
  };
  return {
    settings: user.scale,
    meta,
    ...(overrides?.template ? { template: overrides.template } : {}),
    ...(overrides?.columns && Object.keys(overrides.columns).length ? { columns: overrides.columns } : {}),
  };
}
