/**
 * Reading back a file ND Plan wrote: every XML part of the package must be
 * well-formed, and two readers — ND Plan's own fast reader (src/xlsx/values.ts) and ExcelJS
 * (src/xlsx/read.ts) — must find the same sheets and agree on every cell ExcelJS can read.
 */
import { SaxesParser } from 'saxes';
import type { CellValue, SheetSnapshot } from '../../src/core/snapshot';
import { loadWorkbook, workbookSnapshots } from '../../src/xlsx/read';
import { loadSnapshots } from '../../src/xlsx/values';
import { unzip } from '../../src/xlsx/zip';

/** Texts ExcelJS reads otherwise: it decodes `_xHHHH_` escapes and does not know `_x005F_`; control characters, U+FFFE/U+FFFF and lone surrogates it cannot take. */
const EXCELJS_CANNOT = /_x|[\r\u0000-\u001f\ufffe\uffff\ud800-\udfff]/;

/** Cells by address (`row,col`), empty ones left out. */
export function cellsOf(s: SheetSnapshot): Map<string, { value: CellValue; formula: string | null }> {
  const out = new Map<string, { value: CellValue; formula: string | null }>();
  s.values.forEach((row, i) =>
    row.forEach((value, j) => {
      if (value === null || value === '') return;
      out.set(`${s.origin.row + i},${s.origin.col + j}`, { value, formula: s.formulas?.[i]?.[j] ?? null });
    }),
  );
  return out;
}

/** Every part well-formed, both readers agreeing; ND Plan's reading of the sheets. */
export async function readBack(buf: Buffer, file = 'out.xlsx'): Promise<SheetSnapshot[]> {
  const parts = unzip(buf);
  expect(parts.size).toBeGreaterThan(0);
  for (const [name, read] of parts) {
    if (!/\.(xml|rels|vml)$/.test(name)) continue;
    expect(() => new SaxesParser().write(read().toString('utf8')).close()).not.toThrow();
  }
  const ours = await loadSnapshots(buf, file);
  const second = workbookSnapshots(await loadWorkbook(buf, file));
  expect(second.map((s) => s.name)).toEqual(ours.map((s) => s.name));
  ours.forEach((s, k) => {
    const mine = cellsOf(s);
    const theirs = cellsOf(second[k]);
    for (const at of new Set([...mine.keys(), ...theirs.keys()])) {
      const value = mine.get(at)?.value;
      if (typeof value === 'string' && EXCELJS_CANNOT.test(value)) continue;
      expect({ at: `${s.name}!${at}`, value: theirs.get(at)?.value }).toEqual({
        at: `${s.name}!${at}`,
        value,
      });
    }
  });
  return ours;
}
