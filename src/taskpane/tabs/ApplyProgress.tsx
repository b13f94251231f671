import { Button, Field, ProgressBar, Text } from '@fluentui/react-components';
import { usePane } from '../context';
import type { Progress } from '../hooks/useApplier';
import { usePaneStyles } from '../styles';

/**
 * A determinate bar of work in units (blocks of a write, sheets read), with the cancel that stops
 * it between units; without `cancel`, a note on why this part runs to its end.
 */
export function ApplyProgress(props: {
  label: string;
  progress: Progress;
  cancel?: () => void;
  cancelLabel?: string;
  /** Says how far it got; the write's "N of M operations" by default. */
  hint?: (done: number, total: number) => string;
  note?: string;
}) {
  const { label, progress, cancel, cancelLabel, note } = props;
  const { t } = usePane();
  const styles = usePaneStyles();
  return (
    <section className={styles.section} aria-label={label}>
      <Field label={label} hint={(props.hint ?? t.consolidate.progressOf)(progress.done, progress.total)}>
        <ProgressBar value={progress.total ? progress.done / progress.total : 0} max={1} />
      </Field>
      {cancel ? (
        <div>
          <Button onClick={cancel}>{cancelLabel}</Button>
        </div>
      ) : (
        note && <Text className={styles.muted}>{note}</Text>
      )}
    </section>
  );
}
