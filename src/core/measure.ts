/**
 * Measures (DESIGN.md section 6): effective percent per activity, averages per goal and
 * sheet, evaluation buckets, and debt figures from receivables tables and report narratives.
 * Everything is computed unrounded; rounding happens once, when results are emitted.
 */
import type { Grid } from './grid';
import type { Activity, BucketKey, Buckets, DebtFigure, FieldId, GoalSummary, Summary } from './model';
import {
  extractFigures,
  parseNumberToken,
  plainQuantities,
  readAmount,
  readPercent,
  type PercentReading,
} from './numbers';
import type { ParsedTable } from './parse';
import { readPeriod, type PeriodReading } from './periods';
import { roundHalfUp, truncate } from './text';

export interface Settings {
  /** Lower bounds of the levels 100, 70 and 30 (percent); below the last is level 0. */
  thresholds: [number, number, number];
  /** Label preset of the third level: 30 (resolution No. 206) or 40 (НДЕГ's 2019 summary). */
  thirdLevelLabel: 30 | 40;
  rounding: 'half-up' | 'truncate';
  /** Plausibility caps: a percent above percentCap (reports that allow over-fulfilment) or a score above scoreCap is impossible. */
  percentCap?: number;
  scoreCap?: number;
}

export const DEFAULT_SETTINGS: Settings = {
  thresholds: [90, 60, 30],
  thirdLevelLabel: 30,
  rounding: 'half-up',
};
export const DEFAULT_PERCENT_CAP = 200;
export const DEFAULT_SCORE_CAP = 100;

export function rounder(settings: Settings): (x: number | null) => number | null {
  return (x) => (x === null ? null : settings.rounding === 'truncate' ? truncate(x, 1) : roundHalfUp(x, 1));
}

export function emptyBuckets(): Buckets {
  return { '100': 0, '70': 0, '30': 0, '0': 0, '-': 0 };
}

export function bucketOf(p: number | null, settings: Settings): BucketKey {
  if (p === null) return '-';
  const [a, b, c] = settings.thresholds;
  if (p >= a) return '100';
  if (p >= b) return '70';
  if (p >= c) return '30';
  return '0';
}

/** Percent of a row computed from its quantities: paired in order, the weakest pair counts. */
export function percentFromQuantities(
  target: string | undefined,
  achieved: string | undefined,
): number | null {
  if (!target || !achieved) return null;
  // Sub-criteria (lines opening with a capital or a bullet) pair line by line: the weakest computed one counts.
  const ts = target.includes('\n') ? target.split(CRITERION_BREAK) : null;
  const as = ts && ts.length > 1 && achieved.includes('\n') ? achieved.split(CRITERION_BREAK) : null;
  if (ts && as && ts.length === as.length) {
    let p: number | null = null;
    for (let i = 0; i < ts.length; i++) {
      const q = pairedPercent(ts[i], as[i]);
      if (q !== null) p = p === null ? q : Math.min(p, q);
    }
    if (p !== null) return p;
  }
  return pairedPercent(target, achieved);
}

