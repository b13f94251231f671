import {
  Button,
  Checkbox,
  Field,
  ProgressBar,
  Radio,
  RadioGroup,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import { templateById } from '../../core/templates';
import type { UiText } from '../../i18n/ui';
import { usePane } from '../context';
import { ForeignSheetError, useConsolidation, type Counts } from '../hooks/useConsolidation';
import { usePaneStyles } from '../styles';

/**
 * Where a consolidation goes. Only this workbook for now.
 * >>> The shared workbook on OneDrive/SharePoint (Microsoft Graph, src/targets/graph) is
 * >>> added here as a second entry, with its own push in useConsolidation.
 */
const DESTINATIONS: { id: 'workbook'; label: (t: UiText) => string }[] = [
  { id: 'workbook', label: (t) => t.consolidate.thisWorkbook },
];

const COUNT_KEYS: (keyof Counts)[] = ['added', 'updated', 'removed', 'unchanged'];

export function ConsolidateTab() {
  const { t, lang, host, settings, sheet, applier, announce, attempt } = usePane();
  const styles = usePaneStyles();
  const c = useConsolidation(host, settings, sheet.overrides);
  const [destination, setDestination] = useState<string>(DESTINATIONS[0].id);
  const [running, setRunning] = useState(false);
  const nothing = c.selected.size === 0;

  const guard = async <T,>(action: () => Promise<T>) =>
    attempt(async () => {
      try {
        return await action();
      } catch (e) {
        if (e instanceof ForeignSheetError) {
          announce(t.consolidate.foreignSheet(e.sheet), 'error');
          return undefined;
        }
        throw e;
      }
    });

  const preview = () =>
    guard(async () => {
      if (nothing) return announce(t.consolidate.pickOne, 'warning');
      const n = await c.runPreview();
      announce(t.consolidate.previewDone(n.added, n.updated, n.removed, n.unchanged));
    });

  const push = () =>
    guard(async () => {
      if (nothing) return announce(t.consolidate.pickOne, 'warning');
      setRunning(true);
      try {
        const { result, outcome } = await c.push(applier);
        if (outcome.aborted) announce(t.consolidate.cancelled(outcome.done, outcome.total), 'warning');
        else
          announce(
            t.consolidate.pushed(
              result.rows.length,
              result.added,
              result.updated,
              result.removed,
              result.unchanged,
            ),
            'success',
          );
      } finally {
        setRunning(false);
      }
    });

  if (c.sheets === null) return <Spinner size="tiny" label={t.common.loading} />;

  return (
    <>
      <section className={styles.section} aria-labelledby="sheets-heading">
        <h2 id="sheets-heading" className={styles.heading}>
          {t.consolidate.sheets}
        </h2>
        {c.error && <Text>{t.common.error(c.error)}</Text>}
        {c.sheets.length === 0 ? (
          <Text>{t.consolidate.noSheets}</Text>
        ) : (
          <div role="group" aria-labelledby="sheets-heading" className={styles.list}>
            {c.sheets.map((s) => (
              <Checkbox
                key={s.name}
                checked={c.selected.has(s.name)}
                onChange={(_, d) => c.toggle(s.name, d.checked === true)}
                label={`${s.name} — ${s.template ? templateById(s.template).name[lang] : t.consolidate.unrecognized}`}
                disabled={running}
              />
            ))}
          </div>
        )}
      </section>

      <Field label={t.consolidate.destination}>
        <RadioGroup value={destination} onChange={(_, d) => setDestination(d.value)} disabled={running}>
          {DESTINATIONS.map((d) => (
            <Radio key={d.id} value={d.id} label={d.label(t)} />
          ))}
        </RadioGroup>
      </Field>

      <div className={styles.row}>
        <Button onClick={() => void preview()} disabled={running || nothing}>
          {t.consolidate.preview}
        </Button>
        <Button appearance="primary" onClick={() => void push()} disabled={running || nothing}>
          {t.consolidate.push}
        </Button>
      </div>

      {c.preview && (
        <section className={styles.section} aria-labelledby="preview-heading">
          <h2 id="preview-heading" className={styles.heading}>
            {t.consolidate.preview}
          </h2>
          <dl className={styles.grid} aria-labelledby="preview-heading">
            {COUNT_KEYS.map((k) => (
              <div key={k} className={styles.pair}>
                <dt>{t.consolidate.counts[k]}</dt>
                <dd className={styles.address}>{c.preview![k]}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {applier.progress && running && (
        <section className={styles.section} aria-label={t.consolidate.progress}>
          <Field
            label={t.consolidate.progress}
            hint={t.consolidate.progressOf(applier.progress.done, applier.progress.total)}
          >
            <ProgressBar
              value={applier.progress.total ? applier.progress.done / applier.progress.total : 0}
              max={1}
            />
          </Field>
          <div>
            <Button onClick={applier.cancel}>{t.consolidate.cancel}</Button>
          </div>
        </section>
      )}
    </>
  );
}
