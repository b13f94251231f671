/**
 * Consolidation (DESIGN.md section 8): one row per activity with its full source, and an
 * upsert that replaces exactly the rows of the sources being pushed.
 */
import type { DebtFigure, Meta, SheetAnalysis, TemplateId } from './model';
import { FOREIGN_SHEET_MESSAGES } from '../i18n/errors';
import {
  PERCENT_SOURCE_LABELS,
  PERIOD_LABELS,
  TEMPLATE_LABELS,
  codeOfLabel,
  labelOf,
  type Lang,
} from '../i18n/labels';
import type { CellValue, SheetSnapshot } from './snapshot';
import { naturalCompare } from './sort';

export interface ConsolidatedRow {
  key: string;
  /** The consolidated workbooks the row came through, first the lowest (section 16); empty when pushed from its unit. */
  via: string;
  unit: string;
  person: string;
  year: number | null;
  period: string;
  template: TemplateId | string;
  file: string;
  sheet: string;
  row: number;
  no: string;
  occurrence: number;
  section: string;
  goal: string;
  activity: string;
  criterion: string;
  baseline: string;
  target: string;
  achieved: string;
  percent: number | null;
  percentSource: string;
}

export interface DebtRow {
  key: string;
  via: string;
  unit: string;
  person: string;
  year: number | null;
  period: string;
  sheet: string;
  file: string;
  row: number;
  debtUnit: string;
  opening: number | null;
  collected: number | null;
  closing: number | null;
  collectionRatio: number | null;
  reductionRatio: number | null;
  target: number | null;
  met: string;
}

/** A column of a table the consolidation writes and reads back (by either label). */
export interface TableColumn<T> {
  id: keyof T;
  mn: string;
  en: string;
  kind?: 'number' | 'percent';
  /** Codes shown as their labels on the sheet and read back to codes. */
  labels?: Record<Lang, Record<string, string>>;
  /** Absent from tables written before it existed: read as empty. */
  optional?: boolean;
  /** Provenance: kept on the sheet, not printed. */
  internal?: boolean;
}

/** A table column as written on its sheet, with its width. */
export interface SheetColumn<T> extends TableColumn<T> {
  width: number;
}

/** What every consolidated row says of where it comes from: the upsert replaces rows by source. */
export interface SourceRow {
  key: string;
  via: string;
  unit: string;
  person: string;
  year: number | null;
  period: string;
  sheet: string;
  row: number;
}

/** Column order and labels of the "Нэгтгэл" sheet; the labels are how a target is read back. */
export const ROW_COLUMNS: SheetColumn<ConsolidatedRow>[] = [
  { id: 'unit', mn: 'Нэгж', en: 'Unit', width: 20 },
  { id: 'person', mn: 'Албан хаагч', en: 'Person', width: 16 },
  { id: 'no', mn: 'Д/д', en: 'No.', width: 6 },
  { id: 'goal', mn: 'Зорилт', en: 'Goal', width: 24 },
  { id: 'activity', mn: 'Арга хэмжээ', en: 'Activity', width: 36 },
  { id: 'target', mn: 'Зорилтот түвшин', en: 'Target', width: 26 },
  { id: 'achieved', mn: 'Хүрсэн түвшин', en: 'Achieved', width: 36 },
  { id: 'percent', mn: 'Гүйцэтгэлийн хувь', en: 'Completion %', width: 15, kind: 'percent' },
  { id: 'criterion', mn: 'Шалгуур үзүүлэлт', en: 'Criterion', width: 24, internal: true },
  { id: 'baseline', mn: 'Суурь түвшин', en: 'Baseline', width: 24, internal: true },
  { id: 'section', mn: 'Бүлэг', en: 'Section', width: 20, internal: true },
  { id: 'via', mn: 'Дамжсан нэгтгэл', en: 'Via', width: 24, optional: true, internal: true },
  { id: 'year', mn: 'Он', en: 'Year', width: 7, kind: 'number', internal: true },
  { id: 'period', mn: 'Үе', en: 'Period', width: 14, labels: PERIOD_LABELS, internal: true },
  { id: 'template', mn: 'Загвар', en: 'Template', width: 22, labels: TEMPLATE_LABELS, internal: true },
  { id: 'file', mn: 'Файл', en: 'File', width: 22, internal: true },
  { id: 'sheet', mn: 'Хуудас', en: 'Sheet', width: 14, internal: true },
  { id: 'row', mn: 'Мөр', en: 'Row', width: 6, kind: 'number', internal: true },
  { id: 'occurrence', mn: 'Давталт', en: 'Occurrence', width: 8, kind: 'number', internal: true },
  {
    id: 'percentSource',
    mn: 'Хувийн эх',
    en: 'Percent source',
    width: 12,
    labels: PERCENT_SOURCE_LABELS,
    internal: true,
  },
  { id: 'key', mn: 'Түлхүүр', en: 'Key', width: 30, internal: true },
];

