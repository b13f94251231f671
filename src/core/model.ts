/** What the engine makes of a sheet: the document, its figures and its issues. */

import type { IssueCode, IssueParams } from './checks';
import type { TemplateId } from './templates';

/** Issue codes and their params come from the catalogue of checks (src/core/checks). */
export type { IssueCode, IssueParams, TemplateId };

export type Period = 'H1' | 'FY' | 'Q1' | 'Q2' | 'Q3' | 'Q4';
export const PERIODS: Period[] = ['H1', 'FY', 'Q1', 'Q2', 'Q3', 'Q4'];

export interface Meta {
  year: number | null;
  period: Period | null;
  kind: 'plan' | 'report' | null;
  person: string | null;
  unit: string | null;
  /** Job descriptions: the position's title. */
  position?: string | null;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  code: IssueCode;
  severity: Severity;
  sheet: string;
  row: number | null;
  column: string | null;
  /** Values inserted into the message template of `code` (see its check in src/core/checks); typed per code in IssueParams. */
  params: Record<string, string | number>;
  message: string;
  messageEn: string;
}

export type PeriodValue = { start: string | null; end: string | null } | { text: string } | null;

/** A canonical field of a template column: `no`, `activity`, `target`, `year:2024` … */
export type FieldId = string;

export interface Activity {
  /** Index of the table in the sheet (0-based). */
  table: number;
  /** Sheet row (1-based) where the activity starts. */
  row: number;
  /** Last sheet row the activity covers (continuations and sub-criteria included). */
  lastRow: number;
  no: string | null;
  section: string | null;
  goal: string | null;
  /** Field texts, continuations joined with a space and sub-criteria with a new line. */
  fields: Record<FieldId, string>;
  /** Raw cell values of the activity's first row, per field, as read (numbers stay numbers). */
  raw: Record<FieldId, string | number | boolean | null>;
  /**
   * The texts as the cells say them, neither trimmed nor collapsed (joined like `fields`): what a
   * consolidation or a draft copies. `fields`, `goal` and `section` are for matching and checks.
   */
  exact?: Pick<Activity, 'fields' | 'goal' | 'section'>;
  percent: number | null;
  percentSource: 'entered' | 'computed' | null;
  /** Why there is no percent: '-' typed on purpose, or nothing to compute from. */
  unassessed?: 'deliberate' | 'no-data';
  period: PeriodValue;
}

export interface TableInfo {
  /** Sheet row of the (last) header row. */
  headerRow: number;
  /** First header row (two-row headers start one row above headerRow). */
  headerTop: number;
  /** Row of the numbering row (1 2 3 … 8) under the header, if any. */
  numberingRow: number | null;
  /** Last row of the table (before the next table or the signature block). */
  lastRow: number;
  /** Field → column letter. */
  columns: Record<FieldId, string>;
  /** Field → header label as written. */
  labels: Record<FieldId, string>;
  /** Rows classified, for formatting and drafts. */
  rows: {
    row: number;
    kind: RowKind;
    text?: string;
    /** A section's or goal's text as its cell says it. */ exact?: string;
  }[];
  /** The title row above the table (second tables have their own), if any. */
  titleRow: number | null;
  /** Text of the title row. */
  title: string | null;
  template: TemplateId;
  /** First and last column of the table. */
  left: number;
  right: number;
}

export type RowKind =
  | 'section'
  | 'goal'
  | 'activity'
  | 'continuation'
  | 'subcriterion'
  | 'total'
  | 'signature'
  | 'blank'
  | 'numbering';

export interface GoalSummary {
  title: string;
  section: string | null;
  activities: number;
  assessed: number;
  average: number | null;
  buckets: Buckets;
}

export type BucketKey = '100' | '70' | '30' | '0' | '-';
export type Buckets = Record<BucketKey, number>;

export interface Summary {
  activities: number;
  assessed: number;
  average: number | null;
  buckets: Buckets;
  goals: GoalSummary[];
}

export interface DebtFigure {
  /** The activity number the figure was read from; null for text below a table (it belongs to the sheet). */
  activity?: string | null;
  row: number;
  source: 'narrative' | 'table';
  unit: string | null;
  opening: number | null;
  collected: number | null;
  collectedFull: number | null;
  collectedPartial: number | null;
  newArrears: number | null;
  closing: number | null;
  revenue: number | null;
  collectionRatio: number | null;
  reductionRatio: number | null;
  receivablesShare: number | null;
  target: number | null;
  met: boolean | null;
  /** Which ratio `met` compared. */
  metBy: 'reduction' | 'collection' | null;
}

export interface TemplateCandidate {
  template: TemplateId;
  score: number;
  /** Required fields that were not found. */
  missing: FieldId[];
}

export interface SheetAnalysis {
  sheet: string;
  template: TemplateId | null;
  /** 0–1: how sure the recognition is (share of the best table's header labels the template explains). */
  confidence: number;
  candidates: TemplateCandidate[];
  meta: Meta;
  /** Title rows (text above the first header). */
  title: string | null;
  tables: TableInfo[];
  activities: Activity[];
  summary: Summary;
  debt: DebtFigure[];
  issues: Issue[];
}
