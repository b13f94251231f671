/**
 * Consolidation (DESIGN.md section 8): one row per activity with its full source, and an
 * upsert that replaces exactly the rows of the sources being pushed.
 */
import type { DebtFigure, Meta, SheetAnalysis, TemplateId } from './model';
import { FOREIGN_SHEET_MESSAGES } from '../i18n/errors';
import type { SheetSnapshot } from './snapshot';

export interface ConsolidatedRow {
  key: string;
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
}

/** A table column as written on its sheet, with its width. */
export interface SheetColumn<T> extends TableColumn<T> {
  width: number;
}

/** What every consolidated row says of where it comes from: the upsert replaces rows by source. */
export interface SourceRow {
  key: string;
  unit: string;
  person: string;
  year: number | null;
  period: string;
  sheet: string;
  row: number;
}

/** Column order and labels of the "Нэгтгэл" sheet; the labels are how a target is read back. */
export const ROW_COLUMNS: SheetColumn<ConsolidatedRow>[] = [
  { id: 'unit', mn: 'Нэгж', en: 'Unit', width: 28 },
  { id: 'person', mn: 'Албан хаагч', en: 'Person', width: 20 },
  { id: 'year', mn: 'Он', en: 'Year', width: 7, kind: 'number' },
  { id: 'period', mn: 'Үе', en: 'Period', width: 6 },
  { id: 'template', mn: 'Загвар', en: 'Template', width: 18 },
  { id: 'file', mn: 'Файл', en: 'File', width: 22 },
  { id: 'sheet', mn: 'Хуудас', en: 'Sheet', width: 14 },
  { id: 'row', mn: 'Мөр', en: 'Row', width: 6, kind: 'number' },
  { id: 'no', mn: 'Д/д', en: 'No.', width: 8 },
  { id: 'occurrence', mn: 'Давталт', en: 'Occurrence', width: 8, kind: 'number' },
  { id: 'section', mn: 'Бүлэг', en: 'Section', width: 24 },
  { id: 'goal', mn: 'Зорилт', en: 'Goal', width: 30 },
  { id: 'activity', mn: 'Арга хэмжээ', en: 'Activity', width: 45 },
  { id: 'criterion', mn: 'Шалгуур үзүүлэлт', en: 'Criterion', width: 30 },
  { id: 'baseline', mn: 'Суурь түвшин', en: 'Baseline', width: 30 },
  { id: 'target', mn: 'Зорилтот түвшин', en: 'Target', width: 30 },
  { id: 'achieved', mn: 'Хүрсэн түвшин', en: 'Achieved', width: 40 },
  { id: 'percent', mn: 'Гүйцэтгэлийн хувь', en: 'Completion %', width: 11, kind: 'percent' },
  { id: 'percentSource', mn: 'Хувийн эх', en: 'Percent source', width: 10 },
  { id: 'key', mn: 'Түлхүүр', en: 'Key', width: 30 },
];

export const DEBT_COLUMNS: SheetColumn<DebtRow>[] = [
  { id: 'unit', mn: 'Нэгж', en: 'Unit', width: 28 },
  { id: 'person', mn: 'Албан хаагч', en: 'Person', width: 18 },
  { id: 'year', mn: 'Он', en: 'Year', width: 7, kind: 'number' },
  { id: 'period', mn: 'Үе', en: 'Period', width: 6 },
  { id: 'debtUnit', mn: 'Авлагын нэгж', en: 'Receivables unit', width: 28 },
  { id: 'opening', mn: 'Оны эхний авлага', en: 'Opening', width: 13, kind: 'number' },
  { id: 'collected', mn: 'Барагдуулсан', en: 'Collected', width: 13, kind: 'number' },
  { id: 'closing', mn: 'Эцсийн үлдэгдэл', en: 'Closing', width: 13, kind: 'number' },
  { id: 'collectionRatio', mn: 'Барагдуулалтын хувь', en: 'Collection %', width: 12, kind: 'percent' },
  { id: 'reductionRatio', mn: 'Бууралтын хувь', en: 'Reduction %', width: 12, kind: 'percent' },
  { id: 'target', mn: 'Зорилт (%)', en: 'Target %', width: 10, kind: 'number' },
  { id: 'met', mn: 'Хүрсэн эсэх', en: 'Met', width: 10 },
  { id: 'sheet', mn: 'Хуудас', en: 'Sheet', width: 14 },
  { id: 'file', mn: 'Файл', en: 'File', width: 22 },
  { id: 'row', mn: 'Мөр', en: 'Row', width: 6, kind: 'number' },
  { id: 'key', mn: 'Түлхүүр', en: 'Key', width: 30 },
];

