/**
 * Finds the header rows of every table in a sheet and scores each template against them
 * (DESIGN.md section 4): normalized labels, one- and two-row merged headers, the header
 * anywhere in the first 30 rows, columns in any order, several tables in one sheet.
 */
import type { FieldId, TemplateCandidate, TemplateId } from './model';
import type { Grid } from './grid';
import {
  COMPILED,
  EXACT_LABELS,
  TEMPLATES,
  labelScore,
  type CompiledField,
  type Template,
} from './templates';
import { NormalizedSet, normalize } from './text';

export interface HeaderMatch {
  template: TemplateId | null;
  candidates: TemplateCandidate[];
  /** Field → sheet column number. */
  columns: Map<FieldId, number>;
  labels: Map<FieldId, string>;
  headerTop: number;
  headerRow: number;
  numberingRow: number | null;
  /** Share of the header's labelled columns the template explains (0–1). */
  confidence: number;
}

const MAX_LABEL = 160;
const FIRST_HEADER_WITHIN = 30;
const EXACT_LABEL_SET = new NormalizedSet(EXACT_LABELS);

/** Header labels of a row, optionally combined with the row below (two-row headers). */
function rowLabels(grid: Grid, r: number): Map<number, { raw: string; norm: string }> {
  const out = new Map<number, { raw: string; norm: string }>();
  for (const c of grid.filled(r)) {
    const raw = grid.text(r, c);
    if (raw.length > MAX_LABEL) continue;
    out.set(c, { raw, norm: normalize(raw) });
  }
  return out;
}

const TRAILING_DOT = /\.$/;
const SMALL_INT = /^\d{1,2}$/;

/** A row of consecutive small integers (1 2 3 … 8, in any order) under a header. */
export function isNumberingRow(grid: Grid, r: number): boolean {
  const cols = grid.filled(r);
  if (cols.length < 3) return false;
  // Distinct numbers forming a run once sorted: the columns may have been reordered.
  let min = Infinity;
  let max = -Infinity;
  let seen = 0;
  for (const c of cols) {
    const t = grid.text(r, c).replace(TRAILING_DOT, '');
    if (!SMALL_INT.test(t)) return false;
    const n = Number(t);
    if (n > 31 || seen & (1 << n)) return false;
    seen |= 1 << n;
    min = Math.min(min, n);
    max = Math.max(max, n);
  }
  return max - min === cols.length - 1;
}

interface Scored {
  template: Template;
  columns: Map<FieldId, number>;
  labels: Map<FieldId, string>;
  matched: number;
  missing: FieldId[];
  forbiddenHit: boolean;
}

function has(present: Set<string>, f: string): boolean {
  if (!f.endsWith(':*')) return present.has(f);
  const prefix = f.slice(0, -1);
  for (const p of present) if (p.startsWith(prefix)) return true;
  return false;
}

/** Loops, not closures: it runs for every template at every candidate header row of every sheet. */
function satisfied(req: Template['required'][number], present: Set<string>): boolean {
  if (typeof req === 'string') return has(present, req);
  for (const set of req.anyOf) {
    let all = true;
    for (const f of set) all &&= has(present, f);
    if (all) return true;
  }
  return false;
}

function requirementName(req: Template['required'][number]): string {
  return typeof req === 'string' ? req : req.anyOf.map((s) => s.join('+')).join('|');
}

/**
 * labelScore of a normalized label against every field of every template, memoized: the same
 * labels are scored for each template, for one- and two-row readings and for each candidate row.
 */
const scoreMemo = new Map<string, Map<CompiledField, { score: number; id: string }>>();
function scoreOf(norm: string, field: CompiledField): { score: number; id: string } {
  let m = scoreMemo.get(norm);
  if (!m) {
    if (scoreMemo.size > 20_000) scoreMemo.clear();
    m = new Map();
    for (const fields of COMPILED.values()) for (const f of fields) m.set(f, labelScore(norm, f));
    scoreMemo.set(norm, m);
  }
  return m.get(field) ?? labelScore(norm, field);
}

/** The globally best field of every label (any template), to test forbidden fields. */
function globalFields(labels: Map<number, { raw: string; norm: string }>): Set<string> {
  const out = new Set<string>();
  for (const { norm } of labels.values()) {
    let best = 0;
    let id = '';
    for (const fields of COMPILED.values())
      for (const f of fields) {
        const s = scoreOf(norm, f);
        if (s.score > best) {
          best = s.score;
          id = s.id;
        }
      }
    if (id) out.add(id);
  }
  return out;
}

