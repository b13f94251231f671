/**
 * Row classification and activity assembly (DESIGN.md section 4, "Rows"): sections, goals,
 * activities, continuations (page breaks) and sub-criteria joined into their activity,
 * vertically merged group cells applied to every row they cover, totals and signatures.
 */
import type { Activity, FieldId, RowKind, TableInfo } from './model';
import type { Grid } from './grid';
import type { HeaderMatch } from './recognize';
import { readPeriod } from './periods';
import { isNumberingRow } from './recognize';
import { columnLetter } from './snapshot';
import { templateById, type Template } from './templates';
import { NormalizedSet, SECTION_WORDS, cellText, cleanText, normalize, startsUpper } from './text';

export interface TotalRow {
  row: number;
  label: string;
  /** Field → the stated value and its column. */
  cells: { field: FieldId; col: number; value: string | number }[];
}

export interface DebtRow {
  row: number;
  unit: string | null;
  /** Field → raw value and column. */
  cells: Map<FieldId, { col: number; value: string | number | boolean | null }>;
}

export interface ParsedTable {
  index: number;
  template: Template;
  info: TableInfo;
  columns: Map<FieldId, number>;
  activities: Activity[];
  totals: TotalRow[];
  debtRows: DebtRow[];
  /** Activity → is its number shared with the previous activity through a merged cell. */
  sharedNo: Set<Activity>;
  /** Activity → field → the cell its raw value was read from, when not the activity's first row in the field's column. */
  rawAt: Map<Activity, Map<FieldId, { row: number; col: number }>>;
}

