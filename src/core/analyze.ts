/**
 * The engine's front: recognize → parse → measure → validate, one pure function from a
 * sheet snapshot to its analysis.
 */
import { Grid } from './grid';
import { makeIssue, sortIssues } from './issues';
import { extractMeta } from './meta';
import {
  DEFAULT_PERCENT_CAP,
  DEFAULT_SCORE_CAP,
  DEFAULT_SETTINGS,
  amountCell,
  completeDebt,
  debtFromNarrative,
  effectivePercent,
  roundDebt,
  rounder,
  summarize,
  thresholdOf,
  type Settings,
} from './measure';
import type { Activity, DebtFigure, FieldId, Issue, IssueParams, Meta, SheetAnalysis, TemplateId } from './model';
import { ambiguousNumbers, parseNumberToken, readAmount, readPercent } from './numbers';
import { parseTables, type ParsedTable } from './parse';
import { readPeriod } from './periods';
import { findHeaders, unrecognizedCandidates } from './recognize';
import type { SheetSnapshot } from './snapshot';
import { columnNumber, ERROR_VALUES } from './snapshot';
import { foldLookalikes } from './text';

export interface AnalyzeOptions {
  settings?: Settings;
  /** Corrections of the title metadata (CLI --year/--unit/--period, the task pane's form). */
  meta?: Partial<Meta>;
  /** Use this template for the first table instead of the best match. */
  template?: TemplateId;
  /** Field → column letter corrections for the first table. */
  columns?: Record<FieldId, string>;
}

const RESPONSIBILITY_WORDS = new Set(['Т', 'Г', 'Х', 'Ш', 'ТУСЛАХ', 'ГҮЙЦЭТГЭХ', 'ХЯНАХ', 'ШИЙДВЭРЛЭХ']);

/** Responsibility codes of a job description: Т, Г, Х, Ш or their words, Latin look-alikes folded. */
export function responsibilityCodes(text: string): { codes: string[]; invalid: string[] } {
  const tokens = foldLookalikes(text).toUpperCase().split(/[\s,/;、]+/).filter(Boolean);
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const t of tokens) {
    const w = t.replace(/[.\-–]+$/, '');
    if (RESPONSIBILITY_WORDS.has(w)) codes.push(w.charAt(0));
    else invalid.push(t);
  }
  return { codes, invalid };
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
  if (headers.length === 0) {
    const { meta, title } = extractMeta(grid, grid.bottom + 1, null);
    applyOverrides(meta, options.meta);
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
      issues: [makeIssue('UNRECOGNIZED_SHEET', sheet, null, null, { sheet })],
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
    measureTable(grid, t, meta, settings, debt, issues);
    activities.push(...t.activities);
    if (!t.template.debtTable) debtBelow(grid, t.info.lastRow + 1, i + 1 < tables.length ? tables[i + 1].info.headerTop - 1 : grid.bottom, debt);
  });
  formulaErrors(grid, issues);
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
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null && v !== '') (meta as unknown as Record<string, unknown>)[k] = v;
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

/** Text fields that may hold a debt narrative, in the order they are searched. */
const NARRATIVE_FIELDS = ['achieved', 'baseline', 'target', 'criterion', 'activity'];
/** The fields, then (null) every other cell of the activity's rows. */
const NARRATIVE_SEARCH: (string | null)[] = [...NARRATIVE_FIELDS, null];

/** First characters of the error values ('#'). */
const ERROR_FIRST = new Set(ERROR_VALUES.map((e) => e.charCodeAt(0)));
/** Surely not white space (the fast ranges of trim()'s definition). */
const solid = (c: number) => (c > 32 && c < 0x85) || (c > 0xa0 && c < 0x1680);

/** An error value typed as text ("#VALUE!"): a text starting with anything but '#' or white space is not one, untrimmed. */
function errorText(s: string): boolean {
  const first = s.charCodeAt(0);
  if (!ERROR_FIRST.has(first) && solid(first)) return false;
  return ERROR_VALUES.includes(s.trim());
}

function formulaErrors(grid: Grid, issues: Issue[]) {
  grid.eachValue((r, c, v, type) => {
    if (type === 'Error' || (typeof v === 'string' && errorText(v))) issues.push(makeIssue('FORMULA_ERROR', grid.name, r, c, { value: String(v) }));
  });
}

function fmt(x: number | null): string {
  return x === null ? '—' : String(Math.round(x * 10) / 10);
}

