import type { SheetSnapshot } from '../../src/core/snapshot';
import { parseRange } from '../../src/core/snapshot';
import { splitAreas } from '../../src/office/address';
import { ExcelApiMissingError } from '../../src/host/host';
import {
  INSERT_WORKSHEETS_EXCEL_API,
  listSheets,
  readCells,
  readFileSheets,
  readSnapshot,
  selectCell,
} from '../../src/office';
import { rangePath, readContext, writeContext, type UsedRange } from './fakeExcel';

/** Cells B2:E5 of a report as Office.js returns them. */
const REPORT: UsedRange = {
  address: 'Тайлан!B2:E5',
  values: [
    ['ГҮЙЦЭТГЭЛИЙН ТАЙЛАН', '', '', ''],
    ['Д/д', 'Арга хэмжээ', 'Хувь', 'Дүн'],
    ['1.1', 'Сургалт', 0.8, '#VALUE!'],
    ['=x бичвэр', true, '', 12],
  ],
  numberFormat: [
    ['General', 'General', 'General', 'General'],
    ['General', 'General', 'General', 'General'],
    ['@', 'General', '0%', 'General'],
    ['@', 'General', 'General', '#,##0'],
  ],
  valueTypes: [
    ['String', 'Empty', 'Empty', 'Empty'],
    ['String', 'String', 'String', 'String'],
    ['String', 'String', 'Double', 'Error'],
    ['String', 'Boolean', 'Empty', 'Double'],
  ],
};

/** What the ExcelJS reader makes of the same cells (see src/core/snapshot.ts), formulas aside: Office.js reads none. */
const EXPECTED: SheetSnapshot = {
  name: 'Тайлан',
  origin: { row: 2, col: 2 },
  values: [
    ['ГҮЙЦЭТГЭЛИЙН ТАЙЛАН', null, null, null],
    ['Д/д', 'Арга хэмжээ', 'Хувь', 'Дүн'],
    ['1.1', 'Сургалт', 0.8, '#VALUE!'],
    ['=x бичвэр', true, null, 12],
  ],
  numberFormats: REPORT.numberFormat as string[][],
  valueTypes: REPORT.valueTypes as SheetSnapshot['valueTypes'],
  merges: [
    { top: 2, left: 2, bottom: 2, right: 5 },
    { top: 5, left: 3, bottom: 5, right: 4 },
  ],
};

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe('readSnapshot', () => {
  it('reads values, number formats, value types and merges in two syncs, and no formulas', async () => {
    const { context } = readContext([{ name: 'Тайлан', used: REPORT, merges: 'Тайлан!C5:D5,Тайлан!B2:E2' }]);
    const used = context.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject();
    const load = jest.spyOn(used, 'load');
    const sync = jest.spyOn(context, 'sync');
    const snapshot = await readSnapshot(context);
    expect(snapshot).toEqual(EXPECTED);
    expect(snapshot).not.toHaveProperty('formulas');
    expect(load).toHaveBeenCalledWith(['address', 'values', 'numberFormat', 'valueTypes']);
    expect(sync).toHaveBeenCalledTimes(2);
  });

  it('reads a named sheet and strips quoted sheet names from merged areas', async () => {
    const name = "План, 2025 ('a')";
    const { context } = readContext([
      { name: 'Other', used: { ...REPORT, address: 'Other!A1:D4' } },
      {
        name,
        used: { ...REPORT, address: `'План, 2025 (''a'')'!B2:E5` },
        merges: `'План, 2025 (''a'')'!B2:E2, 'План, 2025 (''a'')'!C5:D5`,
      },
    ]);
    const snapshot = await readSnapshot(context, name);
    expect(snapshot.name).toBe(name);
    expect(snapshot.origin).toEqual({ row: 2, col: 2 });
    expect(snapshot.merges).toEqual(EXPECTED.merges);
  });

  it('reads a sheet with no used range in one sync', async () => {
    const { context, getRangeCalls } = readContext([{ name: 'Хоосон' }]);
    const sync = jest.spyOn(context, 'sync');
    await expect(readSnapshot(context)).resolves.toEqual({
      name: 'Хоосон',
      origin: { row: 1, col: 1 },
      values: [],
      numberFormats: [],
      valueTypes: [],
      merges: [],
    });
    expect(sync).toHaveBeenCalledTimes(1);
    expect(getRangeCalls).toEqual([]);
  });

  it("asks for the used range of values only: formatting to the sheet's end is not read", async () => {
    const { context, usedRangeCalls } = readContext([{ name: 'Хоосон' }]);
    await readSnapshot(context);
    expect(usedRangeCalls).toEqual([true]);
  });

  it('reads a 20,000-row used range in at most 2 syncs, asking merges in bands of at most 512 cells', async () => {
    const rows = 20000;
    const cols = 12;
    const grid = <T>(f: (r: number, c: number) => T) =>
      Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => f(r, c)));
    const used: UsedRange = {
      address: 'Нэгтгэл!C3:N20002',
      values: grid((r, c) => (c === 0 ? `${r + 1}` : r * c)),
      numberFormat: grid(() => 'General'),
      valueTypes: grid((_, c) => (c === 0 ? 'String' : 'Double')),
    };
    const { context, getRangeCalls } = readContext([{ name: 'Нэгтгэл', used, merges: 'Нэгтгэл!C3:N3' }]);
    const sync = jest.spyOn(context, 'sync');
    const snapshot = await readSnapshot(context);
    expect(sync.mock.calls.length).toBeLessThanOrEqual(2);
    expect(snapshot.values).toHaveLength(rows);
    expect(snapshot.values[rows - 1][cols - 1]).toBe((rows - 1) * (cols - 1));
    expect(snapshot.merges).toEqual([{ top: 3, left: 3, bottom: 3, right: 14 }]);

    const bands = getRangeCalls.map(parseRange);
    let next = 3;
    for (const band of bands) {
      expect(band).toMatchObject({ top: next, left: 3, right: 14 });
      expect((band.bottom - band.top + 1) * cols).toBeLessThanOrEqual(512);
      next = band.bottom + 1;
    }
    expect(next).toBe(20003);
  });

  it('reads no merges, in one sync, where ExcelApi 1.13 is missing', async () => {
    (globalThis as { Office?: unknown }).Office = {
      context: {
        requirements: {
          isSetSupported: (_set: string, version: string) => Number(version.split('.')[1]) <= 12,
        },
      },
    };
    const { context, getRangeCalls } = readContext([
      { name: 'Тайлан', used: REPORT, merges: 'Тайлан!B2:E2' },
    ]);
    const sync = jest.spyOn(context, 'sync');
    const snapshot = await readSnapshot(context);
    expect(snapshot.merges).toEqual([]);
    expect(snapshot.values).toEqual(EXPECTED.values);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(getRangeCalls).toEqual([]);
  });

  it('falls back to row slices when Excel on the web refuses the response as too large', async () => {
    const { context } = readContext([{ name: 'Тайлан', used: REPORT, merges: 'Тайлан!C5:D5,Тайлан!B2:E2' }]);
    const tooLarge = Object.assign(new Error('too large'), { code: 'ResponsePayloadSizeLimitExceeded' });
    const sync = jest.spyOn(context, 'sync').mockRejectedValueOnce(tooLarge);
    await expect(readSnapshot(context)).resolves.toEqual(EXPECTED);
    // failed read, address, two slices of two rows, merges
    expect(sync).toHaveBeenCalledTimes(5);
  });

  it('passes other errors on', async () => {
    const { context } = readContext([{ name: 'Тайлан', used: REPORT }]);
    jest
      .spyOn(context, 'sync')
      .mockRejectedValueOnce(Object.assign(new Error('gone'), { code: 'ItemNotFound' }));
    await expect(readSnapshot(context)).rejects.toThrow('gone');
  });
});

