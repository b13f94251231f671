import {
  Button,
  FluentProvider,
  mergeClasses,
  teamsHighContrastTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import { ExcelApiMissingError, type Host } from '../host/host';
import { UI } from '../i18n/ui';
import {
  PaneContext,
  type OutcomeAction,
  type PaneContextValue,
  type Status,
  type StatusIntent,
} from './context';
import { useApplier } from './hooks/useApplier';
import { useForcedColors } from './hooks/useForcedColors';
import { useSettings } from './hooks/useSettings';
import { useSheetAnalysis } from './hooks/useSheetAnalysis';
import { usePaneStyles } from './styles';
import { TABS, type TabId } from './tabs';
import { Tabs } from './TabStrip';
import { UndoBar } from './UndoBar';

/** The task pane over any host: Excel (Office.js) or the browser preview (ExcelJS). */
export function Pane({ host }: { host: Host }) {
  const styles = usePaneStyles();
  const { settings, loaded, save } = useSettings(host);
  const sheet = useSheetAnalysis(host, settings, loaded);
  const applier = useApplier(host);
  const forced = useForcedColors();
  const [tab, setTab] = useState<TabId>(TABS[0].id);
  const [status, setStatus] = useState<Status | null>(null);
  const lang = settings.lang;
  const t = UI[lang];

  const announce = useCallback(
    (text: string, intent: StatusIntent = 'info', at?: string, action?: OutcomeAction) =>
      setStatus({ text, intent, at, action }),
    [],
  );
  const attempt = useCallback(
    async <T,>(action: () => Promise<T>, at?: string): Promise<T | undefined> => {
      try {
        return await action();
      } catch (e) {
        announce(
          e instanceof ExcelApiMissingError
            ? t.common.excelTooOld(e.version)
            : t.common.error(e instanceof Error ? e.message : String(e)),
          'error',
          at,
        );
        return undefined;
      }
    },
    [announce, t],
  );

  const context = useMemo<PaneContextValue>(
    () => ({ host, lang, t, settings, saveSettings: save, sheet, applier, status, announce, attempt }),
    [host, lang, t, settings, save, sheet, applier, status, announce, attempt],
  );

  const tabItems = useMemo(() => TABS.map((d) => ({ id: d.id, label: d.label(t) })), [t]);
  const switchLanguage = () => void attempt(() => save({ ...settings, lang: t.switchToLang }));
  const active = TABS.find((d) => d.id === tab) ?? TABS[0];
  const Panel = active.Panel;
  const intentClass = {
    info: undefined,
    success: styles.statusSuccess,
    warning: styles.statusWarning,
    error: styles.statusError,
  };

  return (
    <FluentProvider
      theme={forced ? teamsHighContrastTheme : webLightTheme}
      lang={lang}
      className={styles.root}
      // The root's full-height white box must not reach portals: a tooltip's would cover the pane and take its clicks.
      applyStylesToPortals={false}
    >
      <PaneContext.Provider value={context}>
        <header className={styles.header}>
          <h1 className={styles.title}>{t.appTitle}</h1>
          <Button
            appearance="subtle"
            size="small"
            onClick={switchLanguage}
            aria-label={t.switchLabel}
            lang={t.switchToLang}
          >
            {t.switchTo}
          </Button>
        </header>
        {/* The tabs, the status line and the panel are the pane's main landmark (the panel itself is a tabpanel). */}
        <main className={styles.main}>
          <Tabs
            items={tabItems}
            selected={active.id}
            onSelect={(id) => {
              setTab(id);
              setStatus(null);
            }}
            label={t.tabsLabel}
            moreLabel={t.moreTabs}
          />
          <div role="status" aria-live="polite" aria-atomic="true" className={styles.status}>
            {status && !status.at && (
              <span className={mergeClasses(styles.statusText, intentClass[status.intent])}>
                {status.text}
              </span>
            )}
          </div>
          <div
            role="tabpanel"
            id={`panel-${active.id}`}
            aria-labelledby={`tab-${active.id}`}
            tabIndex={0}
            className={styles.panel}
          >
            <Panel />
          </div>
          <UndoBar />
        </main>
      </PaneContext.Provider>
    </FluentProvider>
  );
}
