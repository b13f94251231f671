/** Reading workbooks from disk for the command line: one function, one verdict for every command. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { SheetSnapshot } from '../core/snapshot';
import { CLI_TEXT, cliLang } from '../i18n/cli';
import {
  FOREIGN_SHEET_MESSAGES,
  LOCK_MESSAGES,
  LOCK_REFUSED_MESSAGES,
  READ_MESSAGES,
  SYSTEM_MESSAGES,
  type SystemFailure,
} from '../i18n/errors';
import { ForeignSheetError } from '../core/consolidate';
import { LockRefusedError, LockTimeoutError } from '../targets/file';
import { WorkbookReadError } from '../xlsx/read';
import { loadSnapshots, rewritableWorkbook } from '../xlsx/values';
import { DocxReadError, looksLikeWord, readDocx } from '../docx/read';
import { planImport } from '../core/plans/import';
import { DOCX_MESSAGES } from '../i18n/docx';
import { applyWritePlan } from '../xlsx/apply';

export interface LoadedFile {
  file: string;
  snapshots: SheetSnapshot[];
  /** The whole workbook in ExcelJS's model, for the commands that write it back (format): only its checked parts. */
  workbook(): Promise<ExcelJS.Workbook>;
}

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WorkbookReadError(
      code === 'EISDIR' ? 'is-directory' : code === 'EACCES' || code === 'EPERM' ? 'no-access' : 'missing',
      file,
    );
  }
}

/** The one way every command reads a workbook: the same checks, the same snapshots, the same errors. */
export async function readWorkbookFile(file: string): Promise<LoadedFile> {
  const buf = readBytes(file);
  if (looksLikeWord(buf, file)) return readWordFile(buf, file);
  const snapshots = await loadSnapshots(buf, file);
  return { file, snapshots, workbook: () => rewritableWorkbook(buf, file) };
}

/** The same path, with no command writing to a file it reads unless told to (`--force`), and never for some. */
export function refuseOverwrite(out: string, inputs: string[], force: boolean): void {
  const t = CLI_TEXT[cliLang()];
  const same = (a: string, b: string) => {
    if (path.resolve(a) === path.resolve(b)) return true;
    try {
      const x = fs.statSync(a);
      const y = fs.statSync(b);
      return x.dev === y.dev && x.ino === y.ino;
    } catch {
      return false;
    }
  };
  if (!force && inputs.some((i) => same(i, out))) throw new OutputError(`${out}: ${t.outIsInput}`);
}

/** An output the command will not write, said in one line. */
export class OutputError extends Error {}

/** An error from the system (file system, network share) as one line in the user's language. */
export function systemFailure(e: NodeJS.ErrnoException): string | null {
  const code = e.code as SystemFailure | undefined;
  if (!code || !(code in SYSTEM_MESSAGES.en)) return null;
  const where = e.path ? `${e.path}: ` : '';
  return `${where}${SYSTEM_MESSAGES[cliLang()][code]}`;
}

/** A Word document (DESIGN.md section 15): its one snapshot, and a workbook holding it laid into a sheet. */
async function readWordFile(buf: Uint8Array, file: string): Promise<LoadedFile> {
  const snapshot = await readDocx(buf, file);
  const workbook = async () => {
    const wb = new ExcelJS.Workbook();
    applyWritePlan(wb, planImport(snapshot, null));
    return wb;
  };
  return { file, workbook, snapshots: [snapshot] };
}

/** A failure as the one line the CLI prints, in the CLI's language. */
export function failureLine(e: unknown): string {
  const lang = cliLang();
  if (e instanceof WorkbookReadError) return `${e.file}: ${READ_MESSAGES[lang][e.reason]}`;
  if (e instanceof DocxReadError) return `${e.file}: ${DOCX_MESSAGES[lang][e.reason]}`;
  if (e instanceof LockTimeoutError) return `${e.target}: ${LOCK_MESSAGES[lang]}`;
  if (e instanceof LockRefusedError) return `${e.lock}: ${LOCK_REFUSED_MESSAGES[lang]}`;
  if (e instanceof ForeignSheetError) return `${e.target}: «${e.sheet}» ${FOREIGN_SHEET_MESSAGES[lang]}`;
  // Errors from Node's own modules may come from another realm (a test runner's): asked by shape, not class.
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const line = systemFailure(e as NodeJS.ErrnoException);
    if (line) return line;
  }
  if (typeof e === 'object' && e !== null && 'message' in e)
    return String((e as Error).message).split('\n')[0];
  return String(e);
}
