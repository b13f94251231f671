import { Text } from '@fluentui/react-components';
import { TEMPLATES } from '../../core/templates';
import { usePane } from '../context';
import { usePaneStyles } from '../styles';

/**
 * A blank or foreign sheet: what the add-in does and which sheets it knows, instead of a 0 %
 * confidence and a list of templates that do not match.
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
