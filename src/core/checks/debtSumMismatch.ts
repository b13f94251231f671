/** DEBT_SUM_MISMATCH: a receivables row where fully + partially collected ≠ total collected. */
import { defineCheck, shown } from './check';

export const debtSumMismatch = defineCheck<{
  full: string;
  partial: string;
  sum: string;
  collected: string;
}>()({
  code: 'DEBT_SUM_MISMATCH',
  severity: 'warning',
  messages: {
    mn: '{cell}: бүрэн {full} + хэсэгчлэн {partial} = {sum}, нийт барагдуулсан {collected}.',
    en: '{cell}: full {full} + partial {partial} = {sum}, but total collected is {collected}.',
  },
  analyze: (report) => ({
    debtRow({ row, values: v, fullPartial, col }) {
      if (v.collected !== null && fullPartial !== null && Math.abs(v.collected - fullPartial) > 0.05)
        report(row, col('collected'), {
          full: shown(v.collectedFull),
          partial: shown(v.collectedPartial),
          sum: shown(fullPartial),
          collected: shown(v.collected),
        });
    },
  }),
});