export const DEBT_COLUMNS: SheetColumn<DebtRow>[] = [
  { id: 'unit', mn: 'Нэгж', en: 'Unit', width: 24 },
  { id: 'debtUnit', mn: 'Авлагын нэгж', en: 'Receivables unit', width: 24 },
  { id: 'opening', mn: 'Оны эхний авлага', en: 'Opening', width: 13, kind: 'number' },
  { id: 'collected', mn: 'Барагдуулсан', en: 'Collected', width: 13, kind: 'number' },
  { id: 'closing', mn: 'Эцсийн үлдэгдэл', en: 'Closing', width: 13, kind: 'number' },
  { id: 'collectionRatio', mn: 'Барагдуулалтын хувь', en: 'Collection %', width: 12, kind: 'percent' },
  { id: 'reductionRatio', mn: 'Бууралтын хувь', en: 'Reduction %', width: 12, kind: 'percent' },
  { id: 'target', mn: 'Зорилт (%)', en: 'Target %', width: 10, kind: 'number' },
  { id: 'met', mn: 'Хүрсэн эсэх', en: 'Met', width: 10 },
  { id: 'person', mn: 'Албан хаагч', en: 'Person', width: 16, internal: true },
  { id: 'via', mn: 'Дамжсан нэгтгэл', en: 'Via', width: 24, optional: true, internal: true },
  { id: 'year', mn: 'Он', en: 'Year', width: 7, kind: 'number', internal: true },
  { id: 'period', mn: 'Үе', en: 'Period', width: 14, labels: PERIOD_LABELS, internal: true },
  { id: 'sheet', mn: 'Хуудас', en: 'Sheet', width: 14, internal: true },
  { id: 'file', mn: 'Файл', en: 'File', width: 22, internal: true },
  { id: 'row', mn: 'Мөр', en: 'Row', width: 6, kind: 'number', internal: true },
  { id: 'key', mn: 'Түлхүүр', en: 'Key', width: 30, internal: true },
];

/** A row's value as its sheet shows it: codes as their Mongolian labels. */
export function cellOf<T>(c: TableColumn<T>, rec: T): CellValue {
  const v = rec[c.id] as CellValue | undefined;
  if (v === undefined || v === null) return null;
  return c.labels && typeof v === 'string' ? labelOf(c.labels, v) : v;
}

export const MET_WORDS = { yes: 'Тийм', no: 'Үгүй' };

export interface Source {
  /** Set for a consolidated workbook pushed whole: its name, and its rows keep their own units. */
  via: string;
  unit: string;
  person: string;
  year: number | null;
  period: string;
  template: string;
  sheet: string;
}

const VIA_SEP = ' › ';

/** The workbook a row came from directly: the last of its `via` chain. */
export function directSource(via: string): string {
  const at = via.lastIndexOf(VIA_SEP);
  return at < 0 ? via : via.slice(at + VIA_SEP.length);
}

/**
 * What a push replaces: a unit's sheet pushed directly, or everything that came through one
 * consolidated workbook (a row of unit X that came through A is not X's direct push).
 */
