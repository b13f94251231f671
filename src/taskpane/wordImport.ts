/**
 * «Word файл оруулах» (DESIGN.md section 15): a picked .docx as a write plan that lays it into
 * a new sheet of the open workbook, formatted in its template's layout and selected. The
 * reader (JSZip + saxes) loads as its own chunk, only when a file is picked.
 */
import { analyzeSheet, type AnalyzeOptions } from '../core/analyze';
import { uniqueSheetName } from '../core/draft';
import type { SheetAnalysis } from '../core/model';
import { planImport } from '../core/plans/import';
import type { WritePlan } from '../core/writeplan';
import { DOCX_MESSAGES, type DocxFailure } from '../i18n/docx';

export interface WordImport {
  sheet: string;
  analysis: SheetAnalysis;
  plan: WritePlan;
}

export async function planWordImport(
  bytes: Uint8Array,
  fileName: string,
  taken: string[],
  options?: AnalyzeOptions,
): Promise<WordImport> {
  const { readDocx } = await import(/* webpackChunkName: "word" */ '../docx/read');
  const snapshot = await readDocx(bytes, fileName);
  const sheet = uniqueSheetName(snapshot.name, taken);
  const analysis = analyzeSheet({ ...snapshot, name: sheet }, options);
  return { sheet, analysis, plan: planImport(snapshot, analysis, sheet) };
}

/** The one-line message of a Word reading failure in the pane's language; null for any other error. */
export function wordFailure(e: unknown, lang: 'mn' | 'en'): string | null {
  // By name, not instanceof: the error class lives in the lazily loaded chunk.
  if (!(e instanceof Error) || e.name !== 'DocxReadError') return null;
  const { file, reason } = e as Error & { file: string; reason: DocxFailure };
  return `${file}: ${DOCX_MESSAGES[lang][reason]}`;
}
