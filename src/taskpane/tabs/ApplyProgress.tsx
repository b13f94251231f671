import { Button, Field, ProgressBar } from '@fluentui/react-components';
import { usePane } from '../context';
import type { Progress } from '../hooks/useApplier';
import { usePaneStyles } from '../styles';

/** A determinate bar of a write in blocks, with the cancel that stops it between blocks. */
export function ApplyProgress(props: { label: string; progress: Progress; cancel: () => void; cancelLabel: string }) {
  const { label, progress, cancel, cancelLabel } = props;
  const { t } = usePane();
  const styles = usePaneStyles();
  return (
    <section className={styles.section} aria-label={label}>
      <Field label={label} hint={t.consolidate.progressOf(progress.done, progress.total)}>
        <ProgressBar value={progress.total ? progress.done / progress.total : 0} max={1} />
      </Field>
      <div>
        <Button onClick={cancel}>{cancelLabel}</Button>
      </div>
    </section>
  );
}
