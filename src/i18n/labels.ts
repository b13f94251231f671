/**
 * Labels of the codes that reach people (periods, templates, percent sources): the one table
 * the sheets ND Plan writes, the CLI and the task pane share. A sheet written with a label is
 * read back to its code through `codeOfLabel`, so a label never changes a row's identity.
 */
import type { Period, TemplateId } from '../core/model';

export type Lang = 'mn' | 'en';

export const PERIOD_LABELS: Record<Lang, Record<Period, string>> = {
  mn: {
    H1: 'Эхний хагас жил',
    FY: 'Жилийн эцэс',
    Q1: 'I улирал',
    Q2: 'II улирал',
    Q3: 'III улирал',
    Q4: 'IV улирал',
  },
  en: { H1: 'First half-year', FY: 'Full year', Q1: 'Q1', Q2: 'Q2', Q3: 'Q3', Q4: 'Q4' },
};

export const TEMPLATE_LABELS: Record<Lang, Record<TemplateId, string>> = {
  mn: {
    'performance-plan': 'Гүйцэтгэлийн төлөвлөгөө',
    'performance-report': 'Гүйцэтгэлийн тайлан',
    'program-evaluation': 'Хөтөлбөрийн үнэлгээ',
    'action-plan-status': 'Ажлын төлөвлөгөөний хэрэгжилт',
    'multi-year-plan': 'Олон жилийн төлөвлөгөө',
    'indicator-targets': 'Шалгуур үзүүлэлтийн зорилт',
    receivables: 'Шимтгэлийн авлага',
    'job-description': 'Албан тушаалын тодорхойлолт',
    'statistics-table': 'Статистик хүснэгт',
  },
  en: {
    'performance-plan': 'Performance plan',
    'performance-report': 'Performance report',
    'program-evaluation': 'Programme evaluation',
    'action-plan-status': 'Action plan status',
    'multi-year-plan': 'Multi-year plan',
    'indicator-targets': 'Indicator targets',
    receivables: 'Contribution receivables',
    'job-description': 'Job description',
    'statistics-table': 'Statistics table',
  },
};

export const PERCENT_SOURCE_LABELS: Record<Lang, Record<'entered' | 'computed', string>> = {
  mn: { entered: 'Оруулсан', computed: 'Тооцоолсон' },
  en: { entered: 'Entered', computed: 'Computed' },
};

/** Code → label for one kind of code; anything not a code is shown as it is. */
export function labelOf(
  table: Record<Lang, Record<string, string>>,
  code: string,
  lang: Lang = 'mn',
): string {
  return table[lang][code] ?? code;
}

/** Label (in either language) or code → code; anything else is kept as it is. */
export function codeOfLabel(table: Record<Lang, Record<string, string>>, text: string): string {
  return codesOf(table).get(text.trim()) ?? text;
}

const CODES = new WeakMap<Record<Lang, Record<string, string>>, Map<string, string>>();

/** Each label's code, a Mongolian label first: reading a table back asks this of every row. */
function codesOf(table: Record<Lang, Record<string, string>>): Map<string, string> {
  let codes = CODES.get(table);
  if (!codes) {
    codes = new Map();
    for (const lang of ['mn', 'en'] as const)
      for (const [code, label] of Object.entries(table[lang])) if (!codes.has(label)) codes.set(label, code);
    CODES.set(table, codes);
  }
  return codes;
}
