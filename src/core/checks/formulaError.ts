/** FORMULA_ERROR: a cell shows an error value (#VALUE!, #REF!, #DIV/0!, #N/A, #NAME?, #NUM!, #NULL!), computed or typed. */
import { ERROR_VALUES } from '../snapshot';
import { defineCheck } from './check';

/** First characters of the error values ('#'). */
const ERROR_FIRST = new Set(ERROR_VALUES.map((e) => e.charCodeAt(0)));
/** Surely not white space (the fast ranges of trim()'s definition). */
const solid = (c: number) => (c > 32 && c < 0x85) || (c > 0xa0 && c < 0x1680);

/** An error value typed as text ("#VALUE!"): a text starting with anything but '#' or white space is not one, untrimmed. */
function errorText(s: string): boolean {
  const first = s.charCodeAt(0);
  if (!ERROR_FIRST.has(first) && solid(first)) return false;
  return ERROR_VALUES.includes(s.trim());
}

export const formulaError = defineCheck<{ value: string }>()({
  code: 'FORMULA_ERROR',
  severity: 'error',
  messages: {
    mn: '{cell}: томьёоны алдаа {value}.',
    en: '{cell}: formula error {value}.',
  },
  analyze: (report) => ({
    // The one walk over every cell of the sheet: error values may sit outside any table.
    sheet(grid) {
      grid.eachValue((r, c, v, type) => {
        if (type === 'Error' || (typeof v === 'string' && errorText(v))) report(r, c, { value: String(v) });
      });
    },
  }),
});
