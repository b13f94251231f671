/**
 * The consolidate tab's part for the shared workbook on OneDrive/SharePoint: the pasted sharing
 * link, Preview and Consolidate through Microsoft Graph (src/targets/graph), the progress with
 * Cancel. Loaded lazily by ConsolidateTab when the user chooses this destination, so none of it
 * weighs on the pane's start; the Graph client and MSAL come later still (sharedWorkbook.ts).
 */
import { Button, Field, Input, ProgressBar, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { missingIdentity, type Push } from '../../core/consolidate';
import { GRAPH_CONFIRM, GRAPH_PHASES } from '../../i18n/graph';
import { usePane } from '../context';
import { linkProblem, sharedErrorMessage, useSharedPush, type SharedCounts } from '../hooks/useSharedPush';
import { useSharedWorkbook } from '../sharedWorkbook';
import { usePaneStyles } from '../styles';
import { Busy } from './Tag';
import { Outcome } from './Outcome';
import { PreviewCounts } from './PreviewCounts';

export interface SharedPanelProps {
  /** The pasted link (kept by the tab, so that it survives a switch of destination). */
  link: string;
  onLinkChange(link: string): void;
  /** The pushes of the selected sheets (useConsolidation's collectPushes). */
  collectPushes(): Promise<Push[]>;
  /** Changes whenever the choice of sheets changes: the preview is then stale. */
  selection: unknown;
  /** No sheet is selected. */
  nothing: boolean;
  /** Reports when a preview or push starts and ends (the tab locks the sheet and destination choice). */
  onBusyChange(busy: boolean): void;
  /** Who consolidates, as entered in the tab (shown in the confirm step when given). */
  consolidator: string;
}

/** The units of the pushes as the confirm step names them: at most five, then how many more. */
function unitNames(pushes: Push[]): { count: number; names: string } {
  const all = [...new Set(pushes.map((p) => [p.source.unit, p.source.person].filter(Boolean).join(' · ')))];
  const shown = all.slice(0, 5).join(', ');
  return { count: all.length, names: all.length > 5 ? `${shown} … (+${all.length - 5})` : shown };
}

export default function SharedPanel({
  link,
  onLinkChange,
  collectPushes,
  selection,
  nothing,
  onBusyChange,
  consolidator,
}: SharedPanelProps) {
  const { t, lang, host, settings, announce, attempt } = usePane();
  const styles = usePaneStyles();
  const shared = useSharedPush(useSharedWorkbook(), settings.scale, link, host);
  /** The link's problem is shown once a link was pasted or an action refused because of it. */
  const [linkChecked, setLinkChecked] = useState(false);
  /** The pushes read and previewed, waiting for the user's yes before anything is written. */
  const [pending, setPending] = useState<{ pushes: Push[]; counts: SharedCounts } | null>(null);

  const { busy, clearPreview } = shared;
  useEffect(() => onBusyChange(busy), [busy, onBusyChange]);
  useEffect(() => () => onBusyChange(false), [onBusyChange]);
  // Other sheets or another workbook: the preview no longer holds.
  useEffect(() => {
    clearPreview();
    setPending(null);
  }, [selection, link, clearPreview]);

  const problem = linkProblem(link);
  const problemText =
    problem === 'missing'
      ? t.consolidate.linkMissing
      : problem === 'invalid'
        ? t.consolidate.linkInvalid
        : '';

  /** Runs a preview or push: a refused link, or a failure in the user's words (never the raw error). */
  const act = (action: (collect: () => Promise<Push[]>) => Promise<void>) =>
    attempt(async () => {
      if (nothing) return announce(t.consolidate.pickOne, 'warning', 'shared');
      if (problem) {
        setLinkChecked(true);
        return announce(problemText, 'error', 'shared');
      }
      // Reading this workbook's sheets failing is this workbook's error, shown as the other tabs show theirs.
      const local = { failed: false };
      const collect = () =>
        collectPushes().catch((error: unknown) => {
          local.failed = true;
          throw error;
        });
      try {
        await action(collect);
      } catch (e) {
        if (local.failed) throw e;
        const { text, cancelled } = sharedErrorMessage(e, lang);
        announce(text, cancelled ? 'warning' : 'error', 'shared');
      }
    }, 'shared');

  const preview = () =>
    act(async (collect) => {
      const n = await shared.runPreview(collect);
      announce(t.consolidate.previewDone(n.added, n.updated, n.removed, n.unchanged), 'info', 'shared');
    });

  /** Consolidate: reads and previews, then asks where, what and how much before writing. */
  const push = () =>
    act(async (collect) => {
      setPending(null);
      const pushes = await collect();
      // Rows are never written under an empty unit or person: the tab's fields ask for them first.
      if (pushes.some((x) => missingIdentity(x).length > 0))
        return announce(t.consolidate.confirmIdentity, 'warning', 'shared');
      const counts = await shared.runPreview(async () => pushes);
      setPending({ pushes, counts });
    });

  const confirm = () =>
    act(async () => {
      if (!pending) return;
      const { pushes } = pending;
      setPending(null);
      const r = await shared.push(async () => pushes);
      announce(
        t.consolidate.sharedPushed(
          r.workbook.name,
          r.rows.length,
          r.added,
          r.updated,
          r.removed,
          r.unchanged,
        ),
        'success',
        'shared',
      );
    });

  const words = GRAPH_CONFIRM[lang];
  const units = pending ? unitNames(pending.pushes) : null;

  const p = shared.progress;

  return (
    <>
      <Field
        label={t.consolidate.link}
        hint={t.consolidate.linkHint}
        validationState={linkChecked && problem ? 'error' : 'none'}
        validationMessage={linkChecked && problem ? problemText : undefined}
      >
        <Input
          type="url"
          value={link}
          onChange={(_, d) => onLinkChange(d.value)}
          // A pasted link is judged at once; one being typed, when Preview or Consolidate is pressed
          // (not when the field is left: the message would move the buttons under the pointer).
          onPaste={() => setLinkChecked(true)}
          disabled={busy}
          spellCheck={false}
          autoComplete="off"
        />
      </Field>

      <div className={styles.row}>
        <Button onClick={() => void preview()} disabled={busy || nothing}>
          {t.consolidate.preview}
        </Button>
        <Button appearance="primary" onClick={() => void push()} disabled={busy || nothing}>
          {t.consolidate.push}
        </Button>
      </div>
      <Outcome at="shared" />

      {pending && units && (
        <section className={styles.section} aria-label={words.heading}>
          <h3 className={styles.heading}>{words.heading}</h3>
          <Text as="p">{words.target(pending.counts.workbook)}</Text>
          <Text as="p">{words.units(units.count, units.names)}</Text>
          {consolidator.trim() && <Text as="p">{words.consolidator(consolidator.trim())}</Text>}
          <Text as="p">
            {words.counts(
              pending.counts.added,
              pending.counts.updated,
              pending.counts.removed,
              pending.counts.unchanged,
            )}
          </Text>
          {!pending.counts.exists && <Text as="p">{words.created}</Text>}
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void confirm()} disabled={busy}>
              {words.confirm}
            </Button>
            <Button onClick={() => setPending(null)} disabled={busy}>
              {words.back}
            </Button>
          </div>
        </section>
      )}

      {!pending && shared.preview && (
        <PreviewCounts
          counts={shared.preview}
          before={<Text>{t.consolidate.sharedTarget(shared.preview.workbook)}</Text>}
          after={shared.preview.exists ? undefined : <Text>{t.consolidate.sharedNew}</Text>}
        />
      )}

      {busy && (
        <section className={styles.section} aria-label={t.consolidate.progress}>
          {p ? (
            <Field
              label={GRAPH_PHASES[lang][p.phase]}
              hint={p.total > 0 ? t.consolidate.sharedProgressOf(p.done, p.total) : undefined}
            >
              {/* No total yet: an indeterminate bar. */}
              <ProgressBar value={p.total > 0 ? p.done / p.total : undefined} max={1} />
            </Field>
          ) : (
            <Busy label={t.common.working} />
          )}
          <div>
            <Button onClick={shared.cancel}>{t.consolidate.cancel}</Button>
          </div>
        </section>
      )}
    </>
  );
}
