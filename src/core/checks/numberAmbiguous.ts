/**
 * NUMBER_AMBIGUOUS: a number that can only be read by guessing (several dots, mixed
 * separators), in the text cells of an activity or an amount cell of a receivables table.
 */
import { ambiguousNumbers, parseNumberToken } from '../numbers';
import { defineCheck } from './check';

export const numberAmbiguous = defineCheck<{ value: string; read: string | number }>()({
  code: 'NUMBER_AMBIGUOUS',
  severity: 'warning',
  messages: {
    mn: '{cell}: «{value}» тоог таамаглахгүйгээр уншиж болохгүй ({read} гэж уншлаа) — тусгаарлагчийг засна уу.',
    en: '{cell}: "{value}" can only be read by guessing (read as {read}) — fix the separators.',
  },
  analyze: (report) => ({
    textCell(row, col, text) {
      for (const tok of ambiguousNumbers(text))
        report(row, col, { value: tok, read: String(parseNumberToken(tok)?.value ?? '') });
    },
    // Receivables tables only: a statistics table reports its amounts stored as text, not its guessed ones.
    amount({ row, col, value, reading }, t) {
      if (t.table.template.debtTable && reading.ambiguous)
        report(row, col, { value: String(value), read: reading.value });
    },
  }),
});
