/**
 * PERCENT_SUSPICIOUS: a bare 1 (or 0.5) in a percent column whose every other value is above 1
 * (was 100 % meant?). It still counts as entered: the product points at a figure, never guesses one.
 */
import type { Activity } from '../model';
import { defineCheck } from './check';

export const percentSuspicious = defineCheck<{ value: number }>()({
  code: 'PERCENT_SUSPICIOUS',
  severity: 'warning',
  messages: {
    mn: '{cell}: {value} гэж бичсэн, баганын бусад утга 1-ээс их байна — 100% гэж бичих байсан уу?',
    en: "{cell}: {value} where the column's other values are above 1 — was 100% meant?",
  },
  analyze: (report) => {
    // Entered values of the table's percent column.
    let entered: { a: Activity; value: number }[] = [];
    return {
      table() {
        entered = [];
      },
      activity({ activity: a, percent: p }) {
        if (p && p.column !== null && p.col !== null && p.reading.kind === 'value')
          entered.push({ a, value: p.reading.value });
      },
      tableEnd(t) {
        const pf = t.table.template.percentField;
        const pCol = pf ? t.col(pf) : null;
        if (pCol === null || entered.length <= 1) return;
        const above = entered.filter((e) => e.value > 1).length;
        for (const e of entered)
          if (e.value > 0 && e.value <= 1 && above === entered.length - 1)
            report(e.a.row, pCol, { value: e.value });
      },
    };
  },
});
