/**
 * RESPONSIBILITY_INVALID: a job description's responsibility cell holding anything but the
 * codes Т, Г, Х, Ш or their words, separated by commas, spaces or slashes (case and Latin
 * look-alikes folded first).
 */
import { foldLookalikes } from '../text';
import { defineCheck } from './check';

const RESPONSIBILITY_WORDS = new Set(['Т', 'Г', 'Х', 'Ш', 'ТУСЛАХ', 'ГҮЙЦЭТГЭХ', 'ХЯНАХ', 'ШИЙДВЭРЛЭХ']);

/** Responsibility codes of a job description: Т, Г, Х, Ш or their words, Latin look-alikes folded. */
export function responsibilityCodes(text: string): { codes: string[]; invalid: string[] } {
  const tokens = foldLookalikes(text)
    .toUpperCase()
    .split(/[\s,/;、]+/)
    .filter(Boolean);
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const t of tokens) {
    const w = t.replace(/[.\-–]+$/, '');
    if (RESPONSIBILITY_WORDS.has(w)) codes.push(w.charAt(0));
    else invalid.push(t);
  }
  return { codes, invalid };
}

export const responsibilityInvalid = defineCheck<{ value: string }>()({
  code: 'RESPONSIBILITY_INVALID',
  severity: 'error',
  messages: {
    mn: '{cell}: «{value}» — зөвхөн Т, Г, Х, Ш (Туслах, Гүйцэтгэх, Хянах, Шийдвэрлэх) байна.',
    en: '{cell}: "{value}" — only Т, Г, Х, Ш (assists, performs, controls, decides) are allowed.',
  },
  analyze: (report) => ({
    activity({ activity: a }, t) {
      const col = t.col('responsibility');
      const resp = a.fields.responsibility;
      if (col === null || !resp) return;
      const { invalid, codes } = responsibilityCodes(resp);
      if (invalid.length || codes.length === 0) report(a.row, col, { value: resp });
    },
  }),
});
