/**
 * Excel request contexts for the Office.js adapter's tests, built on office-addin-mock.
 *
 * Reading: every sheet is an OfficeMockObject, so a property read before load + sync shows the
 * mock's "not loaded"/"not synced" error text instead of data. The mock has no Excel methods of
 * its own: getActiveWorksheet, getItem, getUsedRangeOrNullObject, getRange and
 * getMergedAreasOrNullObject are functions in the mock data; isNullObject is set on the built
 * objects (as data it would read as an error string, which is truthy).
 *
 * Writing: office-addin-mock cannot model collections whose items carry their own collections
 * (worksheets → charts, tables), chart series or conditional formats, and writes need no loads.
 * So the worksheets are recorders: each property set and method call on them, or on anything
 * reached from them, is appended to `log` with its path, e.g. `Лист.getRange("A1:B2").format.font`.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { parseRange, rangeAddress } from '../../src/core/snapshot';

export interface UsedRange {
  address: string;
  values: unknown[][];
  numberFormat: unknown[][];
  valueTypes: string[][];
}

export interface ReadSheet {
  name: string;
  /** Absent: the sheet has no used range. */
  used?: UsedRange;
  /** RangeAreas.address of the merged areas (`Sheet1!A1:C1,Sheet1!A2:A3`); absent: none. */
  merges?: string;
}

export interface ReadFake {
  context: Excel.RequestContext;
  /** Addresses passed to worksheet.getRange, in order. */
  getRangeCalls: string[];
  /** The valuesOnly argument of each getUsedRangeOrNullObject call. */
  usedRangeCalls: (boolean | undefined)[];
}

export function readContext(sheets: ReadSheet[], active = 0): ReadFake {
  const getRangeCalls: string[] = [];
  const usedRangeCalls: (boolean | undefined)[] = [];
  const sheetData = (s: ReadSheet) => ({
    name: s.name,
    used: s.used ?? { address: '', values: [], numberFormat: [], valueTypes: [] },
    merged: { address: s.merges ?? '' },
    getUsedRangeOrNullObject(this: Record<string, unknown>, valuesOnly?: boolean) {
      usedRangeCalls.push(valuesOnly);
      return this.used;
    },
    getRange(this: Record<string, unknown>, address: string) {
      getRangeCalls.push(address);
      const merged = this.merged;
      return { getMergedAreasOrNullObject: () => merged, ...slice(s.used, address) };
    },
  });
  const key = (i: number) => `sheet${i}`;
  const mock = new OfficeMockObject({
    workbook: {
      worksheets: {
        ...Object.fromEntries(sheets.map((s, i) => [key(i), sheetData(s)])),
        items: sheets.map((s) => ({ name: s.name })),
        // The mock cannot load 'items/name' (items is plain data to it): load the items whole.
        load(this: OfficeMockObject) {
          return OfficeMockObject.prototype.load.call(this, 'items');
        },
        getActiveWorksheet(this: Record<string, unknown>) {
          return this[key(active)];
        },
        getItem(this: Record<string, unknown>, name: string) {
          const i = sheets.findIndex((s) => s.name === name);
          if (i < 0) throw new Error(`ItemNotFound: ${name}`);
          return this[key(i)];
        },
      },
    },
  }) as unknown as {
    workbook: {
      worksheets: Record<string, { used: { isNullObject: boolean }; merged: { isNullObject: boolean } }>;
    };
  };
  sheets.forEach((s, i) => {
    const sheet = mock.workbook.worksheets[key(i)];
    sheet.used.isNullObject = !s.used;
    sheet.merged.isNullObject = !s.merges;
  });
  return { context: mock as unknown as Excel.RequestContext, getRangeCalls, usedRangeCalls };
}

/**
 * A row slice of the used range as a plain loaded range: the adapter's fallback for sheets too
 * large for one response reads such slices.
 */
function slice(used: UsedRange | undefined, address: string) {
  if (!used) return {};
  const origin = parseRange(used.address.slice(used.address.lastIndexOf('!') + 1));
  const part = parseRange(address);
  const cut = <T>(rows: T[][]) => rows.slice(part.top - origin.top, part.bottom - origin.top + 1);
  return {
    load: () => undefined,
    values: cut(used.values),
    numberFormat: cut(used.numberFormat),
    valueTypes: cut(used.valueTypes),
  };
}

export interface Entry {
  path: string;
  /** Property set or method called. */
  key: string;
  value?: unknown;
  args?: unknown[];
}

export interface WriteSheet {
  name: string;
  charts?: string[];
  tables?: string[];
}

export interface WriteFake {
  context: Excel.RequestContext;
  log: Entry[];
  /** Entries on exactly this path (and key). */
  at(path: string, key?: string): Entry[];
}

export function writeContext(existing: WriteSheet[] = [{ name: 'Sheet1' }]): WriteFake {
  const log: Entry[] = [];
  const paths = new WeakMap<object, string>();
  const describe = (arg: unknown) => (typeof arg === 'function' && paths.has(arg) ? paths.get(arg) : arg);

  /** Records sets and calls on `path`; `props` answers reads (loaded properties). */
  function recorder(path: string, props: Record<string, unknown> = {}): unknown {
    const proxy: object = new Proxy(function () {}, {
      get: (_target, key) => {
        if (typeof key === 'symbol' || key === 'then') return undefined;
        if (Object.hasOwn(props, key)) return props[key];
        return recorder(`${path}.${key}`);
      },
      set: (_target, key, value) => {
        log.push({ path, key: String(key), value });
        return true;
      },
      apply: (_target, _this, args: unknown[]) => {
        const dot = path.lastIndexOf('.');
        log.push({ path: path.slice(0, dot), key: path.slice(dot + 1), args: args.map(describe) });
        return recorder(`${path}(${args.map((a) => JSON.stringify(describe(a))).join(',')})`);
      },
    });
    paths.set(proxy, path);
    return proxy;
  }

  const named = (path: string, name: string) => recorder(path, { name });
  const worksheet = (s: WriteSheet) =>
    recorder(s.name, {
      name: s.name,
      charts: recorder(`${s.name}.charts`, {
        items: (s.charts ?? []).map((c) => named(`${s.name}.chart(${c})`, c)),
      }),
      tables: recorder(`${s.name}.tables`, {
        items: (s.tables ?? []).map((t) => named(`${s.name}.table(${t})`, t)),
      }),
    });

  const mock = new OfficeMockObject({
    workbook: {
      worksheets: {
        items: [],
        // Stands in for load('items/name, items/charts/items/name, items/tables/items/name').
        load(this: { items: unknown[] }) {
          log.push({ path: 'worksheets', key: 'load' });
          this.items = existing.map(worksheet);
          return this;
        },
        getItem: (name: string) => recorder(name),
        add: (name: string) => {
          log.push({ path: 'worksheets', key: 'add', args: [name] });
          return recorder(name);
        },
      },
    },
    application: {
      suspendScreenUpdatingUntilNextSync: () =>
        log.push({ path: 'application', key: 'suspendScreenUpdatingUntilNextSync' }),
    },
  });
  return {
    context: mock as unknown as Excel.RequestContext,
    log,
    at: (path, key) => log.filter((e) => e.path === path && (key === undefined || e.key === key)),
  };
}

/** The recorder path of `sheet.getRange(address)`. */
export function rangePath(sheet: string, range: string | Parameters<typeof rangeAddress>[0]): string {
  return `${sheet}.getRange(${JSON.stringify(typeof range === 'string' ? range : rangeAddress(range))})`;
}
