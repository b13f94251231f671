/** DEBT_NO_OPENING: a receivables row whose opening balance is zero (or missing), so no ratio is computed. */
import { defineCheck } from './check';

export const debtNoOpening = defineCheck()({
  code: 'DEBT_NO_OPENING',
  severity: 'info',
  messages: {
    mn: '{cell}: оны эхний авлага 0 тул хувь тооцохгүй.',
    en: '{cell}: opening receivables are 0, so no ratio is computed.',
  },
  analyze: (report) => ({
    debtRow({ row, values: v, col }) {
      if (!v.opening) report(row, col('opening'));
    },
  }),
});
