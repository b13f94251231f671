import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { BucketKey, DebtFigure } from '../../core/model';
import { planFillPercents } from '../../core/plans/fill';
import { SHEETS } from '../../core/plans/consolidation';
import { usePane } from '../context';
import {
  FIRST_CELL,
  analyzeOptions,
  filledCells,
  summarySheetPlan,
  thenSelect,
  writtenRange,
} from '../logic';
import { usePaneStyles } from '../styles';
import { Outcome } from './Outcome';
import { Tag } from './Tag';

const LEVELS: BucketKey[] = ['100', '70', '30', '0', '-'];

export function ComputeTab() {
  const { t, sheet, settings } = usePane();
  const styles = usePaneStyles();
  const a = sheet.analysis;
  if (!a) return <Text>{sheet.pending ? t.common.loading : t.common.notRecognized}</Text>;
  if (!a.template) return <Text>{t.common.notRecognized}</Text>;
  const s = a.summary;
  const labels = t.levels(settings.scale.thirdLevelLabel);

  return (
    <>
      <section className={styles.section} aria-labelledby="overall-heading">
        <h2 id="overall-heading" className={styles.heading}>
          {t.compute.overall}
        </h2>
        <Text className={styles.big}>{t.common.percent(s.average)}</Text>
        <Text className={styles.muted}>{t.compute.overallOf(s.assessed, s.activities)}</Text>
        <h3 id="levels-heading" className={styles.heading}>
          {t.compute.levels}
        </h3>
        <dl className={styles.grid} aria-labelledby="levels-heading">
          {LEVELS.map((l) => (
            <div key={l} className={styles.pair}>
              <dt>{labels[l]}</dt>
              <dd className={styles.address}>{s.buckets[l]}</dd>
            </div>
          ))}
        </dl>
      </section>

      {s.activities === 0 ? (
        <Text>{t.compute.noActivities}</Text>
      ) : (
        <section className={styles.section} aria-labelledby="goals-heading">
          <h2 id="goals-heading" className={styles.heading}>
            {t.compute.goals}
          </h2>
          {/* One <tbody> per goal: its title as the row-group header, its figures beneath (a narrow pane has no room for a title column). */}
          <table className={styles.table} aria-labelledby="goals-heading">
            <thead>
              <tr>
                <th scope="col" className={styles.th}>
                  {t.compute.activities}
                </th>
                <th scope="col" className={styles.th}>
                  {t.compute.assessed}
                </th>
                <th scope="col" className={styles.th}>
                  {t.compute.average}
                </th>
              </tr>
            </thead>
            {s.goals.map((g, i) => (
              <tbody key={`${i}-${g.title}`} className={styles.goalGroup}>
                <tr>
                  <th scope="rowgroup" colSpan={3} className={styles.goalTitle} title={g.title}>
                    <span className={styles.goalCell}>{g.title}</span>
                  </th>
                </tr>
                <tr>
                  <td className={styles.td}>{g.activities}</td>
                  <td className={styles.td}>{g.assessed}</td>
                  <td className={styles.td}>{t.common.percent(g.average)}</td>
                </tr>
              </tbody>
            ))}
          </table>
        </section>
      )}

      {a.debt.length > 0 && (
        <section className={styles.section} aria-labelledby="debt-heading">
          <h2 id="debt-heading" className={styles.heading}>
            {t.compute.debt}
          </h2>
          <div className={styles.cards}>
            {a.debt.map((d) => (
              <DebtCard key={`${d.row}-${d.unit ?? ''}`} debt={d} />
            ))}
          </div>
        </section>
      )}

      <FillSection />
      <SummarySection />
    </>
  );
}

