/** Invariants every analysis must hold, asserted in the property test and on every fixture. */
import type { SheetAnalysis } from '../../src/core/model';

/**
 * DESIGN.md section 14, "impossible figures are impossible": no printed average, percent or
 * ratio lies outside 0…cap, and a percent cell flagged PERCENT_INVALID (error) enters nothing.
 */
export function assertPlausible(a: SheetAnalysis, cap = 200) {
  const bad = (x: number | null | undefined) => typeof x === 'number' && !(x >= 0 && x <= cap);
  if (bad(a.summary.average) || a.summary.goals.some((g) => bad(g.average)))
    throw new Error(`average outside 0…${cap}: ${a.summary.average}`);
  const wild = a.activities.find((x) => bad(x.percent));
  if (wild) throw new Error(`percent outside 0…${cap}: ${wild.percent} at row ${wild.row}`);
  const ratio = a.debt.find(
    (d) => bad(d.collectionRatio) || bad(d.reductionRatio) || bad(d.receivablesShare),
  );
  if (ratio) throw new Error(`debt ratio outside 0…${cap}: ${JSON.stringify(ratio)}`);
  for (const i of a.issues) {
    if (i.code !== 'PERCENT_INVALID' || i.severity !== 'error') continue;
    const entered = a.activities.find(
      (x) => x.percentSource === 'entered' && i.row !== null && x.row <= i.row && i.row <= x.lastRow,
    );
    if (entered)
      throw new Error(
        `PERCENT_INVALID at row ${i.row} but its activity counts ${entered.percent} as entered`,
      );
  }
}
