import { Button, Text } from '@fluentui/react-components';
import { planFormat } from '../../core/plans/format';
import { usePane } from '../context';
import { formatCounts } from '../logic';
import { usePaneStyles } from '../styles';
import { ApplyProgress } from './ApplyProgress';
import { Outcome } from './Outcome';

export function FormatTab() {
  const { t, sheet, settings, applier, announce, attempt } = usePane();
  const styles = usePaneStyles();
  const { analysis, snapshot } = sheet;
  const ready = !!analysis?.template && !!snapshot;

  const format = () =>
    attempt(async () => {
      if (!analysis || !snapshot || !analysis.template) return;
      const outcome = await applier.apply(planFormat(snapshot, analysis, settings.scale));
      const c = formatCounts(analysis);
      await sheet.reload();
      if (outcome.aborted) announce(t.format.cancelled(outcome.done, outcome.total), 'warning', 'format');
      else announce(t.format.done(analysis.sheet, c.rows, c.sections, c.goals), 'success', 'format');
    }, 'format');

  return (
    <section className={styles.section} aria-labelledby="format-heading">
      <h2 id="format-heading" className={styles.heading}>
        {t.format.heading}
      </h2>
      <Text className={styles.muted}>{t.format.hint}</Text>
      {!ready && <Text>{sheet.pending ? t.common.loading : t.common.notRecognized}</Text>}
      <div>
        <Button appearance="primary" onClick={() => void format()} disabled={!ready || applier.busy}>
          {t.format.button}
        </Button>
      </div>
      {applier.busy && applier.progress && (
        <ApplyProgress
          label={t.format.progress}
          progress={applier.progress}
          cancel={applier.cancel}
          cancelLabel={t.common.cancel}
        />
      )}
      <Outcome at="format" />
    </section>
  );
}
