/**
 * Issue messages in Mongolian (default) and English. `{cell}` is the cell as Excel shows it
 * (`G13`), `{row}` the row; other placeholders come from the issue's params.
 */
import type { IssueCode, IssueParams, Severity } from '../core/model';

export const ISSUE_SEVERITY: Record<IssueCode, Severity> = {
  UNRECOGNIZED_SHEET: 'info',
  MISSING_REQUIRED: 'error',
  NUMBERING_DUPLICATE: 'error',
  PERCENT_INVALID: 'error',
  PERCENT_SUSPICIOUS: 'warning',
  PERCENT_MISSING: 'warning',
  FORMULA_ERROR: 'error',
  PERIOD_INVALID: 'error',
  PERIOD_INVERTED: 'error',
  PERIOD_OUTSIDE_YEAR: 'warning',
  NUMBER_AMBIGUOUS: 'warning',
  NUMBER_AS_TEXT: 'warning',
  STATED_TOTAL_MISMATCH: 'warning',
  STATED_PERCENT_MISMATCH: 'warning',
  TARGET_NOT_MET: 'info',
  DEBT_SUM_MISMATCH: 'warning',
  DEBT_BALANCE_MISMATCH: 'warning',
  DEBT_NO_OPENING: 'info',
  RESPONSIBILITY_INVALID: 'error',
  PLAN_ACTIVITY_MISSING: 'warning',
  REPORT_ACTIVITY_UNPLANNED: 'info',
  TARGET_CHANGED: 'warning',
};

type Messages = Record<IssueCode, string>;

