import { Button, Text } from '@fluentui/react-components';
import type { Issue, Severity, SheetAnalysis } from '../../core/model';
import { usePane } from '../context';
import { SEVERITIES, groupIssues, issueCell, issueParts } from '../logic';
import { usePaneStyles } from '../styles';
import { Tag } from './Tag';

const BADGE_COLOR: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

/** An issue that names a cell: a button showing the address and the message, that selects the cell. */
export function IssueButton({
  address,
  text,
  onClick,
}: {
  address: string;
  text: string;
  onClick: () => void;
}) {
  const { t } = usePane();
  const styles = usePaneStyles();
  return (
    <Button
      appearance="subtle"
      className={styles.issueButton}
      onClick={onClick}
      title={t.check.issueAction(address)}
    >
      <span>
        <span className={styles.address}>{address}</span>
        {` — ${text}`}
      </span>
    </Button>
  );
}

/**
 * Keys that stay with their issue when a live re-check adds or removes others (not the index),
 * so React keeps the button that has the focus.
 */
function issueKeys(issues: Issue[]): [Issue, string][] {
  const seen = new Map<string, number>();
  return issues.map((issue) => {
    const base = `${issue.code}-${issue.row}-${issue.column}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return [issue, `${base}-${n}`];
  });
}

/** Issues grouped by severity; each one a button that selects its cell. */
export function IssueList({ analysis }: { analysis: SheetAnalysis }) {
  const { t, lang, host, announce, attempt } = usePane();
  const styles = usePaneStyles();
  const groups = groupIssues(analysis.issues);

  const select = (issue: Issue, address: string) =>
    attempt(async () => {
      const cell = issueCell(issue, analysis);
      if (!cell) return;
      await host.selectCell(issue.sheet || analysis.sheet, cell.row, cell.col);
      announce(t.check.selected(address));
    });

  return (
    <section className={styles.section} aria-labelledby="issues-heading">
      <h2 id="issues-heading" className={styles.heading}>
        {t.check.issues}
      </h2>
      <div className={styles.row}>
        {SEVERITIES.map((s) => (
          <Tag key={s} color={BADGE_COLOR[s]}>
            {`${t.severity[s]}: ${groups[s].length}`}
          </Tag>
        ))}
      </div>
      {analysis.issues.length === 0 && <Text>{t.check.noIssues}</Text>}
      {SEVERITIES.filter((s) => groups[s].length > 0).map((s) => (
        <div key={s} className={styles.section}>
          <h3 id={`issues-${s}`} className={styles.heading}>
            {t.severity[s]}{' '}
            <Tag color={BADGE_COLOR[s]} label={`${groups[s].length}`}>
              {groups[s].length}
            </Tag>
          </h3>
          <ul className={styles.list} aria-labelledby={`issues-${s}`}>
            {issueKeys(groups[s]).map(([issue, key]) => {
              const { address, text } = issueParts(issue, lang);
              const cell = issueCell(issue, analysis);
              return (
                <li key={key}>
                  {cell && address ? (
                    <IssueButton address={address} text={text} onClick={() => void select(issue, address)} />
                  ) : (
                    <Text>{text}</Text>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
