import { Button, Text } from '@fluentui/react-components';
import { planMarks } from '../../core/marks';
import type { SheetAnalysis } from '../../core/model';
import { MARKS_UI } from '../../i18n/marks';
import { usePane } from '../context';
import { usePaneStyles } from '../styles';
import { Outcome } from './Outcome';

/** «Хуудсанд тэмдэглэх» / «Арилгах»: the issues as fills and notes in the sheet, for those without the add-in. */
export function MarksSection({ analysis }: { analysis: SheetAnalysis }) {
  const { lang, host, applier, announce, attempt } = usePane();
  const styles = usePaneStyles();
  const t = MARKS_UI[lang].marks;
  const marked = applier.marked;

  const mark = () =>
    attempt(async () => {
      const plan = planMarks(analysis.issues, analysis.sheet, lang);
      if (plan.marks.length === 0) {
        announce(t.nothing, 'info', 'marks');
        return;
      }
      const m = await applier.mark(() => host.markCells(plan));
      announce(t.marked(m.cells, m.kind), 'success', 'marks');
    }, 'marks');

  const remove = () =>
    attempt(async () => {
      const cells = marked?.cells ?? 0;
      await applier.unmark();
      announce(t.removed(cells), 'success', 'marks');
    }, 'marks');

  return (
    <section className={styles.section} aria-labelledby="marks-heading">
      <h2 id="marks-heading" className={styles.heading}>
        {t.heading}
      </h2>
      <Text className={styles.muted}>{t.hint}</Text>
      <div className={styles.row}>
        <Button onClick={() => void mark()} disabled={applier.busy || !!marked}>
          {t.mark}
        </Button>
        {marked && (
          <Button onClick={() => void remove()} disabled={applier.busy}>
            {t.remove}
          </Button>
        )}
      </div>
      <Outcome at="marks" />
    </section>
  );
}
