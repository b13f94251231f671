/** `ndplan format`: the official layout for every recognized sheet (DESIGN.md section 9). */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeSheet } from '../core/analyze';
import {
  DEBT_COLUMNS,
  ROW_COLUMNS,
  readName,
  readTable,
  type ConsolidatedRow,
  type ConsolidationState,
  type DebtRow,
} from '../core/consolidate';
import { SHEETS, planConsolidation } from '../core/plans/consolidation';
import { planFormat } from '../core/plans/format';
import type { SheetSnapshot } from '../core/snapshot';
import { CLI_TEXT, cliLang } from '../i18n/cli';
import { applyWritePlan } from '../xlsx/apply';
import { workbookBuffer, writeFileAtomic } from '../xlsx/write';
import { UsageError, parseArgs } from './args';
import type { CommandResult } from './check';
import { OutputError, failureLine, readWorkbookFile, refuseOverwrite } from './io';

/** The sheets ND Plan wrote for a consolidation, and its state; null when «Нэгтгэл» is not one of ours. */
function ownSheets(snaps: SheetSnapshot[]): { state: ConsolidationState; sheets: string[] } | null {
  const find = (name: string) => snaps.find((s) => s.name === name);
  const rows = readTable<ConsolidatedRow>(find(SHEETS.rows), ROW_COLUMNS);
  if (!rows.length) return null;
  const state = {
    rows,
    debt: readTable<DebtRow>(find(SHEETS.debt), DEBT_COLUMNS),
    name: readName(find(SHEETS.rows)),
  };
  return { state, sheets: Object.values(SHEETS).filter((n) => find(n)) };
}

export async function runFormat(argv: string[]): Promise<CommandResult> {
  const t = CLI_TEXT[cliLang()];
  const { positional, options } = parseArgs(argv, ['out'], ['force']);
  const out = options.get('out');
  if (typeof out !== 'string') throw new UsageError(t.format.needOut);
  if (positional.length !== 1) throw new UsageError(t.usage);
  try {
    // Never the input, and an existing file only when told: formatting writes a new workbook.
    refuseOverwrite(out, positional, false);
    if (!options.has('force') && fs.existsSync(out)) throw new OutputError(`${out}: ${t.outExists}`);
    const loaded = await readWorkbookFile(positional[0]);
    const workbook = await loaded.workbook();
    const lines: string[] = [];
    let formatted = 0;
    // The sheets of a consolidation are laid out again from their own rows (section 16).
    const own = ownSheets(loaded.snapshots);
    if (own) {
      applyWritePlan(workbook, {
        ops: planConsolidation(own.state).ops.filter((o) => own.sheets.includes(o.sheet)),
      });
      formatted += own.sheets.length;
      lines.push(...own.sheets.map((s) => `  «${s}» — ${t.format.consolidation}`));
    }
    for (const snap of loaded.snapshots) {
      if (own?.sheets.includes(snap.name)) continue;
      const a = analyzeSheet(snap);
      if (!a.template) {
        lines.push(`  «${snap.name}» — ${t.format.skipped}`);
        continue;
      }
      applyWritePlan(workbook, planFormat(snap, a));
      formatted++;
      lines.push(`  «${snap.name}» — ${a.template}`);
    }
    if (formatted === 0) return { code: 2, stdout: '', stderr: `${positional[0]}: ${t.unrecognized}` };
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileAtomic(out, await workbookBuffer(workbook, positional[0]));
    return {
      code: 0,
      stdout: [`${t.format.done}: ${out} (${formatted} ${t.format.sheets})`, ...lines].join('\n'),
      stderr: '',
    };
  } catch (e) {
    return { code: 2, stdout: '', stderr: failureLine(e) };
  }
}
