/** PLAN_ACTIVITY_MISSING (compare): a planned activity that the report leaves out; at the plan's row. */
import { columnNumber } from '../snapshot';
import { defineCheck } from './check';

export const planActivityMissing = defineCheck<{ no: string }>()({
  code: 'PLAN_ACTIVITY_MISSING',
  severity: 'warning',
  messages: {
    mn: '{cell}: төлөвлөгөөний {no} арга хэмжээ тайланд алга.',
    en: '{cell}: planned activity {no} is missing from the report.',
  },
  compare: (report) => ({
    missing(p, s) {
      const letter = s.plan.tables[s.table]?.columns.activity;
      report('plan', p.row, letter ? columnNumber(letter) : null, { no: p.no ?? '' });
    },
  }),
});
