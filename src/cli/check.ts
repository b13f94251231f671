/** `ndplan check`: analyse every sheet of every file (DESIGN.md section 10). */
import path from 'node:path';
import { analyzeSheet } from '../core/analyze';
import { CheckJson, sheetJson, type CheckDocument } from '../core/checkJson';
import type { Meta, Period, SheetAnalysis } from '../core/model';
import { PERIODS } from '../core/model';
import { templateById } from '../core/templates';
import { CLI_TEXT, cliLang } from '../i18n/cli';
import { UsageError, parseArgs } from './args';
import { failureLine, readWorkbookFile } from './io';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function metaOverrides(options: Map<string, string | true>): Partial<Meta> {
  const t = CLI_TEXT[cliLang()];
  const o: Partial<Meta> = {};
  const year = options.get('year');
  if (typeof year === 'string') {
    if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) throw new UsageError(t.badYear);
    o.year = Number(year);
  }
  const period = options.get('period');
  if (typeof period === 'string') {
    if (!PERIODS.includes(period as Period)) throw new UsageError(t.badPeriod);
    o.period = period as Period;
  }
  const unit = options.get('unit');
  if (typeof unit === 'string') o.unit = unit;
  return o;
}

export async function runCheck(argv: string[]): Promise<CommandResult> {
  const t = CLI_TEXT[cliLang()];
  const { positional, options } = parseArgs(argv, ['year', 'unit', 'period'], ['json']);
  if (positional.length === 0) throw new UsageError(t.noFiles);
  const meta = metaOverrides(options);
  const doc: CheckDocument = { version: 1, files: [] };
  const analyses: { file: string; sheets: SheetAnalysis[] }[] = [];
  const stderr: string[] = [];
  let unreadable = false;
  for (const file of positional) {
    try {
      const loaded = await readWorkbookFile(file);
      const sheets = loaded.snapshots.map((s) => analyzeSheet(s, { meta }));
      analyses.push({ file, sheets });
      doc.files.push({ file, sheets: sheets.map(sheetJson) });
    } catch (e) {
      unreadable = true;
      stderr.push(failureLine(e));
      doc.files.push({ file, error: failureLine(e), sheets: [] });
    }
  }
  const hasErrors = analyses.some((f) => f.sheets.some((s) => s.issues.some((i) => i.severity === 'error')));
  const code = unreadable ? 2 : hasErrors ? 1 : 0;
  const stdout = options.has('json')
    ? JSON.stringify(CheckJson.parse(doc), null, 1)
    : analyses.map((f) => humanFile(f.file, f.sheets)).join('\n');
  return { code, stdout, stderr: stderr.join('\n') };
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(1));
const ICON = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

export function humanSheet(s: SheetAnalysis, maxIssues = 40): string[] {
  const lang = cliLang();
  const t = CLI_TEXT[lang];
  const lines: string[] = [];
  if (!s.template) {
    lines.push(`  «${s.sheet}» — ${t.unrecognized}`);
    return lines;
  }
  const tpl = templateById(s.template);
  lines.push(
    `  «${s.sheet}» — ${tpl.name[lang]} (${s.template}), ${t.confidence} ${Math.round(s.confidence * 100)}%`,
  );
  const m = s.meta;
  const metaBits = [
    m.year ? `${m.year} ${t.year}`.trim() : null,
    m.period ? t.periods[m.period] : null,
    m.kind ? t.kinds[m.kind] : null,
    m.person,
    m.position ?? null,
    m.unit,
  ].filter(Boolean);
  if (metaBits.length) lines.push(`  ${metaBits.join(' · ')}`);
  const sm = s.summary;
  if (sm.activities) {
    const b = sm.buckets;
    lines.push(
      `  ${t.activities} ${sm.activities}, ${t.assessed} ${sm.assessed}, ${t.average} ${fmt(sm.average)}%  [100: ${b['100']} · 70: ${b['70']} · 30: ${b['30']} · 0: ${b['0']} · —: ${b['-']}]`,
    );
  }
  for (const d of s.debt) {
    const ratio =
      d.reductionRatio !== null
        ? `${t.reductionRatio} ${fmt(d.reductionRatio)}%`
        : `${t.collectionRatio} ${fmt(d.collectionRatio)}%`;
    const target =
      d.target !== null
        ? `, ${t.target} ${d.target}%${d.met === null ? '' : ` — ${d.met ? t.met : t.notMet}`}`
        : '';
    lines.push(
      `  ${t.debt} (${t.row} ${d.row}${d.unit ? `, ${d.unit}` : ''}): ${t.opening} ${fmt(d.opening)}, ${t.collected} ${fmt(d.collected)} → ${ratio}${target}`,
    );
  }
  const count = (sev: string) => s.issues.filter((i) => i.severity === sev).length;
  lines.push(
    `  ${t.errors} ${count('error')} · ${t.warnings} ${count('warning')} · ${t.infos} ${count('info')}`,
  );
  for (const i of s.issues.slice(0, maxIssues))
    lines.push(`    ${ICON[i.severity]} ${lang === 'en' ? i.messageEn : i.message} [${i.code}]`);
  if (s.issues.length > maxIssues) lines.push(`    … ${t.more} ${s.issues.length - maxIssues}`);
  return lines;
}

function humanFile(file: string, sheets: SheetAnalysis[]): string {
  return [path.basename(file), ...sheets.flatMap((s) => humanSheet(s))].join('\n');
}
