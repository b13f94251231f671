/** PERCENT_MISSING: an activity of a template with a percent or score column that has none entered. */
import { defineCheck, shown } from './check';

export const percentMissing = defineCheck<{ suggested?: string }>()({
  code: 'PERCENT_MISSING',
  severity: 'warning',
  messages: {
    mn: '{cell}: гүйцэтгэлийн хувь бичээгүй байна{suggestion}.',
    en: '{cell}: no completion percentage entered{suggestion}.',
  },
  parts: {
    suggestion: { mn: ' (тооцоолсон санал: {suggested}%)', en: ' (suggested: {suggested}%)' },
  },
  analyze: (report) => ({
    activity({ activity: a, percent: p }) {
      if (!p || p.column === null || p.col === null || p.reading.kind !== 'empty') return;
      report(a.row, p.column, p.effective !== null ? { suggested: shown(p.effective) } : {});
    },
  }),
});
