/**
 * STATED_TOTAL_MISMATCH: a total row's value against what the engine computes: the average
 * percent of a plan or report table (within 0.1 after rounding), the column sums of a
 * receivables table (within 0.1), and the sums or means of a statistics table (within half a
 * unit of the stated precision per part, since the parts were rounded as stated).
 */
import { amountCell, rounder } from '../measure';
import { readAmount } from '../numbers';
import { defineCheck, shown } from './check';

/** Decimals a figure is stated to: as typed in a text, by the number format, or as the number has them. */
function decimalsOf(value: unknown, numberFormat: string): number {
  if (typeof value === 'string') {
    const m = /[.,](\d+)\s*$/.exec(value.trim());
    return m ? m[1].length : 0;
  }
  const f = /0[.,](0+)/.exec(numberFormat);
  if (f) return f[1].length;
  const s = String(value);
  const i = s.indexOf('.');
  return i < 0 ? 0 : Math.min(s.length - i - 1, 6);
}

export const statedTotalMismatch = defineCheck<{ stated: string; computed: string }>()({
  code: 'STATED_TOTAL_MISMATCH',
  severity: 'warning',
  messages: {
    mn: '{cell}: бичсэн дүн {stated}, тооцоолсон {computed}.',
    en: '{cell}: stated {stated}, computed {computed}.',
  },
  analyze: (report) => ({
    tableEnd({ table: t, settings }) {
      const pf = t.template.percentField;
      const round = rounder(settings);
      for (const total of t.totals)
        for (const cell of total.cells) {
          const stated = readAmount(cell.value);
          if (!stated || cell.field !== pf) continue;
          const ps = t.activities.map((a) => a.percent).filter((p): p is number => p !== null);
          if (!ps.length) continue;
          const computed = ps.reduce((s, x) => s + x, 0) / ps.length;
          if (Math.abs(round(computed)! - round(stated.value)!) > 0.1 + 1e-9)
            report(total.row, cell.col, { stated: shown(stated.value), computed: shown(computed) });
        }
    },
    debtTableEnd(sums, { table: t }) {
      const amountFields = t.template.fields.filter((f) => f.kind === 'amount').map((f) => f.id);
      for (const total of t.totals)
        for (const cell of total.cells) {
          if (!amountFields.includes(cell.field) || cell.field === 'reductionTarget') continue;
          const stated = amountCell(cell.value);
          const computed = sums.get(cell.field);
          if (stated === null || computed === undefined) continue;
          if (Math.abs(Math.round(stated * 10) - Math.round(computed * 10)) > 1)
            report(total.row, cell.col, { stated: shown(stated), computed: shown(computed) });
        }
    },
    statedSum(s, { grid, settings }) {
      const unit = 10 ** -decimalsOf(s.value, grid.numberFormat(s.row, s.col));
      const tolerance = s.mean ? unit : (unit / 2) * s.parts;
      if (Math.abs(s.computed - s.stated) > tolerance + 1e-9)
        report(s.row, s.col, { stated: String(s.stated), computed: String(rounder(settings)(s.computed)) });
    },
  }),
});
