/** Builds issues with their severity and both messages (DESIGN.md section 7). */
import {
  FIELD_NAMES,
  ISSUE_MESSAGES,
  ISSUE_PARTS,
  ISSUE_SEVERITY,
  PARAM_WORDS,
  fillMessage,
} from '../i18n/issues';
import type { Issue, IssueCode, IssueParams, Severity } from './model';
import { columnLetter } from './snapshot';

export function makeIssue<C extends IssueCode>(
  code: C,
  sheet: string,
  row: number | null,
  col: number | null,
  ...[params, severity = ISSUE_SEVERITY[code]]: IssueParams[C] extends Record<string, never>
    ? [params?: IssueParams[C], severity?: Severity]
    : [params: IssueParams[C], severity?: Severity]
): Issue {
  return buildIssue(code, sheet, row, col, params ?? {}, severity);
}

/** Each code's optional message parts, with the params a part needs to be shown. */
const PARTS = Object.fromEntries(
  Object.entries(ISSUE_PARTS).map(([code, parts]) => [
    code,
    parts.map(([name, text]) => ({
      name,
      text,
      needs: [...`${text.mn}${text.en}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
    })),
  ]),
) as Record<IssueCode, { name: string; text: { mn: string; en: string }; needs: string[] }[]>;

/** An issue of any code, as the engines raise them for the checks (params checked by each check's type). */
export function buildIssue(
  code: IssueCode,
  sheet: string,
  row: number | null,
  col: number | null,
  params: Record<string, string | number>,
  severity: Severity = ISSUE_SEVERITY[code],
): Issue {
  const column = col ? columnLetter(col) : null;
  const cell = column && row ? `${column}${row}` : row ? `${row}-р мөр` : sheet;
  const cellEn = column && row ? `${column}${row}` : row ? `row ${row}` : sheet;
  const words = (lang: 'mn' | 'en', c: string) => {
    const out: Record<string, string | number> = { sheet, row: row ?? '', cell: c };
    for (const [k, v] of Object.entries(params)) {
      out[k] =
        k === 'field' ? (FIELD_NAMES[lang][v] ?? v) : typeof v === 'string' ? (PARAM_WORDS[lang][v] ?? v) : v;
    }
    for (const p of PARTS[code])
      out[p.name] = p.needs.every((k) => params[k] !== undefined) ? fillMessage(p.text[lang], params) : '';
    return out;
  };
  const mn = words('mn', cell);
  const en = words('en', cellEn);
  return {
    code,
    severity,
    sheet,
    row,
    column,
    params,
    message: fillMessage(ISSUE_MESSAGES.mn[code], mn),
    messageEn: fillMessage(ISSUE_MESSAGES.en[code], en),
  };
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Issues sorted as the task pane and the CLI show them: by severity, then row, then column. */
export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      ORDER[a.severity] - ORDER[b.severity] ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.column ?? '').length - (b.column ?? '').length ||
      (a.column ?? '').localeCompare(b.column ?? ''),
  );
}
