/**
 * The writer against the real Office.js library (tests/office/realExcel.ts): the request sizes it
 * estimates must hold for what Office.js really sends, since Excel on the web refuses requests
 * above about 5 MB. The fake of write.test.ts records calls, not Office.js's JSON, which is
 * several times larger.
 */
import { analyzeSheet } from '../../src/core/analyze';
import { planFillPercents } from '../../src/core/plans/fill';
import { planFormat } from '../../src/core/plans/format';
import type { SheetAnalysis } from '../../src/core/model';
import type { CellRange, SheetSnapshot } from '../../src/core/snapshot';
import type { WriteOp } from '../../src/core/writeplan';
import { applyWritePlan, DEFAULT_MAX_PAYLOAD_BYTES } from '../../src/office';
import { modelSnapshot, performanceReport } from '../../bench/generate';
import { cyrillicValuesPlan, officeWrite } from '../../bench/office';
import { realContext } from './realExcel';
import type { WriteSheet } from './fakeExcel';

jest.setTimeout(60_000);

const S = 'Тайлан';
/** The longest addresses: their bytes are part of every estimate. */
const BIG: CellRange = { top: 1_000_000, left: 16_000, bottom: 1_000_001, right: 16_001 };
const ROW: CellRange = { ...BIG, bottom: BIG.top };
const CELL: CellRange = { ...ROW, right: ROW.left };
const LONG = -1.2345678901234567e-300;
const rule = { min: LONG, max: LONG, color: '#1F4E79' };
const series = { name: 'Гүйцэтгэл', values: BIG };

interface Case {
  op: WriteOp;
  /** Copies share no objects, so every request but the last should come within 10 % of the limit. */
  full: boolean;
  existing?: WriteSheet[];
  /** Copies of op in the plan: enough to fill a few requests. */
  copies?: number;
}

/** Each kind at its largest: the longest addresses, numbers and names. */
const KINDS: Case[] = [
  { op: { op: 'setRowHeight', sheet: S, row: 1_048_576, height: 30.75 }, full: true },
  { op: { op: 'setColumnWidth', sheet: S, col: 16_384, width: 30.123456789 }, full: true },
  { op: { op: 'setAlignment', sheet: S, range: BIG, horizontal: 'center' }, full: true },
  { op: { op: 'setAlignment', sheet: S, range: BIG, horizontal: 'center', vertical: 'middle' }, full: true },
  {
    op: { op: 'setAlignment', sheet: S, range: BIG, horizontal: 'center', vertical: 'middle', wrap: true },
    full: true,
  },
  { op: { op: 'setBorders', sheet: S, range: CELL, style: 'medium' }, full: true },
  { op: { op: 'setBorders', sheet: S, range: ROW, style: 'medium' }, full: true },
  { op: { op: 'setBorders', sheet: S, range: BIG, style: 'medium' }, full: true },
  { op: { op: 'merge', sheet: S, range: BIG }, full: true },
  { op: { op: 'setFont', sheet: S, range: BIG, color: 'FF1F4E79' }, full: true },
  { op: { op: 'setFont', sheet: S, range: BIG, bold: true, italic: false }, full: true },
  {
    op: { op: 'setFont', sheet: S, range: BIG, bold: true, italic: false, size: 11.25, color: 'FF1F4E79' },
    full: true,
  },
  { op: { op: 'setFill', sheet: S, range: BIG, color: 'FF1F4E79' }, full: true },
  { op: { op: 'select', sheet: S, range: BIG }, full: true },
  { op: { op: 'dataBar', sheet: S, range: BIG, color: 'FF1F4E79' }, full: true },
  { op: { op: 'bucketColors', sheet: S, range: BIG, rules: [rule] }, full: true },
  { op: { op: 'bucketColors', sheet: S, range: BIG, rules: [rule, rule, rule, rule] }, full: true },
  { op: { op: 'setNumberFormat', sheet: S, range: CELL, format: '' }, full: true },
  { op: { op: 'setNumberFormat', sheet: S, range: BIG, format: '# ##0,0 "₮"' }, full: true },
  { op: { op: 'freeze', sheet: S, rows: 1_000_000, cols: 16_000 }, full: false },
  {
    op: {
      op: 'printSetup',
      sheet: S,
      orientation: 'landscape',
      paper: 'A4',
      fitToWidth: true,
      repeatRows: { from: 1_000_000, to: 1_000_001 },
    },
    full: false,
  },
  { op: { op: 'addSheet', sheet: 'Нэгтгэл' }, full: false },
  {
    op: { op: 'addSheet', sheet: S, clear: true },
    full: false,
    existing: [{ name: S, charts: ['Биелэлт', 'Өр'], tables: ['Хүснэгт1'] }],
  },
  {
    op: { op: 'addTable', sheet: S, name: 'Хүснэгт1', range: BIG },
    full: false,
    existing: [{ name: S }, { name: 'Нэгтгэл', tables: ['Хүснэгт1'] }],
  },
  {
    op: {
      op: 'addChart',
      sheet: S,
      name: 'Биелэлт',
      kind: 'bar',
      title: 'Биелэлт, нэгжээр',
      categories: BIG,
      series: [series, series, series],
      anchor: BIG,
    },
    full: false,
    existing: [{ name: S, charts: ['Биелэлт'] }],
  },
];

