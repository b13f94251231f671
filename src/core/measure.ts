/**
 * Measures (DESIGN.md section 6): effective percent per activity, averages per goal and
 * sheet, evaluation buckets, and debt figures from receivables tables and report narratives.
 * Everything is computed unrounded; rounding happens once, when results are emitted.
 */
import type { Activity, BucketKey, Buckets, DebtFigure, GoalSummary, Summary } from './model';
import { extractFigures, parseNumberToken, plainQuantities, readAmount, readPercent, type PercentReading } from './numbers';
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

export const DEFAULT_SETTINGS: Settings = { thresholds: [90, 60, 30], thirdLevelLabel: 30, rounding: 'half-up' };
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
export function percentFromQuantities(target: string | undefined, achieved: string | undefined): number | null {
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
const OPENING_RE = new RegExp(String.raw`оны\s+эхний\s+(?:авлага(?:тай\s+(?:байгууллагын|ажил\s+олгогчийн))?|үлдэгдэл)\s+${NUM}\s*${UNIT}\s*төгрөг`, 'i');
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
  return { opening: opening / scale, collected: inUnit(collected), collectedFull: inUnit(full), collectedPartial: inUnit(partial) };
}

/** Ratios and the target check of a debt figure (unrounded). */
export function completeDebt(d: Omit<DebtFigure, 'collectionRatio' | 'reductionRatio' | 'receivablesShare' | 'met' | 'metBy'>): DebtFigure {
  const ok = d.opening !== null && d.opening > 0;
  // A ratio outside 0…cap cannot be right (collected above the opening, a negative balance): none is printed.
  const plausible = (x: number | null) => (x !== null && x >= 0 && x <= DEFAULT_PERCENT_CAP ? x : null);
  const collectionRatio = plausible(ok && d.collected !== null ? (d.collected / d.opening!) * 100 : null);
  const reductionRatio = plausible(ok && d.closing !== null ? ((d.opening! - d.closing) / d.opening!) * 100 : null);
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
  const q = percentFromQuantities(a.fields.target ?? (percentField === 'score' ? undefined : a.fields.criterion), a.fields.achieved);
  if (q !== null) return { percent: q, source: 'computed', deliberate: false };
  if (debt && debt.target) {
    const ratio = debt.reductionRatio ?? debt.collectionRatio;
    if (ratio !== null) return { percent: Math.min(100, (ratio / debt.target) * 100), source: 'computed', deliberate: false };
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