describe('listSheets and selectCell', () => {
  it('lists sheet names in one sync', async () => {
    const { context } = readContext([{ name: 'Төлөвлөгөө' }, { name: 'Тайлан' }]);
    const sync = jest.spyOn(context, 'sync');
    await expect(listSheets(context)).resolves.toEqual(['Төлөвлөгөө', 'Тайлан']);
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it('activates the sheet and selects the cell in one sync', async () => {
    const fake = writeContext();
    const sync = jest.spyOn(fake.context, 'sync');
    await selectCell(fake.context, 'Тайлан', 7, 28);
    expect(fake.at('Тайлан', 'activate')).toHaveLength(1);
    expect(fake.at(rangePath('Тайлан', 'AB7'), 'select')).toHaveLength(1);
    expect(sync).toHaveBeenCalledTimes(1);
  });
});

describe('splitAreas', () => {
  it('splits multi-area addresses and drops sheet names', () => {
    expect(splitAreas('Sheet1!A1:B2')).toEqual(['A1:B2']);
    expect(splitAreas("'a, b!'!A1:C1,'a, b!'!$D$4")).toEqual(['A1:C1', '$D$4']);
    expect(splitAreas('')).toEqual([]);
  });
});

describe('readCells', () => {
  it('reads only the changed ranges of one sheet (by name or worksheet id), in one sync (live checking after an edit)', async () => {
    const { context, getRangeCalls, usedRangeCalls } = readContext([{ name: 'Тайлан', used: REPORT }]);
    const sync = jest.spyOn(context, 'sync');
    const got = await readCells(context, 'Тайлан', [{ top: 4, left: 2, bottom: 4, right: 5 }]);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(getRangeCalls).toEqual(['B4:E4']);
    // The used range is not read at all.
    expect(usedRangeCalls).toEqual([]);
    expect(got).toEqual({
      sheet: 'Тайлан',
      cells: [
        {
          name: 'Тайлан',
          origin: { row: 4, col: 2 },
          values: [['1.1', 'Сургалт', 0.8, '#VALUE!']],
          numberFormats: [['@', 'General', '0%', 'General']],
          valueTypes: [['String', 'String', 'Double', 'Error']],
          merges: [],
        },
      ],
    });
  });
});

describe('readFileSheets', () => {
  it('on an Excel without ExcelApi 1.13 says which version is missing and leaves the workbook untouched', async () => {
    (globalThis as { Office?: unknown }).Office = {
      context: {
        requirements: {
          isSetSupported: (_set: string, version: string) => Number(version.split('.')[1]) <= 12,
        },
      },
    };
    const { context } = readContext([{ name: 'Тайлан', used: REPORT }]);
    const sync = jest.spyOn(context, 'sync');
    const load = jest.spyOn(context.workbook.worksheets, 'load');
    const error = await readFileSheets(context, 'UEsDBA==').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExcelApiMissingError);
    expect((error as ExcelApiMissingError).version).toBe(INSERT_WORKSHEETS_EXCEL_API);
    expect(INSERT_WORKSHEETS_EXCEL_API).toBe('1.13');
    expect(sync).not.toHaveBeenCalled();
    expect(load).not.toHaveBeenCalled();
  });
});
