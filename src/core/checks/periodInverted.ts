/** PERIOD_INVERTED: a period whose end is before its start. */
import { defineCheck } from './check';

export const periodInverted = defineCheck<{ start: string; end: string }>()({
  code: 'PERIOD_INVERTED',
  severity: 'error',
  messages: {
    mn: '{cell}: дуусах огноо {end} нь эхлэх {start}-ээс өмнө байна.',
    en: '{cell}: end {end} is before start {start}.',
  },
  analyze: (report) => ({
    activity({ period: p }) {
      if (p?.reading.kind !== 'range') return;
      const { start, end } = p.reading;
      if (start && end && end < start) report(p.row, p.col, { start, end });
    },
  }),
});
