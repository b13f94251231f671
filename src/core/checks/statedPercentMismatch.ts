/**
 * STATED_PERCENT_MISMATCH: a sentence stating a plan amount, an actual amount and a
 * percentage that is off by more than 0.5 points: "32.829.9 сая төгрөг төвлөрүүлэхээс
 * 36.125.9 сая төгрөг төвлөрүүлж, төлөвлөгөөг 110.6%-иар биелүүлэв".
 */
import { parseNumberToken } from '../numbers';
import { defineCheck, shown } from './check';

const NUM = String.raw`(\d{1,3}(?:[ \u00A0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)`;
const UNIT = String.raw`(сая|тэрбум|мянган|мянга)?`;
const STATED_RE = new RegExp(
  String.raw`${NUM}\s*${UNIT}\s*төгрөг\S*\s+\S*?(?:хээс|аас|ээс|оос|өөс|иас)\s+${NUM}\s*${UNIT}\s*төгрөг[^%]*?${NUM}\s*(?:%|хувь)`,
  'gi',
);
const TUGRIK = /төгрөг/i;
const PERCENT_WORD = /%|хувь/i;
const SCALE: Record<string, number> = { сая: 1e6, тэрбум: 1e9, мянган: 1e3, мянга: 1e3 };
const scale = (u: string | undefined) => SCALE[(u ?? '').toLowerCase()] ?? 1;

export const statedPercentMismatch = defineCheck<{
  planned: string;
  actual: string;
  computed: string;
  stated: string;
}>()({
  code: 'STATED_PERCENT_MISMATCH',
  severity: 'warning',
  messages: {
    mn: '{cell}: {planned}-аас {actual} нь {computed}% болно, бичсэн нь {stated}%.',
    en: '{cell}: {actual} of {planned} is {computed}%, the text states {stated}%.',
  },
  analyze: (report) => ({
    textCell(row, col, text) {
      // Tested first: most cells speak of neither tögrög nor percent.
      if (!TUGRIK.test(text) || !PERCENT_WORD.test(text)) return;
      STATED_RE.lastIndex = 0;
      for (let m = STATED_RE.exec(text); m; m = STATED_RE.exec(text)) {
        const plan = parseNumberToken(m[1]);
        const actual = parseNumberToken(m[3]);
        const stated = parseNumberToken(m[5]);
        if (!plan || !actual || !stated || plan.value === 0) continue;
        const computed = ((actual.value * scale(m[4])) / (plan.value * scale(m[2]))) * 100;
        if (Math.abs(computed - stated.value) > 0.5)
          report(row, col, { planned: m[1], actual: m[3], computed: shown(computed), stated: m[5] });
      }
    },
  }),
});
