/**
 * The shape of a check: one issue code with its severity, params, messages and the visitors
 * that raise it. The engines walk the document once and call every check's visitors at each
 * step (as ESLint walks a syntax tree and calls its rules); a check never walks on its own,
 * except FORMULA_ERROR, whose walk over every cell is the sheet's only one.
 */
import type { Match } from '../compare';
import type { Grid } from '../grid';
import type { AmountCell, MeasuredActivity, MeasuredDebtRow, Settings, StatedSum } from '../measure';
import type { Activity, FieldId, Meta, SheetAnalysis, Severity } from '../model';
import type { ParsedTable } from '../parse';

export type ParamValue = string | number;
export type Params = Record<string, ParamValue>;

/** A message template in Mongolian (default) and English: `{cell}`, `{row}`, `{sheet}` and the params are filled in. */
export interface Messages {
  readonly mn: string;
  readonly en: string;
}

/** Raises the check's issue at a cell (row and column as sheet numbers; null when the issue has none). */
export type Report<P extends Params> = (
  row: number | null,
  col: number | null,
  ...[params, severity]: P extends Record<string, never>
    ? [params?: P, severity?: Severity]
    : [params: P, severity?: Severity]
) => void;

/** Raises a comparison's issue on the plan's or the report's sheet. */
export type CompareReport<P extends Params> = (
  side: 'plan' | 'report',
  row: number | null,
  col: number | null,
  params: P,
) => void;

/** One table of a sheet as the checks see it. */
export interface TableScope {
  grid: Grid;
  table: ParsedTable;
  meta: Meta;
  settings: Settings;
  /** The table's column of a field, or null. */
  col(field: FieldId): number | null;
}

/** What a check does while the engine walks a sheet (src/core/analyze.ts), in the walk's order. */
export interface SheetVisitors {
  /** No template matched the sheet (nothing else is visited). */
  unrecognized?(sheet: string): void;
  /** A table begins. */
  table?(t: TableScope): void;
  /** An activity of a plan, report or job description, measured. */
  activity?(m: MeasuredActivity, t: TableScope): void;
  /** A text cell of the activity just visited (a carried group cell on its first row only). */
  textCell?(row: number, col: number, text: string, t: TableScope): void;
  /** All activities of the table are visited and measured. */
  tableEnd?(t: TableScope): void;
  /** An amount cell of a receivables or statistics table. */
  amount?(cell: AmountCell, t: TableScope): void;
  /** A receivables row with figures, after its amounts. */
  debtRow?(m: MeasuredDebtRow, t: TableScope): void;
  /** All rows of a receivables table, with the sums of its amount columns. */
  debtTableEnd?(sums: Map<FieldId, number>, t: TableScope): void;
  /** A stated total of a statistics table. */
  statedSum?(s: StatedSum, t: TableScope): void;
  /** Every table is done. */
  sheet?(grid: Grid): void;
}

/** The two analyses a comparison reads, and the index of the table pair being compared. */
export interface CompareScope {
  plan: SheetAnalysis;
  report: SheetAnalysis;
  table: number;
}

/** What a check does while src/core/compare.ts walks a plan and a report, in the walk's order. */
export interface CompareVisitors {
  /** A plan activity matched with a report activity; `changed` are the compared fields whose figures differ. */
  matched?(m: Match, changed: readonly FieldId[], s: CompareScope): void;
  /** A plan activity the report leaves out. */
  missing?(plan: Activity, s: CompareScope): void;
  /** A report activity the plan does not have. */
  unplanned?(report: Activity, s: CompareScope): void;
}

export interface Check<
  C extends string = string,
  P extends Params = Params,
  M extends Messages = Messages,
  X extends Record<string, Messages> = Record<string, Messages>,
> {
  readonly code: C;
  readonly severity: Severity;
  readonly messages: M;
  /** Optional message parts, `{name}` in the message: filled when every placeholder of the part is a param, else empty. */
  readonly parts?: X;
  /** Visitors for one sheet's analysis; called afresh for each sheet, so they may keep state in closures. */
  readonly analyze?: (report: Report<P>) => SheetVisitors;
  /** Visitors for one comparison of a plan with a report. */
  readonly compare?: (report: CompareReport<P>) => CompareVisitors;
}

/**
 * Defines a check with its params type: `defineCheck<{ value: string }>()({ code: 'X', … })`.
 * The code and the message texts keep their literal types, so the catalogue can derive
 * `IssueCode`, `IssueParams` and check every message placeholder at compile time.
 */
export function defineCheck<P extends Params = Record<string, never>>() {
  return <
    const C extends string,
    const M extends Messages,
    const X extends Record<string, Messages> = Record<string, never>,
  >(
    def: Check<C, P, M, X>,
  ): Check<C, P, M, X> => def;
}

/** A figure shown in a message: one decimal, or a dash when there is none. */
export function shown(x: number | null): string {
  return x === null ? '—' : String(Math.round(x * 10) / 10);
}
