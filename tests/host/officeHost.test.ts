/**
 * The Office host wires each call to one Excel.run around the Office.js adapter, and keeps
 * settings per user (localStorage), or in the document when localStorage is unavailable.
 */
import type { WritePlan } from '../../src/core/writeplan';
import { SETTINGS_KEY } from '../../src/host/settings';

const adapter = {
  listSheets: jest.fn(async () => ['A', 'B']),
  readSnapshot: jest.fn(async (_c: unknown, name?: string) => ({
    name: name ?? 'A',
    origin: { row: 1, col: 1 },
    values: [],
    merges: [],
  })),
  selectCell: jest.fn(async () => undefined),
  watchWorksheets: jest.fn(async (c: unknown, _listener: (kind: string) => void) => [
    { context: c, remove: () => undefined },
    { context: c, remove: () => undefined },
  ]),
  unwatchWorksheets: jest.fn(async () => undefined),
  readCells: jest.fn(async (_c: unknown, sheet: string) => ({ sheet: `name of ${sheet}`, cells: [] })),
  insertWorkbooks: jest.fn(async (_c: unknown, files: string[]) => files.length),
  INSERT_WORKSHEETS_EXCEL_API: '1.13',
  supportsExcelApi: jest.fn((_version: string) => true),
  readFileSheets: jest.fn(async (_c: unknown, base64: string) => [
    { name: base64, origin: { row: 1, col: 1 }, values: [], merges: [] },
  ]),
  applyWritePlan: jest.fn(
    async (
      _c: unknown,
      plan: WritePlan,
      o: { onProgress?: (d: number, t: number) => void; signal?: AbortSignal; undo?: boolean },
    ) => {
      o.onProgress?.(plan.ops.length, plan.ops.length);
      const undo = o.undo ? { undo: { ranges: [], deleteSheets: ['Товчоо'] } } : {};
      return {
        done: plan.ops.length,
        total: plan.ops.length,
        syncs: 1,
        aborted: !!o.signal?.aborted,
        ...undo,
      };
    },
  ),
  restoreUndo: jest.fn(async () => undefined),
  addMarks: jest.fn(async (_c: unknown, plan: { sheet: string; marks: unknown[] }) => ({
    sheet: plan.sheet,
    kind: 'comment',
    cells: plan.marks.map(() => ({ address: 'H5', fill: {}, note: 'x' })),
  })),
  removeMarks: jest.fn(async () => undefined),
};
jest.mock('../../src/office', () => adapter);

import { baseName, createOfficeHost } from '../../src/host/officeHost';

const context = {
  workbook: { worksheets: { getActiveWorksheet: () => ({ load: () => ({ name: 'Тайлан 2024' }) }) } },
  sync: jest.fn(async () => undefined),
};
// Excel.run(batch), or Excel.run(context, batch) to reuse the context event handlers were added with.
const run = jest.fn(async (a: unknown, b?: (c: unknown) => unknown) =>
  typeof a === 'function' ? (a as (c: unknown) => unknown)(context) : b!(a),
);

class DocumentSettings {
  values = new Map<string, unknown>();
  saved = 0;
  get(k: string) {
    return this.values.get(k) ?? null;
  }
  set(k: string, v: unknown) {
    this.values.set(k, v);
  }
  saveAsync(cb: (r: { status: string }) => void) {
    this.saved++;
    cb({ status: 'succeeded' });
  }
}

let docSettings: DocumentSettings;

