/**
 * Worksheet events for live checking, on office-addin-mock: registered in one sync, removed in
 * one sync, guarded by requirement set, and edits made by this add-in are not reported.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { ACTIVATED_EXCEL_API, CHANGED_EXCEL_API, unwatchWorksheets, watchWorksheets } from '../../src/office';

type Handler = (args: Record<string, unknown>) => Promise<void>;

function eventContext() {
  const handlers: Record<'activated' | 'changed', Handler[]> = { activated: [], changed: [] };
  const removed: string[] = [];
  const source = (kind: 'activated' | 'changed') => ({
    add(handler: Handler) {
      handlers[kind].push(handler);
      return { remove: () => removed.push(kind), context: mock };
    },
  });
  const mock = new OfficeMockObject({
    workbook: { worksheets: { onActivated: source('activated'), onChanged: source('changed') } },
  });
  const context = mock as unknown as Excel.RequestContext;
  const sync = jest.spyOn(context, 'sync');
  return { context, sync, handlers, removed };
}

function supporting(versions: string[]) {
  Object.assign(globalThis, {
    Office: {
      context: { requirements: { isSetSupported: (_set: string, v: string) => versions.includes(v) } },
    },
  });
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe('watchWorksheets', () => {
  test('activation and user edits reach the listener; this add-in’s own edits do not; one sync each way', async () => {
    supporting([ACTIVATED_EXCEL_API, CHANGED_EXCEL_API]);
    const { context, sync, handlers, removed } = eventContext();
    const events: string[] = [];
    const registered = await watchWorksheets(context, (e) => events.push(e));
    expect(sync).toHaveBeenCalledTimes(1);
    expect(registered).toHaveLength(2);

    await handlers.activated[0]({ worksheetId: '{1}' });
    await handlers.changed[0]({ worksheetId: '{1}', address: 'H10', triggerSource: 'Unknown' });
    await handlers.changed[0]({ worksheetId: '{1}', address: 'H10', triggerSource: 'ThisLocalAddin' });
    // Before ExcelApi 1.14 there is no triggerSource: an edit is the user's.
    await handlers.changed[0]({ worksheetId: '{1}', address: 'H11' });
    expect(events).toEqual(['activated', 'changed', 'changed']);

    await unwatchWorksheets(context, registered);
    expect(removed).toEqual(['activated', 'changed']);
    expect(sync).toHaveBeenCalledTimes(2);
  });

  test('guarded by requirement set: below ExcelApi 1.9 only activation; below 1.7 nothing and no sync', async () => {
    supporting([ACTIVATED_EXCEL_API]);
    const a = eventContext();
    const onlyActivation = await watchWorksheets(a.context, () => undefined);
    expect(onlyActivation).toHaveLength(1);
    expect(a.handlers.changed).toHaveLength(0);
    expect(a.sync).toHaveBeenCalledTimes(1);

    supporting([]);
    const b = eventContext();
    const none = await watchWorksheets(b.context, () => undefined);
    expect(none).toHaveLength(0);
    await unwatchWorksheets(b.context, none);
    expect(b.sync).not.toHaveBeenCalled();
  });

  test('an edit says which cells changed, and whether rows or columns moved', async () => {
    supporting([ACTIVATED_EXCEL_API, CHANGED_EXCEL_API]);
    const { context, handlers } = eventContext();
    const events: unknown[] = [];
    await watchWorksheets(context, (e, change) => events.push([e, change]));
    await handlers.changed[0]({
      worksheetId: '{1}',
      address: 'H10:H12',
      changeType: 'RangeEdited',
      triggerSource: 'Unknown',
    });
    await handlers.changed[0]({ worksheetId: '{1}', address: '5:5', changeType: 'RowInserted' });
    await handlers.changed[0]({ worksheetId: '{2}', address: 'C:C', changeType: 'ColumnDeleted' });
    await handlers.changed[0]({ worksheetId: '{2}', address: '', changeType: 'RangeEdited' });
    await handlers.activated[0]({ worksheetId: '{2}' });
    expect(events).toEqual([
      ['changed', { sheet: '{1}', address: 'H10:H12', structural: false }],
      ['changed', { sheet: '{1}', address: '5:5', structural: true }],
      ['changed', { sheet: '{2}', address: 'C:C', structural: true }],
      ['changed', { sheet: '{2}', address: null, structural: false }],
      ['activated', undefined],
    ]);
  });
});