function measureTable(grid: Grid, t: ParsedTable, meta: Meta, settings: Settings, debt: DebtFigure[], issues: Issue[]) {
  const sheet = grid.name;
  const tpl = t.template;
  const col = (f: string) => t.columns.get(f) ?? null;

  if (tpl.debtTable) {
    measureDebtTable(grid, t, debt, issues);
    return;
  }
  if (tpl.statistics) {
    measureStatistics(grid, t, settings, issues);
    return;
  }

  const pf = tpl.percentField;
  const pCol = pf ? col(pf) : null;
  // Numbers seen per goal and section; the scope (long goal texts) is looked up once per run of activities.
  const seenNo = new Map<string, Map<string, number>>();
  let scope: { of: Activity; seen: Map<string, number> } | null = null;
  // Entered values of the percent column, for PERCENT_SUSPICIOUS.
  const entered: { a: Activity; value: number }[] = [];
  // Columns whose texts are checked for ambiguous numbers and stated percentages. A carried
  // group column counts on the activity's first row only: below it, it belongs to the group.
  const carried = new Set(tpl.fields.filter((f) => f.carry).map((f) => f.id));
  // Columns whose texts the narrative fields already searched (the cells beside them are searched once more).
  const narrativeCols = new Set(NARRATIVE_FIELDS.map((f) => t.columns.get(f)).filter((c): c is number => c !== undefined));
  const textColumns = [...t.columns]
    .filter(([f]) => f !== 'no' && f !== 'period')
    .map(([f, c]) => ({ c, carry: carried.has(f) }));

  for (const a of t.activities) {
    // Debt narrative in any text field of the activity, else in any cell of its rows (a page
    // break may have pushed it out of its column).
    let d: DebtFigure | undefined;
    for (const f of NARRATIVE_SEARCH) {
      const text = f === null ? rowsText(grid, a.row, a.lastRow, true, narrativeCols) : a.fields[f];
      const n = text ? debtFromNarrative(text) : null;
      if (!n) continue;
      d = completeDebt({
        activity: a.no,
        row: a.row,
        source: 'narrative',
        unit: null,
        ...n,
        newArrears: null,
        closing: null,
        revenue: null,
        target: thresholdOf(a.fields.target, a.fields.criterion, a.fields.activity),
      });
      debt.push(d);
      if (d.met === false)
        issues.push(
          makeIssue('TARGET_NOT_MET', sheet, a.row, f === null ? null : col(f), {
            ratioName: d.metBy ?? 'collection',
            ratio: fmt(d.metBy === 'reduction' ? d.reductionRatio : d.collectionRatio),
            target: d.target!,
          }),
        );
      break;
    }

    const at = pf ? t.rawAt.get(a)?.get(pf) : undefined;
    const pRow = at?.row ?? a.row;
    const pc = at?.col ?? pCol;
    const nf = pc ? grid.numberFormat(pRow, pc) : undefined;
    // Read once: the effective percent and the percent checks below both need it. A value
    // outside 0…cap is impossible: it is reported and enters nothing.
    let reading = pf ? readPercent(a.raw[pf], nf) : undefined;
    const cap = pf === 'score' ? (settings.scoreCap ?? DEFAULT_SCORE_CAP) : tpl.overFulfilment ? (settings.percentCap ?? DEFAULT_PERCENT_CAP) : 100;
    const impossible = reading?.kind === 'value' && (reading.value < 0 || reading.value > cap);
    if (impossible && pf && pc) issues.push(makeIssue('PERCENT_INVALID', sheet, pRow, pc, { value: String(a.raw[pf]) }));
    if (impossible) reading = { kind: 'invalid', text: String(a.raw[pf!]) };
    const eff = effectivePercent(a, pf, nf, d, reading);
    a.percent = eff.percent;
    a.percentSource = eff.source;
    if (eff.percent === null) a.unassessed = eff.deliberate ? 'deliberate' : 'no-data';

    if (pf && pCol && pc) {
      const r = reading!;
      if (r.kind === 'value') {
        entered.push({ a, value: r.value });
        // Over-fulfilment (110.6%) up to the cap is a warning in a report.
        if (r.value > 100) issues.push(makeIssue('PERCENT_INVALID', sheet, pRow, pc, { value: String(a.raw[pf]) }, 'warning'));
      } else if (r.kind === 'invalid' && !impossible) issues.push(makeIssue('PERCENT_INVALID', sheet, pRow, pc, { value: r.text }));
      else if (r.kind === 'empty')
        issues.push(
          makeIssue('PERCENT_MISSING', sheet, a.row, pCol, {
            ...(eff.percent !== null ? { suggested: fmt(eff.percent) } : {}),
          }),
        );
    }

    for (const f of tpl.rowRequired) {
      const c = col(f);
      if (c !== null && !(a.fields[f] ?? '').trim())
        issues.push(makeIssue('MISSING_REQUIRED', sheet, a.row, c, { field: f, no: a.no ?? '' }));
    }

    if (a.no && !t.sharedNo.has(a)) {
      if (!scope || scope.of.goal !== a.goal || scope.of.section !== a.section) {
        const key = `${a.goal ?? ''}\u0000${a.section ?? ''}`;
        let seen = seenNo.get(key);
        if (!seen) seenNo.set(key, (seen = new Map()));
        scope = { of: a, seen };
      }
      const first = scope.seen.get(a.no);
      if (first !== undefined) issues.push(makeIssue('NUMBERING_DUPLICATE', sheet, a.row, col('no'), { no: a.no, first }));
      else scope.seen.set(a.no, a.row);
    }

    const perCol = col('period');
    if (perCol !== null) {
      const pat = t.rawAt.get(a)?.get('period');
      a.period = checkPeriod(grid, a, pat?.row ?? a.row, pat?.col ?? perCol, meta, issues);
    }

    const respCol = col('responsibility');
    const resp = a.fields.responsibility;
    if (respCol !== null && resp) {
      const { invalid, codes } = responsibilityCodes(resp);
      if (invalid.length || codes.length === 0) issues.push(makeIssue('RESPONSIBILITY_INVALID', sheet, a.row, respCol, { value: resp }));
    }

    // The text cells the activity was read from, looked up in the grid rather than kept per activity.
    for (let r = a.row; r <= a.lastRow; r++)
      for (const { c, carry } of textColumns) {
        if (carry && r > a.row) continue;
        const text = grid.value(r, c);
        if (typeof text !== 'string') continue;
        for (const tok of ambiguousNumbers(text))
          issues.push(makeIssue('NUMBER_AMBIGUOUS', sheet, r, c, { value: tok, read: String(parseNumberToken(tok)?.value ?? '') }));
        // Tested here first: the reporting closure would otherwise be made for every cell.
        if (TUGRIK.test(text) && PERCENT_WORD.test(text))
          statedPercent(text, (p) => issues.push(makeIssue('STATED_PERCENT_MISMATCH', sheet, r, c, p)));
      }
  }

  if (pCol !== null && entered.length > 1) {
    // A bare 1 (or 0.5) where every other value of the column is above 1.
    const above = entered.filter((e) => e.value > 1).length;
    for (const e of entered) {
      if (e.value > 0 && e.value <= 1 && above === entered.length - 1)
        issues.push(makeIssue('PERCENT_SUSPICIOUS', sheet, e.a.row, pCol, { value: e.value }));
    }
  }

  for (const total of t.totals) {
    for (const cell of total.cells) {
      const stated = readAmount(cell.value);
      if (!stated) continue;
      let computed: number | null = null;
      if (cell.field === pf) {
        const ps = t.activities.map((a) => a.percent).filter((p): p is number => p !== null);
        computed = ps.length ? ps.reduce((s, x) => s + x, 0) / ps.length : null;
      }
      if (computed === null) continue;
      const round = rounder(settings);
      if (Math.abs(round(computed)! - round(stated.value)!) > 0.1 + 1e-9)
        issues.push(makeIssue('STATED_TOTAL_MISMATCH', sheet, total.row, cell.col, { stated: fmt(stated.value), computed: fmt(computed) }));
    }
  }
}

