import type { ReactNode } from 'react';
import { usePane } from '../context';
import type { Counts } from '../hooks/useConsolidation';
import { usePaneStyles } from '../styles';

const COUNT_KEYS: (keyof Counts)[] = ['added', 'updated', 'removed', 'unchanged'];

/** What a consolidation changes (rows added, updated, removed, unchanged), for either destination. */
export function PreviewCounts({
  counts,
  before,
  after,
}: {
  counts: Counts;
  before?: ReactNode;
  after?: ReactNode;
}) {
  const { t } = usePane();
  const styles = usePaneStyles();
  return (
    <section className={styles.section} aria-labelledby="preview-heading">
      <h2 id="preview-heading" className={styles.heading}>
        {t.consolidate.preview}
      </h2>
      {before}
      <dl className={styles.grid} aria-labelledby="preview-heading">
        {COUNT_KEYS.map((k) => (
          <div key={k} className={styles.pair}>
            <dt>{t.consolidate.counts[k]}</dt>
            <dd className={styles.address}>{counts[k]}</dd>
          </div>
        ))}
      </dl>
      {after}
    </section>
  );
}
