/** `ndplan compare` and `ndplan draft` (DESIGN.md section 13). */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeSheet } from '../core/analyze';
import { compareAnalyses, type ComparisonDoc } from '../core/compare';
import { draftPlanFromJobDescription, draftPlanFromReport, draftReport } from '../core/draft';
import type { Period, SheetAnalysis, TemplateId } from '../core/model';
import { PERIODS } from '../core/model';
import type { SheetSnapshot } from '../core/snapshot';
import { templatesWithRole } from '../core/templates';
import { CLI_TEXT, cliLang } from '../i18n/cli';
import { renderWorkbook } from '../xlsx/render';
import { writeFileAtomic } from '../xlsx/write';
import { UsageError, parseArgs } from './args';
import type { CommandResult } from './check';
import { failureLine, readWorkbookFile } from './io';

class InputError extends Error {}

/** The first sheet of a file whose template is one of `templates`. */
async function sheetOf(
  file: string,
  templates: TemplateId[],
): Promise<{ analysis: SheetAnalysis; snapshot: SheetSnapshot }> {
  const t = CLI_TEXT[cliLang()].lifecycle;
  const loaded = await readWorkbookFile(file);
  let found: TemplateId | null = null;
  for (const snapshot of loaded.snapshots) {
    const analysis = analyzeSheet(snapshot);
    if (analysis.template && templates.includes(analysis.template)) return { analysis, snapshot };
    found = found ?? analysis.template;
  }
  throw new InputError(`${file}: ${t.cannotUse} (${found ?? t.noTemplate})`);
}

export async function runCompare(argv: string[]): Promise<CommandResult> {
  const t = CLI_TEXT[cliLang()];
  const { positional, options } = parseArgs(argv, [], ['json']);
  if (positional.length !== 2) throw new UsageError(t.usage);
  let doc: ComparisonDoc;
  try {
    const plan = await sheetOf(positional[0], templatesWithRole('compare-plan'));
    const report = await sheetOf(positional[1], templatesWithRole('compare-report'));
    doc = compareAnalyses(
      plan.analysis,
      report.analysis,
      path.basename(positional[0]),
      path.basename(positional[1]),
    );
  } catch (e) {
    return { code: 2, stdout: '', stderr: failureLine(e) };
  }
  const code = doc.issues.some((i) => i.severity === 'error') ? 1 : 0;
  return { code, stdout: options.has('json') ? JSON.stringify(doc, null, 1) : compareText(doc), stderr: '' };
}

function compareText(doc: ComparisonDoc): string {
  const lang = cliLang();
  const t = CLI_TEXT[lang].lifecycle;
  const lines = [
    `${t.plan}: ${doc.plan.file} «${doc.plan.sheet}» — ${doc.plan.activities} ${t.activities}`,
    `${t.report}: ${doc.report.file} «${doc.report.sheet}» — ${doc.report.activities} ${t.activities}`,
    `${t.matched} ${doc.matched.length} · ${t.missing} ${doc.missing.length} · ${t.unplanned} ${doc.unplanned.length} · ${t.changed} ${doc.matched.filter((m) => m.changed.includes('target')).length}`,
    '',
    `${t.no.padEnd(8)} ${t.planRow.padStart(6)} ${t.reportRow.padStart(6)}  ${t.state}`,
  ];
  for (const m of doc.matched)
    lines.push(
      `${(m.no ?? '').padEnd(8)} ${String(m.planRow).padStart(6)} ${String(m.reportRow).padStart(6)}  ${m.changed.length ? `${t.changedFields}: ${m.changed.map((f) => t.fields[f as keyof typeof t.fields] ?? f).join(', ')}` : t.same}${m.by === 'text' ? ` (${t.byText})` : ''}`,
    );
  for (const m of doc.missing)
    lines.push(
      `${(m.no ?? '').padEnd(8)} ${String(m.planRow).padStart(6)} ${'—'.padStart(6)}  ${t.missingOne}`,
    );
  for (const m of doc.unplanned)
    lines.push(
      `${(m.no ?? '').padEnd(8)} ${'—'.padStart(6)} ${String(m.reportRow).padStart(6)}  ${t.unplannedOne}`,
    );
  const changed = doc.issues.filter((i) => i.code === 'TARGET_CHANGED');
  if (changed.length) {
    lines.push('');
    for (const i of changed) lines.push(`⚠ ${lang === 'en' ? i.messageEn : i.message}`);
  }
  return lines.join('\n');
}

function ensureWritable(out: string, force: boolean) {
  const t = CLI_TEXT[cliLang()].lifecycle;
  if (fs.existsSync(out) && !force) throw new InputError(`${out}: ${t.exists}`);
}

async function writeDraft(out: string, plan: ReturnType<typeof draftReport>) {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  writeFileAtomic(out, await renderWorkbook(plan));
}

export async function runDraft(argv: string[]): Promise<CommandResult> {
  const t = CLI_TEXT[cliLang()];
  const [what, ...rest] = argv;
  const { positional, options } = parseArgs(rest, ['from', 'out', 'period', 'year'], ['force']);
  const from = options.get('from');
  const out = options.get('out');
  if (
    (what !== 'report' && what !== 'plan') ||
    positional.length ||
    typeof from !== 'string' ||
    typeof out !== 'string'
  )
    throw new UsageError(t.usage);
  const force = options.has('force');
  try {
    if (what === 'report') {
      const period = options.get('period');
      if (typeof period !== 'string' || !PERIODS.includes(period as Period))
        throw new UsageError(t.badPeriod);
      ensureWritable(out, force);
      const { analysis } = await sheetOf(from, templatesWithRole('draft-report'));
      await writeDraft(out, draftReport(analysis, period as Period));
      return {
        code: 0,
        stdout: `${t.lifecycle.drafted}: ${out} (${analysis.activities.length} ${t.lifecycle.activities})`,
        stderr: '',
      };
    }
    const year = options.get('year');
    if (typeof year !== 'string' || !/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100)
      throw new UsageError(t.badYear);
    ensureWritable(out, force);
    const { analysis, snapshot } = await sheetOf(from, templatesWithRole('draft-plan'));
    const plan =
      analysis.template === 'job-description'
        ? draftPlanFromJobDescription(analysis, snapshot, Number(year))
        : draftPlanFromReport(analysis, Number(year));
    await writeDraft(out, plan);
    return {
      code: 0,
      stdout: `${t.lifecycle.drafted}: ${out} (${analysis.activities.length} ${t.lifecycle.activities})`,
      stderr: '',
    };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    return { code: 2, stdout: '', stderr: failureLine(e) };
  }
}
