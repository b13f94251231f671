import { Button, Field, Select, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { TEMPLATES } from '../../core/templates';
import { SAMPLE_NAMES } from '../../i18n/preview';
import { SAMPLES } from '../../preview/samples';
import { usePane } from '../context';
import { usePaneStyles } from '../styles';
import { FilePicker } from './FilePicker';

const XLSX_TYPES = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Open one of the bundled samples or a file from disk, where the host can (see Host.opener). */
function OpenActions() {
  const { t, lang, host, attempt } = usePane();
  const styles = usePaneStyles();
  const [sample, setSample] = useState(SAMPLES[0].id);
  const [busy, setBusy] = useState(false);
  const opener = host.opener;
  if (!opener) return null;
  const missing = opener.missing();
  const run = (action: () => Promise<void>) =>
    void attempt(async () => {
      setBusy(true);
      try {
        await action();
      } finally {
        setBusy(false);
      }
    });
  const off = busy || missing !== null;
  return (
    <section className={styles.section} aria-labelledby="open-heading">
      <h3 id="open-heading" className={styles.heading}>
        {t.empty.openHeading}
      </h3>
      {host.kind === 'excel' && <Text className={styles.muted}>{t.empty.intoWorkbook}</Text>}
      <div className={styles.row}>
        <Field label={t.empty.sample}>
          <Select value={sample} onChange={(_, d) => setSample(d.value)} disabled={off}>
            {SAMPLES.map((s) => (
              <option key={s.id} value={s.id}>
                {SAMPLE_NAMES[s.id]?.[lang] ?? s.id}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          appearance="primary"
          onClick={() => run(() => opener.openSample(sample))}
          disabled={off}
          aria-describedby={missing ? 'open-why' : undefined}
        >
          {t.empty.openSample}
        </Button>
      </div>
      <FilePicker
        label={t.empty.file}
        accept={XLSX_TYPES}
        multiple
        disabled={off}
        onFiles={(files) =>
          run(async () =>
            opener.openFiles(
              await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() }))),
            ),
          )
        }
      />
      {missing && (
        <Text id="open-why" className={styles.muted}>
          {t.empty.cannotOpen(missing)}
        </Text>
      )}
    </section>
  );
}

/**
 * A blank or foreign sheet: what the add-in does, how to open something to work on, and which
 * sheets it knows, instead of a 0 % confidence and a list of templates that do not match.
 */
export function EmptyState({ blank }: { blank: boolean }) {
  const { t, lang } = usePane();
  const styles = usePaneStyles();
  return (
    <section className={styles.section} aria-labelledby="empty-heading">
      <h2 id="empty-heading" className={styles.heading}>
        {blank ? t.empty.blankHeading : t.empty.foreignHeading}
      </h2>
      <Text>{t.empty.what}</Text>
      <Text>{t.empty.open}</Text>
      <OpenActions />
      <h3 id="kinds-heading" className={styles.heading}>
        {t.empty.kinds}
      </h3>
      <ul aria-labelledby="kinds-heading" className={styles.bullets}>
        {TEMPLATES.map((tpl) => (
          <li key={tpl.id}>{tpl.name[lang]}</li>
        ))}
      </ul>
    </section>
  );
}