export function sourceId(
  s: Pick<Source, 'via' | 'unit' | 'person' | 'year' | 'period' | 'sheet'> & { template?: string },
): string {
  if (s.via) return `⇐${directSource(s.via)}`;
  return [s.unit, s.person, s.year ?? '', s.period, s.sheet].join('|');
}

/** A row's key: the same activity that came through another workbook is another row. */
function keyOf(via: string, base: (string | number | null)[]): string {
  const k = base.map((x) => x ?? '').join('|');
  return via ? `${via}${VIA_SEP}${k}` : k;
}

/** What one sheet (or one consolidated workbook) contributes to a consolidation. */
export interface Push {
  source: Source;
  /** The input it was read from, as the user named it (for the warnings). */
  file: string;
  rows: ConsolidatedRow[];
  debt: DebtRow[];
}

/** A sheet's analysis as consolidated rows. `meta` overrides what the title says (unit, person…). */
export function pushOf(analysis: SheetAnalysis, file: string, meta: Partial<Meta> = {}): Push {
  const m = {
    ...analysis.meta,
    ...Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined && v !== null && v !== '')),
  };
  const source: Source = {
    via: '',
    unit: m.unit ?? '',
    person: m.person ?? '',
    year: m.year ?? null,
    period: m.period ?? '',
    template: analysis.template ?? '',
    sheet: analysis.sheet,
  };
  const base = [source.unit, source.person, source.year, source.period, source.template, source.sheet];
  const seen = new Map<string, number>();
  const rows = analysis.activities.map((a): ConsolidatedRow => {
    // What is copied is what the cells say; the cleaned texts are for matching and checks.
    const said = a.exact ?? a;
    const no = a.no ?? '';
    const occurrence = (seen.get(no) ?? 0) + 1;
    seen.set(no, occurrence);
    return {
      key: keyOf('', [...base, no, occurrence]),
      ...source,
      file,
      row: a.row,
      no,
      occurrence,
      section: said.section ?? '',
      goal: said.goal ?? '',
      activity: said.fields.activity ?? '',
      criterion: said.fields.criterion ?? '',
      baseline: said.fields.baseline ?? '',
      target: said.fields.target ?? '',
      achieved: said.fields.achieved ?? '',
      percent: a.percent,
      percentSource: a.percentSource ?? '',
    };
  });
  const debt = analysis.debt.map((d: DebtFigure): DebtRow => ({
    key: keyOf('', [...base, d.row]),
    via: '',
    unit: source.unit,
    person: source.person,
    year: source.year,
    period: source.period,
    sheet: source.sheet,
    file,
    row: d.row,
    debtUnit: d.unit ?? source.unit,
    opening: d.opening,
    collected: d.collected,
    closing: d.closing,
    collectionRatio: d.collectionRatio,
    reductionRatio: d.reductionRatio,
    target: d.target,
    met: d.met === null ? '' : d.met ? MET_WORDS.yes : MET_WORDS.no,
  }));
  return { source, file, rows, debt };
}

/**
 * A consolidated workbook pushed into a higher one (section 16): every row keeps its
 * provenance and adds `name` to the chain of workbooks it came through.
 */
export function relayPush(name: string, file: string, state: ConsolidationState): Push {
  const chain = (via: string) => (via ? `${via}${VIA_SEP}${name}` : name);
  const rows = state.rows.map((r): ConsolidatedRow => {
    const via = chain(r.via);
    return {
      ...r,
      via,
      key: keyOf(via, [r.unit, r.person, r.year, r.period, r.template, r.sheet, r.no, r.occurrence]),
    };
  });
  const debt = state.debt.map((d): DebtRow => {
    const via = chain(d.via);
    return { ...d, via, key: keyOf(via, [d.unit, d.person, d.year, d.period, '', d.sheet, d.row]) };
  });
  return {
    source: { via: name, unit: '', person: '', year: null, period: '', template: '', sheet: '' },
    file,
    rows,
    debt,
  };
}

