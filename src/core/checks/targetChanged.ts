/** TARGET_CHANGED (compare): the report's target states other figures than the plan's; at the report's row and target column. */
import { extractFigures } from '../numbers';
import { columnNumber } from '../snapshot';
import { defineCheck } from './check';

/** The figures of a text as written, for messages: "23,620.7 сая", "30-аас доошгүй". */
export function figureTexts(text: string | undefined): string {
  const fs = text ? extractFigures(text) : [];
  if (!fs.length) return '—';
  return fs
    .map((f) =>
      f.kind === 'percent'
        ? `${f.text}%`
        : f.kind === 'threshold'
          ? `≥${f.text}`
          : f.unit
            ? `${f.text} ${f.unit}`
            : f.text,
    )
    .join(', ');
}

export const targetChanged = defineCheck<{ no: string; before: string; after: string }>()({
  code: 'TARGET_CHANGED',
  severity: 'warning',
  messages: {
    mn: '{cell}: {no} арга хэмжээний зорилтот түвшний тоо өөрчлөгдсөн: төлөвлөгөөнд {before}, тайланд {after}.',
    en: '{cell}: the target figures of activity {no} changed: plan {before}, report {after}.',
  },
  compare: (report) => ({
    matched({ plan, report: r }, changed, s) {
      if (!changed.includes('target')) return;
      const letter = s.report.tables[s.table]?.columns.target;
      report('report', r.row, letter ? columnNumber(letter) : null, {
        no: r.no ?? '',
        before: figureTexts(plan.fields.target),
        after: figureTexts(r.fields.target),
      });
    },
  }),
});
