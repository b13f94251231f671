/** TARGET_NOT_MET: a computed debt ratio below its threshold, in a report's narrative or a receivables row. */
import type { DebtFigure } from '../model';
import { defineCheck, shown } from './check';

type Params = { ratioName: 'reduction' | 'collection'; ratio: string; target: number };

function paramsOf(d: DebtFigure): Params {
  return {
    ratioName: d.metBy ?? 'collection',
    ratio: shown(d.metBy === 'reduction' ? d.reductionRatio : d.collectionRatio),
    target: d.target!,
  };
}

export const targetNotMet = defineCheck<Params>()({
  code: 'TARGET_NOT_MET',
  severity: 'info',
  messages: {
    mn: '{cell}: {ratioName} {ratio}% нь зорилт {target}%-д хүрээгүй.',
    en: '{cell}: {ratioName} {ratio}% is below the target {target}%.',
  },
  analyze: (report) => ({
    // At the field the narrative was read from (no column when it was found elsewhere in the rows).
    activity({ activity: a, debt }, t) {
      if (debt?.figure.met === false)
        report(a.row, debt.field === null ? null : t.col(debt.field), paramsOf(debt.figure));
    },
    debtRow({ row, figure, col }) {
      if (figure.met === false)
        report(row, col(figure.metBy === 'reduction' ? 'closing' : 'collected'), paramsOf(figure));
    },
  }),
});