export const MET_WORDS = { yes: 'Тийм', no: 'Үгүй' };

export interface Source {
  unit: string;
  person: string;
  year: number | null;
  period: string;
  template: string;
  sheet: string;
}

export function sourceId(
  s: Pick<Source, 'unit' | 'person' | 'year' | 'period' | 'sheet'> & { template?: string },
): string {
  return [s.unit, s.person, s.year ?? '', s.period, s.sheet].join('|');
}

/** What one sheet contributes to a consolidation. */
export interface Push {
  source: Source;
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
    unit: m.unit ?? '',
    person: m.person ?? '',
    year: m.year ?? null,
    period: m.period ?? '',
    template: analysis.template ?? '',
    sheet: analysis.sheet,
  };
  const base = [
    source.unit,
    source.person,
    source.year ?? '',
    source.period,
    source.template,
    source.sheet,
  ].join('|');
  const seen = new Map<string, number>();
  const rows = analysis.activities.map((a): ConsolidatedRow => {
    const no = a.no ?? '';
    const occurrence = (seen.get(no) ?? 0) + 1;
    seen.set(no, occurrence);
    return {
      key: `${base}|${no}|${occurrence}`,
      ...source,
      file,
      row: a.row,
      no,
      occurrence,
      section: a.section ?? '',
      goal: a.goal ?? '',
      activity: a.fields.activity ?? '',
      criterion: a.fields.criterion ?? '',
      baseline: a.fields.baseline ?? '',
      target: a.fields.target ?? '',
      achieved: a.fields.achieved ?? '',
      percent: a.percent,
      percentSource: a.percentSource ?? '',
    };
  });
  const debt = analysis.debt.map((d: DebtFigure): DebtRow => ({
    key: `${base}|${d.row}`,
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
  return { source, rows, debt };
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
export function upsert<T extends SourceRow>(existing: T[], pushedSources: string[], incoming: T[], compare: (keyof T)[]): UpsertResult<T> {
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
  for (const r of incoming) {
    fresh.set(r.key, r);
    const before = old.get(r.key);
    if (!before) added.push(r.key);
    else if (same(before, r, compare)) unchanged.push(r.key);
    else updated.push(r.key);
  }
  const removed = [...old.keys()].filter((k) => !fresh.has(k));
  const rows = [...kept, ...fresh.values()].sort(
    (a, b) =>
      a.unit.localeCompare(b.unit) ||
      a.person.localeCompare(b.person) ||
      (a.year ?? 0) - (b.year ?? 0) ||
      a.period.localeCompare(b.period) ||
      a.sheet.localeCompare(b.sheet) ||
      a.row - b.row ||
      a.key.localeCompare(b.key),
  );
  return { rows, added, updated, removed, unchanged };
}

/** Columns whose change makes a row "updated"; a renamed source file alone changes nothing. */
export const ROW_COMPARE = ROW_COLUMNS.map((c) => c.id).filter((id) => id !== 'file');
export const DEBT_COMPARE = DEBT_COLUMNS.map((c) => c.id).filter((id) => id !== 'file');

export interface ConsolidationState {
  rows: ConsolidatedRow[];
  debt: DebtRow[];
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
    rows: r.rows,
    debt: d.rows,
    added: r.added.length,
    updated: r.updated.length,
    removed: r.removed.length,
    unchanged: r.unchanged.length,
    changes: { added: r.added, updated: r.updated, removed: r.removed },
  };
}

/** Reads a table written by the consolidation back from its sheet (header labels in row 1 of the used range). */
export function readTable<T>(
  snap: SheetSnapshot | undefined,
  columns: TableColumn<T>[],
): T[] {
  if (!snap || snap.values.length < 2) return [];
  const header = snap.values[0].map((v) => String(v ?? '').trim());
  const index = columns.map((c) => header.findIndex((h) => h === c.mn || h === c.en));
  if (index.some((i) => i < 0)) return [];
  const out: T[] = [];
  for (const row of snap.values.slice(1)) {
    if (row.every((v) => v === null || v === '')) continue;
    const rec = {} as Record<string, unknown>;
    columns.forEach((c, i) => {
      const v = row[index[i]] ?? null;
      if (c.kind) rec[c.id as string] = typeof v === 'number' ? v : v === null || v === '' ? null : Number(v);
      else rec[c.id as string] = v === null ? '' : String(v);
    });
    out.push(rec as T);
  }
  return out;
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
export function readOwnTable<T>(
  snap: SheetSnapshot | undefined,
  columns: TableColumn<T>[],
): T[] {
  const rows = readTable<T>(snap, columns);
  if (snap && rows.length === 0 && snap.values.length > 1) throw new ForeignSheetError(snap.name);
  return rows;
}
