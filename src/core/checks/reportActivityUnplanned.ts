/** REPORT_ACTIVITY_UNPLANNED (compare): a reported activity that is not in the plan; at the report's row. */
import { columnNumber } from '../snapshot';
import { defineCheck } from './check';

export const reportActivityUnplanned = defineCheck<{ no: string }>()({
  code: 'REPORT_ACTIVITY_UNPLANNED',
  severity: 'info',
  messages: {
    mn: '{cell}: тайлангийн {no} арга хэмжээ төлөвлөгөөнд байхгүй.',
    en: '{cell}: reported activity {no} is not in the plan.',
  },
  compare: (report) => ({
    unplanned(r, s) {
      const letter = s.report.tables[s.table]?.columns.activity;
      report('report', r.row, letter ? columnNumber(letter) : null, { no: r.no ?? '' });
    },
  }),
});
