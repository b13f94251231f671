/**
 * coalesceOps: the merged plan leaves a workbook exactly as the row-by-row plan does. Both are
 * applied with src/xlsx/apply.ts to fresh copies of each shared fixture, and everything a plan
 * can change is compared: every cell's value and style, merged areas, row heights, column
 * widths, conditional formats, print setup and views. Random plans check the rule itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { analyzeSheet } from '../../../src/core/analyze';
import { coalesceOps } from '../../../src/core/plans/coalesce';
import { planFillPercents } from '../../../src/core/plans/fill';
import { formatOps, planFormat } from '../../../src/core/plans/format';
import { range } from '../../../src/core/plans/style';
import type { WriteOp } from '../../../src/core/writeplan';
import { applyWritePlan } from '../../../src/xlsx/apply';
import { loadWorkbook, worksheetSnapshot } from '../../../src/xlsx/read';
import { FIXTURES } from '../../helpers/fixtures';

jest.setTimeout(120_000);

const FILES = [FIXTURES, path.join(FIXTURES, 'departments')].flatMap((dir) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => path.join(dir, f)),
);

/** JSON with sorted keys: a style reads the same whichever of its parts was set first. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Everything a write plan can change in a worksheet, as comparable text. */
function sheetState(ws: ExcelJS.Worksheet): Record<string, string> {
  const cells: string[] = [];
  const rows = ws.rowCount;
  const cols = ws.columnCount;
  for (let r = 1; r <= rows; r++)
    for (let c = 1; c <= cols; c++) {
      const cell = ws.getCell(r, c);
      cells.push(canonical([r, c, cell.value ?? null, cell.type, cell.style ?? {}]));
    }
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice().sort();
  const heights = Array.from({ length: rows }, (_, i) => ws.getRow(i + 1).height ?? null);
  const widths = Array.from({ length: cols }, (_, i) => ws.getColumn(i + 1).width ?? null);
  const conditional = (ws as unknown as { conditionalFormattings?: unknown[] }).conditionalFormattings ?? [];
  return {
    size: JSON.stringify([rows, cols]),
    cells: cells.join('\n'),
    merges: canonical(merges),
    heights: canonical(heights),
    widths: canonical(widths),
    conditional: canonical(conditional),
    pageSetup: canonical(ws.pageSetup),
    views: canonical(ws.views),
  };
}

function bookState(wb: ExcelJS.Workbook): Record<string, Record<string, string>> {
  return Object.fromEntries(wb.worksheets.map((ws) => [ws.name, sheetState(ws)]));
}

/** Applies the plan as written and merged to two fresh copies; returns both states and the merged plan. */
async function applyBoth(bytes: Buffer, name: string, ops: WriteOp[]) {
  const merged = coalesceOps(ops);
  const [a, b] = [await loadWorkbook(bytes, name), await loadWorkbook(bytes, name)];
  applyWritePlan(a, { ops });
  applyWritePlan(b, { ops: merged });
  return { asWritten: bookState(a), merged: bookState(b), ops: merged };
}

describe.each(FILES.map((file) => ({ file, name: path.basename(file) })))('$name', ({ file, name }) => {
  const bytes = fs.readFileSync(file);

  test.each(['format', 'fill percents'])(
    'the merged %s plan changes the workbook exactly as the row-by-row plan',
    async (kind) => {
      const wb = await loadWorkbook(bytes, name);
      for (const ws of wb.worksheets) {
        const snap = worksheetSnapshot(ws);
        const analysis = analyzeSheet(snap);
        const ops = kind === 'format' ? formatOps(snap, analysis) : planFillPercents(analysis).ops;
        if (ops.length === 0) continue;
        const { asWritten, merged, ops: fewer } = await applyBoth(bytes, name, ops);
        expect(fewer.length).toBeLessThanOrEqual(ops.length);
        for (const [sheet, state] of Object.entries(asWritten))
          for (const [part, text] of Object.entries(state))
            expect([sheet, part, merged[sheet][part]]).toEqual([sheet, part, text]);
      }
    },
  );
});

