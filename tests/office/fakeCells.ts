/**
 * An Excel request context over a small model of cells, notes and comments, on office-addin-mock,
 * for the undo and marks adapters. Reads answer from the model as it is when they are queued (Excel
 * runs a request's actions in order), but their results can be read only after a sync: reading a
 * ClientResult, a loaded property or isNullObject earlier throws, as in Office.js. Every write
 * (property set or method call on a range, note, comment or sheet) is appended to `log` and, where
 * the model holds it (fills, notes, comments, sheets), applied to the model.
 */
import { OfficeMockObject } from 'office-addin-mock';

export interface CellModel {
  /** Excel's fill as getCellProperties gives it: "#FFFFFF" with pattern "None" when there is none. */
  fill?: { color: string; pattern: string };
}

export interface SheetModel {
  cells?: Record<string, CellModel>;
  notes?: Record<string, string>;
  comments?: { id: string; address: string; content: string }[];
  conditionalFormats?: string[];
  merges?: string[];
}

export interface LogEntry {
  target: string;
  key: string;
  value?: unknown;
}

export interface CellsFake {
  context: Excel.RequestContext;
  sheets: Record<string, SheetModel>;
  log: LogEntry[];
  syncs(): number;
  at(key: string): LogEntry[];
}

const NO_FILL = { color: '#FFFFFF', pattern: 'None' };

