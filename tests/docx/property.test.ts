/**
 * The Word reader over generated tables: any grid of texts and numbers with merged areas,
 * written as WordprocessingML (gridSpan, vMerge) by bench/word.ts, reads back as the same
 * cells and merged areas a sheet of that grid has (bench/generate.ts's snapshot of it).
 */
import fc from 'fast-check';
import type { CellRange } from '../../src/core/snapshot';
import { readDocx } from '../../src/docx/read';
import { modelSnapshot, type GenCell, type SheetModel } from '../../bench/generate';
import { writeDocx } from '../../bench/word';

const letters = fc
  .string({
    unit: fc.constantFrom(...'АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯабвгдеөүж'.split(''), ' ', ',', '-'),
    minLength: 1,
    maxLength: 12,
  })
  .filter((s) => s.trim() === s);
const text = fc.oneof(
  letters,
  fc.tuple(letters, letters).map(([a, b]) => `${a}\n${b}`),
);
const number = fc.oneof(
  fc.integer({ min: -999, max: 99999 }),
  fc.integer({ min: 0, max: 99999 }).map((n) => n / 10),
);
const cell: fc.Arbitrary<GenCell> = fc.oneof(text, number);

/** A grid whose column A always holds a value and whose merged areas stay right of it and never overlap. */
const grid = fc
  .record({ rows: fc.integer({ min: 2, max: 12 }), cols: fc.integer({ min: 2, max: 6 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      cells: fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
      areas: fc.array(
        fc.record({
          top: fc.integer({ min: 1, max: rows }),
          left: fc.integer({ min: 2, max: cols }),
          height: fc.integer({ min: 1, max: 4 }),
          width: fc.integer({ min: 1, max: 3 }),
        }),
        { maxLength: 5 },
      ),
    }),
  )
  .map(({ cells, areas }): SheetModel => {
    const rows = cells.length;
    const cols = cells[0].length;
    const merges: CellRange[] = [];
    const taken = (r: number, c: number) =>
      merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
    for (const a of areas) {
      const m = {
        top: a.top,
        left: a.left,
        bottom: Math.min(rows, a.top + a.height - 1),
        right: Math.min(cols, a.left + a.width - 1),
      };
      if (m.bottom === m.top && m.right === m.left) continue;
      let free = true;
      for (let r = m.top; r <= m.bottom; r++)
        for (let c = m.left; c <= m.right; c++) if (taken(r, c)) free = false;
      if (free) merges.push(m);
    }
    const out = cells.map((row, i) =>
      row.map((v, j) =>
        merges.some(
          (m) =>
            i + 1 >= m.top &&
            i + 1 <= m.bottom &&
            j + 1 >= m.left &&
            j + 1 <= m.right &&
            (i + 1 !== m.top || j + 1 !== m.left),
        )
          ? null
          : v,
      ),
    );
    return { name: 'Хүснэгт', rows: out, merges, activities: 0 };
  });

const key = (m: CellRange) => `${m.top},${m.left},${m.bottom},${m.right}`;

test('a generated table reads back as the sheet of the same grid', async () => {
  await fc.assert(
    fc.asyncProperty(grid, async (model) => {
      const read = await readDocx(await writeDocx(model), 'Хүснэгт.docx');
      const sheet = modelSnapshot(model);
      expect(read.origin).toEqual(sheet.origin);
      expect(read.values).toEqual(sheet.values);
      expect(read.merges.map(key).sort()).toEqual(sheet.merges.map(key).sort());
    }),
    { numRuns: 60 },
  );
});
