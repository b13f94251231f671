/** `ndplan consolidate`: push sheets into a consolidated workbook (DESIGN.md sections 8 and 10). */
import path from 'node:path';
import { analyzeSheet } from '../core/analyze';
import { DEBT_COLUMNS, ROW_COLUMNS, pushOf, readOwnTable, type Push } from '../core/consolidate';
import type { SheetSnapshot } from '../core/snapshot';
import { SHEETS } from '../core/plans/consolidation';
import { evaluationSummary } from '../core/summary';
import { hasRole } from '../core/templates';
import { CLI_TEXT, cliLang } from '../i18n/cli';
import { pushToFile, type FilePushResult } from '../targets/file';
import { UsageError, parseArgs } from './args';
import type { CommandResult } from './check';
import { failureLine, readWorkbookFile, refuseOverwrite } from './io';

/** A sheet ND Plan wrote into a consolidation: named as its own and holding its own table. */
function ownOutputSheet(snap: SheetSnapshot): boolean {
  try {
    if (snap.name === SHEETS.rows) return readOwnTable(snap, ROW_COLUMNS).length > 0;
    if (snap.name === SHEETS.debt) return readOwnTable(snap, DEBT_COLUMNS).length > 0;
  } catch {
    // Not ND Plan's table: a unit's sheet.
  }
  return false;
}

export async function pushesOf(files: string[]): Promise<Push[]> {
  const pushes: Push[] = [];
  for (const file of files) {
    const loaded = await readWorkbookFile(file);
    for (const snap of loaded.snapshots) {
      // A consolidated workbook given as a source: its own output sheets are not sources; a unit's sheet that only shares the name is.
      if (ownOutputSheet(snap)) continue;
      const a = analyzeSheet(snap);
      if (hasRole(a.template, 'consolidate')) pushes.push(pushOf(a, path.basename(file)));
    }
  }
  return pushes;
}

export function consolidationJson(r: FilePushResult) {
  const s = evaluationSummary(r.rows);
  return {
    rows: r.rows.length,
    added: r.added,
    updated: r.updated,
    removed: r.removed,
    unchanged: r.unchanged,
    units: s.units.map((u) => ({ unit: u.unit, person: u.person, activities: u.activities, assessed: u.assessed, average: u.average })),
    average: s.overall.average,
  };
}

export function consolidationText(r: FilePushResult): string {
  const lang = cliLang();
  const t = CLI_TEXT[lang].consolidate;
  const j = consolidationJson(r);
  const lines = [
    `${t.target}: ${r.target}`,
    `${t.rows} ${j.rows} · ${t.added} ${j.added} · ${t.updated} ${j.updated} · ${t.removed} ${j.removed} · ${t.unchanged} ${j.unchanged}`,
    '',
    `${t.unit.padEnd(50)} ${t.activities.padStart(10)} ${t.assessed.padStart(9)} ${t.average.padStart(9)}`,
  ];
  for (const u of j.units) {
    const name = [u.unit, u.person].filter(Boolean).join(' · ') || '—';
    lines.push(`${name.slice(0, 50).padEnd(50)} ${String(u.activities).padStart(10)} ${String(u.assessed).padStart(9)} ${(u.average === null ? '—' : u.average.toFixed(1)).padStart(9)}`);
  }
  lines.push(`${t.overall.padEnd(50)} ${String(r.rows.length).padStart(10)} ${String(j.units.reduce((s, u) => s + u.assessed, 0)).padStart(9)} ${(j.average === null ? '—' : j.average.toFixed(1)).padStart(9)}`);
  for (const d of r.debt) {
    const ratio = d.reductionRatio ?? d.collectionRatio;
    lines.push(`${t.debt}: ${d.debtUnit || d.unit} — ${ratio === null ? '—' : ratio.toFixed(1)}%${d.target !== null ? ` (${t.target2} ${d.target}%${d.met ? `, ${d.met}` : ''})` : ''}`);
  }
  return lines.join('\n');
}

export async function runConsolidate(argv: string[]): Promise<CommandResult> {
  const t = CLI_TEXT[cliLang()];
  const { positional, options } = parseArgs(argv, ['out'], ['json']);
  const out = options.get('out');
  if (typeof out !== 'string') throw new UsageError(t.consolidate.needOut);
  if (positional.length === 0) throw new UsageError(t.noFiles);
  let pushes: Push[];
  try {
    // The target is never a source: pushing would add sheets to a unit's own file.
    refuseOverwrite(out, positional, false);
    pushes = await pushesOf(positional);
  } catch (e) {
    return { code: 2, stdout: '', stderr: failureLine(e) };
  }
  let result: FilePushResult;
  try {
    result = await pushToFile(out, pushes);
  } catch (e) {
    return { code: 2, stdout: '', stderr: failureLine(e) };
  }
  return { code: 0, stdout: options.has('json') ? JSON.stringify(consolidationJson(result)) : consolidationText(result), stderr: '' };
}
