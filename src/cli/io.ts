/** Reading workbooks from disk for the command line. */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { SheetSnapshot } from '../core/snapshot';
import { cliLang } from '../i18n/cli';
import { FOREIGN_SHEET_MESSAGES, LOCK_MESSAGES, READ_MESSAGES } from '../i18n/errors';
import { ForeignSheetError } from '../core/consolidate';
import { LockTimeoutError } from '../targets/file';
import { DocxReadError, looksLikeWord, readDocx } from '../docx/read';
import { planImport } from '../core/plans/import';
import { DOCX_MESSAGES } from '../i18n/docx';
import { applyWritePlan } from '../xlsx/apply';
import { WorkbookReadError, loadWorkbook, workbookSnapshots } from '../xlsx/read';
import { loadSnapshots } from '../xlsx/values';

export interface LoadedFile {
  file: string;
  workbook: ExcelJS.Workbook;
  snapshots: SheetSnapshot[];
}

export async function readWorkbookFile(file: string): Promise<LoadedFile> {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    throw new WorkbookReadError('missing', file);
  }
  if (looksLikeWord(buf, file)) return readWordFile(buf, file);
  const workbook = await loadWorkbook(buf, file);
  return { file, workbook, snapshots: workbookSnapshots(workbook) };
}

/** Only the snapshots, for the commands that only read: straight from the file when it can (src/xlsx/values.ts). */
export async function readSnapshotsFile(file: string): Promise<{ file: string; snapshots: SheetSnapshot[] }> {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    throw new WorkbookReadError('missing', file);
  }
  if (looksLikeWord(buf, file)) return { file, snapshots: [await readDocx(buf, file)] };
  return { file, snapshots: await loadSnapshots(buf, file) };
}

/** A Word document (DESIGN.md section 15): its one snapshot, and a workbook holding it laid into a sheet. */
async function readWordFile(buf: Uint8Array, file: string): Promise<LoadedFile> {
  const snapshot = await readDocx(buf, file);
  const workbook = new ExcelJS.Workbook();
  applyWritePlan(workbook, planImport(snapshot, null));
  return { file, workbook, snapshots: [snapshot] };
}

/** A failure as the one line the CLI prints, in the CLI's language. */
export function failureLine(e: unknown): string {
  const lang = cliLang();
  if (e instanceof WorkbookReadError) return `${e.file}: ${READ_MESSAGES[lang][e.reason]}`;
  if (e instanceof DocxReadError) return `${e.file}: ${DOCX_MESSAGES[lang][e.reason]}`;
  if (e instanceof LockTimeoutError) return `${e.target}: ${LOCK_MESSAGES[lang]}`;
  if (e instanceof ForeignSheetError) return `${e.target}: «${e.sheet}» ${FOREIGN_SHEET_MESSAGES[lang]}`;
  if (e instanceof Error) return e.message.split('\n')[0];
  return String(e);
}