const NUM = String.raw`(\d{1,3}(?:[ \u00A0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)`;
const UNIT = String.raw`(сая|тэрбум|мянган|мянга)?`;
const STATED_RE = new RegExp(
  String.raw`${NUM}\s*${UNIT}\s*төгрөг\S*\s+\S*?(?:хээс|аас|ээс|оос|өөс|иас)\s+${NUM}\s*${UNIT}\s*төгрөг[^%]*?${NUM}\s*(?:%|хувь)`,
  'gi',
);

const TUGRIK = /төгрөг/i;
const PERCENT_WORD = /%|хувь/i;
const DATE_FORMAT = /[yd]/i;

/** "32.829.9 сая төгрөг төвлөрүүлэхээс 36.125.9 сая төгрөг төвлөрүүлж, төлөвлөгөөг 110.6%-иар биелүүлэв". */
function statedPercent(text: string, report: (p: IssueParams['STATED_PERCENT_MISMATCH']) => void) {
  if (!TUGRIK.test(text) || !PERCENT_WORD.test(text)) return;
  STATED_RE.lastIndex = 0;
  for (let m = STATED_RE.exec(text); m; m = STATED_RE.exec(text)) {
    const plan = parseNumberToken(m[1]);
    const actual = parseNumberToken(m[3]);
    const stated = parseNumberToken(m[5]);
    if (!plan || !actual || !stated || plan.value === 0) continue;
    const scale = (u: string | undefined) => ({ сая: 1e6, тэрбум: 1e9, мянган: 1e3, мянга: 1e3 })[(u ?? '').toLowerCase()] ?? 1;
    const computed = ((actual.value * scale(m[4])) / (plan.value * scale(m[2]))) * 100;
    if (Math.abs(computed - stated.value) > 0.5)
      report({ planned: m[1], actual: m[3], computed: fmt(computed), stated: m[5] });
  }
}