const SIGNATURE = [
  'тайланГаргасан',
  'тайлагнасан',
  'толовлогоогунэлсэн',
  'хянасан',
  'баталсан',
  'баталгаажуулсан',
  'нэгтгэсэн',
  'боловсруулсан',
  'танилцсан',
  'гаргасан',
].map((s) => normalize(s));
const SIGNATURE_SET = new NormalizedSet(SIGNATURE);
/** A role participle (гаргасан, хянасан, үнэлсэн, танилцсан …) followed by a colon: "Хянасан: Б.Болд", "ТАЙЛАН ГАРГАСАН:". */
const ROLE_RE = /^[\s"“]*(?:[А-ЯЁӨҮа-яёөү]+\s+){0,2}[А-ЯЁӨҮа-яёөү]+(?:сан|сэн|сон|сөн)\s*:/i;
const TOTAL_WORDS = ['дундаж', 'нийт', 'дун', 'бугд', 'нийлбэр'];
const TOTAL_WORD_RE = /(?<![а-яёөүa-z])(?:дундаж|нийт(?!ийн|эд)|дүн(?!г)|бүгд|нийлбэр)/i;
/** `Зорилт 1.1.`, `ЗОРИЛТ 2:`, `2 дугаар зорилт`, `Зорилт-3` (first word already folded). */
const GOAL_RE =
  /^[\s"'“”„«»(]*(?:зорилт\S*\s*[-–:]?\s*\d|\d{1,2}(?:\.\d{1,2})*\s*(?:-?р|-?\s*(?:дугаар|дүгээр))?\s+зорилт)/i;
const GOAL_HINT = /зорилт/i;
const SECTION_RE = new RegExp(`^(?:${SECTION_WORDS.join('|')})[.\\s]|^[IVX]{1,4}\\.\\s`, 'i');
const NO_RE = /^(\d{1,3}(?:\.\d{1,3})*)\.?$/;
const TEXT_NO_RE = /^[\s"'“”„«»()[\]•·*–—-]*Арга\s+хэмжээ\s+(\d{1,3}(?:\.\d{1,3})+)\.?\s*/i;
const WORD_END = /[.\s]/;
const RUNS_ON = /[,\-–(]$/;
const LEADING_NO_RE = /^[\s"'“”„«»([•·*]*(\d{1,2}(?:\.\d{1,2})*)\.(?!\d)\s*/;
/** Text that opens with a lower-case letter continues the text above it (a page break or a pasted paragraph). */
const STARTS_LOWER = /^[\s"'“”„«»(]*[a-zа-яёөү]/;
/** How far past the table's last column a row's cells may have been pushed by a split cell. */
const SHIFT_MAX = 3;

export function normalizeNo(s: string): string | null {
  const m = NO_RE.exec(s.trim());
  return m ? m[1] : null;
}

/** "ТАЙЛАН ГАРГАСАН:", "ТӨЛӨВЛӨГӨӨГ ҮНЭЛСЭН :", "Үнэлгээг баталгаажуулсан: …" — a signature line, not a criterion like "Тайлагнасан тоо". */
function isSignature(texts: string[]): boolean {
  return texts.some((t) => {
    if (t.length > 200) return false;
    if (t.length < 120 && t.includes(':') && ROLE_RE.test(t)) return true;
    // Written as a label (colon or capitals), not a result in a cell ("Тайлан гаргасан").
    const colon = t.indexOf(':');
    if (colon >= 0) {
      const n = normalize(t.slice(0, colon));
      return SIGNATURE.some((s) => n.endsWith(s));
    }
    // Runs on every cell of every row: most cells are given up after a character or two.
    return SIGNATURE_SET.has(t) && t === t.toUpperCase();
  });
}

/**
 * A total row's label: short, with an average or total word anywhere ("Дундаж", "НИЙТ ДҮН",
 * "Аймгийн дүн", "Бүгд"), and a figure beside it; or a label that opens with such a word.
 */
function isTotalLabel(text: string, withFigure: boolean): boolean {
  if (text.length >= 40) return false;
  if (TOTAL_WORDS.some((w) => normalize(text).startsWith(w))) return true;
  return withFigure && TOTAL_WORD_RE.test(text);
}

function isSection(text: string): boolean {
  return SECTION_RE.test(normalizeSectionStart(text));
}

/** Folds ү/ө only in the first word so the ordinal regex sees `хоер`, `доров`. */
function normalizeSectionStart(text: string): string {
  const t = text.trim();
  const i = t.search(WORD_END);
  if (i <= 0) return t;
  return normalize(t.slice(0, i)) + t.slice(i);
}

export function parseTables(grid: Grid, headers: HeaderMatch[]): ParsedTable[] {
  const tables: ParsedTable[] = [];
  headers.forEach((h, index) => {
    const template = templateById(h.template!);
    const next = headers[index + 1];
    let end = next ? next.headerTop - 1 : grid.bottom;
    let nextTitle: number | null = null;
    if (next) {
      // The single-text row right above the next header is that table's title.
      for (let r = next.headerTop - 1; r > h.headerRow; r--) {
        const f = grid.filled(r);
        if (f.length === 0) continue;
        if (f.length === 1) nextTitle = r;
        break;
      }
      if (nextTitle !== null) end = nextTitle - 1;
    }
    const prevTitle = index > 0 ? tables[index - 1].info.lastRow : null;
    const titleRow = index > 0 ? findTitleAbove(grid, h.headerTop, prevTitle) : null;
    tables.push(parseTable(grid, h, template, index, end, titleRow));
  });
  return tables;
}

function findTitleAbove(grid: Grid, headerTop: number, after: number | null): number | null {
  for (let r = headerTop - 1; r > (after ?? grid.top - 1); r--) {
    const f = grid.filled(r);
    if (f.length === 0) continue;
    return f.length === 1 ? r : null;
  }
  return null;
}

function parseTable(
  grid: Grid,
  h: HeaderMatch,
  template: Template,
  index: number,
  end: number,
  titleRow: number | null,
): ParsedTable {
  const columns = h.columns;
  const colList = [...columns.values()];
  const left = Math.min(...colList, grid.left);
  const right = Math.max(...colList);
  const noCol = columns.get('no') ?? null;
  const actCol = columns.get('activity') ?? null;
  // The field that opens a row: the activity, or (indicator tables have none) the first required field.
  const leadField =
    actCol !== null ? 'activity' : (template.rowRequired.find((f) => columns.has(f)) ?? 'activity');
  const carryFields = new Set(template.fields.filter((f) => f.carry).map((f) => f.id));
  const fieldByCol = new Map<number, FieldId>();
  for (const [f, c] of columns) fieldByCol.set(c, f);
  // The columns as arrays, and each row's values in arrays reused from row to row: this loop runs
  // for every row of the sheet, and per-row maps and objects kept the garbage collector busy.
  const colFields = [...columns.keys()];
  const colNums = [...columns.values()];
  const nCols = colFields.length;
  const isCarry = colFields.map((f) => carryFields.has(f));
  const indexOf = (f: FieldId | null | undefined) => (f ? colFields.indexOf(f) : -1);
  const iActivity = indexOf('activity');
  const iLead = indexOf(leadField);
  const iPercent = indexOf(template.percentField);
  const iPeriod = indexOf('period');
  const vals: (string | number | boolean | null)[] = new Array(nCols).fill(null);
  const inherits: boolean[] = new Array<boolean>(nCols).fill(false);
  /** Cleaned text of the row's own (not inherited) values; undefined where none. */
  const ownTexts: (string | undefined)[] = new Array<string | undefined>(nCols).fill(undefined);

  const rows: TableInfo['rows'] = [];
  const activities: Activity[] = [];
  const exactOf = (a: Activity) => a.exact!.fields;
  const totals: TotalRow[] = [];
  const debtRows: DebtRow[] = [];
  const sharedNo = new Set<Activity>();
  const rawAt = new Map<Activity, Map<FieldId, { row: number; col: number }>>();
  const setRawAt = (a: Activity, f: FieldId, row: number, col: number) => {
    let m = rawAt.get(a);
    if (!m) rawAt.set(a, (m = new Map()));
    m.set(f, { row, col });
  };
  // A score or percent written on a goal row rates the goal's measures that have none.
  let goalScore: { value: string | number | boolean; row: number; col: number } | null = null;
  /** A cell's text as it says it: grid.text untrimmed. */
  const said = (r: number, c: number) => cellText(grid.value(r, c));
  let section: string | null =
    titleRow !== null ? cleanText(grid.text(titleRow, grid.filled(titleRow)[0])) : null;
  let exactSection: string | null = titleRow !== null ? said(titleRow, grid.filled(titleRow)[0]) : null;
  let goal: string | null = null;
  let exactGoal: string | null = null;
  const carried = new Map<FieldId, string>();
  const carriedExact = new Map<FieldId, string>();
  let current: Activity | null = null;
  let lastRow = h.numberingRow ?? h.headerRow;

  /**
   * A row whose last cells stand past the table's last column was pushed right by a cell split
   * in Word: its last run of cells belongs `k` columns to the left (the cells before it are empty).
   */
  let shift: { from: number; k: number } | null = null;
  const shiftOf = (r: number): { from: number; k: number } | null => {
    const all = grid.filled(r);
    const last = all.length ? all[all.length - 1] : 0;
    if (last <= right || last > right + SHIFT_MAX) return null;
    const k = last - right;
    let i = all.length - 1;
    while (i > 0 && all[i - 1] === all[i] - 1) i--;
    const from = all[i];
    if (from - k < left || (i > 0 && all[i - 1] >= from - k)) return null;
    return { from, k };
  };
  /** The sheet column a table column's value is read from in the current row. */
  const src = (c: number) => (shift && c >= shift.from - shift.k ? c + shift.k : c);
  const shiftedFilled = (r: number): number[] => {
    const out: number[] = [];
    for (let c = left; c <= right; c++) if (grid.filled(r, src(c), src(c)).length) out.push(c);
    return out;
  };
  const ownText = (r: number, c: number | null) => (c === null ? '' : cleanText(grid.text(r, src(c))));
  /** Value of a cell, or of the merged area covering it from above. */
  const verticalValue = (r: number, c: number) => {
    const own = grid.value(r, src(c));
    if (own !== null) return { value: own, inherited: false };
    const area = grid.coveredBy(r, c);
    if (area && area.top < r && area.left === c)
      return { value: grid.value(area.top, area.left), inherited: true };
    return { value: null, inherited: false };
  };

  /** The row has text of its own other than in column i and the period (a page break may carry only a percent and a period). */
  const ownContentBesides = (i: number) => {
    for (let k = 0; k < nCols; k++)
      if (ownTexts[k] !== undefined && k !== i && k !== iPeriod && colFields[k] !== 'no') return true;
    return false;
  };
  const start = (h.numberingRow ?? h.headerRow) + 1;
  let ended = false;
  for (let r = start; r <= end; r++) {
    shift = shiftOf(r);
    const filled = shift ? shiftedFilled(r) : grid.filled(r, left, right);
    const texts = filled.map((c) => grid.text(r, src(c)));
    let kind: RowKind;
    if (ended) {
      if (filled.length) rows.push({ row: r, kind: 'signature' });
      continue;
    }
    if (filled.length === 0) {
      rows.push({ row: r, kind: 'blank' });
      continue;
    }
    // The last content row before this one: a signature or an ending heading is not part of the table.
    const lastContent = lastRow;
    lastRow = r;
    if (isSignature(texts)) {
      rows.push({ row: r, kind: 'signature' });
      ended = true;
      lastRow = lastContent;
      continue;
    }
    if (isNumberingRow(grid, r)) {
      rows.push({ row: r, kind: 'numbering' });
      continue;
    }
    const firstText = texts[0];
    const noCell = noCol !== null ? verticalValue(r, noCol) : { value: null, inherited: false };
    const noText = noCell.value === null ? '' : String(noCell.value).trim();
    const cellNo = normalizeNo(noText);
    if (!cellNo && filled[0] !== actCol && isTotalLabel(firstText, filled.length > 1)) {
      kind = 'total';
      totals.push({
        row: r,
        label: firstText,
        cells: filled
          .filter((c) => fieldByCol.has(c) && c !== filled[0])
          .map((c) => ({
            field: fieldByCol.get(c)!,
            col: src(c),
            value: grid.value(r, src(c)) as string | number,
          })),
      });
      rows.push({ row: r, kind, text: firstText });
      current = null;
      continue;
    }
    if (template.debtTable || template.statistics) {
      const cells = new Map<FieldId, { col: number; value: string | number | boolean | null }>();
      for (const [f, c] of columns) cells.set(f, { col: src(c), value: grid.value(r, src(c)) });
      const unitCol = columns.get('unit');
      debtRows.push({ row: r, unit: unitCol ? ownText(r, unitCol) || null : null, cells });
      rows.push({ row: r, kind: 'activity' });
      continue;
    }
    // One text (a merged heading repeated by some readers), compared without hashing every narrative.
    const single = !cellNo && texts.every((t) => t === firstText);
    const lower = STARTS_LOWER.test(firstText);
    if (single && lower && !current && goal !== null) {
      // The goal's text runs on over a page break or a pasted paragraph.
      goal = `${goal} ${cleanText(firstText)}`;
      exactGoal = `${exactGoal} ${said(r, src(filled[0]))}`;
      rows.push({ row: r, kind: 'continuation' });
      continue;
    }
    if (
      !cellNo &&
      !single &&
      filled[0] !== actCol &&
      GOAL_HINT.test(firstText) &&
      GOAL_RE.test(normalizeSectionStart(firstText)) &&
      !carryFields.has(fieldByCol.get(filled[0]) ?? '')
    ) {
      // A goal row that also states the goal's score or percent.
      goal = cleanText(firstText);
      exactGoal = said(r, src(filled[0]));
      current = null;
      goalScore = null;
      const pc = template.percentField ? columns.get(template.percentField) : undefined;
      if (pc !== undefined && filled.includes(pc))
        goalScore = { value: grid.value(r, src(pc))!, row: r, col: src(pc) };
      rows.push({ row: r, kind: 'goal', text: goal, exact: exactGoal });
      continue;
    }
    if (single && !lower && filled.length >= 1) {
      const c = filled[0];
      const merged = grid.mergeAt(r, c);
      const wide = (merged && merged.right > merged.left) || filled.length > 1;
      if (isSection(firstText)) {
        if (template.sectionRows === 'end') {
          rows.push({ row: r, kind: 'signature', text: firstText });
          ended = true;
          lastRow = lastContent;
          continue;
        }
        section = cleanText(firstText);
        exactSection = said(r, src(c));
        goal = exactGoal = null;
        goalScore = null;
        current = null;
        rows.push({ row: r, kind: 'section', text: section, exact: exactSection });
        continue;
      }
      if (wide || (c !== actCol && !carryFields.has(fieldByCol.get(c) ?? '') && c === left)) {
        goal = cleanText(firstText);
        exactGoal = said(r, src(c));
        goalScore = null;
        current = null;
        rows.push({ row: r, kind: 'goal', text: goal, exact: exactGoal });
        continue;
      }
    }

    // Field values of this row: own cells, or the merged group cell covering them from above.
    let ownSize = 0;
    let ownContent = false;
    let ownCarry = false;
    for (let i = 0; i < nCols; i++) {
      const c = colNums[i];
      let value = grid.value(r, src(c));
      let inherited = false;
      if (value === null) {
        const area = grid.coveredBy(r, c);
        if (area && area.top < r && area.left === c) {
          value = grid.value(area.top, area.left);
          inherited = true;
        }
      }
      vals[i] = value;
      inherits[i] = inherited;
      if (!inherited && value !== null) {
        ownTexts[i] = cleanText(String(value));
        ownSize++;
        if (isCarry[i]) ownCarry = true;
        else if (colFields[i] !== 'no') ownContent = true;
      } else ownTexts[i] = undefined;
      if (isCarry[i] && value !== null) {
        carried.set(colFields[i], ownTexts[i] ?? cleanText(String(value)));
        carriedExact.set(colFields[i], String(value));
      }
    }
    const actText = (iActivity >= 0 ? ownTexts[iActivity] : undefined) ?? '';
    const leadText = (iLead >= 0 ? ownTexts[iLead] : undefined) ?? '';
    const textNo =
      TEXT_NO_RE.exec(actText)?.[1] ??
      (noCol === null || !noText ? LEADING_NO_RE.exec(actText)?.[1] : undefined);
    const inheritedNo = noCell.inherited && !!cellNo;
    // In a numbered table, a row without a number of its own continues the activity above
    // (a page break or a pasted paragraph) unless its activity text opens a new one.
    const numbered = noCol !== null;
    const startsNew =
      (!!cellNo && !noCell.inherited) ||
      (inheritedNo && (template.measureParagraphs ? !!leadText : !numbered && ownContent)) ||
      !!textNo ||
      (!noCell.inherited &&
        !!leadText &&
        startsUpper(leadText) &&
        !(current && ownSize === 1 && isContinuationOf(current.fields[leadField]))) ||
      (!numbered && iPercent >= 0 && ownTexts[iPercent] !== undefined && ownContentBesides(iPercent)) ||
      (ownCarry && ownContent) ||
      (!current && ownContent);

    if (startsNew) {
      const fields: Record<FieldId, string> = {};
      const exactFields: Record<FieldId, string> = {};
      const raw: Activity['raw'] = {};
      for (let i = 0; i < nCols; i++) {
        const f = colFields[i];
        const value = vals[i];
        // A score merged over several measures rates each of them; other merged cells belong to the first.
        raw[f] = inherits[i] && i !== iPercent ? null : (value as Activity['raw'][string]);
        const text = isCarry[i]
          ? (carried.get(f) ?? '')
          : value === null
            ? ''
            : (ownTexts[i] ?? cleanText(String(value)));
        if (text) fields[f] = text;
        const exact = isCarry[i] ? (carriedExact.get(f) ?? '') : value === null ? '' : String(value);
        if (exact) exactFields[f] = exact;
      }
      const no = textNo ?? cellNo ?? null;
      const a: Activity = {
        table: index,
        row: r,
        lastRow: r,
        no,
        section,
        goal: carryFields.has('goal') ? (carried.get('goal') ?? goal) : goal,
        fields,
        raw,
        exact: {
          fields: exactFields,
          section: exactSection,
          goal: carryFields.has('goal') ? (carriedExact.get('goal') ?? exactGoal) : exactGoal,
        },
        percent: null,
        percentSource: null,
        period: null,
      };
      if (inheritedNo) sharedNo.add(a);
      if (iPercent >= 0) {
        const f = colFields[iPercent];
        if (inherits[iPercent]) {
          const area = grid.coveredBy(r, src(colNums[iPercent]))!;
          setRawAt(a, f, area.top, area.left);
        } else if (raw[f] === null && goalScore && template.percentField === 'score') {
          raw[f] = goalScore.value;
          setRawAt(a, f, goalScore.row, goalScore.col);
        } else if (shift && src(colNums[iPercent]) !== colNums[iPercent])
          setRawAt(a, f, r, src(colNums[iPercent]));
      }
      if (shift && iPeriod >= 0 && src(colNums[iPeriod]) !== colNums[iPeriod])
        setRawAt(a, colFields[iPeriod], r, src(colNums[iPeriod]));
      activities.push(a);
      current = a;
      rows.push({ row: r, kind: 'activity' });
      continue;
    }
    if (!current) {
      rows.push({ row: r, kind: 'continuation' });
      continue;
    }
    // A page-break continuation or a second criterion of the current activity.
    let sub = false;
    for (let i = 0; i < nCols; i++) {
      const text = ownTexts[i];
      const f = colFields[i];
      if (text === undefined || f === 'no' || isCarry[i]) continue;
      const prev = current.fields[f];
      if (i === iPercent || i === iPeriod) {
        // A percent or period below the activity's first row is taken when the activity has none;
        // a date on the next paragraph completes a one-date period.
        const had = current.raw[f];
        if (had === null || had === undefined) {
          current.raw[f] = vals[i] as Activity['raw'][string];
          current.fields[f] = text;
          exactOf(current)[f] = String(vals[i]);
          setRawAt(current, f, r, src(colNums[i]));
        } else if (
          i === iPeriod &&
          typeof had === 'string' &&
          typeof vals[i] === 'string' &&
          oneDate(had) &&
          oneDate(text)
        ) {
          current.raw[f] = current.fields[f] = `${had}\n${text}`;
          exactOf(current)[f] = `${had}\n${String(vals[i])}`;
        }
        continue;
      }
      const upper = startsUpper(text) && f !== 'activity';
      if (upper && prev) sub = true;
      current.fields[f] = prev ? `${prev}${upper ? '\n' : ' '}${text}` : text;
      const exact = exactOf(current);
      exact[f] = prev ? `${exact[f]}${upper ? '\n' : ' '}${String(vals[i])}` : String(vals[i]);
      if (current.raw[f] === null || current.raw[f] === undefined) current.raw[f] = text;
    }
    current.lastRow = r;
    rows.push({ row: r, kind: sub ? 'subcriterion' : 'continuation' });
  }

  if (template.percentField === 'score')
    scoresPerGroup(activities, sharedNo, template.percentField, rawAt, colNums[iPercent] ?? null);

  const info: TableInfo = {
    headerRow: h.headerRow,
    headerTop: h.headerTop,
    numberingRow: h.numberingRow,
    lastRow: Math.max(lastRow, h.numberingRow ?? h.headerRow),
    columns: Object.fromEntries([...columns].map(([f, c]) => [f, columnLetter(c)])),
    labels: Object.fromEntries(h.labels),
    rows,
    titleRow,
    title: titleRow !== null ? cleanText(grid.text(titleRow, grid.filled(titleRow)[0])) : null,
    template: template.id,
    left,
    right,
  };
  return { index, template, info, columns, activities, totals, debtRows, sharedNo, rawAt };
}

/**
 * A score written once on the first measure of a group (a number merged over its measures, or
 * one goal) whose other measures have none rates each of them (DESIGN.md section 14).
 */
function scoresPerGroup(
  activities: Activity[],
  sharedNo: Set<Activity>,
  f: FieldId,
  rawAt: Map<Activity, Map<FieldId, { row: number; col: number }>>,
  col: number | null,
) {
  if (col === null) return;
  const empty = (a: Activity) => a.raw[f] === null || a.raw[f] === undefined || a.raw[f] === '';
  let i = 0;
  while (i < activities.length) {
    const first = activities[i];
    let j = i + 1;
    const byNo = j < activities.length && sharedNo.has(activities[j]);
    while (
      j < activities.length &&
      (byNo
        ? sharedNo.has(activities[j])
        : activities[j].goal !== null &&
          activities[j].goal === first.goal &&
          activities[j].section === first.section)
    )
      j++;
    const rest = activities.slice(i + 1, j);
    if (rest.length && !empty(first) && rest.every(empty)) {
      const at = rawAt.get(first)?.get(f) ?? { row: first.row, col };
      for (const a of rest) {
        a.raw[f] = first.raw[f];
        let m = rawAt.get(a);
        if (!m) rawAt.set(a, (m = new Map()));
        m.set(f, at);
      }
    }
    i = j;
  }
}

function oneDate(text: string): boolean {
  const p = readPeriod(text);
  return p.kind === 'range' && p.start !== null && p.start === p.end;
}

/** Text that clearly runs on (ends mid-sentence), so a capitalised next line still continues it. */
function isContinuationOf(prev: string | undefined): boolean {
  return !!prev && RUNS_ON.test(prev.trim());
}