test('planFormat is formatOps merged: rows styled alike become one operation', async () => {
  const file = path.join(FIXTURES, 'report-2024-annual.xlsx');
  const wb = await loadWorkbook(fs.readFileSync(file), path.basename(file));
  const snap = worksheetSnapshot(wb.worksheets[0]);
  const analysis = analyzeSheet(snap);
  const rows = formatOps(snap, analysis);
  const plan = planFormat(snap, analysis);
  expect(plan.ops).toEqual(coalesceOps(rows));
  expect(plan.ops.length).toBeLessThan(rows.length);
  const tall = (kind: WriteOp['op']) =>
    plan.ops.some((op) => op.op === kind && 'range' in op && op.range.bottom - op.range.top >= 3);
  expect([tall('setBorders'), tall('setAlignment')]).toEqual([true, true]);
});

test('merges adjacent rows of the same kind, columns and settings, moving them only past what does not touch them', () => {
  const S = 'Sheet1';
  const row = (r: number, left = 1, right = 3) => range(r, left, r, right);
  const rows = (top: number, bottom: number) => range(top, 1, bottom, 3);
  const ops: WriteOp[] = [
    { op: 'setBorders', sheet: S, range: row(1), style: 'thin' },
    { op: 'setAlignment', sheet: S, range: row(1), horizontal: 'left', wrap: true },
    { op: 'setAlignment', sheet: S, range: row(1, 1, 1), horizontal: 'center' },
    // Back into row 1's: the centred cell of row 1 is not in row 2.
    { op: 'setAlignment', sheet: S, range: row(2), horizontal: 'left', wrap: true },
    { op: 'setBorders', sheet: S, range: row(3), style: 'medium' },
    { op: 'setBorders', sheet: S, range: row(2), style: 'thin' },
    // Not back past the medium borders of row 3: rows 1–2 move forward to it instead.
    { op: 'setBorders', sheet: S, range: row(3), style: 'thin' },
    // Row 3 centred after rows 1–2 were, and row 1 centred after them: neither way is open.
    { op: 'setAlignment', sheet: S, range: row(3), horizontal: 'center' },
    { op: 'setAlignment', sheet: S, range: row(3), horizontal: 'left', wrap: true },
    // A merge may unmerge areas anywhere on the sheet: nothing moves past it.
    { op: 'merge', sheet: S, range: row(5) },
    { op: 'setAlignment', sheet: S, range: row(4), horizontal: 'left', wrap: true },
  ];
  expect(coalesceOps(ops)).toEqual([
    { op: 'setAlignment', sheet: S, range: rows(1, 2), horizontal: 'left', wrap: true },
    { op: 'setAlignment', sheet: S, range: row(1, 1, 1), horizontal: 'center' },
    { op: 'setBorders', sheet: S, range: row(3), style: 'medium' },
    { op: 'setBorders', sheet: S, range: rows(1, 3), style: 'thin' },
    { op: 'setAlignment', sheet: S, range: row(3), horizontal: 'center' },
    { op: 'setAlignment', sheet: S, range: row(3), horizontal: 'left', wrap: true },
    { op: 'merge', sheet: S, range: row(5) },
    { op: 'setAlignment', sheet: S, range: row(4), horizontal: 'left', wrap: true },
  ]);
});

test('an operation restyling part of a group keeps the group where it is', () => {
  const S = 'Sheet1';
  const at = (top: number, bottom: number, right = 3) => range(top, 1, bottom, right);
  const ops: WriteOp[] = [
    { op: 'setFill', sheet: S, range: at(1, 1), color: 'D9E1F2' },
    { op: 'setFill', sheet: S, range: at(1, 1, 1), color: 'E7E6E6' },
    { op: 'setFill', sheet: S, range: at(3, 3), color: 'C6EFCE' },
    // Not back past row 3's fill, nor row 1's forward past A1's: as it is.
    { op: 'setFill', sheet: S, range: at(2, 3), color: 'D9E1F2' },
  ];
  expect(coalesceOps(ops)).toEqual(ops);
});