function checkPeriod(grid: Grid, a: Activity, row: number, col: number, meta: Meta, issues: Issue[]): Activity['period'] {
  const v = a.raw.period;
  if (v === null || v === undefined) return null;
  const nf = grid.numberFormat(row, col);
  const p = readPeriod(v, DATE_FORMAT.test(nf) && typeof v === 'number');
  if (p.kind === 'empty') return null;
  if (p.kind === 'invalid') {
    issues.push(makeIssue('PERIOD_INVALID', grid.name, row, col, { value: p.part ?? p.text }));
    return { text: p.text };
  }
  if (p.kind === 'text') return { text: p.text };
  if (p.start && p.end && p.end < p.start) issues.push(makeIssue('PERIOD_INVERTED', grid.name, row, col, { start: p.start, end: p.end }));
  if (meta.year) {
    for (const d of [p.start, p.end]) {
      if (d && Number(d.slice(0, 4)) !== meta.year) {
        issues.push(makeIssue('PERIOD_OUTSIDE_YEAR', grid.name, row, col, { date: d, year: meta.year }));
        break;
      }
    }
  }
  return { start: p.start, end: p.end };
}

/**
 * The texts of rows `from`…`to`, column by column (a cell's paragraphs pasted onto rows read
 * as one text), or null when none of them speaks of receivables.
 */
