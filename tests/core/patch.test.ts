/**
 * Live checking patches the cells read again into the snapshot it had: over the sample
 * workbooks and random edits (values typed, cleared, pasted in blocks, inside and outside the
 * used range), the patched snapshot is what a full read of the edited sheet gives, and so is its
 * analysis. And which edits may be patched at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeSheet } from '../../src/core/analyze';
import { PATCH_MAX_CELLS, patchSnapshot, rereadOf } from '../../src/core/patch';
import { rangeAddress, type CellRange, type CellValue } from '../../src/core/snapshot';
import { workbookHostFromBytes } from '../../src/host/workbookHost';

const SAMPLES = path.resolve(__dirname, '../../samples');

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const comparable = (s: ReturnType<typeof analyzeSheet>) => ({
  template: s.template,
  activities: s.activities,
  issues: s.issues,
  summary: s.summary,
});

describe.each(['report-2024-annual.xlsx', 'fulfilment-2024-h1.xlsx', 'receivables-2024.xlsx'])(
  'patching %s',
  (file) => {
    test.each([1, 2, 3, 4, 5, 6])('seed %i: patched = read again in full', async (seed) => {
      const bytes = fs.readFileSync(path.join(SAMPLES, file));
      const host = await workbookHostFromBytes(bytes, { storage: new Map() });
      const sheet = await host.activeSheet();
      const before = await host.readSheet();
      const rnd = random(seed * 7919);
      const pick = (n: number) => Math.floor(rnd() * n);
      const rows = before.origin.row + before.values.length + 3;
      const cols = before.origin.col + (before.values[0]?.length ?? 0) + 2;
      const ranges: CellRange[] = [];
      for (let e = 0; e < 1 + pick(6); e++) {
        const top = 1 + pick(rows);
        const left = 1 + pick(cols);
        const r: CellRange = { top, left, bottom: top + pick(3), right: left + pick(2) };
        const value = (): CellValue => [null, 100, 0.5, 'тест', 42.5, null][pick(6)];
        const ws = host.workbook.getWorksheet(sheet)!;
        for (let i = r.top; i <= r.bottom; i++)
          for (let j = r.left; j <= r.right; j++) ws.getCell(i, j).value = value();
        ranges.push(r);
      }
      // Clearing a whole edge row too: the used range shrinks.
      const last = before.origin.row + before.values.length - 1;
      const width = before.values[0]?.length ?? 1;
      if (seed % 2 === 0) {
        const ws = host.workbook.getWorksheet(sheet)!;
        for (let j = 0; j < width; j++) ws.getCell(last, before.origin.col + j).value = null;
        ranges.push({
          top: last,
          left: before.origin.col,
          bottom: last,
          right: before.origin.col + width - 1,
        });
      }
      const full = await host.readSheet();
      const plan = rereadOf(
        ranges.map((r) => ({ sheet, address: rangeAddress(r), structural: false })),
        before.merges,
      );
      if (plan.kind !== 'cells') throw new Error(`seed ${seed}: ${plan.kind}`);
      const read = await host.readCells!(sheet, plan.ranges);
      const patched = patchSnapshot(before, read.cells);
      expect(patched.origin).toEqual(full.origin);
      expect(patched.values).toEqual(full.values);
      expect(patched.valueTypes).toEqual(full.valueTypes);
      expect(comparable(analyzeSheet(patched))).toEqual(comparable(analyzeSheet(full)));
    });
  },
);

describe('rereadOf', () => {
  const edit = (address: string | null, sheet = 'S', structural = false) => ({ sheet, address, structural });

  test('plain edits of known cells on one sheet: only those ranges', () => {
    expect(rereadOf([edit('B3'), edit('C4:D5')])).toEqual({
      kind: 'cells',
      sheet: 'S',
      ranges: [
        { top: 3, left: 2, bottom: 3, right: 2 },
        { top: 4, left: 3, bottom: 5, right: 4 },
      ],
    });
    expect(rereadOf([edit('Тайлан!B3')])).toMatchObject({ kind: 'cells', ranges: [{ top: 3, left: 2 }] });
  });

  test('anything else reads the whole sheet', () => {
    expect(rereadOf(null)).toEqual({ kind: 'full' });
    expect(rereadOf([])).toEqual({ kind: 'full' });
    expect(rereadOf([edit('B3'), edit('5:5', 'S', true)])).toEqual({ kind: 'full' });
    expect(rereadOf([edit('C:C')])).toEqual({ kind: 'full' });
    expect(rereadOf([edit(null)])).toEqual({ kind: 'full' });
    expect(rereadOf([edit('B3'), edit('B3', 'T')])).toEqual({ kind: 'full' });
    const side = Math.ceil(Math.sqrt(PATCH_MAX_CELLS)) + 1;
    expect(rereadOf([edit(`A1:${'A'}${side * side}`)])).toEqual({ kind: 'full' });
    expect(rereadOf([edit(`A1:A${PATCH_MAX_CELLS}`)])).toMatchObject({ kind: 'cells' });
  });

  test('an edit touching a merged area reads the whole area (its value lives in the top-left cell)', () => {
    const merges = [
      { top: 5, left: 1, bottom: 5, right: 8 },
      { top: 4, left: 2, bottom: 5, right: 2 },
      { top: 5, left: 9, bottom: 7, right: 9 },
    ];
    // C5 is in A5:H5, which touches B4:B5; I5:I7 only borders it.
    expect(rereadOf([edit('C5')], merges)).toMatchObject({
      ranges: [{ top: 4, left: 1, bottom: 5, right: 8 }],
    });
    expect(rereadOf([edit('C6')], merges)).toMatchObject({
      ranges: [{ top: 6, left: 3, bottom: 6, right: 3 }],
    });
  });
});
