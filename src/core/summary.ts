/** The evaluation summary (товчоо) per unit and goal, and the debt table per unit. */
import { directSource, type ConsolidatedRow, type DebtRow } from './consolidate';
import { DEFAULT_SETTINGS, bucketOf, emptyBuckets, rounder, type Settings } from './measure';
import type { Buckets } from './model';
import { naturalCompare } from './sort';

/** What the summary reads of a consolidated row: a target's other fields need not be at hand to summarize it. */
export type SummaryRow = Pick<
  ConsolidatedRow,
  'via' | 'unit' | 'person' | 'goal' | 'section' | 'percent' | 'year' | 'period'
>;

export interface SummaryLine {
  activities: number;
  assessed: number;
  average: number | null;
  buckets: Buckets;
}

export interface GoalLine extends SummaryLine {
  goal: string;
}

export interface UnitLine extends SummaryLine {
  unit: string;
  person: string;
  goals: GoalLine[];
}

/** A direct source of the target (an aimag's consolidated workbook; '' for units pushed directly), with its units. */
export interface SourceLine extends SummaryLine {
  source: string;
  units: UnitLine[];
}

export interface EvaluationSummary {
  /** By direct source, then unit (section 16); one source '' when every unit was pushed directly. */
  sources: SourceLine[];
  /** Every unit in natural order, whichever source it came through. */
  units: UnitLine[];
  overall: SummaryLine;
}

function line(rows: SummaryRow[], settings: Settings): SummaryLine {
  const buckets = emptyBuckets();
  const ps: number[] = [];
  for (const r of rows) {
    buckets[bucketOf(r.percent, settings)]++;
    if (r.percent !== null) ps.push(r.percent);
  }
  const avg = ps.length ? ps.reduce((s, x) => s + x, 0) / ps.length : null;
  return { activities: rows.length, assessed: ps.length, average: rounder(settings)(avg), buckets };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

function unitLines(rows: SummaryRow[], settings: Settings): UnitLine[] {
  const units: UnitLine[] = [];
  for (const list of groupBy(rows, (r) => `${r.unit}\u0000${r.person}`).values()) {
    const goals = [...groupBy(list, (r) => r.goal || r.section || '—').entries()].map(([goal, g]) => ({
      goal,
      ...line(g, settings),
    }));
    units.push({ unit: list[0].unit, person: list[0].person, ...line(list, settings), goals });
  }
  return units.sort((a, b) => naturalCompare(a.unit, b.unit) || naturalCompare(a.person, b.person));
}

/** Pooled over measures at every level: a source's or the overall average is not an average of averages. */
export function evaluationSummary(
  rows: SummaryRow[],
  settings: Settings = DEFAULT_SETTINGS,
): EvaluationSummary {
  const sources = [...groupBy(rows, (r) => directSource(r.via)).entries()]
    .sort(([a], [b]) => naturalCompare(a, b))
    .map(([source, list]): SourceLine => ({
      source,
      ...line(list, settings),
      units: unitLines(list, settings),
    }));
  return { sources, units: unitLines(rows, settings), overall: line(rows, settings) };
}

export type DebtUnitLine = { unit: string } & Pick<
  DebtRow,
  'opening' | 'collected' | 'closing' | 'collectionRatio' | 'reductionRatio' | 'target' | 'met'
>;

/** One line per debt figure, named by its receivables unit (or the reporting unit for a narrative). */
export function debtByUnit(debt: DebtRow[]): DebtUnitLine[] {
  return debt.map((d) => ({
    unit: d.debtUnit || d.unit,
    opening: d.opening,
    collected: d.collected,
    closing: d.closing,
    collectionRatio: d.collectionRatio,
    reductionRatio: d.reductionRatio,
    target: d.target,
    met: d.met,
  }));
}
