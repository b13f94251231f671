/** PERIOD_INVALID: a period that is not a date, a quarter or a known phrase (`2024.13.02`, `III-V улирал`). */
import { defineCheck } from './check';

export const periodInvalid = defineCheck<{ value: string }>()({
  code: 'PERIOD_INVALID',
  severity: 'error',
  messages: {
    mn: '{cell}: «{value}» хугацааг огноо, улирал эсвэл тогтсон хэллэгээр уншиж чадсангүй.',
    en: '{cell}: "{value}" is not a date, quarter or known period phrase.',
  },
  analyze: (report) => ({
    activity({ period: p }) {
      if (p?.reading.kind === 'invalid') report(p.row, p.col, { value: p.reading.part ?? p.reading.text });
    },
  }),
});
