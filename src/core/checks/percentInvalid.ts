/**
 * PERCENT_INVALID: a percent or score that is unreadable, negative or above its cap (an
 * error), or above 100 up to the cap where the template allows over-fulfilment (a warning).
 */
import { defineCheck } from './check';

export const percentInvalid = defineCheck<{ value: string }>()({
  code: 'PERCENT_INVALID',
  severity: 'error',
  messages: {
    mn: '{cell}: «{value}» хувийг уншиж чадсангүй эсвэл 0–100-аас гадуур байна.',
    en: '{cell}: percentage "{value}" is unreadable or outside 0–100.',
  },
  analyze: (report) => ({
    activity({ percent: p }) {
      if (!p || p.col === null) return;
      // A number outside 0…cap entered nothing; it is reported wherever it was read from.
      if (p.impossible) report(p.row, p.col, { value: String(p.raw) });
      // The rest only where the table has the percent column.
      else if (p.column !== null && p.reading.kind === 'value' && p.reading.value > 100)
        report(p.row, p.col, { value: String(p.raw) }, 'warning');
      else if (p.column !== null && p.reading.kind === 'invalid')
        report(p.row, p.col, { value: p.reading.text });
    },
  }),
});