const CRITERION_BREAK = /\n(?=[\s"'“«(•·*–-]*[A-ZА-ЯЁӨҮ])/;

function pairedPercent(target: string, achieved: string): number | null {
  const t = plainQuantities(target);
  const a = plainQuantities(achieved);
  if (t.length === 0 || t.length !== a.length) return null;
  let p = Infinity;
  for (let i = 0; i < t.length; i++) {
    if (t[i].value <= 0) return null;
    p = Math.min(p, Math.min(100, (a[i].value / t[i].value) * 100));
  }
  return p;
}

/** The threshold of a target text: "30-аас доошгүй хувиар бууруулах" → 30. */
export function thresholdOf(...texts: (string | undefined)[]): number | null {
  for (const t of texts) {
    if (!t) continue;
    const f = extractFigures(t).find((x) => x.kind === 'threshold');
    if (f) return f.value;
  }
  return null;
}

const NUM = String.raw`(\d{1,3}(?:[ \u00A0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)`;
const UNIT = String.raw`(сая|тэрбум|мянган|мянга|мян\.)?`;
const OPENING_RE = new RegExp(
  String.raw`оны\s+эхний\s+(?:авлага(?:тай\s+(?:байгууллагын|ажил\s+олгогчийн))?|үлдэгдэл)\s+${NUM}\s*${UNIT}\s*төгрөг`,
  'i',
);
const COLLECTED_RE = new RegExp(
  String.raw`${NUM}\s*${UNIT}\s*төгрөг\S*\s+(?:авлагыг\s+|өрийг\s+)?(бүрэн\s+|хэсэгчлэн\s+)?барагдуул`,
  'gi',
);
const OPENING_HINT = /оны\s+эхний/i;
const SCALE: Record<string, number> = { сая: 1e6, тэрбум: 1e9, мянган: 1e3, мянга: 1e3, 'мян.': 1e3 };

function amount(num: string, unit: string | undefined): number | null {
  const p = parseNumberToken(num);
  return p ? p.value * (SCALE[(unit ?? '').toLowerCase()] ?? 1) : null;
}

export interface NarrativeDebt {
  opening: number;
  collected: number | null;
  collectedFull: number | null;
  collectedPartial: number | null;
}

/**
 * Debt from a report's narrative, in the unit of the opening balance:
 * "Оны эхний авлага 5297,4 сая төгрөг байснаас … 2571,0 сая төгрөгийн авлагыг барагдуулсан";
 * "Оны эхний авлагатай байгууллагын 8,801.5 сая төгрөгөөс … 1,140.0 сая төгрөгийг барагдуулж".
 */
export function debtFromNarrative(text: string): NarrativeDebt | null {
  if (!OPENING_HINT.test(text)) return null;
  const m = OPENING_RE.exec(text);
  if (!m) return null;
  const scale = SCALE[(m[2] ?? '').toLowerCase()] ?? 1;
  const opening = amount(m[1], m[2]);
  if (opening === null) return null;
  const rest = text.slice(m.index + m[0].length);
  let full: number | null = null;
  let partial: number | null = null;
  let total: number | null = null;
  COLLECTED_RE.lastIndex = 0;
  for (let c = COLLECTED_RE.exec(rest); c; c = COLLECTED_RE.exec(rest)) {
    const v = amount(c[1], c[2]);
    if (v === null) continue;
    const q = (c[3] ?? '').trim().toLowerCase();
    if (q === 'бүрэн') full = v;
    else if (q === 'хэсэгчлэн') partial = v;
    else total = v;
  }
  const collected = total ?? (full !== null && partial !== null ? full + partial : null);
  if (collected === null && full === null && partial === null) return null;
  const inUnit = (x: number | null) => (x === null ? null : x / scale);
  return {
    opening: opening / scale,
    collected: inUnit(collected),
    collectedFull: inUnit(full),
    collectedPartial: inUnit(partial),
  };
}

/** Ratios and the target check of a debt figure (unrounded). */
export function completeDebt(
  d: Omit<DebtFigure, 'collectionRatio' | 'reductionRatio' | 'receivablesShare' | 'met' | 'metBy'>,
): DebtFigure {
  const ok = d.opening !== null && d.opening > 0;
  // A ratio outside 0…cap cannot be right (collected above the opening, a negative balance): none is printed.
  const plausible = (x: number | null) => (x !== null && x >= 0 && x <= DEFAULT_PERCENT_CAP ? x : null);
  const collectionRatio = plausible(ok && d.collected !== null ? (d.collected / d.opening!) * 100 : null);
  const reductionRatio = plausible(
    ok && d.closing !== null ? ((d.opening! - d.closing) / d.opening!) * 100 : null,
  );
  const receivablesShare = plausible(d.closing !== null && d.revenue ? (d.closing / d.revenue) * 100 : null);
  let met: boolean | null = null;
  let metBy: DebtFigure['metBy'] = null;
  if (d.target !== null) {
    if (reductionRatio !== null) {
      met = reductionRatio >= d.target;
      metBy = 'reduction';
    } else if (collectionRatio !== null) {
      met = collectionRatio >= d.target;
      metBy = 'collection';
    }
  }
  return { ...d, collectionRatio, reductionRatio, receivablesShare, met, metBy };
}

/** Reads an amount cell of a receivables table (numbers stored as text are read too). */
export function amountCell(v: unknown): number | null {
  return readAmount(v)?.value ?? null;
}

/** Effective percent of an activity: entered, else computed, else unassessed. */
export function effectivePercent(
  a: Activity,
  percentField: string | null,
  numberFormat: string | undefined,
  debt: DebtFigure | undefined,
  /** readPercent of the percent cell, when the caller has read it already. */
  reading?: PercentReading,
): { percent: number | null; source: Activity['percentSource']; deliberate: boolean } {
  if (percentField) {
    const r = reading ?? readPercent(a.raw[percentField], numberFormat);
    if (r.kind === 'value') return { percent: r.value, source: 'entered', deliberate: false };
    if (r.kind === 'deliberate') return { percent: null, source: null, deliberate: true };
  }
  const q = percentFromQuantities(
    a.fields.target ?? (percentField === 'score' ? undefined : a.fields.criterion),
    a.fields.achieved,
  );
  if (q !== null) return { percent: q, source: 'computed', deliberate: false };
  if (debt && debt.target) {
    const ratio = debt.reductionRatio ?? debt.collectionRatio;
    if (ratio !== null)
      return { percent: Math.min(100, (ratio / debt.target) * 100), source: 'computed', deliberate: false };
  }
  return { percent: null, source: null, deliberate: false };
}

function average(ps: number[]): number | null {
  return ps.length ? ps.reduce((s, x) => s + x, 0) / ps.length : null;
}

/** Averages and buckets over measures (a goal with three measures counts three times). */
export function summarize(activities: Activity[], settings: Settings): Summary {
  const round = rounder(settings);
  const group = (list: Activity[]) => {
    const buckets = emptyBuckets();
    const assessed: number[] = [];
    for (const a of list) {
      buckets[bucketOf(a.percent, settings)]++;
      if (a.percent !== null) assessed.push(a.percent);
    }
    return { activities: list.length, assessed: assessed.length, average: round(average(assessed)), buckets };
  };
  const goals: GoalSummary[] = [];
  const byGoal = new Map<string, Activity[]>();
  // Consecutive activities share their goal: the key (long goal texts) is built once per run of them.
  let prev: Activity | null = null;
  let list: Activity[] = [];
  for (const a of activities) {
    if (!prev || a.table !== prev.table || a.section !== prev.section || a.goal !== prev.goal) {
      const key = `${a.table}\u0000${a.section ?? ''}\u0000${a.goal ?? ''}`;
      const found = byGoal.get(key);
      if (found) list = found;
      else byGoal.set(key, (list = []));
    }
    list.push(a);
    prev = a;
  }
  for (const list of byGoal.values()) {
    const first = list[0];
    goals.push({ title: first.goal ?? first.section ?? '—', section: first.section, ...group(list) });
  }
  return { ...group(activities), goals };
}

export const roundDebt = (d: DebtFigure, settings: Settings): DebtFigure => {
  const round = rounder(settings);
  const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  return {
    ...d,
    opening: r2(d.opening),
    collected: r2(d.collected),
    collectedFull: r2(d.collectedFull),
    collectedPartial: r2(d.collectedPartial),
    newArrears: r2(d.newArrears),
    closing: r2(d.closing),
    revenue: r2(d.revenue),
    collectionRatio: round(d.collectionRatio),
    reductionRatio: round(d.reductionRatio),
    receivablesShare: round(d.receivablesShare),
  };
};

// Measuring a parsed table, step by step as the engine walks it (src/core/analyze.ts). What is
// measured is data; raising issues about it is the checks' part (src/core/checks).

/** The percent (or score) of an activity as it was read and measured. */
export interface MeasuredPercent {
  field: FieldId;
  /** The table's column of the field. */
  column: number | null;
  /** The cell the value was read from (a merged or shifted cell may sit apart from the activity's row). */
  row: number;
  col: number | null;
  raw: string | number | boolean | null | undefined;
  /** What the cell reads as; a value outside 0…cap reads as invalid (it enters nothing). */
  reading: PercentReading;
  /** The value was a number outside 0…cap. */
  impossible: boolean;
  /** The effective percent (entered, else computed), unrounded. */
  effective: number | null;
}

/** An activity after measuring: its percent, its period and the debt its narrative states. */
export interface MeasuredActivity {
  activity: Activity;
  /** A debt figure read from a narrative, and the field it was read from (null: another cell of the rows). */
  debt: { figure: DebtFigure; field: FieldId | null } | null;
  /** Null when the template has no percent field. */
  percent: MeasuredPercent | null;
  /** Null when the table has no period column or the cell is empty. */
  period: { row: number; col: number; reading: PeriodReading } | null;
}

/** A non-empty amount cell of a receivables or statistics table, as read. */
export interface AmountCell {
  row: number;
  col: number;
  value: string | number | boolean | null;
  reading: { value: number; asText: boolean; ambiguous: boolean };
}

/** A row of a receivables table that holds figures. */
export interface MeasuredDebtRow {
  row: number;
  /** The row's amounts by field (null: empty or unreadable). */
  values: Record<FieldId, number | null>;
  /** Fully + partially collected, when both are stated. */
  fullPartial: number | null;
  figure: DebtFigure;
  /** The row's column of a field, or null. */
  col(field: FieldId): number | null;
}

/** A stated total of a statistics table and what its rows since the previous total add up to. */
export interface StatedSum {
  row: number;
  col: number;
  value: string | number;
  stated: number;
  /** The sum of the parts, or their mean when the label says average. */
  computed: number;
  parts: number;
  mean: boolean;
}

/** Text fields that may hold a debt narrative, in the order they are searched. */
const NARRATIVE_FIELDS = ['achieved', 'baseline', 'target', 'criterion', 'activity'];
/** The fields, then (null) every other cell of the activity's rows. */
const NARRATIVE_SEARCH: (string | null)[] = [...NARRATIVE_FIELDS, null];
const DEBT_HINT = /авлага|үлдэгдэл/i;
const MIN_NARRATIVE = 30;
const DATE_FORMAT = /[yd]/i;

/**
 * Measures the activities of a plan, report or job-description table one at a time: the debt
 * its narrative states, its effective percent and its period (set on the activity too).
 */
export function activityMeasurer(
  grid: Grid,
  t: ParsedTable,
  settings: Settings,
): (a: Activity) => MeasuredActivity {
  const tpl = t.template;
  const pf = tpl.percentField;
  const pCol = pf ? (t.columns.get(pf) ?? null) : null;
  const perCol = t.columns.get('period') ?? null;
  const cap =
    pf === 'score'
      ? (settings.scoreCap ?? DEFAULT_SCORE_CAP)
      : tpl.overFulfilment
        ? (settings.percentCap ?? DEFAULT_PERCENT_CAP)
        : 100;
  // Columns whose texts the narrative fields already searched (the cells beside them are searched once more).
  const narrativeCols = new Set(
    NARRATIVE_FIELDS.map((f) => t.columns.get(f)).filter((c): c is number => c !== undefined),
  );
  return (a) => {
    // Debt narrative in any text field of the activity, else in any cell of its rows (a page
    // break may have pushed it out of its column).
    let debt: MeasuredActivity['debt'] = null;
    for (const f of NARRATIVE_SEARCH) {
      const text = f === null ? rowsText(grid, a.row, a.lastRow, true, narrativeCols) : a.fields[f];
      const n = text ? debtFromNarrative(text) : null;
      if (!n) continue;
      debt = {
        figure: narrativeFigure(
          n,
          a.no,
          a.row,
          thresholdOf(a.fields.target, a.fields.criterion, a.fields.activity),
        ),
        field: f,
      };
      break;
    }

    const at = pf ? t.rawAt.get(a)?.get(pf) : undefined;
    const pRow = at?.row ?? a.row;
    const pc = at?.col ?? pCol;
    const nf = pc ? grid.numberFormat(pRow, pc) : undefined;
    // Read once: the effective percent and the percent checks both need it. A value outside
    // 0…cap is impossible: it enters nothing.
    let reading = pf ? readPercent(a.raw[pf], nf) : undefined;
    const impossible = reading?.kind === 'value' && (reading.value < 0 || reading.value > cap);
    if (impossible) reading = { kind: 'invalid', text: String(a.raw[pf!]) };
    const eff = effectivePercent(a, pf, nf, debt?.figure, reading);
    a.percent = eff.percent;
    a.percentSource = eff.source;
    if (eff.percent === null) a.unassessed = eff.deliberate ? 'deliberate' : 'no-data';
    const percent: MeasuredPercent | null =
      pf && reading
        ? {
            field: pf,
            column: pCol,
            row: pRow,
            col: pc,
            raw: a.raw[pf],
            reading,
            impossible,
            effective: eff.percent,
          }
        : null;

    let period: MeasuredActivity['period'] = null;
    if (perCol !== null) {
      const pat = t.rawAt.get(a)?.get('period');
      const row = pat?.row ?? a.row;
      const col = pat?.col ?? perCol;
      const v = a.raw.period;
      if (v === null || v === undefined) a.period = null;
      else {
        const p = readPeriod(v, DATE_FORMAT.test(grid.numberFormat(row, col)) && typeof v === 'number');
        a.period =
          p.kind === 'empty' ? null : p.kind === 'range' ? { start: p.start, end: p.end } : { text: p.text };
        if (p.kind !== 'empty') period = { row, col, reading: p };
      }
    }
    return { activity: a, debt, percent, period };
  };
}

/**
 * The texts of rows `from`…`to`, column by column (a cell's paragraphs pasted onto rows read
 * as one text), or null when none of them speaks of receivables.
 */
function rowsText(
  grid: Grid,
  from: number,
  to: number,
  byColumn: boolean,
  searched?: Set<number>,
): string | null {
  let any = false;
  for (let r = from; r <= to && !any; r++)
    for (const c of grid.filled(r)) {
      if (searched?.has(c)) continue;
      const v = grid.value(r, c);
      // A debt narrative is a sentence: short cells (numbers, periods, percents) are not read.
      if (typeof v === 'string' && v.length >= MIN_NARRATIVE && DEBT_HINT.test(v)) {
        any = true;
        break;
      }
    }
  if (!any) return null;
  const parts: string[] = [];
  if (byColumn) {
    for (let c = grid.left; c <= grid.right; c++)
      for (let r = from; r <= to; r++) {
        const v = grid.value(r, c);
        if (typeof v === 'string' && v.trim()) parts.push(v.trim());
      }
  } else
    for (let r = from; r <= to; r++)
      for (const c of grid.filled(r)) {
        const v = grid.value(r, c);
        if (typeof v === 'string') parts.push(v.trim());
      }
  return parts.join(' ');
}

/** A debt narrative in free text below a table (rows `from`…`to`) belongs to the sheet (activity null). */
export function debtBelow(grid: Grid, from: number, to: number): DebtFigure | null {
  const text = from <= to ? rowsText(grid, from, to, false) : null;
  const n = text ? debtFromNarrative(text) : null;
  if (!n) return null;
  let row = from;
  while (row < to && !grid.filled(row).some((c) => DEBT_HINT.test(grid.text(row, c)))) row++;
  return narrativeFigure(n, null, row, thresholdOf(text!));
}

/** A debt figure read from a narrative: a sentence states no new arrears, closing balance or revenue. */
function narrativeFigure(
  n: NarrativeDebt,
  activity: string | null,
  row: number,
  target: number | null,
): DebtFigure {
  return completeDebt({
    activity,
    row,
    source: 'narrative',
    unit: null,
    ...n,
    newArrears: null,
    closing: null,
    revenue: null,
    target,
  });
}

/** The rows of a receivables table: their amount cells as read and, for rows with figures, the figures. */
export function measureDebtTable(t: ParsedTable): {
  rows: { amounts: AmountCell[]; measured: MeasuredDebtRow | null }[];
  sums: Map<FieldId, number>;
} {
  const amountFields = t.template.fields.filter((f) => f.kind === 'amount').map((f) => f.id);
  const sums = new Map<FieldId, number>();
  const rows = t.debtRows.map((row) => {
    const amounts: AmountCell[] = [];
    const v: Record<FieldId, number | null> = {};
    for (const f of amountFields) {
      const cell = row.cells.get(f);
      const a = cell ? readAmount(cell.value) : null;
      if (a) amounts.push({ row: row.row, col: cell!.col, value: cell!.value, reading: a });
      v[f] = a?.value ?? null;
      if (v[f] !== null) sums.set(f, (sums.get(f) ?? 0) + v[f]!);
    }
    if (v.opening === null && v.collected === null && v.closing === null) return { amounts, measured: null };
    const fullPartial =
      v.collectedFull !== null && v.collectedPartial !== null ? v.collectedFull + v.collectedPartial : null;
    const figure = completeDebt({
      row: row.row,
      source: 'table',
      unit: row.unit,
      opening: v.opening,
      collected: v.collected ?? fullPartial,
      collectedFull: v.collectedFull,
      collectedPartial: v.collectedPartial,
      newArrears: v.newArrears,
      closing: v.closing,
      revenue: v.revenue,
      target: v.reductionTarget,
    });
    const col = (f: FieldId) => row.cells.get(f)?.col ?? null;
    return { amounts, measured: { row: row.row, values: v, fullPartial, figure, col } };
  });
  return { rows, sums };
}

/**
 * A statistics table: its numeric cells as read, and each stated total with the sum of its
 * column's rows since the previous total (or their mean, when the label says average).
 */
export function measureStatistics(t: ParsedTable): { amounts: AmountCell[]; totals: StatedSum[] } {
  const numeric = new Set(
    [...t.columns.keys()].filter((f) => {
      const def = t.template.fields.find(
        (d) =>
          d.id === f || (d.pattern && d.id.includes('$1') && f.startsWith(d.id.slice(0, d.id.indexOf('$1')))),
      );
      return def?.kind === 'number' || def?.kind === 'amount';
    }),
  );
  const events = [
    ...t.debtRows.map((r) => ({ row: r.row, data: r })),
    ...t.totals.map((r) => ({ row: r.row, total: r })),
  ].sort((a, b) => a.row - b.row);
  const parts = new Map<FieldId, number[]>();
  const amounts: AmountCell[] = [];
  const totals: StatedSum[] = [];
  for (const e of events) {
    if ('data' in e && e.data) {
      for (const f of numeric) {
        const cell = e.data.cells.get(f);
        const v = cell ? readAmount(cell.value) : null;
        if (!v) continue;
        amounts.push({ row: e.row, col: cell!.col, value: cell!.value, reading: v });
        let list = parts.get(f);
        if (!list) parts.set(f, (list = []));
        list.push(v.value);
      }
      continue;
    }
    const total = (e as { total: (typeof t.totals)[number] }).total;
    const mean = /дундаж/i.test(total.label);
    for (const cell of total.cells) {
      if (!numeric.has(cell.field)) continue;
      const stated = readAmount(cell.value);
      const list = parts.get(cell.field);
      if (!stated || !list?.length) continue;
      const sum = list.reduce((s, x) => s + x, 0);
      totals.push({
        row: total.row,
        col: cell.col,
        value: cell.value,
        stated: stated.value,
        computed: mean ? sum / list.length : sum,
        parts: list.length,
        mean,
      });
    }
    parts.clear();
  }
  return { amounts, totals };
}
