/** The evaluation summary (товчоо) per unit and goal, and the debt table per unit. */
import { directSource, type ConsolidatedRow, type DebtRow } from './consolidate';
import { DEFAULT_SETTINGS, bucketOf, emptyBuckets, rounder, type Settings } from './measure';
import type { BucketKey, Buckets } from './model';
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

/** A summary line being counted: measures are added in row order, so its average is the pooled one. */
class Tally {
  activities = 0;
  assessed = 0;
  private sum = 0;
  readonly buckets = emptyBuckets();

  add(percent: number | null, bucket: BucketKey) {
    this.activities++;
    this.buckets[bucket]++;
    if (percent !== null) {
      this.assessed++;
      this.sum += percent;
    }
  }

  line(round: (x: number | null) => number | null): SummaryLine {
    const average = this.assessed ? this.sum / this.assessed : null;
    return {
      activities: this.activities,
      assessed: this.assessed,
      average: round(average),
      buckets: this.buckets,
    };
  }
}

interface UnitTally {
  unit: string;
  person: string;
  all: Tally;
  goals: Map<string, Tally>;
}

/** Units by name, then person: the names are the rows' own strings, so no key is built per row. */
type Units = Map<string, Map<string, UnitTally>>;

function tallyUnit(units: Units, r: SummaryRow, bucket: BucketKey) {
  let byPerson = units.get(r.unit);
  if (!byPerson) units.set(r.unit, (byPerson = new Map()));
  let u = byPerson.get(r.person);
  if (!u)
    byPerson.set(r.person, (u = { unit: r.unit, person: r.person, all: new Tally(), goals: new Map() }));
  u.all.add(r.percent, bucket);
  const goal = r.goal || r.section || '—';
  let g = u.goals.get(goal);
  if (!g) u.goals.set(goal, (g = new Tally()));
  g.add(r.percent, bucket);
}

function unitLines(units: Units, round: (x: number | null) => number | null): UnitLine[] {
  return [...units.values()]
    .flatMap((byPerson) => [...byPerson.values()])
    .map((u) => ({
      unit: u.unit,
      person: u.person,
      ...u.all.line(round),
      goals: [...u.goals.entries()].map(([goal, g]) => ({ goal, ...g.line(round) })),
    }))
    .sort((a, b) => naturalCompare(a.unit, b.unit) || naturalCompare(a.person, b.person));
}

/**
 * Pooled over measures at every level: a source's or the overall average is not an average of
 * averages. One pass over the rows: a national table has 60,000 of them.
 */
export function evaluationSummary(
  rows: SummaryRow[],
  settings: Settings = DEFAULT_SETTINGS,
): EvaluationSummary {
  const round = rounder(settings);
  const overall = new Tally();
  const units: Units = new Map();
  const sources = new Map<string, { all: Tally; units: Units }>();
  const sourceOf = new Map<string, string>();
  for (const r of rows) {
    let name = sourceOf.get(r.via);
    if (name === undefined) sourceOf.set(r.via, (name = directSource(r.via)));
    let src = sources.get(name);
    if (!src) sources.set(name, (src = { all: new Tally(), units: new Map() }));
    // Each row's bucket once: it is counted at five levels.
    const bucket = bucketOf(r.percent, settings);
    overall.add(r.percent, bucket);
    src.all.add(r.percent, bucket);
    tallyUnit(src.units, r, bucket);
    tallyUnit(units, r, bucket);
  }
  return {
    sources: [...sources.entries()]
      .sort(([a], [b]) => naturalCompare(a, b))
      .map(([source, s]): SourceLine => ({ source, ...s.all.line(round), units: unitLines(s.units, round) })),
    units: unitLines(units, round),
    overall: overall.line(round),
  };
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
