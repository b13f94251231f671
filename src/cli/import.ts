/** `ndplan import <file.docx> --out <file.xlsx>`: a Word document written as a formatted sheet (DESIGN.md sections 9 and 15). */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { analyzeSheet } from '../core/analyze';
import { planImport } from '../core/plans/import';
import { readDocx } from '../docx/read';
import { CLI_TEXT, cliLang } from '../i18n/cli';
import { IMPORT_TEXT } from '../i18n/docx';
import { WorkbookReadError } from '../xlsx/read';
import { applyWritePlan } from '../xlsx/apply';
import { workbookBuffer, writeFileAtomic } from '../xlsx/write';
import { UsageError, parseArgs } from './args';
import type { CommandResult } from './check';
import { failureLine } from './io';

export async function runImport(argv: string[]): Promise<CommandResult> {
  const lang = cliLang();
  const t = IMPORT_TEXT[lang];
  const { positional, options } = parseArgs(argv, ['out'], ['force']);
  const out = options.get('out');
  if (typeof out !== 'string') throw new UsageError(t.needOut);
  if (positional.length !== 1) throw new UsageError(CLI_TEXT[lang].usage);
  const file = positional[0];
  try {
    if (fs.existsSync(out) && !options.has('force'))
      return { code: 2, stdout: '', stderr: `${out}: ${CLI_TEXT[lang].lifecycle.exists}` };
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      throw new WorkbookReadError('missing', file);
    }
    const snapshot = await readDocx(bytes, file);
    const analysis = analyzeSheet(snapshot);
    const wb = new ExcelJS.Workbook();
    applyWritePlan(wb, planImport(snapshot, analysis));
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileAtomic(out, await workbookBuffer(wb));
    return {
      code: 0,
      stdout: `${t.done}: ${out} «${snapshot.name}» — ${analysis.template ?? CLI_TEXT[lang].unrecognized}`,
      stderr: '',
    };
  } catch (e) {
    return { code: 2, stdout: '', stderr: failureLine(e) };
  }
}
