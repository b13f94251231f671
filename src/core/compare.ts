/**
 * Plan ↔ report comparison (DESIGN.md section 13): activities matched one-to-one, table by
 * table, by number confirmed by text, else by normalized text; targets whose figures changed.
 */
import type { CompareReport, CompareScope, CompareVisitors } from './checks/check';
import { CATALOGUE } from './checks';
import { buildIssue } from './issues';
import type { Activity, Issue, SheetAnalysis } from './model';
import { extractFigures } from './numbers';
import { normalize, wordSimilarity } from './text';

/** Minimum word similarity that confirms a match by number, and that matches by text alone. */
export const CONFIRM_BY_NUMBER = 0.2;
export const MATCH_BY_TEXT = 0.5;

export interface Match {
  plan: Activity;
  report: Activity;
  by: 'number' | 'text';
}

/** The figures of a text as a sorted multiset: quantities, percentages and thresholds. */
export function figuresOf(text: string | undefined): number[] {
  if (!text) return [];
  return extractFigures(text)
    .map((f) => Math.round(f.value * 1000) / 1000)
    .sort((a, b) => a - b);
}

function sameFigures(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Matches the activities of two tables one-to-one. */
export function matchActivities(
  plan: Activity[],
  report: Activity[],
): { matched: Match[]; missing: Activity[]; unplanned: Activity[] } {
  const matched: Match[] = [];
  const usedPlan = new Set<Activity>();
  const usedReport = new Set<Activity>();
  // The same text first: a renumbered activity keeps its text even when its old number now
  // belongs to another activity (reordered and renumbered), which the number would confirm.
  const byText = new Map<string, Activity[]>();
  for (const p of plan) {
    const k = normalize(p.fields.activity ?? '');
    if (k) byText.set(k, [...(byText.get(k) ?? []), p]);
  }
  for (const r of report) {
    const candidates = (byText.get(normalize(r.fields.activity ?? '')) ?? []).filter((p) => !usedPlan.has(p));
    const p = candidates.find((c) => c.no !== null && c.no === r.no) ?? candidates[0];
    if (!p) continue;
    matched.push({ plan: p, report: r, by: p.no !== null && p.no === r.no ? 'number' : 'text' });
    usedPlan.add(p);
    usedReport.add(r);
  }
  const byNo = new Map<string, Activity[]>();
  for (const p of plan) if (p.no && !usedPlan.has(p)) byNo.set(p.no, [...(byNo.get(p.no) ?? []), p]);
  for (const r of report) {
    if (!r.no || usedReport.has(r)) continue;
    const candidates = (byNo.get(r.no) ?? []).filter((p) => !usedPlan.has(p));
    let best: Activity | null = null;
    let bestSim = CONFIRM_BY_NUMBER;
    for (const p of candidates) {
      const sim = wordSimilarity(p.fields.activity ?? '', r.fields.activity ?? '');
      if (sim >= bestSim) {
        best = p;
        bestSim = sim;
      }
    }
    if (best) {
      matched.push({ plan: best, report: r, by: 'number' });
      usedPlan.add(best);
      usedReport.add(r);
    }
  }
  // Renumbered or unnumbered activities: the most similar texts first.
  const pairs: { p: Activity; r: Activity; sim: number }[] = [];
  for (const r of report) {
    if (usedReport.has(r)) continue;
    for (const p of plan) {
      if (usedPlan.has(p)) continue;
      const sim = wordSimilarity(p.fields.activity ?? '', r.fields.activity ?? '');
      if (sim >= MATCH_BY_TEXT) pairs.push({ p, r, sim });
    }
  }
  pairs.sort((a, b) => b.sim - a.sim || a.r.row - b.r.row);
  for (const { p, r } of pairs) {
    if (usedPlan.has(p) || usedReport.has(r)) continue;
    matched.push({ plan: p, report: r, by: 'text' });
    usedPlan.add(p);
    usedReport.add(r);
  }
  matched.sort((a, b) => a.report.row - b.report.row);
  return {
    matched,
    missing: plan.filter((p) => !usedPlan.has(p)),
    unplanned: report.filter((r) => !usedReport.has(r)),
  };
}

export const COMPARED_FIELDS = ['target', 'baseline', 'criterion'] as const;

export interface ComparisonDoc {
  version: 1;
  plan: { file: string; sheet: string; year: number | null; activities: number };
  report: { file: string; sheet: string; year: number | null; period: string | null; activities: number };
  matched: {
    no: string | null;
    planRow: number;
    reportRow: number;
    by: 'number' | 'text';
    changed: string[];
  }[];
  missing: { no: string | null; planRow: number }[];
  unplanned: { no: string | null; reportRow: number }[];
  issues: (Pick<Issue, 'code' | 'severity' | 'row' | 'column' | 'message'> & {
    file: string;
    sheet: string;
    messageEn: string;
  })[];
}

type Hooks = { [K in keyof CompareVisitors]-?: NonNullable<CompareVisitors[K]>[] };

export function compareAnalyses(
  plan: SheetAnalysis,
  report: SheetAnalysis,
  planFile: string,
  reportFile: string,
): ComparisonDoc {
  const matched: ComparisonDoc['matched'] = [];
  const missing: ComparisonDoc['missing'] = [];
  const unplanned: ComparisonDoc['unplanned'] = [];
  const issues: ComparisonDoc['issues'] = [];
  const add = (i: Issue, file: string) =>
    issues.push({
      code: i.code,
      severity: i.severity,
      file,
      sheet: i.sheet,
      row: i.row,
      column: i.column,
      message: i.message,
      messageEn: i.messageEn,
    });
  // The catalogue's comparison checks, grouped by step in catalogue order.
  const on: Hooks = { matched: [], missing: [], unplanned: [] };
  for (const c of CATALOGUE) {
    if (!('compare' in c)) continue;
    const raise: CompareReport<Record<string, string | number>> = (side, row, col, params) =>
      side === 'plan'
        ? add(buildIssue(c.code, plan.sheet, row, col, params), planFile)
        : add(buildIssue(c.code, report.sheet, row, col, params), reportFile);
    const visitors = (c.compare as (r: typeof raise) => CompareVisitors)(raise);
    for (const k of Object.keys(visitors) as (keyof CompareVisitors)[])
      (on[k] as unknown[]).push(visitors[k]);
  }
  const tables = Math.max(plan.tables.length, report.tables.length);
  for (let t = 0; t < tables; t++) {
    const scope: CompareScope = { plan, report, table: t };
    const pa = plan.activities.filter((a) => a.table === t);
    const ra = report.activities.filter((a) => a.table === t);
    const m = matchActivities(pa, ra);
    for (const x of m.matched) {
      const changed = COMPARED_FIELDS.filter(
        (f) => !sameFigures(figuresOf(x.plan.fields[f]), figuresOf(x.report.fields[f])),
      );
      matched.push({
        no: x.report.no ?? x.plan.no,
        planRow: x.plan.row,
        reportRow: x.report.row,
        by: x.by,
        changed: [...changed],
      });
      for (const h of on.matched) h(x, changed, scope);
    }
    for (const p of m.missing) {
      missing.push({ no: p.no, planRow: p.row });
      for (const h of on.missing) h(p, scope);
    }
    for (const r of m.unplanned) {
      unplanned.push({ no: r.no, reportRow: r.row });
      for (const h of on.unplanned) h(r, scope);
    }
  }
  return {
    version: 1,
    plan: { file: planFile, sheet: plan.sheet, year: plan.meta.year, activities: plan.activities.length },
    report: {
      file: reportFile,
      sheet: report.sheet,
      year: report.meta.year,
      period: report.meta.period,
      activities: report.activities.length,
    },
    matched,
    missing,
    unplanned,
    issues,
  };
}
