/**
 * Exact text for the Graph writer (src/targets/graph): rows whose every text is a
 * string of the hostile corpus are pushed into the local Graph server (tests/targets/graph/fakeGraph.ts,
 * which refuses a body that is not UTF-8 JSON and turns text into a formula, a number or a
 * boolean wherever the cell is not formatted as text). Each string must arrive in the cells
 * exactly, formatted as text, never a formula, on every sheet written, and read back the same on
 * a second push.
 */
import { analyzeSheet } from '../../../src/core/analyze';
import { pushOf, type Push } from '../../../src/core/consolidate';
import { HOSTILE } from '../../helpers/hostile';
import { sheetSnapshot } from '../../helpers/workbook';
import { byKey, expected, LINK, rowsOf, startRig, type Rig } from './helpers';
import { PLAN_HEADER } from '../../helpers/headers';

/** A plan whose activity, criterion, levels, goal and section are the corpus's strings. */
function hostilePush(): Push {
  const snap = sheetSnapshot({
    name: 'Төлөвлөгөө',
    rows: [
      ['ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Ж.ДОРЖИЙН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ'],
      [],
      [...PLAN_HEADER, 'Хариуцах нэгж'],
      [' НЭГ. БОДЛОГЫН ЗОРИЛТ\r'],
      ...HOSTILE.flatMap((s, i) => [
        [`Зорилт ${i + 1}. ${s}`],
        [`${i + 1}.1`, s, `${s}·c`, `${s}·b`, `${s}·t`, '2024.01.02', `${s}·r`],
      ]),
    ],
  });
  return pushOf(analyzeSheet(snap), 'plan.xlsx', { unit: 'Хяналтын хэлтэс', person: 'Ж.ДОРЖ' });
}

/** Every cell of every sheet written: no formula, text formatted as text. */
function checkCells(rig: Rig) {
  let texts = 0;
  for (const sheet of rig.item.workbook.sheets)
    for (const [at, cell] of sheet.cells) {
      expect({ at: `${sheet.name}!${at}`, f: cell.f }).toEqual({ at: `${sheet.name}!${at}`, f: undefined });
      if (typeof cell.v === 'string' && cell.v !== '') {
        expect(cell.nf).toBe('@');
        texts++;
      }
    }
  return texts;
}

test('the corpus arrives exactly in the cells, as text, and reads back the same', async () => {
  const rig = await startRig();
  try {
    const push = hostilePush();
    expect(push.rows.map((r) => [r.activity, r.goal])).toEqual(
      HOSTILE.map((s, i) => [s, `Зорилт ${i + 1}. ${s}`]),
    );
    const dest = rig.dest();
    await dest.resolveWorkbook(LINK);
    const first = await dest.push([push]);
    expect(first).toMatchObject({ added: HOSTILE.length, updated: 0 });

    const t = rowsOf(rig.item);
    expect(byKey(t.rows)).toEqual(expected([], [push]).rows);
    const strings = new Set(rig.item.workbook.sheets.flatMap((s) => [...s.cells.values()].map((c) => c.v)));
    for (const s of HOSTILE) for (const v of [s, `${s}·c`, `${s}·b`, `${s}·t`]) expect(strings).toContain(v);
    expect(checkCells(rig)).toBeGreaterThan(HOSTILE.length * 4);

    // Read back through Graph, the same rows are unchanged: nothing was altered on the way in or out.
    const again = await dest.push([hostilePush()]);
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: HOSTILE.length });
    expect(byKey(rowsOf(rig.item).rows)).toEqual(expected([], [push]).rows);
    checkCells(rig);
  } finally {
    await rig.fake.stop();
  }
});
