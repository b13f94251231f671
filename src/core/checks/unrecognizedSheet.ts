/** UNRECOGNIZED_SHEET: no template matched the sheet well enough; it is skipped, not failed. */
import { defineCheck } from './check';

export const unrecognizedSheet = defineCheck<{ sheet: string }>()({
  code: 'UNRECOGNIZED_SHEET',
  severity: 'info',
  messages: {
    mn: '«{sheet}» хуудсыг танигдах загвартай тааруулж чадсангүй; алгаслаа.',
    en: 'Sheet "{sheet}" matches no known template; skipped.',
  },
  analyze: (report) => ({
    unrecognized(sheet) {
      report(null, null, { sheet });
    },
  }),
});
