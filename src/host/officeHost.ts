/**
 * The Host inside Excel: every call is one Excel.run around the Office.js adapter
 * (src/office). No decisions live here.
 *
 * Settings: `Office.context.roamingSettings` exists only in Outlook (API set Mailbox), not in
 * Excel. The settings are a user's preferences, so they go where Microsoft documents per-user
 * task-pane state: the pane's localStorage (kept per user and machine). Where localStorage is
 * unavailable (a locked-down browser), they fall back to the document's own settings
 * (`Office.context.document.settings`, saved in the workbook).
 */
import {
  addMarks,
  applyWritePlan,
  INSERT_WORKSHEETS_EXCEL_API,
  insertWorkbooks,
  listSheets,
  readCells,
  readFileSheets,
  readSnapshot,
  removeMarks,
  restoreUndo,
  selectCell,
  supportsExcelApi,
  unwatchWorksheets,
  watchWorksheets,
} from '../office';
import { SAMPLES, fetchSample } from '../preview/samples';
import type { OfficeAuthLike } from '../targets/graph/auth';
import type { ApplyOptions, ApplyOutcome, Host, OpenedFile, Opener, UserSettings } from './host';
import { SETTINGS_KEY, sanitizeSettings } from './settings';

/** The file name of a document URL or path: `https://…/Sites/x/Тайлан%202024.xlsx?web=1` → `Тайлан 2024.xlsx`. */
export function baseName(url: string | null | undefined): string {
  if (!url) return '';
  const path = url.split(/[?#]/)[0];
  const last = path.split(/[\\/]/).filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** localStorage when the page may use it, else null (storage disabled, or access throws). */
function pageStorage(): Storage | null {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    s.getItem(SETTINGS_KEY);
    return s;
  } catch {
    return null;
  }
}

function documentSettings(): Office.Settings | null {
  return typeof Office !== 'undefined' ? (Office.context?.document?.settings ?? null) : null;
}

function toBase64(data: ArrayBuffer): string {
  const bytes = new Uint8Array(data);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Samples and files become new sheets of this workbook (the task pane is served beside dist/samples/). */
function officeOpener(): Opener {
  const insert = (files: OpenedFile[]) =>
    Excel.run(async (context) => {
      await insertWorkbooks(
        context,
        files.map((f) => toBase64(f.bytes)),
      );
    });
  return {
    missing: () => (supportsExcelApi(INSERT_WORKSHEETS_EXCEL_API) ? null : INSERT_WORKSHEETS_EXCEL_API),
    async openSample(id) {
      const sample = SAMPLES.find((s) => s.id === id);
      if (sample) await insert(await fetchSample(sample));
    },
    openFiles: insert,
  };
}

export function createOfficeHost(): Host {
  return {
    kind: 'excel',
    listSheets: () => Excel.run((context) => listSheets(context)),
    activeSheet: () =>
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet().load('name');
        await context.sync();
        return sheet.name;
      }),
    readSheet: (name?: string) => Excel.run((context) => readSnapshot(context, name)),
    readCells: (sheet, ranges) => Excel.run((context) => readCells(context, sheet, ranges)),
    applyPlan: (plan, options: ApplyOptions = {}): Promise<ApplyOutcome> =>
      Excel.run(async (context) => {
        const r = await applyWritePlan(context, plan, {
          onProgress: options.onProgress,
          signal: options.signal,
          undo: options.undo,
        });
        const record = r.undo;
        const undo = record ? () => Excel.run((c) => restoreUndo(c, record)) : undefined;
        return { done: r.done, total: r.total, aborted: r.aborted, ...(undo ? { undo } : {}) };
      }),
    markCells: (plan) =>
      Excel.run(async (context) => {
        const record = await addMarks(context, plan);
        return {
          cells: record.cells.length,
          kind: record.kind,
          remove: () => Excel.run((c) => removeMarks(c, record)),
        };
      }),
    selectCell: (sheet, row, col) => Excel.run((context) => selectCell(context, sheet, row, col)),
    async loadSettings(): Promise<Partial<UserSettings>> {
      const stored = pageStorage()?.getItem(SETTINGS_KEY);
      if (stored) return sanitizeSettings(stored);
      return sanitizeSettings(documentSettings()?.get(SETTINGS_KEY) ?? null);
    },
    async saveSettings(settings: UserSettings): Promise<void> {
      const storage = pageStorage();
      if (storage) {
        try {
          storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
          return;
        } catch {
          // Quota or policy: fall through to the document's settings.
        }
      }
      const doc = documentSettings();
      if (!doc) throw new Error('no place to store settings');
      doc.set(SETTINGS_KEY, JSON.parse(JSON.stringify(settings)));
      await new Promise<void>((resolve, reject) =>
        doc.saveAsync((result) =>
          result.status === Office.AsyncResultStatus.Failed
            ? reject(new Error(result.error?.message ?? 'settings.saveAsync failed'))
            : resolve(),
        ),
      );
    },
    fileName: async () => baseName(typeof Office !== 'undefined' ? Office.context?.document?.url : ''),
    readFile: (data) => Excel.run((context) => readFileSheets(context, toBase64(data))),
    officeAuth: () => (typeof Office !== 'undefined' ? (Office as unknown as OfficeAuthLike) : undefined),
    async watchSheets(listener) {
      const handlers = await Excel.run((context) => watchWorksheets(context, listener));
      // Handlers are removed through the request context they were added with.
      return async () => {
        if (handlers.length)
          await Excel.run(handlers[0].context, (context) => unwatchWorksheets(context, handlers));
      };
    },
    opener: officeOpener(),
  };
}
