/** Builds issues with their severity and both messages (DESIGN.md section 7). */
import { FIELD_NAMES, ISSUE_MESSAGES, ISSUE_SEVERITY, PARAM_WORDS, SUGGESTION, fillMessage } from '../i18n/issues';
import type { Issue, IssueCode, IssueParams, Severity } from './model';
import { columnLetter } from './snapshot';

export function makeIssue<C extends IssueCode>(
  code: C,
  sheet: string,
  row: number | null,
  col: number | null,
  ...[params, severity = ISSUE_SEVERITY[code]]: IssueParams[C] extends Record<string, never> ? [params?: IssueParams[C], severity?: Severity] : [params: IssueParams[C], severity?: Severity]
): Issue {
  return buildIssue(code, sheet, row, col, params ?? {}, severity);
}

function buildIssue(code: IssueCode, sheet: string, row: number | null, col: number | null, params: Record<string, string | number>, severity: Severity): Issue {
  const column = col ? columnLetter(col) : null;
  const cell = column && row ? `${column}${row}` : row ? `${row}-р мөр` : sheet;
  const cellEn = column && row ? `${column}${row}` : row ? `row ${row}` : sheet;
  const words = (lang: 'mn' | 'en', c: string) => {
    const out: Record<string, string | number> = { sheet, row: row ?? '', cell: c };
    for (const [k, v] of Object.entries(params)) {
      out[k] = k === 'field' ? (FIELD_NAMES[lang][v] ?? v) : typeof v === 'string' ? (PARAM_WORDS[lang][v] ?? v) : v;
    }
    out.suggestion = params.suggested !== undefined ? fillMessage(SUGGESTION[lang], params) : '';
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
