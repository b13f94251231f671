/** DEBT_BALANCE_MISMATCH: a receivables row where closing ≠ opening − collected + new arrears. */
import { defineCheck, shown } from './check';

export const debtBalanceMismatch = defineCheck<{ closing: string; computed: string }>()({
  code: 'DEBT_BALANCE_MISMATCH',
  severity: 'warning',
  messages: {
    mn: '{cell}: эцсийн үлдэгдэл {closing}, тооцоолсон {computed} (эхний − барагдуулсан + шинээр үүссэн).',
    en: '{cell}: closing {closing}, computed {computed} (opening − collected + new).',
  },
  analyze: (report) => ({
    debtRow({ row, values: v, figure, col }) {
      const collected = figure.collected;
      if (v.opening === null || collected === null || v.newArrears === null || v.closing === null) return;
      const computed = v.opening - collected + v.newArrears;
      if (Math.abs(computed - v.closing) > 0.05)
        report(row, col('closing'), { closing: shown(v.closing), computed: shown(computed) });
    },
  }),
});
