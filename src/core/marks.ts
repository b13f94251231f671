/**
 * Marks in the sheet: each cell an issue names gets a fill (by its most severe issue) and a note
 * listing its issues in the user's language, so that a head who opens the file without the add-in
 * sees them. Data only; the adapters write it and take it away again.
 */
import { MARKS_UI } from '../i18n/marks';
import type { Lang } from '../i18n/ui';
import type { Issue, Severity } from './model';
import { columnNumber } from './snapshot';

export interface Mark {
  row: number;
  col: number;
  /** "#RRGGBB". */
  color: string;
  note: string;
}

export interface MarksPlan {
  sheet: string;
  marks: Mark[];
}

/** Light fills that keep the cell's text readable: red, amber, blue. */
export const MARK_COLORS: Record<Severity, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The marks of the issues of `sheet` that name a cell (row and column), one per cell, in row then column order. */
export function planMarks(issues: readonly Issue[], sheet: string, lang: Lang): MarksPlan {
  const t = MARKS_UI[lang].marks;
  const cells = new Map<string, { row: number; col: number; issues: Issue[] }>();
  for (const issue of issues) {
    if (issue.sheet !== sheet || issue.row === null || !issue.column) continue;
    const col = columnNumber(issue.column);
    const key = `${issue.row}:${col}`;
    const cell = cells.get(key) ?? { row: issue.row, col, issues: [] };
    cell.issues.push(issue);
    cells.set(key, cell);
  }
  const marks = [...cells.values()]
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map(({ row, col, issues: list }) => {
      const ordered = [...list].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
      const lines = ordered.map(
        (i) => `${t.severity(i.severity)}: ${lang === 'mn' ? i.message : i.messageEn}`,
      );
      return { row, col, color: MARK_COLORS[ordered[0].severity], note: [t.noteTitle, ...lines].join('\n') };
    });
  return { sheet, marks };
}
