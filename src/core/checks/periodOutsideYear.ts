/** PERIOD_OUTSIDE_YEAR: a date outside the report's year (not raised when the year is unknown). */
import { defineCheck } from './check';

export const periodOutsideYear = defineCheck<{ date: string; year: number }>()({
  code: 'PERIOD_OUTSIDE_YEAR',
  severity: 'warning',
  messages: {
    mn: '{cell}: {date} огноо тайлант {year} оноос гадуур байна.',
    en: '{cell}: date {date} lies outside the report year {year}.',
  },
  analyze: (report) => ({
    activity({ period: p }, t) {
      const year = t.meta.year;
      if (p?.reading.kind !== 'range' || !year) return;
      for (const d of [p.reading.start, p.reading.end]) {
        if (d && Number(d.slice(0, 4)) !== year) {
          report(p.row, p.col, { date: d, year });
          break;
        }
      }
    },
  }),
});
