import { Button, Checkbox, Field, Input, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useRef, useState, type ComponentType } from 'react';
import { templateById } from '../../core/templates';
import type { UiText } from '../../i18n/ui';
import { usePane } from '../context';
import { ForeignSheetError } from '../../core/consolidate';
import type { Progress } from '../hooks/useApplier';
import { useConsolidation } from '../hooks/useConsolidation';
import { useSharedWorkbook } from '../sharedWorkbook';
import { usePaneStyles } from '../styles';
import { Busy } from './Tag';
import { ApplyProgress } from './ApplyProgress';
import { Outcome } from './Outcome';
import { PreviewCounts } from './PreviewCounts';
import type { SharedPanelProps } from './SharedPanel';

type DestinationId = 'workbook' | 'shared';

/**
 * Where a consolidation goes: the sheets of this workbook, or the shared workbook on
 * OneDrive/SharePoint (Microsoft Graph, src/targets/graph) named by its sharing link. Both get
 * the same pushes (useConsolidation's collectPushes).
 */
const DESTINATIONS: { id: DestinationId; label: (t: UiText) => string }[] = [
  { id: 'workbook', label: (t) => t.consolidate.thisWorkbook },
  { id: 'shared', label: (t) => t.consolidate.sharedWorkbook },
];

/** The shared workbook's panel could not be fetched (offline): said, and tried again on the next render. */
function SharedUnreachable() {
  const { t } = usePane();
  return <Text>{t.consolidate.sharedUnreachable}</Text>;
}

/** The shared workbook's panel, a chunk of its own fetched when that destination is chosen. */
function lazySharedPanel(): ComponentType<SharedPanelProps> {
  return lazy(() =>
    import(/* webpackChunkName: "shared" */ './SharedPanel').catch(() => {
      SharedPanel = lazySharedPanel();
      return { default: SharedUnreachable };
    }),
  );
}
let SharedPanel = lazySharedPanel();

