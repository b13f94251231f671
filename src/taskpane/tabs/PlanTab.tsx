import { Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { analyzeSheet } from '../../core/analyze';
import { compareAnalyses, type ComparisonDoc } from '../../core/compare';
import {
  DRAFT_NAMES,
  draftPlanFromJobDescription,
  draftPlanFromReport,
  draftReport,
  uniqueSheetName,
} from '../../core/draft';
import { PERIODS, type Period, type SheetAnalysis } from '../../core/model';
import { columnNumber, type SheetSnapshot } from '../../core/snapshot';
import { hasRole } from '../../core/templates';
import { usePane } from '../context';
import { FIRST_CELL, analyzeOptions, issueParts, thenSelect } from '../logic';
import { usePaneStyles } from '../styles';
import { FilePicker } from './FilePicker';
import { IssueButton } from './IssueList';
import { Outcome } from './Outcome';

type CompareIssue = ComparisonDoc['issues'][number];

/**
 * "Төлөвлөх": drafts of the next document into new sheets (report from a plan, next year's
 * plan from a report or a plan, a plan from a job description) and the report ↔ plan check.
 */
export function PlanTab() {
  const { t, lang, host, settings, sheet, applier, announce, attempt } = usePane();
  const styles = usePaneStyles();
  const { analysis, snapshot } = sheet;
  const template = analysis?.template ?? null;
  const year = analysis?.meta.year ?? new Date().getFullYear();
  const [period, setPeriod] = useState<Period>('H1');
  const [nextYear, setNextYear] = useState(String(year + 1));
  /** The workbook's other sheets that are plans: the only ones a report is compared with. */
  const [sheets, setSheets] = useState<string[]>([]);
  const [planSheet, setPlanSheet] = useState('');
  const [result, setResult] = useState<{ doc: ComparisonDoc; fromFile: boolean } | null>(null);

  const overrides = sheet.overrides;
  useEffect(() => {
    let live = true;
    void (async () => {
      const plans: string[] = [];
      for (const name of await host.listSheets()) {
        if (name === analysis?.sheet) continue;
        const a = analyzeSheet(await host.readSheet(name), analyzeOptions(settings, overrides[name]));
        if (a.template === 'performance-plan') plans.push(name);
      }
      if (!live) return;
      setSheets(plans);
      setPlanSheet((p) => (p && plans.includes(p) ? p : (plans[0] ?? '')));
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [host, analysis?.sheet, settings, overrides]);

  useEffect(() => setNextYear(String(year + 1)), [year]);

  if (!analysis || !snapshot || !template)
    return <Text>{sheet.pending ? t.common.loading : t.common.notRecognized}</Text>;

  const canReport = hasRole(template, 'draft-report');
  const canPlan = hasRole(template, 'draft-plan');
  const canCompare = hasRole(template, 'compare-report');
  const validYear = /^\d{4}$/.test(nextYear) && Number(nextYear) >= 2000 && Number(nextYear) <= 2100;

  const write = (make: (name: string) => ReturnType<typeof draftReport>, base: string) =>
    attempt(async () => {
      const name = uniqueSheetName(base, await host.listSheets());
      sheet.leaveFor(name);
      await applier.apply(thenSelect(make(name), name, FIRST_CELL));
      announce(t.plan.drafted(name, analysis.activities.length), 'success', 'draft', {
        label: t.common.goToSheet,
        run: () => (sheet.leaveFor(name), host.selectCell(name, 1, 1)),
      });
    }, 'draft');

  const draftTheReport = () =>
    write((name) => draftReport(analysis, period, name), DRAFT_NAMES.report(year, period));
  const draftThePlan = () =>
    write(
      (name) =>
        template === 'job-description'
          ? draftPlanFromJobDescription(analysis, snapshot, Number(nextYear), name)
          : draftPlanFromReport(analysis, Number(nextYear), name),
      DRAFT_NAMES.plan(Number(nextYear)),
    );

  const compareWith = (plans: SheetSnapshot[], file: string, report: SheetAnalysis, fromFile: boolean) => {
    const plan = plans.map((s) => analyzeSheet(s)).find((a) => hasRole(a.template, 'compare-plan'));
    if (!plan) {
      announce(t.plan.noPlanFound, 'warning', 'compare');
      setResult(null);
      return;
    }
    const doc = compareAnalyses(plan, report, file, analysis.sheet);
    setResult({ doc, fromFile });
    const changed = doc.issues.filter((i) => i.code === 'TARGET_CHANGED').length;
    announce(
      t.plan.compared(doc.matched.length, doc.missing.length, doc.unplanned.length, changed),
      'info',
      'compare',
    );
  };

  const compareSheet = () =>
    attempt(async () => {
      if (!planSheet) return;
      compareWith([await host.readSheet(planSheet)], planSheet, analysis, false);
    }, 'compare');

  const compareFile = (files: File[]) =>
    attempt(async () => {
      const file = files[0];
      if (!file) return;
      compareWith(await host.readFile(await file.arrayBuffer()), file.name, analysis, true);
    }, 'compare');

  /** A plan read from a file is not in this workbook: its rows cannot be selected. */
  const selectable = (i: CompareIssue) =>
    !!i.row && !!i.column && (i.sheet === analysis.sheet || (!result?.fromFile && sheets.includes(i.sheet)));

  const select = (i: CompareIssue) =>
    attempt(async () => {
      if (!selectable(i) || !i.row || !i.column) return;
      sheet.leaveFor(i.sheet);
      await host.selectCell(i.sheet, i.row, columnNumber(i.column));
      announce(t.check.selected(`${i.column}${i.row}`));
    });

  const issueList = (heading: string, id: string, list: CompareIssue[]) => (
    <section className={styles.section} aria-labelledby={id}>
      <h3 id={id} className={styles.heading}>{`${heading}: ${list.length}`}</h3>
      {list.length === 0 ? (
        <Text>{t.plan.none}</Text>
      ) : (
        <ul className={styles.list} aria-labelledby={id}>
          {list.map((i) => {
            // The sheet and the cell once, in front: «Төлөвлөгөө 2024 · B15 — …».
            const parts = issueParts(i, lang);
            const address = `${i.sheet} · ${parts.address ?? ''}`;
            const text = parts.text;
            return (
              <li key={`${i.code}-${i.sheet}-${i.row}`}>
                {selectable(i) ? (
                  <IssueButton address={address} text={text} onClick={() => void select(i)} />
                ) : (
                  <Text>{`${address} — ${text} ${t.plan.inFile(i.file)}`}</Text>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );

  return (
    <>
      <section className={styles.section} aria-labelledby="draft-heading">
        <h2 id="draft-heading" className={styles.heading}>
          {t.plan.heading}
        </h2>
        <Text className={styles.muted}>{t.plan.hint}</Text>
        {!canReport && !canPlan && <Text>{t.plan.notDraftable}</Text>}
        {canReport && (
          <div className={styles.row}>
            <Field label={t.plan.reportPeriod}>
              <Select value={period} onChange={(_, d) => setPeriod(d.value as Period)}>
                {PERIODS.map((p) => (
                  <option key={p} value={p}>
                    {t.periods[p]}
                  </option>
                ))}
              </Select>
            </Field>
            <Button appearance="primary" onClick={() => void draftTheReport()} disabled={applier.busy}>
              {t.plan.draftReport}
            </Button>
          </div>
        )}
        {canPlan && (
          <div className={styles.row}>
            <Field label={t.plan.nextYear} validationMessage={validYear ? undefined : t.settings.invalidYear}>
              <Input value={nextYear} onChange={(_, d) => setNextYear(d.value)} inputMode="numeric" />
            </Field>
            <Button onClick={() => void draftThePlan()} disabled={applier.busy || !validYear}>
              {template === 'job-description' ? t.plan.draftFromJob : t.plan.draftPlan}
            </Button>
          </div>
        )}
        <Outcome at="draft" />
      </section>

      {canCompare && (
        <section className={styles.section} aria-labelledby="compare-heading">
          <h2 id="compare-heading" className={styles.heading}>
            {t.plan.compareHeading}
          </h2>
          <Text className={styles.muted}>{t.plan.compareHint}</Text>
          {/* No plan sheet: the reason, not an empty list beside a disabled button. */}
          {planSheet ? (
            <div className={styles.row}>
              <Field label={t.plan.planSheet}>
                <Select value={planSheet} onChange={(_, d) => setPlanSheet(d.value)}>
                  {sheets.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button onClick={() => void compareSheet()}>{t.plan.compare}</Button>
            </div>
          ) : (
            <Text className={styles.muted}>{t.plan.noPlanSheet}</Text>
          )}
          <FilePicker label={t.plan.planFile} accept=".xlsx" onFiles={(files) => void compareFile(files)} />
          <Outcome at="compare" />
          {result && (
            <>
              {issueList(
                t.plan.missing,
                'plan-missing',
                result.doc.issues.filter((i) => i.code === 'PLAN_ACTIVITY_MISSING'),
              )}
              {issueList(
                t.plan.unplanned,
                'plan-unplanned',
                result.doc.issues.filter((i) => i.code === 'REPORT_ACTIVITY_UNPLANNED'),
              )}
              {issueList(
                t.plan.changed,
                'plan-changed',
                result.doc.issues.filter((i) => i.code === 'TARGET_CHANGED'),
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}
