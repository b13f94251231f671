/** NUMBER_AS_TEXT: a number stored as text in a numeric column, which Excel's own SUM skips. */
import { defineCheck } from './check';

export const numberAsText = defineCheck<{ value: string }>()({
  code: 'NUMBER_AS_TEXT',
  severity: 'warning',
  messages: {
    mn: '{cell}: «{value}» тоо текстээр хадгалагдсан тул Excel-ийн SUM түүнийг алгасна.',
    en: '{cell}: "{value}" is a number stored as text; Excel\'s SUM skips it.',
  },
  analyze: (report) => ({
    amount({ row, col, value, reading }) {
      if (reading.asText) report(row, col, { value: String(value) });
    },
  }),
});
