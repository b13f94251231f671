import { Button, Text } from '@fluentui/react-components';
import { useRef } from 'react';
import { WORD_UI } from '../../i18n/docx';
import { usePane } from '../context';
import { analyzeOptions } from '../logic';
import { usePaneStyles } from '../styles';
import { planWordImport, wordFailure } from '../wordImport';

const DOCX_TYPES = '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** «Word файл оруулах»: a styled button over a hidden file input; the picked .docx becomes a new, formatted, checked sheet. */
export function WordImport() {
  const { lang, host, sheet, settings, applier, announce, attempt } = usePane();
  const styles = usePaneStyles();
  const t = WORD_UI[lang];
  const input = useRef<HTMLInputElement>(null);

  const pick = (files: FileList | null) =>
    attempt(async () => {
      const file = files?.[0];
      if (!file) return;
      // The same file may be picked again after it is fixed.
      if (input.current) input.current.value = '';
      announce(t.reading);
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const word = await planWordImport(
          bytes,
          file.name,
          await host.listSheets(),
          analyzeOptions(settings, undefined),
        );
        await applier.apply(word.plan);
        const a = await sheet.reload();
        const errors = a ? a.issues.filter((i) => i.severity === 'error').length : 0;
        announce(
          a?.template ? t.imported(word.sheet, a.activities.length, errors) : t.unrecognized(word.sheet),
          errors ? 'warning' : 'success',
        );
      } catch (e) {
        const message = wordFailure(e, lang);
        if (!message) throw e;
        announce(message, 'error');
      }
    });

  return (
    <section className={styles.section} aria-labelledby="word-import-heading">
      <h2 id="word-import-heading" className={styles.heading}>
        {t.button}
      </h2>
      <Text className={styles.muted}>{t.hint}</Text>
      <div className={styles.row}>
        <Button onClick={() => input.current?.click()} disabled={applier.busy}>
          {t.button}
        </Button>
        <input
          ref={input}
          type="file"
          accept={DOCX_TYPES}
          hidden
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => void pick(e.target.files)}
        />
      </div>
    </section>
  );
}