function scoreTemplate(
  t: Template,
  labels: Map<number, { raw: string; norm: string }>,
  global: Set<string>,
): Scored {
  const fields = COMPILED.get(t.id)!;
  const pairs: { col: number; id: string; score: number; raw: string }[] = [];
  for (const [col, { raw, norm }] of labels) {
    for (const f of fields) {
      const s = scoreOf(norm, f);
      if (s.score > 0) pairs.push({ col, id: s.id, score: s.score, raw });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.col - b.col);
  const columns = new Map<FieldId, number>();
  const names = new Map<FieldId, string>();
  const usedCols = new Set<number>();
  for (const p of pairs) {
    if (columns.has(p.id) || usedCols.has(p.col)) continue;
    columns.set(p.id, p.col);
    names.set(p.id, p.raw);
    usedCols.add(p.col);
  }
  const present = new Set(columns.keys());
  const missing = t.required.filter((req) => !satisfied(req, present)).map(requirementName);
  const forbiddenHit = t.forbidden.some((f) => global.has(f) || present.has(f));
  return { template: t, columns, labels: names, matched: columns.size, missing, forbiddenHit };
}

/**
 * Every template's score of a header, memoized by its labels: the units of an office fill in the
 * same templates, so 2,000 unit workbooks hold a handful of distinct headers. A Scored is never
 * changed by its readers (headerAt copies what it hands on).
 */
const evaluated = new Map<string, Scored[]>();
function evaluate(labels: Map<number, { raw: string; norm: string }>): Scored[] {
  let key = '';
  for (const [col, { raw, norm }] of labels) key += `${col}\u0001${raw}\u0001${norm}\u0002`;
  let scored = evaluated.get(key);
  if (!scored) {
    if (evaluated.size > 2_000) evaluated.clear();
    scored = scoreAll(labels);
    evaluated.set(key, scored);
  }
  return scored;
}

function scoreAll(labels: Map<number, { raw: string; norm: string }>): Scored[] {
  const global = globalFields(labels);
  return TEMPLATES.map((t) => scoreTemplate(t, labels, global)).sort(
    (a, b) =>
      Number(a.missing.length > 0 || a.forbiddenHit) - Number(b.missing.length > 0 || b.forbiddenHit) ||
      b.matched - a.matched ||
      a.template.priority - b.template.priority,
  );
}

const eligible = (s: Scored) => s.missing.length === 0 && !s.forbiddenHit;

function combine(
  upper: Map<number, { raw: string; norm: string }>,
  lower: Map<number, { raw: string; norm: string }>,
): Map<number, { raw: string; norm: string }> {
  const out = new Map(upper);
  for (const [c, l] of lower) out.set(c, l);
  return out;
}

/** Tries row r as the (first) header row; null when no template explains it well enough. */
export function headerAt(grid: Grid, r: number, forced?: TemplateId): HeaderMatch | null {
  const upper = rowLabels(grid, r);
  if (upper.size < 2) return null;
  let labels = upper;
  let headerRow = r;
  let scored = evaluate(upper);
  if (r + 1 <= grid.bottom && !isNumberingRow(grid, r + 1)) {
    const lower = rowLabels(grid, r + 1);
    if (lower.size > 0) {
      const both = combine(upper, lower);
      const scored2 = evaluate(both);
      const a = scored.find(eligible);
      const b = scored2.find(eligible);
      // The upper row must add labels of its own: a title row above a one-row header is not a header.
      const lowerAlone = evaluate(lower).find(eligible);
      if (b && (!a || b.matched > a.matched) && !(lowerAlone && lowerAlone.matched >= b.matched)) {
        labels = both;
        headerRow = r + 1;
        scored = scored2;
      }
    }
  }
  const pick = forced ? scored.find((s) => s.template.id === forced) : scored.find(eligible);
  if (!pick || pick.matched < 3) return null;
  const numberingRow =
    headerRow + 1 <= grid.bottom && isNumberingRow(grid, headerRow + 1) ? headerRow + 1 : null;
  return {
    template: pick.template.id,
    candidates: scored.map((s) => ({
      template: s.template.id,
      score: s.forbiddenHit ? 0 : Math.round((s.matched / Math.max(labels.size, 1)) * 100) / 100,
      missing: [...s.missing],
    })),
    // Copies: the scores are shared by every sheet with the same header, and a caller may adjust its columns.
    columns: new Map(pick.columns),
    labels: new Map(pick.labels),
    headerTop: r,
    headerRow,
    numberingRow,
    confidence: Math.round((pick.matched / Math.max(labels.size, 1)) * 100) / 100,
  };
}

/** Quick test before the full evaluation: at least two cells are known labels. */
function looksLikeHeader(grid: Grid, r: number): boolean {
  let known = 0;
  for (const c of grid.filled(r)) {
    const t = grid.text(r, c);
    if (t.length > MAX_LABEL) continue;
    // Runs on every row below the first table: most cells are given up after a character or two.
    if (EXACT_LABEL_SET.has(t)) known++;
    if (known >= 2) return true;
  }
  return false;
}

/**
 * Every table header of the sheet, top to bottom, anywhere in the used range (several tables
 * per sheet, e.g. the knowledge table of a report).
 */
export function findHeaders(grid: Grid, forced?: TemplateId): HeaderMatch[] {
  const out: HeaderMatch[] = [];
  let r = grid.top;
  while (r <= grid.bottom) {
    const first = out.length === 0;
    // Any row of the first 30 may head the first table; below them (a letter or a preamble
    // above the table, DESIGN.md section 14) a header is looked for like any later table's.
    const near = first && (r < grid.top + FIRST_HEADER_WITHIN || r <= FIRST_HEADER_WITHIN);
    const candidate = near ? grid.filled(r).length >= 2 : looksLikeHeader(grid, r);
    const h = candidate ? headerAt(grid, r, first ? forced : undefined) : null;
    if (h) {
      out.push(h);
      r = (h.numberingRow ?? h.headerRow) + 1;
    } else r++;
  }
  return out;
}

/** Every template's candidacy for a sheet with no header: all missing. */
export function unrecognizedCandidates(): TemplateCandidate[] {
  return TEMPLATES.map((t) => ({ template: t.id, score: 0, missing: t.required.map(requirementName) }));
}