export function cellsContext(sheets: Record<string, SheetModel>): CellsFake {
  const log: LogEntry[] = [];
  let syncs = 0;
  /** A value readable once a sync has happened after it was queued. */
  const later = <T>(value: T, what: string) => {
    const queuedAt = syncs;
    return () => {
      if (syncs === queuedAt) throw new Error(`${what} read before context.sync()`);
      return value;
    };
  };
  const record = (target: string) =>
    new Proxy({} as Record<string, unknown>, {
      set: (_t, key, value) => (log.push({ target, key: String(key), value }), true),
    });

  function range(sheetName: string, address: string) {
    const sheet = sheets[sheetName];
    const target = `${sheetName}!${address}`;
    // The model keys fills by the address a range is reached with (one cell, or a block as one).
    const cells = [address];
    const fill = {};
    Object.defineProperty(fill, 'clear', {
      value: () => {
        log.push({ target: `${target}.format.fill`, key: 'clear' });
        for (const a of cells) sheet.cells = { ...sheet.cells, [a]: { fill: NO_FILL } };
      },
    });
    Object.defineProperty(fill, 'color', {
      set: (color: string) => {
        log.push({ target: `${target}.format.fill`, key: 'color', value: color });
        for (const a of cells) sheet.cells = { ...sheet.cells, [a]: { fill: { color, pattern: 'Solid' } } };
      },
    });
    const r = record(target);
    const readAddress = later(`${sheetName}!${address}`, 'address');
    const formulas = later([['']], 'formulas');
    const numberFormat = later([['General']], 'numberFormat');
    const call =
      (key: string) =>
      (...args: unknown[]) =>
        void log.push({ target, key, value: args });
    Object.defineProperties(r, {
      cellAddress: { value: address },
      load: { value: () => r },
      address: { get: readAddress },
      formulas: { get: formulas, set: (v) => log.push({ target, key: 'formulas', value: v }) },
      numberFormat: { get: numberFormat, set: (v) => log.push({ target, key: 'numberFormat', value: v }) },
      format: { value: { fill } },
      getCellProperties: {
        value: () => {
          const value = later(
            [[{ format: { fill: { ...(sheet.cells?.[address]?.fill ?? NO_FILL) } } }]],
            'getCellProperties',
          );
          return {
            get value() {
              return value();
            },
          };
        },
      },
      getColumnProperties: { value: () => ({ value: [{ format: { columnWidth: 48 } }] }) },
      getRowProperties: { value: () => ({ value: [{ format: { rowHeight: 15 } }] }) },
      getMergedAreasOrNullObject: {
        value: () => {
          const merges = sheet.merges ?? [];
          const isNull = later(merges.length === 0, 'isNullObject');
          const text = later(merges.map((m) => `${sheetName}!${m}`).join(','), 'address');
          return {
            load: function () {
              return this;
            },
            get isNullObject() {
              return isNull();
            },
            get address() {
              return text();
            },
          };
        },
      },
      conditionalFormats: {
        value: {
          load() {
            const items = later(
              (sheet.conditionalFormats ?? []).map((id) => ({
                id,
                delete: () => log.push({ target, key: 'deleteConditionalFormat', value: id }),
              })),
              'conditionalFormats',
            );
            return {
              get items() {
                return items();
              },
            };
          },
        },
      },
      unmerge: { value: call('unmerge') },
      merge: { value: call('merge') },
      setCellProperties: { value: call('setCellProperties') },
      setColumnProperties: { value: call('setColumnProperties') },
      setRowProperties: { value: call('setRowProperties') },
    });
    return r;
  }

  function notes(sheetName: string) {
    const sheet = sheetName in sheets ? sheets[sheetName] : undefined;
    return {
      add: (address: string, content: string) => {
        log.push({ target: `${sheetName}.notes`, key: 'add', value: [address, content] });
        sheet!.notes = { ...sheet!.notes, [address]: content };
      },
      getItemOrNullObject: (address: string) => {
        const content = sheet?.notes?.[address];
        const isNull = later(content === undefined, 'isNullObject');
        const text = later(content, 'content');
        return {
          load: function () {
            return this;
          },
          get isNullObject() {
            return isNull();
          },
          get content() {
            return text();
          },
          delete: () => {
            log.push({ target: `${sheetName}.notes`, key: 'delete', value: address });
            if (sheet?.notes) delete sheet.notes[address];
          },
        };
      },
    };
  }

  function comments(sheetName: string) {
    const sheet = sheets[sheetName];
    let next = (sheet.comments ?? []).length;
    return {
      add: (cell: string | { cellAddress: string }, content: string) => {
        const address = typeof cell === 'string' ? cell : cell.cellAddress;
        log.push({ target: `${sheetName}.comments`, key: 'add', value: [address, content] });
        const id = `c${++next}-${address}`;
        sheet.comments = [...(sheet.comments ?? []), { id, address, content }];
        const readId = later(id, 'id');
        return {
          load: function () {
            return this;
          },
          get id() {
            return readId();
          },
        };
      },
      load() {
        const items = later(
          (sheet.comments ?? []).map((c) => {
            const where = {
              load: function () {
                return this;
              },
              address: `${sheetName}!${c.address}`,
            };
            return { id: c.id, content: c.content, getLocation: () => where };
          }),
          'comments',
        );
        return {
          get items() {
            return items();
          },
        };
      },
      getItemOrNullObject: (id: string) => {
        const c = (sheet.comments ?? []).find((x) => x.id === id);
        const isNull = later(!c, 'isNullObject');
        const text = later(c?.content, 'content');
        return {
          load: function () {
            return this;
          },
          get isNullObject() {
            return isNull();
          },
          get content() {
            return text();
          },
          delete: () => {
            log.push({ target: `${sheetName}.comments`, key: 'delete', value: id });
            sheet.comments = (sheet.comments ?? []).filter((x) => x.id !== id);
          },
        };
      },
    };
  }

  const worksheet = (name: string) => ({
    name,
    getRange: (address: string) => range(name, address),
    getUsedRange: () => range(name, 'A1:C3'),
    notes: notes(name),
    comments: comments(name),
    delete: () => {
      log.push({ target: name, key: 'delete' });
      delete sheets[name];
    },
  });

  const mock = new OfficeMockObject({
    application: {
      suspendScreenUpdatingUntilNextSync: () =>
        log.push({ target: 'application', key: 'suspendScreenUpdatingUntilNextSync' }),
    },
    workbook: {
      worksheets: {
        // What the write adapter reads when a plan adds sheets: their names, charts and tables.
        load() {
          const items = later(
            Object.keys(sheets).map((name) => ({
              ...worksheet(name),
              charts: { items: [] },
              tables: { items: [] },
            })),
            'worksheets',
          );
          return {
            get items() {
              return items();
            },
          };
        },
        add: (name: string) => {
          log.push({ target: name, key: 'add' });
          sheets[name] = {};
          return worksheet(name);
        },
        getItem: (name: string) => {
          if (!(name in sheets)) throw new Error(`ItemNotFound: ${name}`);
          return worksheet(name);
        },
        getItemOrNullObject: (name: string) => {
          const isNull = later(!(name in sheets), 'isNullObject');
          return {
            load: function () {
              return this;
            },
            get isNullObject() {
              return isNull();
            },
            delete: () => {
              log.push({ target: name, key: 'delete' });
              delete sheets[name];
            },
          };
        },
      },
    },
  });
  const context = mock as unknown as Excel.RequestContext;
  const sync = context.sync.bind(context);
  context.sync = (async () => {
    syncs++;
    await sync();
  }) as typeof context.sync;
  return { context, sheets, log, syncs: () => syncs, at: (key) => log.filter((e) => e.key === key) };
}
