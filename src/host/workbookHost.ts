/**
 * The Host over an ExcelJS workbook held in memory: the React tests now, the browser
 * preview later. Browser-safe (no node: modules); the preview shows the workbook as a grid,
 * so the host says when it changes (`onChange`) and which cell is selected (`selection`).
 *
 * Never import this module from the Excel task pane's entry: ExcelJS is 256 KB gzip.
 */
import ExcelJS from 'exceljs';
import type { CellsRead, SheetChange } from '../core/patch';
import { cellAddress, type CellRange, type SheetSnapshot } from '../core/snapshot';
import type { WritePlan } from '../core/writeplan';
import { planUndo } from '../core/undo';
import type { MarksPlan } from '../core/marks';
import { applyWritePlan } from '../xlsx/apply';
import { addMarks } from '../xlsx/marks';
import { captureUndo } from '../xlsx/undo';
import { loadWorkbook, workbookSnapshots, worksheetSnapshot } from '../xlsx/read';
import type { ApplyOptions, ApplyOutcome, Host, Opener, SheetEvent, UserSettings } from './host';
import { SETTINGS_KEY, sanitizeSettings } from './settings';

/** localStorage in the browser; a Map in tests. */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'> | Map<string, string>;

export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}

export interface WorkbookHost extends Host {
  readonly kind: 'preview';
  readonly workbook: ExcelJS.Workbook;
  /** Called after every change of the workbook, the active sheet or the selection; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** The selected cell, if any. */
  selection(): CellRef | null;
  /** Makes a sheet the active one (the preview's sheet tabs); reported to watchSheets as "activated". */
  activate(sheet: string): void;
  /** The user typing into a cell (the preview's cell editor); reported to watchSheets as "changed". */
  editCell(cell: CellRef, value: string | number | null): void;
}

export interface WorkbookHostOptions {
  fileName?: string;
  storage?: SettingsStorage;
  /** Operations applied between two progress reports (and abort checks). */
  chunkSize?: number;
  /** The preview's "open a sample / a file" (it replaces this workbook with the opened one). */
  opener?: Opener;
}

const visible = (wb: ExcelJS.Workbook) => wb.worksheets.filter((ws) => ws.state !== 'veryHidden');

function getItem(storage: SettingsStorage | undefined, key: string): string | null {
  if (!storage) return null;
  return storage instanceof Map ? (storage.get(key) ?? null) : storage.getItem(key);
}

function setItem(storage: SettingsStorage | undefined, key: string, value: string): void {
  if (!storage) return;
  if (storage instanceof Map) storage.set(key, value);
  else storage.setItem(key, value);
}

