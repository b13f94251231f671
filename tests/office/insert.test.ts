/**
 * Opening a sample or a file inside Excel: its sheets are inserted into this workbook
 * (ExcelApi 1.13) and the first is activated, in two syncs; an older Excel is not touched.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { ExcelApiMissingError } from '../../src/host/host';
import { INSERT_WORKSHEETS_EXCEL_API, insertWorkbooks } from '../../src/office';

function context(idsPerFile: string[][]) {
  const inserted: string[] = [];
  const activated: string[] = [];
  let call = 0;
  const mock = new OfficeMockObject({
    workbook: {
      insertWorksheetsFromBase64(base64: string, options: { positionType: string }) {
        inserted.push(`${base64}@${options.positionType}`);
        return { value: idsPerFile[call++] ?? [] };
      },
      worksheets: {
        getItem: (id: string) => ({ activate: () => activated.push(id) }),
      },
    },
  });
  return {
    context: mock as unknown as Excel.RequestContext,
    inserted,
    activated,
    sync: jest.spyOn(mock, 'sync'),
  };
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe('insertWorkbooks', () => {
  it('inserts every file at the end and activates the first new sheet, in two syncs', async () => {
    const c = context([['{A}', '{B}'], ['{C}']]);
    expect(await insertWorkbooks(c.context, ['UEsx', 'UEsy'])).toBe(3);
    expect(c.inserted).toEqual(['UEsx@End', 'UEsy@End']);
    expect(c.activated).toEqual(['{A}']);
    expect(c.sync).toHaveBeenCalledTimes(2);
  });

  it('a file with no sheets activates nothing, in one sync', async () => {
    const c = context([[]]);
    expect(await insertWorkbooks(c.context, ['UEsx'])).toBe(0);
    expect(c.activated).toEqual([]);
    expect(c.sync).toHaveBeenCalledTimes(1);
  });

  it('on an Excel without ExcelApi 1.13 says which version is missing and queues nothing', async () => {
    (globalThis as { Office?: unknown }).Office = {
      context: {
        requirements: {
          isSetSupported: (_set: string, version: string) => Number(version.split('.')[1]) <= 12,
        },
      },
    };
    const c = context([['{A}']]);
    const error = await insertWorkbooks(c.context, ['UEsx']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExcelApiMissingError);
    expect((error as ExcelApiMissingError).version).toBe(INSERT_WORKSHEETS_EXCEL_API);
    expect(c.inserted).toEqual([]);
    expect(c.sync).not.toHaveBeenCalled();
  });
});
