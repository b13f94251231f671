/**
 * Undo in Excel (src/office/undo.ts) on office-addin-mock: the capture is read in the write's own
 * first request (no sync of its own up to CAPTURE_CELLS cells), queued before the writes; restoring
 * takes two syncs, removes only the conditional formats and sheets the write added, and writes
 * back values, number formats, cell formats, widths, heights and merges.
 */
import { planUndo } from '../../src/core/undo';
import type { WritePlan } from '../../src/core/writeplan';
import { applyWritePlan, CAPTURE_CELLS, queueUndoCapture, restoreUndo } from '../../src/office';
import { cellsContext } from './fakeCells';
import { writeContext } from './fakeExcel';

const S = 'Sheet1';

const small: WritePlan = {
  ops: [
    { op: 'setValues', sheet: S, row: 2, col: 1, values: [['a', 1]] },
    { op: 'setFill', sheet: S, range: { top: 2, left: 1, bottom: 2, right: 2 }, color: 'FF0000' },
  ],
};

describe('undo capture with applyWritePlan', () => {
  test('adds no sync to a write, and reads the cells as they were before it', async () => {
    const plain = writeContext();
    const plainSync = jest.spyOn(plain.context, 'sync');
    await applyWritePlan(plain.context, small);

    const fake = cellsContext({
      [S]: { cells: { 'A2:B2': { fill: { color: '#00B050', pattern: 'Solid' } } } },
    });
    const result = await applyWritePlan(fake.context, small, { undo: true });
    expect(fake.syncs()).toBe(plainSync.mock.calls.length);
    expect(result.syncs).toBe(1);
    expect(result.undo?.ranges).toHaveLength(1);
    // Read in the same request as the write, before it: the fill as it was.
    expect(result.undo?.ranges[0]).toMatchObject({ sheet: S, address: 'A2:B2' });
    expect(result.undo?.ranges[0].cells).toEqual([
      [{ format: { fill: { color: '#00B050', pattern: 'Solid' } } }],
    ]);
    expect(fake.sheets[S].cells?.['A2:B2'].fill?.color).toBe('#FF0000');
  });

  test('a plan that adds sheets: the sheets read it already needs; the new sheet is not captured', async () => {
    const fake = cellsContext({ [S]: {} });
    const plan: WritePlan = {
      ops: [
        { op: 'addSheet', sheet: 'Товчоо' },
        { op: 'setValues', sheet: 'Товчоо', row: 1, col: 1, values: [['x']] },
        ...small.ops,
      ],
    };
    const result = await applyWritePlan(fake.context, plan, { undo: true });
    expect(fake.syncs()).toBe(2);
    expect(result.undo?.deleteSheets).toEqual(['Товчоо']);
    expect(result.undo?.ranges.map((r) => `${r.sheet}!${r.address}`)).toEqual([`${S}!A2:B2`]);
  });

  test(`beyond ${CAPTURE_CELLS} cells, one read per ${CAPTURE_CELLS} cells first`, async () => {
    const rows = (2 * CAPTURE_CELLS) / 10 + 1;
    const plan: WritePlan = {
      ops: [
        { op: 'setFill', sheet: S, range: { top: 1, left: 1, bottom: rows, right: 10 }, color: 'FF0000' },
      ],
    };
    const fake = cellsContext({ [S]: {} });
    const result = await applyWritePlan(fake.context, plan, { undo: true });
    expect(fake.syncs()).toBe(1 + 2);
    expect(result.undo?.ranges.map((r) => r.address)).toEqual(['A1:J400', 'A401:J800', 'A801:J801']);
  });

  test('nothing is captured unless asked for', async () => {
    const fake = writeContext();
    const result = await applyWritePlan(fake.context, small);
    expect(result.undo).toBeUndefined();
    expect(fake.log.some((e) => e.key === 'getCellProperties')).toBe(false);
  });
});

describe('restoreUndo', () => {
  test('captures as it was before the write, restores in two syncs', async () => {
    const fake = cellsContext({
      [S]: {
        cells: { B2: { fill: { color: '#FFFF00', pattern: 'Solid' } } },
        conditionalFormats: ['cf1'],
        merges: ['B2:C2'],
      },
      Товчоо: {},
    });
    const read = jest.fn(async () => undefined);
    const plan = planUndo(
      {
        ops: [
          { op: 'addSheet', sheet: 'Шинэ' },
          { op: 'setFill', sheet: S, range: { top: 2, left: 2, bottom: 2, right: 2 }, color: 'FF0000' },
        ],
      },
      [S, 'Товчоо'],
    );
    const take = await queueUndoCapture(fake.context, plan, read);
    expect(read).not.toHaveBeenCalled();
    // The write, queued after the capture in the same request.
    fake.context.workbook.worksheets.getItem(S).getRange('B2').format.fill.color = '#FF0000';
    fake.sheets['Шинэ'] = {};
    fake.sheets[S].conditionalFormats = ['cf1', 'cf2'];
    await fake.context.sync();
    const record = take();
    expect(record.ranges).toHaveLength(1);
    expect(record.ranges[0]).toMatchObject({
      sheet: S,
      address: 'B2',
      cells: [[{ format: { fill: { color: '#FFFF00', pattern: 'Solid' } } }]],
      merges: ['B2:C2'],
      conditionalFormats: ['cf1'],
    });

    const before = fake.syncs();
    await restoreUndo(fake.context, record);
    expect(fake.syncs() - before).toBe(2);
    expect(fake.at('deleteConditionalFormat').map((e) => e.value)).toEqual(['cf2']);
    expect(fake.log.filter((e) => e.key === 'delete').map((e) => e.target)).toEqual(['Шинэ']);
    expect(Object.keys(fake.sheets)).toEqual([S, 'Товчоо']);
    const keys = fake.log.filter((e) => e.target.startsWith(`${S}!`)).map((e) => e.key);
    expect(keys.slice(keys.indexOf('unmerge'))).toEqual([
      'unmerge',
      'clear',
      'numberFormat',
      'formulas',
      'setCellProperties',
      'setColumnProperties',
      'setRowProperties',
      'merge',
    ]);
    expect(fake.at('setCellProperties')[0].value).toEqual([
      [[{ format: { fill: { color: '#FFFF00', pattern: 'Solid' } } }]],
    ]);
    expect(fake.at('merge')[0].target).toBe(`${S}!B2:C2`);
  });

  test('a cell without fill gets its fill cleared, not painted white', async () => {
    const fake = cellsContext({ [S]: {} });
    const take = await queueUndoCapture(
      fake.context,
      {
        capture: [{ sheet: S, range: { top: 1, left: 1, bottom: 1, right: 1 }, whole: false }],
        deleteSheets: [],
      },
      async () => undefined,
    );
    await fake.context.sync();
    await restoreUndo(fake.context, take());
    expect(fake.at('clear')).toHaveLength(1);
    expect(fake.at('setCellProperties')[0].value).toEqual([[[{ format: {} }]]]);
  });
});