beforeEach(() => {
  jest.clearAllMocks();
  docSettings = new DocumentSettings();
  Object.assign(globalThis, {
    Excel: { run },
    Office: {
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      context: {
        document: {
          url: 'https://contoso.sharepoint.com/sites/ndeg/Shared%20Documents/%D0%A2%D0%B0%D0%B9%D0%BB%D0%B0%D0%BD%202024.xlsx?web=1',
          settings: docSettings,
        },
      },
    },
  });
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('officeHost', () => {
  test('each call is one Excel.run over the adapter', async () => {
    const host = createOfficeHost();
    expect(host.kind).toBe('excel');
    expect(await host.listSheets()).toEqual(['A', 'B']);
    expect(await host.activeSheet()).toBe('Тайлан 2024');
    expect((await host.readSheet('B')).name).toBe('B');
    expect(adapter.readSnapshot).toHaveBeenCalledWith(context, 'B');
    await host.selectCell('B', 13, 7);
    expect(adapter.selectCell).toHaveBeenCalledWith(context, 'B', 13, 7);
    const progress: number[] = [];
    const controller = new AbortController();
    const plan: WritePlan = { ops: [{ op: 'addSheet', sheet: 'X' }] };
    expect(
      await host.applyPlan(plan, { onProgress: (d) => progress.push(d), signal: controller.signal }),
    ).toEqual({ done: 1, total: 1, aborted: false });
    expect(adapter.applyWritePlan.mock.calls[0][2].signal).toBe(controller.signal);
    expect(progress).toEqual([1]);
    expect(run).toHaveBeenCalledTimes(5);
  });

  test('sheet events: registered in one Excel.run, removed through the context they were added with', async () => {
    const host = createOfficeHost();
    const listener = jest.fn();
    const stop = await host.watchSheets(listener);
    expect(run).toHaveBeenCalledTimes(1);
    expect(adapter.watchWorksheets).toHaveBeenCalledWith(context, listener);
    const handlers = await adapter.watchWorksheets.mock.results[0].value;
    await stop();
    expect(run).toHaveBeenCalledTimes(2);
    expect(run.mock.calls[1][0]).toBe(context);
    expect(adapter.unwatchWorksheets).toHaveBeenCalledWith(context, handlers);
  });

  test('edited cells are read in one Excel.run over the adapter', async () => {
    const range = { top: 10, left: 8, bottom: 10, right: 8 };
    expect(await createOfficeHost().readCells!('{1}', [range])).toEqual({ sheet: 'name of {1}', cells: [] });
    expect(adapter.readCells).toHaveBeenCalledWith(context, '{1}', [range]);
    expect(run).toHaveBeenCalledTimes(1);
  });

  test('the empty state opens files and bundled samples as new sheets, in one Excel.run; an older Excel is named', async () => {
    const opener = createOfficeHost().opener!;
    expect(opener.missing()).toBeNull();
    const bytes = new TextEncoder().encode('PK\u0003\u0004 plan');
    await opener.openFiles([{ name: 'plan.xlsx', bytes: bytes.buffer as ArrayBuffer }]);
    expect(adapter.insertWorkbooks).toHaveBeenCalledWith(context, [Buffer.from(bytes).toString('base64')]);
    expect(run).toHaveBeenCalledTimes(1);

    // A sample is fetched beside the pane (dist/samples/), then inserted the same way.
    const fetched: string[] = [];
    const realFetch = globalThis.fetch;
    Object.assign(globalThis, {
      fetch: async (url: string) => {
        fetched.push(url);
        return { ok: true, arrayBuffer: async () => bytes.buffer };
      },
    });
    try {
      await opener.openSample('departments');
    } finally {
      Object.assign(globalThis, { fetch: realFetch });
    }
    expect(fetched).toEqual([
      'samples/departments/dept-hyanalt.xlsx',
      'samples/departments/dept-orlogo.xlsx',
      'samples/departments/dept-tetgever.xlsx',
    ]);
    expect(adapter.insertWorkbooks.mock.calls[1][1]).toHaveLength(3);

    adapter.supportsExcelApi.mockReturnValueOnce(false);
    expect(opener.missing()).toBe('1.13');
  });

  test('a picked file goes to the adapter as base64', async () => {
    const bytes = new TextEncoder().encode('PK\u0003\u0004 plan');
    const sheets = await createOfficeHost().readFile(bytes.buffer as ArrayBuffer);
    expect(adapter.readFileSheets).toHaveBeenCalledWith(context, Buffer.from(bytes).toString('base64'));
    expect(sheets[0].name).toBe(Buffer.from(bytes).toString('base64'));
  });

  test('the file name is the decoded last part of the document URL or path', async () => {
    expect(await createOfficeHost().fileName()).toBe('Тайлан 2024.xlsx');
    expect(baseName('C:\\Users\\bat\\Documents\\Төлөвлөгөө.xlsx')).toBe('Төлөвлөгөө.xlsx');
    expect(baseName('/home/bat/plan.xlsx#x')).toBe('plan.xlsx');
    expect(baseName('')).toBe('');
    expect(baseName(undefined)).toBe('');
  });

  const settings = {
    lang: 'en' as const,
    scale: {
      thresholds: [90, 60, 30] as [number, number, number],
      thirdLevelLabel: 40 as const,
      rounding: 'half-up' as const,
    },
    yearOverride: null,
    liveCheck: true,
  };

  test('settings are kept per user in localStorage', async () => {
    const store = new Map<string, string>();
    Object.assign(globalThis, {
      localStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => store.set(k, v),
      },
    });
    const host = createOfficeHost();
    expect(await host.loadSettings()).toEqual({});
    await host.saveSettings(settings);
    expect(JSON.parse(store.get(SETTINGS_KEY)!)).toEqual(settings);
    expect(await host.loadSettings()).toEqual(settings);
    expect(docSettings.saved).toBe(0);
  });

  test('without localStorage, settings go to the document', async () => {
    const host = createOfficeHost();
    await host.saveSettings(settings);
    expect(docSettings.get(SETTINGS_KEY)).toEqual(settings);
    expect(docSettings.saved).toBe(1);
    expect(await host.loadSettings()).toEqual(settings);
  });

  test('undo and marks: each one Excel.run over the adapter, with what the write kept', async () => {
    const host = createOfficeHost();
    const plan: WritePlan = { ops: [{ op: 'addSheet', sheet: 'Товчоо' }] };
    expect((await host.applyPlan(plan)).undo).toBeUndefined();
    const outcome = await host.applyPlan(plan, { undo: true });
    expect(adapter.applyWritePlan.mock.calls.at(-1)![2]).toMatchObject({ undo: true });
    run.mockClear();
    await outcome.undo!();
    expect(run).toHaveBeenCalledTimes(1);
    expect(adapter.restoreUndo).toHaveBeenCalledWith(context, { ranges: [], deleteSheets: ['Товчоо'] });

    const marks = { sheet: 'Тайлан', marks: [{ row: 5, col: 8, color: '#FFC7CE', note: 'x' }] };
    const marked = await host.markCells(marks);
    expect(marked).toMatchObject({ cells: 1, kind: 'comment' });
    await marked.remove();
    expect(adapter.removeMarks).toHaveBeenCalledWith(context, await adapter.addMarks.mock.results[0].value);
  });
});