const MESSAGES = {
  mn: {
    UNRECOGNIZED_SHEET: '«{sheet}» хуудсыг танигдах загвартай тааруулж чадсангүй; алгаслаа.',
    MISSING_REQUIRED: '{cell}: «{field}» нүд хоосон байна ({no} арга хэмжээ).',
    NUMBERING_DUPLICATE: '{cell}: {no} дугаар энэ зорилтод давхардсан (эхнийх нь {first}-р мөрөнд).',
    PERCENT_INVALID: '{cell}: «{value}» хувийг уншиж чадсангүй эсвэл 0–100-аас гадуур байна.',
    PERCENT_SUSPICIOUS: '{cell}: {value} гэж бичсэн, баганын бусад утга 1-ээс их байна — 100% гэж бичих байсан уу?',
    PERCENT_MISSING: '{cell}: гүйцэтгэлийн хувь бичээгүй байна{suggestion}.',
    FORMULA_ERROR: '{cell}: томьёоны алдаа {value}.',
    PERIOD_INVALID: '{cell}: «{value}» хугацааг огноо, улирал эсвэл тогтсон хэллэгээр уншиж чадсангүй.',
    PERIOD_INVERTED: '{cell}: дуусах огноо {end} нь эхлэх {start}-ээс өмнө байна.',
    PERIOD_OUTSIDE_YEAR: '{cell}: {date} огноо тайлант {year} оноос гадуур байна.',
    NUMBER_AMBIGUOUS: '{cell}: «{value}» тоог таамаглахгүйгээр уншиж болохгүй ({read} гэж уншлаа) — тусгаарлагчийг засна уу.',
    NUMBER_AS_TEXT: '{cell}: «{value}» тоо текстээр хадгалагдсан тул Excel-ийн SUM түүнийг алгасна.',
    STATED_TOTAL_MISMATCH: '{cell}: бичсэн дүн {stated}, тооцоолсон {computed}.',
    STATED_PERCENT_MISMATCH: '{cell}: {planned}-аас {actual} нь {computed}% болно, бичсэн нь {stated}%.',
    TARGET_NOT_MET: '{cell}: {ratioName} {ratio}% нь зорилт {target}%-д хүрээгүй.',
    DEBT_SUM_MISMATCH: '{cell}: бүрэн {full} + хэсэгчлэн {partial} = {sum}, нийт барагдуулсан {collected}.',
    DEBT_BALANCE_MISMATCH: '{cell}: эцсийн үлдэгдэл {closing}, тооцоолсон {computed} (эхний − барагдуулсан + шинээр үүссэн).',
    DEBT_NO_OPENING: '{cell}: оны эхний авлага 0 тул хувь тооцохгүй.',
    RESPONSIBILITY_INVALID: '{cell}: «{value}» — зөвхөн Т, Г, Х, Ш (Туслах, Гүйцэтгэх, Хянах, Шийдвэрлэх) байна.',
    PLAN_ACTIVITY_MISSING: '{cell}: төлөвлөгөөний {no} арга хэмжээ тайланд алга.',
    REPORT_ACTIVITY_UNPLANNED: '{cell}: тайлангийн {no} арга хэмжээ төлөвлөгөөнд байхгүй.',
    TARGET_CHANGED: '{cell}: {no} арга хэмжээний зорилтот түвшний тоо өөрчлөгдсөн: төлөвлөгөөнд {before}, тайланд {after}.',
  },
  en: {
    UNRECOGNIZED_SHEET: 'Sheet "{sheet}" matches no known template; skipped.',
    MISSING_REQUIRED: '{cell}: "{field}" is empty (activity {no}).',
    NUMBERING_DUPLICATE: '{cell}: number {no} repeats under this goal (first at row {first}).',
    PERCENT_INVALID: '{cell}: percentage "{value}" is unreadable or outside 0–100.',
    PERCENT_SUSPICIOUS: '{cell}: {value} where the column\'s other values are above 1 — was 100% meant?',
    PERCENT_MISSING: '{cell}: no completion percentage entered{suggestion}.',
    FORMULA_ERROR: '{cell}: formula error {value}.',
    PERIOD_INVALID: '{cell}: "{value}" is not a date, quarter or known period phrase.',
    PERIOD_INVERTED: '{cell}: end {end} is before start {start}.',
    PERIOD_OUTSIDE_YEAR: '{cell}: date {date} lies outside the report year {year}.',
    NUMBER_AMBIGUOUS: '{cell}: "{value}" can only be read by guessing (read as {read}) — fix the separators.',
    NUMBER_AS_TEXT: '{cell}: "{value}" is a number stored as text; Excel\'s SUM skips it.',
    STATED_TOTAL_MISMATCH: '{cell}: stated {stated}, computed {computed}.',
    STATED_PERCENT_MISMATCH: '{cell}: {actual} of {planned} is {computed}%, the text states {stated}%.',
    TARGET_NOT_MET: '{cell}: {ratioName} {ratio}% is below the target {target}%.',
    DEBT_SUM_MISMATCH: '{cell}: full {full} + partial {partial} = {sum}, but total collected is {collected}.',
    DEBT_BALANCE_MISMATCH: '{cell}: closing {closing}, computed {computed} (opening − collected + new).',
    DEBT_NO_OPENING: '{cell}: opening receivables are 0, so no ratio is computed.',
    RESPONSIBILITY_INVALID: '{cell}: "{value}" — only Т, Г, Х, Ш (assists, performs, controls, decides) are allowed.',
    PLAN_ACTIVITY_MISSING: '{cell}: planned activity {no} is missing from the report.',
    REPORT_ACTIVITY_UNPLANNED: '{cell}: reported activity {no} is not in the plan.',
    TARGET_CHANGED: '{cell}: the target figures of activity {no} changed: plan {before}, report {after}.',
  },
} as const satisfies { mn: Messages; en: Messages };

/** The `{name}` placeholders of a message, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer K}}${infer Rest}` ? K | Placeholders<Rest> : never;
/** What makeIssue fills in besides the params: the sheet, the row, the cell and PERCENT_MISSING's suggestion. */
type Filled<C extends IssueCode> = keyof IssueParams[C] | 'sheet' | 'row' | 'cell' | 'suggestion';
type Unfilled<M extends Messages> = { [C in IssueCode]: Exclude<Placeholders<M[C]>, Filled<C>> }[IssueCode];
type Assert<T extends true> = T;
/** Compiles only when every placeholder of every message is filled: a message can never show `{x}`. */
export type EveryPlaceholderFilled = Assert<[Unfilled<typeof MESSAGES.mn>, Unfilled<typeof MESSAGES.en>] extends [never, never] ? true : false>;

export const ISSUE_MESSAGES: { mn: Messages; en: Messages } = MESSAGES;

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

/** The optional "(suggested: 65.7%)" tail of PERCENT_MISSING. */
export const SUGGESTION = { mn: ' (тооцоолсон санал: {suggested}%)', en: ' (suggested: {suggested}%)' };

export function fillMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}