/** What a sheet's identity lacks: its rows would go under an empty unit or person (section 16). */
export function missingIdentity(p: Push): ('unit' | 'person')[] {
  if (p.source.via) return [];
  return (['unit', 'person'] as const).filter((k) => !p.source[k].trim());
}

export interface Duplicate {
  /** The source as a person names it (unit · person · year · «sheet»). */
  source: string;
  /** The input that lost, and the later one that wins. */
  first: string;
  second: string;
}

/** One push per source: of two inputs with the same source, the later one wins. */
export function dedupePushes(pushes: Push[]): { pushes: Push[]; duplicates: Duplicate[] } {
  const by = new Map<string, Push>();
  const duplicates: Duplicate[] = [];
  for (const p of pushes) {
    const id = sourceId(p.source);
    const before = by.get(id);
    if (before) {
      const named =
        p.source.via ||
        [p.source.unit, p.source.person, p.source.year, `«${p.source.sheet}»`].filter(Boolean).join(' · ');
      duplicates.push({ source: named, first: before.file, second: p.file });
      by.delete(id);
    }
    by.set(id, p);
  }
  return { pushes: [...by.values()], duplicates };
}

export interface UpsertResult<T> {
  rows: T[];
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
}

function same<T extends object>(a: T, b: T, ids: (keyof T)[]): boolean {
  return ids.every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

/**
 * Replaces exactly the rows of the pushed sources and reports what changed; rows of other
 * sources are kept as they are. Rows are ordered by unit, person, sheet and row so that
 * pushing the same sources twice yields the same table.
 */
export function upsert<T extends SourceRow>(
  existing: T[],
  pushedSources: string[],
  incoming: T[],
  compare: (keyof T)[],
): UpsertResult<T> {
  const pushed = new Set(pushedSources);
  const old = new Map<string, T>();
  const kept: T[] = [];
  for (const r of existing) {
    if (pushed.has(sourceId(r))) old.set(r.key, r);
    else kept.push(r);
  }
  const added: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  const fresh = new Map<string, T>();
  // One row per key, the later winning, before counting: the counts are of rows written.
  for (const r of incoming) fresh.set(r.key, r);
  for (const r of fresh.values()) {
    const before = old.get(r.key);
    if (!before) added.push(r.key);
    else if (same(before, r, compare)) unchanged.push(r.key);
    else updated.push(r.key);
  }
  const removed = [...old.keys()].filter((k) => !fresh.has(k));
  const rows = [...kept, ...fresh.values()].sort(rowOrder);
  return { rows, added, updated, removed, unchanged };
}

/** Where a row stands in a consolidated table: by direct source, unit, person, year, period, sheet and row. */
export type RowPlace = Pick<
  SourceRow,
  'key' | 'via' | 'unit' | 'person' | 'year' | 'period' | 'sheet' | 'row'
>;

/** The order of a consolidated table's rows: a source's rows are always contiguous in it. */
export function rowOrder(a: RowPlace, b: RowPlace): number {
  return (
    naturalCompare(directSource(a.via), directSource(b.via)) ||
    naturalCompare(a.unit, b.unit) ||
    naturalCompare(a.person, b.person) ||
    (a.year ?? 0) - (b.year ?? 0) ||
    a.period.localeCompare(b.period) ||
    naturalCompare(a.sheet, b.sheet) ||
    a.row - b.row ||
    a.key.localeCompare(b.key)
  );
}

/** Columns whose change makes a row "updated"; a renamed source file alone changes nothing. */
export const ROW_COMPARE = ROW_COLUMNS.map((c) => c.id).filter((id) => id !== 'file');
export const DEBT_COMPARE = DEBT_COLUMNS.map((c) => c.id).filter((id) => id !== 'file');

export interface ConsolidationState {
  rows: ConsolidatedRow[];
  debt: DebtRow[];
  /** Who consolidated it (section 16): printed in its title, and the name it goes up under. */
  name?: string;
}

export interface ConsolidationResult extends ConsolidationState {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  changes: { added: string[]; updated: string[]; removed: string[] };
}

/** Pushes sheets into a consolidation state (pure). */
export function consolidate(state: ConsolidationState, pushes: Push[]): ConsolidationResult {
  const sources = pushes.map((p) => sourceId(p.source));
  const r = upsert(
    state.rows,
    sources,
    pushes.flatMap((p) => p.rows),
    ROW_COMPARE,
  );
  const d = upsert(
    state.debt,
    sources,
    pushes.flatMap((p) => p.debt),
    DEBT_COMPARE,
  );
  return {
    name: state.name,
    rows: r.rows,
    debt: d.rows,
    added: r.added.length,
    updated: r.updated.length,
    removed: r.removed.length,
    unchanged: r.unchanged.length,
    changes: { added: r.added, updated: r.updated, removed: r.removed },
  };
}

/** The label before the consolidating organization's name, above the table of «Нэгтгэл». */
export const NAME_LABEL = 'Нэгтгэсэн байгууллага:';

/** How many rows above its header a table may have (its title and name lines). */
const HEADER_SEARCH_ROWS = 8;

function headerIndex<T>(row: CellValue[], columns: TableColumn<T>[]): number[] | null {
  const header = row.map((v) => String(v ?? '').trim());
  const index = columns.map((c) => header.findIndex((h) => h === c.mn || h === c.en));
  return columns.some((c, i) => index[i] < 0 && !c.optional) ? null : index;
}

function findHeader<T>(
  snap: SheetSnapshot,
  columns: TableColumn<T>[],
): { top: number; index: number[] } | null {
  for (let top = 0; top < Math.min(HEADER_SEARCH_ROWS, snap.values.length); top++) {
    const index = headerIndex(snap.values[top], columns);
    if (index) return { top, index };
  }
  return null;
}

/** Reads a table written by the consolidation back from its sheet (header labels in one of its first rows). */
export function readTable<T>(snap: SheetSnapshot | undefined, columns: TableColumn<T>[]): T[] {
  if (!snap || snap.values.length < 2) return [];
  const found = findHeader(snap, columns);
  if (!found) return [];
  const { top, index } = found;
  const out: T[] = [];
  for (const row of snap.values.slice(top + 1)) {
    if (row.every((v) => v === null || v === '')) continue;
    const rec = {} as Record<string, unknown>;
    columns.forEach((c, i) => {
      const v = index[i] < 0 ? null : (row[index[i]] ?? null);
      if (c.kind) rec[c.id as string] = typeof v === 'number' ? v : v === null || v === '' ? null : Number(v);
      else {
        const text = v === null ? '' : String(v);
        rec[c.id as string] = c.labels ? codeOfLabel(c.labels, text) : text;
      }
    });
    out.push(rec as T);
  }
  return out;
}

/** The consolidating organization's name as «Нэгтгэл» states it above its table ('' when none). */
export function readName(snap: SheetSnapshot | undefined): string {
  for (const row of snap?.values.slice(0, HEADER_SEARCH_ROWS) ?? []) {
    const line = row.map((v) => String(v ?? '').trim()).find((v) => v.startsWith(NAME_LABEL));
    if (line !== undefined) return line.slice(NAME_LABEL.length).trim();
  }
  return '';
}

/** A sheet named like the consolidation's own that ND Plan did not write: it is never replaced. */
export class ForeignSheetError extends Error {
  constructor(
    readonly sheet: string,
    /** The workbook it is in, where the caller knows it (the CLI's target file). */
    readonly target = '',
  ) {
    super(`${target ? `${target}: ` : ''}«${sheet}» ${FOREIGN_SHEET_MESSAGES.mn}`);
    this.name = 'ForeignSheetError';
  }
}

/** readTable for the consolidation's own sheets: rows it cannot read mean someone else's sheet. */
export function readOwnTable<T>(snap: SheetSnapshot | undefined, columns: TableColumn<T>[]): T[] {
  const rows = readTable<T>(snap, columns);
  if (snap && rows.length === 0 && snap.values.length > 1 && !findHeader(snap, columns))
    throw new ForeignSheetError(snap.name);
  return rows;
}
