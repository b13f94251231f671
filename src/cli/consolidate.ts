/** `ndplan consolidate`: push sheets into a consolidated workbook (DESIGN.md sections 8 and 10). */
import path from 'node:path';
import { analyzeSheet } from '../core/analyze';
import {
  DEBT_COLUMNS,
  ROW_COLUMNS,
  dedupePushes,
  missingIdentity,
  pushOf,
  readName,
  readOwnTable,
  readTable,
  relayPush,
  type ConsolidatedRow,
  type DebtRow,
  type Push,
} from '../core/consolidate';
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

/** What the inputs of a push hold: a push per sheet (or per consolidated workbook), and the inputs with none. */
export interface Inputs {
  pushes: Push[];
  unrecognized: string[];
}

/**
 * Reads the inputs of a push. A workbook ND Plan consolidated goes up whole under its name
 * (section 16); any other gives its recognized sheets. `identity` fills a unit or person that
 * a sheet's title does not state.
 */
export async function readInputs(
  files: string[],
  identity: { unit?: string; person?: string } = {},
): Promise<Inputs> {
  const pushes: Push[] = [];
  const unrecognized: string[] = [];
  for (const file of files) {
    const loaded = await readWorkbookFile(file);
    const own = loaded.snapshots.find((s) => s.name === SHEETS.rows);
    const rows = readTable<ConsolidatedRow>(own, ROW_COLUMNS);
    if (own && rows.length) {
      const debt = readTable<DebtRow>(
        loaded.snapshots.find((s) => s.name === SHEETS.debt),
        DEBT_COLUMNS,
      );
      const name = readName(own) || path.basename(file, path.extname(file));
      pushes.push(relayPush(name, path.basename(file), { rows, debt }));
      continue;
    }
    const before = pushes.length;
    for (const snap of loaded.snapshots) {
      // ND Plan's own output sheets are not sources; a unit's sheet that only shares the name is.
      if (ownOutputSheet(snap)) continue;
      const a = analyzeSheet(snap);
      if (!hasRole(a.template, 'consolidate')) continue;
      pushes.push(
        pushOf(a, path.basename(file), {
          unit: a.meta.unit || identity.unit,
          person: a.meta.person || identity.person,
        }),
      );
    }
    if (pushes.length === before) unrecognized.push(file);
  }
  return { pushes, unrecognized };
}

export async function pushesOf(files: string[]): Promise<Push[]> {
  return (await readInputs(files)).pushes;
}

export function consolidationJson(r: FilePushResult) {
  const s = evaluationSummary(r.rows);
  return {
    rows: r.rows.length,
    added: r.added,
    updated: r.updated,
    removed: r.removed,
    unchanged: r.unchanged,
    name: r.name ?? '',
    units: s.units.map((u) => ({
      unit: u.unit,
      person: u.person,
      activities: u.activities,
      assessed: u.assessed,
      average: u.average,
    })),
    sources: s.sources.map((x) => ({
      source: x.source,
      activities: x.activities,
      assessed: x.assessed,
      average: x.average,
    })),
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
  const row = (name: string, l: { activities: number; assessed: number; average: number | null }) =>
    `${name.slice(0, 50).padEnd(50)} ${String(l.activities).padStart(10)} ${String(l.assessed).padStart(9)} ${(l.average === null ? '—' : l.average.toFixed(1)).padStart(9)}`;
  const s = evaluationSummary(r.rows);
  const tiered = s.sources.length > 1 || s.sources.some((x) => x.source !== '');
  for (const src of s.sources) {
    if (tiered) lines.push(row(`${t.via}: ${src.source || t.direct}`, src));
    for (const u of src.units)
      lines.push(row(`${tiered ? '  ' : ''}${[u.unit, u.person].filter(Boolean).join(' · ') || '—'}`, u));
  }
  lines.push(row(t.overall, s.overall));
  for (const d of r.debt) {
    const ratio = d.reductionRatio ?? d.collectionRatio;
    lines.push(
      `${t.debt}: ${d.debtUnit || d.unit} — ${ratio === null ? '—' : ratio.toFixed(1)}%${d.target !== null ? ` (${t.target2} ${d.target}%${d.met ? `, ${d.met}` : ''})` : ''}`,
    );
  }
  return lines.join('\n');
}

export async function runConsolidate(argv: string[]): Promise<CommandResult> {
  const t = CLI_TEXT[cliLang()];
  const { positional, options } = parseArgs(argv, ['out', 'as', 'unit', 'person'], ['json']);
  const out = options.get('out');
  if (typeof out !== 'string') throw new UsageError(t.consolidate.needOut);
  if (positional.length === 0) throw new UsageError(t.noFiles);
  const text = (k: string) => {
    const v = options.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  let inputs: Inputs;
  try {
    // The target is never a source: pushing would add sheets to a unit's own file.
    refuseOverwrite(out, positional, false);
    inputs = await readInputs(positional, { unit: text('unit'), person: text('person') });
  } catch (e) {
    return { code: 2, stdout: '', stderr: failureLine(e) };
  }
  const warnings = inputs.unrecognized.map((f) => `${f}: ${t.consolidate.nothingRecognized}`);
  for (const p of inputs.pushes) {
    const missing = missingIdentity(p);
    if (missing.length) {
      const what = missing.map((k) => t.consolidate.identity[k]).join(', ');
      return {
        code: 2,
        stdout: '',
        stderr: [...warnings, t.consolidate.unknownIdentity(`${p.file} «${p.source.sheet}»`, what)].join(
          '\n',
        ),
      };
    }
  }
  const { pushes, duplicates } = dedupePushes(inputs.pushes);
  warnings.push(...duplicates.map((d) => t.consolidate.duplicate(d.first, d.second, d.source)));
  // A failure is one line: the files that held nothing to push are named in it rather than warned about one by one.
  if (pushes.length === 0)
    return {
      code: 2,
      stdout: '',
      stderr: `${inputs.unrecognized.join(', ')}: ${t.consolidate.nothingRecognized}; ${t.consolidate.nothingToPush}`,
    };
  let result: FilePushResult;
  try {
    result = await pushToFile(out, pushes, undefined, undefined, text('as'));
  } catch (e) {
    return { code: 2, stdout: '', stderr: [...warnings, failureLine(e)].join('\n') };
  }
  return {
    code: 0,
    stdout: options.has('json') ? JSON.stringify(consolidationJson(result)) : consolidationText(result),
    stderr: warnings.join('\n'),
  };
}