describe('random plans', () => {
  const S = 'Лист';
  const ROWS = 6;
  const COLS = 4;
  const cols = fc.constantFrom([1, COLS], [1, 1], [COLS, COLS], [1, 2], [2, COLS]);
  /** An operation for any rows: what plans repeat row by row, or write once over a block. */
  type Shape = (top: number, bottom: number) => WriteOp;
  const at = ([left, right]: readonly number[], top: number, bottom: number) =>
    range(top, left, bottom, right);
  const shape: fc.Arbitrary<Shape> = fc.oneof(
    fc.tuple(cols, fc.constantFrom('0.0', '@')).map(([c, format]): Shape => (t, b) => ({
      op: 'setNumberFormat',
      sheet: S,
      range: at(c, t, b),
      format,
    })),
    fc
      .tuple(cols, fc.boolean())
      .map(([c, bold]): Shape => (t, b) => ({ op: 'setFont', sheet: S, range: at(c, t, b), bold })),
    fc.tuple(cols, fc.constantFrom(9, 11)).map(([c, size]): Shape => (t, b) => ({
      op: 'setFont',
      sheet: S,
      range: at(c, t, b),
      italic: true,
      size,
    })),
    fc
      .tuple(cols, fc.constantFrom('D9E1F2', 'E7E6E6'))
      .map(([c, color]): Shape => (t, b) => ({ op: 'setFill', sheet: S, range: at(c, t, b), color })),
    fc
      .tuple(cols, fc.constantFrom('thin' as const, 'medium' as const))
      .map(([c, style]): Shape => (t, b) => ({ op: 'setBorders', sheet: S, range: at(c, t, b), style })),
    fc
      .tuple(cols, fc.constantFrom('left' as const, 'center' as const))
      .map(([c, horizontal]): Shape => (t, b) => ({
        op: 'setAlignment',
        sheet: S,
        range: at(c, t, b),
        horizontal,
      })),
    cols.map((c): Shape => (t, b) => ({
      op: 'setAlignment',
      sheet: S,
      range: at(c, t, b),
      horizontal: 'left',
      vertical: 'top',
      wrap: true,
    })),
    cols.map((c): Shape => (t, b) => ({ op: 'merge', sheet: S, range: at(c, t, b) })),
    cols.map((c): Shape => (t, b) => ({
      op: 'bucketColors',
      sheet: S,
      range: at(c, t, b),
      rules: [{ min: 0, max: null, color: 'C6EFCE' }],
    })),
    cols.map(([left]): Shape => (t) => ({
      op: 'setValues',
      sheet: S,
      row: t,
      col: left,
      values: [['x', 1]],
    })),
    fc.constantFrom(30, 45).map((height): Shape => (t) => ({ op: 'setRowHeight', sheet: S, row: t, height })),
    fc.constant<Shape>(() => ({ op: 'addSheet', sheet: S, clear: true })),
  );
  /**
   * As the plans write: a few shapes, each row taking some of them in the same order, and
   * now and then one over a block of rows in between.
   */
  const plan = fc
    .record({
      shapes: fc.array(shape, { minLength: 1, maxLength: 6 }),
      rows: fc.array(fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), {
        minLength: ROWS,
        maxLength: ROWS,
      }),
      blocks: fc.array(
        fc.record({
          shape,
          at: fc.nat(),
          top: fc.integer({ min: 1, max: ROWS }),
          height: fc.integer({ min: 1, max: 3 }),
        }),
        { maxLength: 6 },
      ),
    })
    .map(({ shapes, rows, blocks }) => {
      const ops = rows.flatMap((take, i) =>
        shapes.filter((_, j) => take[j]).map((make) => make(i + 1, i + 1)),
      );
      for (const b of blocks)
        ops.splice(b.at % (ops.length + 1), 0, b.shape(b.top, Math.min(ROWS, b.top + b.height - 1)));
      return ops;
    });

  test('leave the workbook exactly as the plan as written', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet(S).getCell(ROWS, COLS).value = 'end';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    let merged = 0;
    await fc.assert(
      fc.asyncProperty(plan, async (ops) => {
        const both = await applyBoth(bytes, 'random.xlsx', ops);
        merged += ops.length - both.ops.length;
        expect(both.merged).toEqual(both.asWritten);
      }),
      { numRuns: 400 },
    );
    expect(merged).toBeGreaterThan(400);
  });
});
