/**
 * NUMBERING_DUPLICATE: the same activity number twice under one goal (and section), reported
 * at the repeat. Numbering may restart under each goal; a number merged over several measure
 * rows is one number.
 */
import type { Activity } from '../model';
import { defineCheck } from './check';

export const numberingDuplicate = defineCheck<{ no: string; first: number }>()({
  code: 'NUMBERING_DUPLICATE',
  severity: 'error',
  messages: {
    mn: '{cell}: {no} дугаар энэ зорилтод давхардсан (эхнийх нь {first}-р мөрөнд).',
    en: '{cell}: number {no} repeats under this goal (first at row {first}).',
  },
  analyze: (report) => {
    // Numbers seen per goal and section; the scope (long goal texts) is looked up once per run of activities.
    let seenNo = new Map<string, Map<string, number>>();
    let scope: { of: Activity; seen: Map<string, number> } | null = null;
    return {
      table() {
        seenNo = new Map();
        scope = null;
      },
      activity({ activity: a }, t) {
        if (!a.no || t.table.sharedNo.has(a)) return;
        if (!scope || scope.of.goal !== a.goal || scope.of.section !== a.section) {
          const key = `${a.goal ?? ''}\u0000${a.section ?? ''}`;
          let seen = seenNo.get(key);
          if (!seen) seenNo.set(key, (seen = new Map()));
          scope = { of: a, seen };
        }
        const first = scope.seen.get(a.no);
        if (first !== undefined) report(a.row, t.col('no'), { no: a.no, first });
        else scope.seen.set(a.no, a.row);
      },
    };
  },
});