/** The cells of `range` in a sheet's snapshot, empty where the snapshot has none. */
function cellsOf(whole: SheetSnapshot, range: CellRange): CellsRead {
  const rows = range.bottom - range.top + 1;
  const cols = range.right - range.left + 1;
  const at = <T>(grid: T[][] | undefined, r: number, c: number, empty: T): T =>
    grid?.[range.top + r - whole.origin.row]?.[range.left + c - whole.origin.col] ?? empty;
  const grid = <T>(pick: (r: number, c: number) => T): T[][] =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => pick(r, c)));
  return {
    origin: { row: range.top, col: range.left },
    values: grid((r, c) => at(whole.values, r, c, null)),
    numberFormats: grid((r, c) => at(whole.numberFormats, r, c, 'General')),
    valueTypes: grid((r, c) => at(whole.valueTypes, r, c, 'Empty' as const)),
  };
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createWorkbookHost(
  workbook: ExcelJS.Workbook,
  options: WorkbookHostOptions = {},
): WorkbookHost {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const watchers = new Set<(event: SheetEvent, change?: SheetChange) => void>();
  const emit = (event: SheetEvent, change?: SheetChange) => watchers.forEach((w) => w(event, change));
  const chunkSize = Math.max(1, options.chunkSize ?? 200);
  const date1904 = !!(workbook.properties as { date1904?: boolean } | undefined)?.date1904;

  const firstSheet = () => {
    const sheets = visible(workbook);
    const tab = (workbook.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0;
    return (sheets[tab] ?? sheets[0])?.name ?? '';
  };
  let active = firstSheet();
  let selected: CellRef | null = null;

  const sheetNamed = (name: string) => {
    const ws = workbook.getWorksheet(name);
    if (!ws) throw new Error(`no sheet named "${name}"`);
    return ws;
  };

  return {
    kind: 'preview',
    workbook,
    opener: options.opener,
    async listSheets() {
      return visible(workbook).map((ws) => ws.name);
    },
    async activeSheet() {
      if (!workbook.getWorksheet(active)) active = firstSheet();
      return active;
    },
    async readSheet(name?: string): Promise<SheetSnapshot> {
      return worksheetSnapshot(sheetNamed(name ?? (await this.activeSheet())), date1904);
    },
    async applyPlan(plan: WritePlan, opts: ApplyOptions = {}): Promise<ApplyOutcome> {
      const total = plan.ops.length;
      let done = 0;
      const restore =
        opts.undo && !opts.signal?.aborted
          ? captureUndo(
              workbook,
              planUndo(
                plan,
                workbook.worksheets.map((ws) => ws.name),
              ),
            )
          : null;
      const undo = restore ? { undo: async () => (restore(), notify()) } : {};
      try {
        while (done < total) {
          if (opts.signal?.aborted) return { done, total, aborted: true, ...(done > 0 ? undo : {}) };
          const chunk = plan.ops.slice(done, done + chunkSize);
          applyWritePlan(workbook, { ops: chunk });
          done += chunk.length;
          opts.onProgress?.(done, total);
          if (done < total) await nextTask();
        }
        const before = active;
        for (const op of plan.ops)
          if (op.op === 'select') {
            // As in Excel, selecting a range activates its sheet.
            selected = { sheet: op.sheet, row: op.range.top, col: op.range.left };
            active = op.sheet;
          }
        // Excel reports an activation whoever made it; only edits carry "this add-in" as their source.
        if (active !== before) emit('activated');
        return { done, total, aborted: false, ...undo };
      } finally {
        if (done > 0) notify();
      }
    },
    async markCells(plan: MarksPlan) {
      const marked = addMarks(workbook, plan);
      notify();
      return { cells: marked.cells, kind: 'note' as const, remove: async () => (marked.remove(), notify()) };
    },
    async selectCell(sheet: string, row: number, col: number) {
      sheetNamed(sheet);
      const changed = sheet !== active;
      active = sheet;
      selected = { sheet, row, col };
      notify();
      if (changed) emit('activated');
    },
    async loadSettings(): Promise<Partial<UserSettings>> {
      return sanitizeSettings(getItem(options.storage, SETTINGS_KEY));
    },
    async saveSettings(settings: UserSettings) {
      setItem(options.storage, SETTINGS_KEY, JSON.stringify(settings));
    },
    async fileName() {
      return options.fileName ?? '';
    },
    async readFile(data: ArrayBuffer) {
      const other = await loadWorkbook(new Uint8Array(data), 'file');
      return workbookSnapshots(other);
    },
    onChange(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    selection: () => selected,
    activate(sheet: string) {
      sheetNamed(sheet);
      const changed = sheet !== active;
      active = sheet;
      notify();
      if (changed) emit('activated');
    },
    editCell(cell: CellRef, value: string | number | null) {
      sheetNamed(cell.sheet).getCell(cell.row, cell.col).value = value;
      notify();
      emit('changed', { sheet: cell.sheet, address: cellAddress(cell.row, cell.col), structural: false });
    },
    // The workbook is in memory: the ranges are cut from the sheet's snapshot (no round trip to save).
    async readCells(sheet: string, ranges: CellRange[]) {
      const whole = worksheetSnapshot(sheetNamed(sheet), date1904);
      return { sheet, cells: ranges.map((r) => cellsOf(whole, r)) };
    },
    async watchSheets(listener: (event: SheetEvent, change?: SheetChange) => void) {
      watchers.add(listener);
      return async () => {
        watchers.delete(listener);
      };
    },
  };
}

/**
 * A host over the bytes of an .xlsx file (an upload in the preview, a fixture in tests).
 * Loads with ExcelJS from an ArrayBuffer, so no Node Buffer is needed.
 */
export async function workbookHostFromBytes(
  bytes: ArrayBuffer | Uint8Array,
  options: WorkbookHostOptions = {},
): Promise<WorkbookHost> {
  // ArrayBuffer.isView, not instanceof: a Buffer from another realm (Node in a jsdom test) is still a view.
  const buffer = ArrayBuffer.isView(bytes)
    ? (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
    : bytes;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer);
  return createWorkbookHost(workbook, options);
}
