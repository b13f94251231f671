/**
 * Issue messages in Mongolian (default) and English. Each code's severity and message texts
 * live in its check (src/core/checks, one module per code); this module is their index by
 * code, and holds the words messages share: field names and enumerated param values.
 * `{cell}` is the cell as Excel shows it (`G13`), `{row}` the row; other placeholders come
 * from the issue's params or the check's optional parts.
 */
import { CATALOGUE } from '../core/checks';
import type { Messages } from '../core/checks/check';
import type { IssueCode, IssueParams, Severity } from '../core/model';

type Entry = (typeof CATALOGUE)[number];
type Lang = keyof Messages;

export const ISSUE_SEVERITY = Object.fromEntries(CATALOGUE.map((c) => [c.code, c.severity])) as Record<
  IssueCode,
  Severity
>;

export const ISSUE_MESSAGES = {
  mn: Object.fromEntries(CATALOGUE.map((c) => [c.code, c.messages.mn])),
  en: Object.fromEntries(CATALOGUE.map((c) => [c.code, c.messages.en])),
} as Record<Lang, Record<IssueCode, string>>;

/** Each code's optional message parts (PERCENT_MISSING's "(suggested: 65.7%)"). */
export const ISSUE_PARTS = Object.fromEntries(
  CATALOGUE.map((c) => [c.code, Object.entries(c.parts ?? {})]),
) as Record<IssueCode, [string, Messages][]>;

/** The `{name}` placeholders of a message, as a union of names. */
type Placeholders<S> = S extends `${string}{${infer K}}${infer Rest}` ? K | Placeholders<Rest> : never;
type PartsOf<E> = E extends { parts?: infer X } ? (X extends Record<string, Messages> ? X : never) : never;
/** What makeIssue fills in besides the params: the sheet, the row, the cell and the check's parts. */
type Filled<E extends Entry> = keyof IssueParams[E['code']] | 'sheet' | 'row' | 'cell' | keyof PartsOf<E>;
/** A part's placeholders are params only (a part is left out when they are not all given). */
type PartText<E extends Entry, L extends Lang> = {
  [K in keyof PartsOf<E>]: PartsOf<E>[K] extends Messages ? PartsOf<E>[K][L] : never;
}[keyof PartsOf<E>];
type Unfilled<L extends Lang> = {
  [E in Entry as E['code']]:
    | Exclude<Placeholders<E['messages'][L]>, Filled<E>>
    | Exclude<Placeholders<PartText<E, L>>, keyof IssueParams[E['code']]>;
}[IssueCode];
type Assert<T extends true> = T;
/** Compiles only when every placeholder of every message is filled: a message can never show `{x}`. */
export type EveryPlaceholderFilled = Assert<
  [Unfilled<'mn'>, Unfilled<'en'>] extends [never, never] ? true : false
>;

/** Field names shown in messages. */
export const FIELD_NAMES: { mn: Record<string, string>; en: Record<string, string> } = {
  mn: {
    no: 'Д/д',
    activity: 'Арга хэмжээ',
    budget: 'Төсөв',
    criterion: 'Шалгуур үзүүлэлт',
    baseline: 'Суурь түвшин',
    target: 'Зорилтот түвшин',
    achieved: 'Хүрсэн түвшин',
    period: 'Хугацаа',
    responsible: 'Хариуцах нэгж',
    percent: 'Гүйцэтгэлийн хувь',
    score: 'Үнэлгээ',
    responsibility: 'Хариуцлага, оролцооны хэлбэр',
    goal: 'Зорилт',
    program: 'Хөтөлбөр',
    direction: 'Чиглэл',
    unit: 'Нэгж',
    opening: 'Оны эхний авлага',
    collected: 'Нийт барагдуулсан',
    closing: 'Эцсийн үлдэгдэл',
  },
  en: {
    no: 'No.',
    activity: 'Activity',
    budget: 'Budget',
    criterion: 'Criterion',
    baseline: 'Baseline',
    target: 'Target',
    achieved: 'Achieved',
    period: 'Period',
    responsible: 'Responsible unit',
    percent: 'Completion %',
    score: 'Score',
    responsibility: 'Responsibility',
    goal: 'Goal',
    program: 'Programme',
    direction: 'Direction',
    unit: 'Unit',
    opening: 'Opening receivables',
    collected: 'Total collected',
    closing: 'Closing balance',
  },
};

/** Enumerated parameter values, said in each language. */
export const PARAM_WORDS: { mn: Record<string, string>; en: Record<string, string> } = {
  mn: { reduction: 'бууралтын хувь', collection: 'барагдуулалтын хувь' },
  en: { reduction: 'reduction ratio', collection: 'collection ratio' },
};

export function fillMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}
