import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import { usePane } from '../context';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  label: { fontWeight: tokens.fontWeightSemibold },
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    minWidth: 0,
  },
  name: { minWidth: 0, overflowWrap: 'anywhere', color: tokens.colorNeutralForeground2 },
});

/**
 * A file input in the pane's language: a Fluent button opens the browser's picker (the input
 * itself is hidden, so its own «Choose File / No file chosen» never shows), and a line names
 * the chosen file or says none is chosen.
 */
export function FilePicker(props: {
  label: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}) {
  const { label, accept, multiple, disabled, onFiles } = props;
  const { t } = usePane();
  const styles = useStyles();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <div role="group" aria-labelledby={`${id}-label`} className={styles.group}>
      <Text id={`${id}-label`} className={styles.label}>
        {label}
      </Text>
      <div className={styles.row}>
        <Button onClick={() => input.current?.click()} disabled={disabled} aria-describedby={`${id}-name`}>
          {t.file.choose}
        </Button>
        <Text id={`${id}-name`} className={styles.name}>
          {chosen.length ? chosen.join(', ') : t.file.none}
        </Text>
      </div>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
        hidden
        tabIndex={-1}
        aria-label={label}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // The same file may be picked again after it is fixed.
          e.target.value = '';
          if (!files.length) return;
          setChosen(files.map((f) => f.name));
          onFiles(files);
        }}
      />
    </div>
  );
}
