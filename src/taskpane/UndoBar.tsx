import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { MARKS_UI } from '../i18n/marks';
import { usePane } from './context';
import { Outcome } from './tabs/Outcome';
import { usePaneStyles } from './styles';

const useStyles = makeStyles({
  /** Kept in view at the bottom of the pane, however far the panel scrolls. */
  bar: {
    position: 'sticky',
    bottom: 0,
    marginTop: 'auto',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

/**
 * «Буцаах»: undoes the pane's last write (format, fill, summary, drafts, import, consolidation,
 * marks). Shown from a write until the next one; the hint below says why Excel's own undo cannot
 * (a line of text rather than a Tooltip, which would bring Fluent's positioning into the bundle).
 */
export function UndoBar() {
  const { lang, sheet, applier, status, announce, attempt } = usePane();
  const styles = usePaneStyles();
  const own = useStyles();
  const t = MARKS_UI[lang].undo;
  if (!applier.canUndo && status?.at !== 'undo') return null;

  const undo = () =>
    attempt(async () => {
      await applier.undoLast();
      await sheet.reload();
      announce(t.done, 'success', 'undo');
    }, 'undo');

  return (
    <div className={own.bar} role="group" aria-label={t.label}>
      {applier.canUndo && (
        <div className={styles.row}>
          <Button onClick={() => void undo()} disabled={applier.busy} aria-describedby="undo-hint">
            {t.button}
          </Button>
          <Text className={styles.muted}>{t.label}</Text>
        </div>
      )}
      {applier.canUndo && (
        <Text id="undo-hint" size={200} className={styles.muted}>
          {t.hint}
        </Text>
      )}
      <Outcome at="undo" />
    </div>
  );
}