/** Rows of text to escape (quotes, backslashes, new lines), Cyrillic, short rows, nulls, numbers and booleans. */
const MIXED: WriteOp = {
  op: 'setValues',
  sheet: S,
  row: BIG.top,
  col: BIG.left,
  values: [['Сургалт "Төсөв"\\\n\t', null, 0.123456789012345, true], ['=SUM(A1)', '', -1e-300], [null]],
};
const FORMULAS: WriteOp = {
  op: 'setFormulas',
  sheet: S,
  row: BIG.top,
  col: BIG.left,
  formulas: [['=AVERAGE(WQJ1000000:WQK1000001)', '="Хувь: "&TEXT(B2,"0%")'], ['=1']],
};

/** Rows longer than Office.js's blocks of 1,500 cells, which it cuts anyway. */
const WIDE: WriteOp = {
  op: 'setValues',
  sheet: S,
  row: BIG.top,
  col: 1,
  values: [Array.from({ length: 1600 }, (_, i) => `Ð${i}`)],
};

const LIMIT = 256 * 1024;

describe('the writer on the real Office.js library', () => {
  it.each(
    [
      ...KINDS,
      { op: MIXED, full: true },
      { op: FORMULAS, full: true },
      { op: WIDE, full: true, copies: 100 },
    ].map((k) => [k.op.op, k] as const),
  )('%s (case %#): requests stay under the limit', async (_, { op, full, existing, copies = 1000 }: Case) => {
    // 7-digit object ids, as in a context that has made a million objects.
    const real = realContext(existing ?? [{ name: S }], 1_000_000);
    await applyWritePlan(real.context, { ops: Array<WriteOp>(copies).fill(op) }, { maxPayloadBytes: LIMIT });
    // Adding sheets, tables or charts first reads what exists.
    const loads = op.op === 'addSheet' || op.op === 'addTable' || op.op === 'addChart';
    const writes = real.requests.slice(loads ? 1 : 0);
    expect(Math.max(...writes)).toBeLessThanOrEqual(LIMIT);
    if (!full) return;
    expect(writes.length).toBeGreaterThan(1);
    expect(Math.min(...writes.slice(0, -1))).toBeGreaterThanOrEqual(0.9 * LIMIT);
  });

  let snap: SheetSnapshot;
  let analysis: SheetAnalysis;
  beforeAll(() => {
    snap = modelSnapshot(performanceReport(20_000));
    analysis = analyzeSheet(snap);
  });
  it.each([
    ['format, 20,000 activities', () => planFormat(snap, analysis)],
    ['fill-percent, 20,000 activities', () => planFillPercents(analysis)],
    ['10 MB of Cyrillic values', cyrillicValuesPlan],
  ])('applies the %s plan in requests of at most 4 MB, with at most 2 + 1 sync per 4 MB', async (_, make) => {
    const { traffic, adapterSyncs } = await officeWrite(make(), snap.name);
    expect(traffic.syncs).toBe(adapterSyncs);
    expect(Math.max(...traffic.requests)).toBeLessThanOrEqual(DEFAULT_MAX_PAYLOAD_BYTES);
    expect(traffic.syncs).toBeLessThanOrEqual(
      2 + Math.floor(traffic.requestBytes / DEFAULT_MAX_PAYLOAD_BYTES),
    );
  });
});