export function ConsolidateTab() {
  const { t, lang, host, settings, sheet, applier, announce, attempt } = usePane();
  const styles = usePaneStyles();
  const c = useConsolidation(host, settings, sheet.overrides);
  const sharedAvailable = useSharedWorkbook().clientId !== '';
  const [destination, setDestination] = useState<DestinationId>(DESTINATIONS[0].id);
  const [running, setRunning] = useState(false);
  /** Sheets read so far by a push: the cancellable part (nothing is written until all are read). */
  const [reading, setReading] = useState<Progress | null>(null);
  const readControl = useRef<AbortController | null>(null);
  const [sharedBusy, setSharedBusy] = useState(false);
  const [link, setLink] = useState('');
  const nothing = c.selected.size === 0;
  const working = running || sharedBusy;
  const { collectPushes } = c;
  const collect = useCallback(() => collectPushes(), [collectPushes]);

  const guard = async <T,>(action: () => Promise<T>) =>
    attempt(async () => {
      try {
        return await action();
      } catch (e) {
        if (e instanceof ForeignSheetError) {
          announce(t.consolidate.foreignSheet(e.sheet), 'error', 'consolidate');
          return undefined;
        }
        throw e;
      }
    }, 'consolidate');

  const preview = () =>
    guard(async () => {
      if (nothing) return announce(t.consolidate.pickOne, 'warning', 'consolidate');
      const n = await c.runPreview();
      announce(t.consolidate.previewDone(n.added, n.updated, n.removed, n.unchanged), 'info', 'consolidate');
    });

  const push = () =>
    guard(async () => {
      if (nothing) return announce(t.consolidate.pickOne, 'warning', 'consolidate');
      setRunning(true);
      const control = new AbortController();
      readControl.current = control;
      setReading({ done: 0, total: 0 });
      try {
        const done = await c.push(applier, {
          signal: control.signal,
          // Once every sheet is read the write begins, and it is not cut halfway.
          onProgress: (d, total) => setReading(d < total ? { done: d, total } : null),
        });
        setReading(null);
        if (done.kind === 'unconfirmed')
          return announce(t.consolidate.confirmIdentity, 'warning', 'consolidate');
        if (done.kind === 'cancelled') return announce(t.consolidate.cancelled, 'warning', 'consolidate');
        const { result } = done;
        announce(
          t.consolidate.pushed(
            result.rows.length,
            result.added,
            result.updated,
            result.removed,
            result.unchanged,
          ),
          'success',
          'consolidate',
        );
      } finally {
        readControl.current = null;
        setReading(null);
        setRunning(false);
      }
    });

  if (c.sheets === null) return <Busy label={t.common.loading} />;

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
                disabled={working}
              />
            ))}
          </div>
        )}
      </section>

      <Field label={t.consolidate.destination}>
        <RadioGroup
          value={destination}
          onChange={(_, d) => setDestination(d.value as DestinationId)}
          disabled={working}
        >
          {DESTINATIONS.map((d) =>
            d.id === 'shared' && !sharedAvailable ? (
              <div key={d.id}>
                <Radio value={d.id} label={d.label(t)} disabled aria-describedby="shared-unconfigured" />
                <Text id="shared-unconfigured" as="p" block size={200} className={styles.muted}>
                  {t.consolidate.sharedUnconfigured}
                </Text>
              </div>
            ) : (
              <Radio key={d.id} value={d.id} label={d.label(t)} />
            ),
          )}
        </RadioGroup>
      </Field>

      <Field label={t.consolidate.consolidator} hint={t.consolidate.consolidatorHint}>
        <Input
          value={c.identity.name}
          onChange={(_, d) => c.setIdentity({ ...c.identity, name: d.value })}
          disabled={working}
        />
      </Field>
      {c.unnamed.length > 0 && (
        <section className={styles.section} aria-label={t.consolidate.confirmIdentity}>
          <Text>{t.consolidate.unnamed(c.unnamed.map((u) => u.sheet).join(', '))}</Text>
          <Field label={t.consolidate.unit}>
            <Input
              value={c.identity.unit}
              onChange={(_, d) => c.setIdentity({ ...c.identity, unit: d.value })}
              disabled={working}
            />
          </Field>
          <Field label={t.consolidate.person}>
            <Input
              value={c.identity.person}
              onChange={(_, d) => c.setIdentity({ ...c.identity, person: d.value })}
              disabled={working}
            />
          </Field>
        </section>
      )}

      {destination === 'shared' ? (
        <Suspense fallback={<Busy label={t.common.loading} />}>
          <SharedPanel
            link={link}
            onLinkChange={setLink}
            collectPushes={collect}
            selection={c.selected}
            nothing={nothing}
            onBusyChange={setSharedBusy}
            consolidator={c.identity.name}
          />
        </Suspense>
      ) : (
        <>
          <div className={styles.row}>
            <Button
              onClick={() => void preview()}
              disabled={running || nothing}
              aria-describedby={nothing ? 'consolidate-why' : undefined}
            >
              {t.consolidate.preview}
            </Button>
            <Button
              appearance="primary"
              onClick={() => void push()}
              disabled={running || nothing}
              aria-describedby={nothing ? 'consolidate-why' : undefined}
            >
              {t.consolidate.push}
            </Button>
          </div>
          {nothing && (
            <Text id="consolidate-why" className={styles.muted}>
              {t.consolidate.pickOne}
            </Text>
          )}
          <Outcome at="consolidate" />

          {c.preview && <PreviewCounts counts={c.preview} />}

          {running && reading && (
            <ApplyProgress
              label={t.consolidate.reading}
              progress={reading}
              hint={t.consolidate.readOf}
              cancel={() => readControl.current?.abort()}
              cancelLabel={t.consolidate.cancel}
            />
          )}
          {running && !reading && applier.progress && (
            <ApplyProgress
              label={t.consolidate.progress}
              progress={applier.progress}
              note={t.consolidate.writingHint}
            />
          )}
        </>
      )}
    </>
  );
}
