/** MISSING_REQUIRED: a required field of an activity is empty. */
import { defineCheck } from './check';

export const missingRequired = defineCheck<{ field: string; no: string }>()({
  code: 'MISSING_REQUIRED',
  severity: 'error',
  messages: {
    mn: '{cell}: «{field}» нүд хоосон байна ({no} арга хэмжээ).',
    en: '{cell}: "{field}" is empty (activity {no}).',
  },
  analyze: (report) => ({
    activity({ activity: a }, t) {
      for (const f of t.table.template.rowRequired) {
        const c = t.col(f);
        if (c !== null && !(a.fields[f] ?? '').trim()) report(a.row, c, { field: f, no: a.no ?? '' });
      }
    },
  }),
});