function DebtCard({ debt: d }: { debt: DebtFigure }) {
  const { t } = usePane();
  const styles = usePaneStyles();
  const title = d.unit ? `${d.unit} (${t.compute.debtRow(d.row)})` : t.compute.debtRow(d.row);
  const amount = t.common.amount;
  return (
    <div className={styles.card} role="group" aria-label={title}>
      <Text weight="semibold">{title}</Text>
      <dl className={styles.grid}>
        <div className={styles.pair}>
          <dt>{t.compute.opening}</dt>
          <dd className={styles.address}>{amount(d.opening)}</dd>
        </div>
        <div className={styles.pair}>
          <dt>{t.compute.collected}</dt>
          <dd className={styles.address}>{amount(d.collected)}</dd>
        </div>
        {d.closing !== null && (
          <div className={styles.pair}>
            <dt>{t.compute.closing}</dt>
            <dd className={styles.address}>{amount(d.closing)}</dd>
          </div>
        )}
        <div className={styles.pair}>
          <dt>{t.compute.collectionRatio}</dt>
          <dd className={styles.address}>{t.common.percent(d.collectionRatio)}</dd>
        </div>
        <div className={styles.pair}>
          <dt>{t.compute.reductionRatio}</dt>
          <dd className={styles.address}>{t.common.percent(d.reductionRatio)}</dd>
        </div>
        <div className={styles.pair}>
          <dt>{t.compute.target}</dt>
          <dd className={styles.address}>{t.common.percent(d.target)}</dd>
        </div>
      </dl>
      <div className={styles.row}>
        {d.met === null ? (
          <Tag>{t.compute.noTarget}</Tag>
        ) : (
          <Tag color={d.met ? 'success' : 'danger'}>{d.met ? t.compute.met : t.compute.notMet}</Tag>
        )}
        {d.metBy && <Text className={styles.muted}>{t.compute.metBy[d.metBy]}</Text>}
      </div>
    </div>
  );
}

function FillSection() {
  const { t, sheet, applier, announce, attempt } = usePane();
  const styles = usePaneStyles();

  const fill = () =>
    attempt(async () => {
      const a = sheet.analysis;
      if (!a) return;
      const plan = planFillPercents(a);
      const cells = filledCells(plan);
      if (cells.length === 0) {
        announce(t.compute.nothingToFill, 'info', 'fill');
        return;
      }
      const range = writtenRange(plan, a.sheet);
      await applier.apply(range ? thenSelect(plan, a.sheet, range) : plan);
      await sheet.reload();
      announce(t.compute.filled(cells.length, cells.join(', ')), 'success', 'fill');
    }, 'fill');

  return (
    <section className={styles.section} aria-labelledby="fill-heading">
      <h2 id="fill-heading" className={styles.heading}>
        {t.compute.fill}
      </h2>
      <Text className={styles.muted}>{t.compute.fillHint}</Text>
      <div>
        <Button appearance="primary" onClick={() => void fill()} disabled={applier.busy}>
          {t.compute.fill}
        </Button>
      </div>
      <Outcome at="fill" />
    </section>
  );
}

function SummarySection() {
  const { t, host, sheet, settings, applier, announce, attempt } = usePane();
  const styles = usePaneStyles();
  const [confirming, setConfirming] = useState(false);

  const insert = (replace: boolean) =>
    attempt(async () => {
      const a = sheet.analysis;
      if (!a) return;
      if (!replace && (await host.listSheets()).includes(SHEETS.summary)) {
        setConfirming(true);
        return;
      }
      setConfirming(false);
      const options = analyzeOptions(settings, sheet.overrides[a.sheet]);
      const plan = summarySheetPlan(a, await host.fileName(), options.meta, settings.scale);
      const go = () => sheet.leaveFor(SHEETS.summary);
      go();
      await applier.apply(thenSelect(plan, SHEETS.summary, FIRST_CELL));
      announce(t.compute.summaryInserted(SHEETS.summary, host.kind === 'excel'), 'success', 'summary', {
        label: t.common.goToSheet,
        run: () => (go(), host.selectCell(SHEETS.summary, 1, 1)),
      });
    }, 'summary');

  return (
    <section className={styles.section} aria-labelledby="summary-heading">
      <h2 id="summary-heading" className={styles.heading}>
        {t.compute.insertSummary}
      </h2>
      <Text className={styles.muted}>{t.compute.summaryHint}</Text>
      {confirming ? (
        <div className={styles.section} role="group" aria-labelledby="summary-confirm">
          <Text id="summary-confirm">{t.compute.summaryExists}</Text>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void insert(true)} disabled={applier.busy}>
              {t.compute.replace}
            </Button>
            <Button onClick={() => setConfirming(false)}>{t.common.cancel}</Button>
          </div>
        </div>
      ) : (
        <div>
          <Button onClick={() => void insert(false)} disabled={applier.busy}>
            {t.compute.insertSummary}
          </Button>
        </div>
      )}
      <Outcome at="summary" />
    </section>
  );
}
