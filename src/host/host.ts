/**
 * What the task pane needs from the spreadsheet it runs in. Excel (Office.js) and the
 * browser preview (ExcelJS) implement it; the task pane never knows which one it has.
 */
import type { Settings } from '../core/measure';
import type { MarksPlan } from '../core/marks';
import type { CellsRead, SheetChange } from '../core/patch';
import type { CellRange, SheetSnapshot } from '../core/snapshot';
import type { WritePlan } from '../core/writeplan';
import type { MarkKind } from '../i18n/marks';
import type { OfficeAuthLike } from '../targets/graph/auth';

/** The Excel in use lacks the ExcelApi `version` an action needs (the pane says so in the user's language). */
export class ExcelApiMissingError extends Error {
  constructor(readonly version: string) {
    super(`ExcelApi ${version} is not supported by this Excel`);
    this.name = 'ExcelApiMissingError';
  }
}

export interface ApplyOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Keep what undoes the write (the cells it changes, as they were; the sheets it adds). */
  undo?: boolean;
}

/** Puts back what a write changed: the values and formats of its cells, and removes the sheets it added. */
export type Undo = () => Promise<void>;

/** Marks left in the sheet: how many cells, with notes, comments or the fill alone, and what takes them away. */
export interface Marked {
  cells: number;
  kind: MarkKind;
  /** Restores the fills as they were and deletes the notes or comments ND Plan added. */
  remove: Undo;
}

/** How far a plan got: an aborted plan keeps what was already written (`done` operations). */
export interface ApplyOutcome {
  done: number;
  total: number;
  aborted: boolean;
  /** When asked for: undoes what was written (all of it, or the part before an abort). */
  undo?: Undo;
}

/** What the user chose in Settings; stored with Office roaming settings (or localStorage in the preview). */
export interface UserSettings {
  lang: 'mn' | 'en';
  scale: Settings;
  /** Report year used instead of the title's, when set. */
  yearOverride: number | null;
  /** Check the active sheet again when the user switches sheets or edits a cell. */
  liveCheck: boolean;
}

/** What the user did: activated another sheet, or edited cells (writes of the add-in itself are not reported). */
export type SheetEvent = 'activated' | 'changed';

/** Stops listening; resolves once the host has removed its handlers. */
export type Unwatch = () => Promise<void>;

export interface Host {
  readonly kind: 'excel' | 'preview';
  listSheets(): Promise<string[]>;
  activeSheet(): Promise<string>;
  /** One sheet as a snapshot (the active sheet when no name is given). */
  readSheet(name?: string): Promise<SheetSnapshot>;
  applyPlan(plan: WritePlan, options?: ApplyOptions): Promise<ApplyOutcome>;
  /** Fills each cell of the plan and adds its note (notes, else comments, else the fill alone, as the host allows). */
  markCells(plan: MarksPlan): Promise<Marked>;
  selectCell(sheet: string, row: number, col: number): Promise<void>;
  loadSettings(): Promise<Partial<UserSettings>>;
  saveSettings(settings: UserSettings): Promise<void>;
  /** The workbook's file name, for the consolidated table's source column. */
  fileName(): Promise<string>;
  /** The sheets of another .xlsx file the user picked (a signed plan to compare with). */
  readFile(data: ArrayBuffer): Promise<SheetSnapshot[]>;
  /** Office single sign-on, where the host is Office (the shared workbook's sign-in tries it first). */
  officeAuth?(): OfficeAuthLike | undefined;
  /**
   * Calls the listener on every sheet activation and user edit, until the returned function is
   * called. An edit comes with what changed, where the host knows it.
   */
  watchSheets(listener: (event: SheetEvent, change?: SheetChange) => void): Promise<Unwatch>;
  /** Reads only these ranges of a sheet (`sheet` as a SheetChange names it), in one round trip; the sheet's name comes back. */
  readCells?(sheet: string, ranges: CellRange[]): Promise<{ sheet: string; cells: CellsRead[] }>;
  /** Where the empty state's "open a sample / a file" lead; absent where the host cannot open anything. */
  readonly opener?: Opener;
}

/** A file picked from disk or fetched from the bundled samples. */
export interface OpenedFile {
  name: string;
  bytes: ArrayBuffer;
}

/**
 * Opening something to work on from a blank workbook: the preview opens it in place of the
 * blank one; Excel inserts its sheets into this workbook.
 */
export interface Opener {
  /** The ExcelApi version this Excel lacks for it, or null when it can. */
  missing(): string | null;
  /** A sample by its id in src/preview/samples.ts. */
  openSample(id: string): Promise<void>;
  openFiles(files: OpenedFile[]): Promise<void>;
}