function rowsText(grid: Grid, from: number, to: number, byColumn: boolean, searched?: Set<number>): string | null {
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

const DEBT_HINT = /авлага|үлдэгдэл/i;
const MIN_NARRATIVE = 30;

/** A debt narrative in free text below a table belongs to the sheet (activity null). */
function debtBelow(grid: Grid, from: number, to: number, debt: DebtFigure[]) {
  const text = from <= to ? rowsText(grid, from, to, false) : null;
  const n = text ? debtFromNarrative(text) : null;
  if (!n) return;
  let row = from;
  while (row < to && !grid.filled(row).some((c) => DEBT_HINT.test(grid.text(row, c)))) row++;
  debt.push(
    completeDebt({
      activity: null,
      row,
      source: 'narrative',
      unit: null,
      ...n,
      newArrears: null,
      closing: null,
      revenue: null,
      target: thresholdOf(text!),
    }),
  );
}

/**
 * Stated totals of a statistics table against their columns: the sum of the rows since the
 * previous total (or the mean, when the label says average), within half a unit of the stated
 * precision per part (the parts were rounded as stated).
 */
function measureStatistics(grid: Grid, t: ParsedTable, settings: Settings, issues: Issue[]) {
  const numeric = new Set(
    [...t.columns.keys()].filter((f) => {
      const def = t.template.fields.find((d) => d.id === f || (d.pattern && d.id.includes('$1') && f.startsWith(d.id.slice(0, d.id.indexOf('$1')))));
      return def?.kind === 'number' || def?.kind === 'amount';
    }),
  );
  const events = [...t.debtRows.map((r) => ({ row: r.row, data: r })), ...t.totals.map((r) => ({ row: r.row, total: r }))].sort((a, b) => a.row - b.row);
  const parts = new Map<FieldId, number[]>();
  for (const e of events) {
    if ('data' in e && e.data) {
      for (const f of numeric) {
        const cell = e.data.cells.get(f);
        const v = cell ? readAmount(cell.value) : null;
        if (!v) continue;
        if (v.asText) issues.push(makeIssue('NUMBER_AS_TEXT', grid.name, e.row, cell!.col, { value: String(cell!.value) }));
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
      const computed = mean ? sum / list.length : sum;
      const unit = 10 ** -decimalsOf(cell.value, grid.numberFormat(total.row, cell.col));
      const tolerance = mean ? unit : (unit / 2) * list.length;
      if (Math.abs(computed - stated.value) > tolerance + 1e-9)
        issues.push(makeIssue('STATED_TOTAL_MISMATCH', grid.name, total.row, cell.col, { stated: String(stated.value), computed: fmtTo(computed, settings) }));
    }
    parts.clear();
  }
}

/** Decimals a figure is stated to: as typed in a text, by the number format, or as the number has them. */
function decimalsOf(value: unknown, numberFormat: string): number {
  if (typeof value === 'string') {
    const m = /[.,](\d+)\s*$/.exec(value.trim());
    return m ? m[1].length : 0;
  }
  const f = /0[.,](0+)/.exec(numberFormat);
  if (f) return f[1].length;
  const s = String(value);
  const i = s.indexOf('.');
  return i < 0 ? 0 : Math.min(s.length - i - 1, 6);
}

function fmtTo(x: number, settings: Settings): string {
  return String(rounder(settings)(x));
}

function measureDebtTable(grid: Grid, t: ParsedTable, debt: DebtFigure[], issues: Issue[]) {
  const sheet = grid.name;
  const amountFields = t.template.fields.filter((f) => f.kind === 'amount').map((f) => f.id);
  const sums = new Map<string, number>();
  for (const row of t.debtRows) {
    const val = (f: string): number | null => {
      const cell = row.cells.get(f);
      if (!cell) return null;
      const a = readAmount(cell.value);
      if (a?.asText) issues.push(makeIssue('NUMBER_AS_TEXT', sheet, row.row, cell.col, { value: String(cell.value) }));
      if (a?.ambiguous) issues.push(makeIssue('NUMBER_AMBIGUOUS', sheet, row.row, cell.col, { value: String(cell.value), read: a.value }));
      return a?.value ?? null;
    };
    const v: Record<string, number | null> = {};
    for (const f of amountFields) {
      v[f] = val(f);
      if (v[f] !== null) sums.set(f, (sums.get(f) ?? 0) + v[f]!);
    }
    const colOf = (f: string) => row.cells.get(f)?.col ?? null;
    if (v.opening === null && v.collected === null && v.closing === null) continue;
    const fullPartial = v.collectedFull !== null && v.collectedPartial !== null ? v.collectedFull + v.collectedPartial : null;
    const collected = v.collected ?? fullPartial;
    if (v.collected !== null && fullPartial !== null && Math.abs(v.collected - fullPartial) > 0.05)
      issues.push(
        makeIssue('DEBT_SUM_MISMATCH', sheet, row.row, colOf('collected'), {
          full: fmt(v.collectedFull),
          partial: fmt(v.collectedPartial),
          sum: fmt(fullPartial),
          collected: fmt(v.collected),
        }),
      );
    if (v.opening !== null && collected !== null && v.newArrears !== null && v.closing !== null) {
      const computed = v.opening - collected + v.newArrears;
      if (Math.abs(computed - v.closing) > 0.05)
        issues.push(makeIssue('DEBT_BALANCE_MISMATCH', sheet, row.row, colOf('closing'), { closing: fmt(v.closing), computed: fmt(computed) }));
    }
    if (!v.opening) issues.push(makeIssue('DEBT_NO_OPENING', sheet, row.row, colOf('opening')));
    const d = completeDebt({
      row: row.row,
      source: 'table',
      unit: row.unit,
      opening: v.opening,
      collected,
      collectedFull: v.collectedFull,
      collectedPartial: v.collectedPartial,
      newArrears: v.newArrears,
      closing: v.closing,
      revenue: v.revenue,
      target: v.reductionTarget,
    });
    debt.push(d);
    if (d.met === false)
      issues.push(
        makeIssue('TARGET_NOT_MET', sheet, row.row, colOf(d.metBy === 'reduction' ? 'closing' : 'collected'), {
          ratioName: d.metBy ?? 'collection',
          ratio: fmt(d.metBy === 'reduction' ? d.reductionRatio : d.collectionRatio),
          target: d.target!,
        }),
      );
  }
  for (const total of t.totals) {
    for (const cell of total.cells) {
      if (!amountFields.includes(cell.field) || cell.field === 'reductionTarget') continue;
      const stated = amountCell(cell.value);
      const computed = sums.get(cell.field);
      if (stated === null || computed === undefined) continue;
      if (Math.abs(Math.round(stated * 10) - Math.round(computed * 10)) > 1)
        issues.push(makeIssue('STATED_TOTAL_MISMATCH', sheet, total.row, cell.col, { stated: fmt(stated), computed: fmt(computed) }));
    }
  }
}
