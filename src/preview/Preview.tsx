/**
 * The browser preview: a workbook held by ExcelJS, shown as a read-only grid with sheet tabs,
 * and the real task pane beside it over the same Host interface it has in Excel. The pane
 * does not know it is in a browser.
 */
import {
  Button,
  FluentProvider,
  Select,
  Spinner,
  makeStaticStyles,
  makeStyles,
  mergeClasses,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import ExcelJS from 'exceljs';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type KeyboardEvent,
} from 'react';
import { cellAddress } from '../core/snapshot';
import { createWorkbookHost, type WorkbookHost } from '../host/workbookHost';
import type { Opener } from '../host/host';
import { PREVIEW_TEXT, SAMPLE_NAMES } from '../i18n/preview';
import type { Lang } from '../i18n/ui';
import { mount } from '../taskpane/index';
import { themeColors } from './colors';
import { downloadWorkbook } from './download';
import { Grid } from './Grid';
import { openFiles, type InputFile } from './open';
import type { GridModel } from './render';
import { SAMPLES, fetchSample } from './samples';
import { settingsStorage } from './storage';

const PANE_WIDTH = 360;

const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  root: {
    height: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    overflow: 'hidden',
  },
  workbook: { flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', minHeight: 0 },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  brand: { display: 'flex', flexDirection: 'column', flex: '1 1 180px', minWidth: 0 },
  title: {
    display: 'flex',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
    whiteSpace: 'nowrap',
  },
  subtitle: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  sample: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  select: { width: '260px' },
  label: { fontSize: tokens.fontSizeBase300 },
  fileName: {
    minWidth: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground1,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  message: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    fontSize: tokens.fontSizeBase300,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    ':empty': { display: 'none' },
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  body: { flex: 1, display: 'flex', minHeight: 0 },
  sheetArea: { flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', minHeight: 0 },
  formulaBar: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: '#FFFFFF',
  },
  box: {
    boxSizing: 'border-box',
    height: '26px',
    padding: '0 6px',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    backgroundColor: '#FFFFFF',
  },
  nameBox: { width: '84px', textAlign: 'center', fontFamily: tokens.fontFamilyMonospace },
  content: { flex: 1, minWidth: 0 },
  scroller: { flex: 1, overflow: 'auto', position: 'relative', backgroundColor: '#FFFFFF', minHeight: 0 },
  welcome: {
    position: 'absolute',
    top: '56px',
    left: '72px',
    maxWidth: '460px',
    padding: tokens.spacingHorizontalXL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow16,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    zIndex: 4,
  },
  welcomeTitle: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  welcomeText: { margin: 0, color: tokens.colorNeutralForeground2 },
  sheetBar: {
    display: 'flex',
    alignItems: 'stretch',
    minHeight: '30px',
    overflowX: 'auto',
    backgroundColor: '#F3F3F3',
    borderTop: '1px solid #C8C8C8',
    paddingLeft: tokens.spacingHorizontalS,
  },
  sheetTab: {
    border: 'none',
    borderRight: '1px solid #C8C8C8',
    backgroundColor: 'transparent',
    padding: '4px 14px',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: '#333333',
    cursor: 'pointer',
    whiteSpace: 'nowrap',
    ':hover': { backgroundColor: '#E6E6E6' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  sheetTabActive: {
    backgroundColor: '#FFFFFF',
    color: '#0E5C31',
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: 'inset 0 -3px 0 #107C41',
    ':hover': { backgroundColor: '#FFFFFF' },
  },
  status: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    padding: `2px ${tokens.spacingHorizontalM}`,
    fontSize: tokens.fontSizeBase200,
    color: '#404040',
    backgroundColor: '#F3F3F3',
    borderTop: '1px solid #DADADA',
  },
  pane: {
    width: `${PANE_WIDTH}px`,
    flexShrink: 0,
    overflowY: 'auto',
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    // The pane fills its own window in Excel (min-height 100vh); here it fills this column.
    '& > div > .fui-FluentProvider': { minHeight: '100%' },
  },
  hidden: { display: 'none' },
});

interface Doc {
  host: WorkbookHost;
  fileName: string;
  /** The blank workbook the preview starts with (as Excel starts with Book1). */
  blank: boolean;
}

type Message = { text: string; intent: 'info' | 'error' } | null;

/** A plain number typed in the cell box is a number, as Excel reads it; anything else is text. */
const typed = (text: string): string | number | null =>
  text === '' ? null : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;

/** The formula bar's content box: Enter writes what was typed into the selected cell (an edit the pane's live checking sees). */
function CellEditor({
  className,
  label,
  content,
  onCommit,
}: {
  className: string;
  label: string;
  content: string;
  onCommit?: (value: string | number | null) => void;
}) {
  const [text, setText] = useState(content);
  return (
    <input
      className={className}
      aria-label={label}
      value={text}
      readOnly={!onCommit}
      data-testid="cell-content"
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && onCommit) onCommit(typed(text));
        if (e.key === 'Escape') setText(content);
      }}
    />
  );
}

/** Mounts the task pane over `host` into a fresh element, and unmounts it when the host changes. */
function PaneSlot({ host, className }: { host: WorkbookHost; className: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const slot = document.createElement('div');
    container.appendChild(slot);
    const unmount = mount(host, slot);
    return () => {
      slot.hidden = true;
      // Another React root cannot be unmounted while this one is rendering.
      setTimeout(() => {
        unmount();
        slot.remove();
      }, 0);
    };
  }, [host]);
  return <div ref={ref} className={className} data-testid="task-pane" />;
}

export function Preview() {
  useGlobalStyles();
  const styles = useStyles();
  const [lang, setLang] = useState<Lang>('mn');
  const storage = useMemo(() => settingsStorage(setLang), []);
  useEffect(() => setLang(storage.lang()), [storage]);
  const t = PREVIEW_TEXT[lang];

  // The pane's empty state opens samples and files through the same `open` as the toolbar.
  const openRef = useRef<(load: () => Promise<InputFile[]>) => Promise<void>>(async () => undefined);
  const opener = useMemo<Opener>(
    () => ({
      missing: () => null,
      openSample: async (id) => {
        const s = SAMPLES.find((x) => x.id === id);
        if (!s) return;
        setSample(id);
        await openRef.current(() => fetchSample(s));
      },
      openFiles: async (files) => {
        setSample('');
        await openRef.current(async () => files);
      },
    }),
    [],
  );
  const blankDoc = useCallback((): Doc => {
    const text = PREVIEW_TEXT[storage.lang()];
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet(text.blankSheet);
    const fileName = `${text.blankName}.xlsx`;
    return { host: createWorkbookHost(workbook, { fileName, storage, opener }), fileName, blank: true };
  }, [storage, opener]);
  const [doc, setDoc] = useState<Doc>(blankDoc);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [sample, setSample] = useState('');
  const [grid, setGrid] = useState<GridModel | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // Everything the grid shows follows the host: its workbook, active sheet and selection.
  const [version, setVersion] = useState(0);
  const [sheets, setSheets] = useState<string[]>([]);
  const [active, setActive] = useState('');
  useEffect(() => {
    let live = true;
    const refresh = async () => {
      const [names, current] = await Promise.all([doc.host.listSheets(), doc.host.activeSheet()]);
      if (!live) return;
      setSheets(names);
      setActive(current);
      setVersion((v) => v + 1);
    };
    void refresh();
    const stop = doc.host.onChange(() => void refresh());
    return () => {
      live = false;
      stop();
    };
  }, [doc]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.pageTitle;
  }, [lang, t]);

  const open = useCallback(
    async (load: () => Promise<InputFile[]>) => {
      setBusy(true);
      setMessage({ text: PREVIEW_TEXT[storage.lang()].loading, intent: 'info' });
      try {
        const files = await load();
        const opened = await openFiles(files);
        const host = createWorkbookHost(opened.workbook, { fileName: opened.fileName, storage, opener });
        const text = PREVIEW_TEXT[storage.lang()];
        const count = (await host.listSheets()).length;
        setDoc({ host, fileName: opened.fileName, blank: false });
        setMessage({
          text: [
            text.loaded(opened.fileName, count),
            ...(opened.renamed.length ? [text.renamed(opened.renamed.map((r) => r.to))] : []),
          ].join(' '),
          intent: 'info',
        });
      } catch (e) {
        setMessage({
          text: PREVIEW_TEXT[storage.lang()].loadError(e instanceof Error ? e.message : String(e)),
          intent: 'error',
        });
      } finally {
        setBusy(false);
      }
    },
    [storage, opener],
  );
  openRef.current = open;

  const openSample = useCallback(
    (id: string) => {
      const s = SAMPLES.find((x) => x.id === id);
      setSample(id);
      if (s) void open(() => fetchSample(s));
    },
    [open],
  );

  // ?sample=<id> opens a sample straight away (links in the README, screenshots), once.
  const linkedSampleOpened = useRef(false);
  useEffect(() => {
    if (linkedSampleOpened.current) return;
    linkedSampleOpened.current = true;
    const id = new URLSearchParams(window.location.search).get('sample');
    if (id && SAMPLES.some((s) => s.id === id)) openSample(id);
  }, [openSample]);

  const pickFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const list = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (list.length === 0) return;
    setSample('');
    void open(() => Promise.all(list.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() }))));
  };

  const download = async () => {
    try {
      await downloadWorkbook(doc.host.workbook, doc.fileName);
      setMessage({ text: t.downloaded(doc.fileName), intent: 'info' });
    } catch (e) {
      setMessage({ text: t.loadError(e instanceof Error ? e.message : String(e)), intent: 'error' });
    }
  };

  const worksheet = active ? doc.host.workbook.getWorksheet(active) : undefined;
  const selection = doc.host.selection();
  const selectedHere =
    selection && selection.sheet === active ? { row: selection.row, col: selection.col } : null;
  const theme = useMemo(
    () => themeColors((doc.host.workbook as unknown as { _themes?: Record<string, string> })._themes?.theme1),
    [doc],
  );
  const date1904 = !!(doc.host.workbook.properties as { date1904?: boolean } | undefined)?.date1904;
  const selectedCell =
    selectedHere && grid
      ? (() => {
          const address =
            grid.mergedInto.get(cellAddress(selectedHere.row, selectedHere.col)) ??
            cellAddress(selectedHere.row, selectedHere.col);
          return {
            address,
            content: grid.rows.flatMap((r) => r.cells).find((c) => c.address === address)?.content ?? '',
          };
        })()
      : null;

  const select = (row: number, col: number) => void doc.host.selectCell(active, row, col);
  const activateSheet = (name: string) => doc.host.activate(name);
  const tabKeys = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next =
      e.key === 'ArrowRight'
        ? index + 1
        : e.key === 'ArrowLeft'
          ? index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? sheets.length - 1
              : null;
    if (next === null || next < 0 || next >= sheets.length) return;
    e.preventDefault();
    activateSheet(sheets[next]);
    requestAnimationFrame(() => document.getElementById(`sheet-tab-${next}`)?.focus());
  };
  const activeIndex = sheets.indexOf(active);

  return (
    <FluentProvider theme={webLightTheme} lang={lang} className={styles.root}>
      <div className={styles.body}>
        <section className={styles.workbook} aria-label={t.workbook}>
          <div className={styles.toolbar} role="toolbar" aria-label={t.workbook}>
            <div className={styles.brand}>
              <span className={styles.title}>
                {t.title}
                <span className={styles.fileName} data-testid="file-name" title={doc.fileName}>
                  {doc.fileName}
                </span>
              </span>
              <span className={styles.subtitle}>{t.subtitle}</span>
            </div>
            <input
              ref={fileInput}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple
              className={styles.hidden}
              aria-label={t.openFilesLabel}
              data-testid="file-input"
              onChange={pickFiles}
            />
            <Button
              appearance="primary"
              onClick={() => fileInput.current?.click()}
              disabled={busy}
              title={t.openFilesLabel}
            >
              {t.openFiles}
            </Button>
            <div className={styles.sample}>
              <label htmlFor="sample-select" className={styles.label}>
                {t.sample}
              </label>
              <Select
                id="sample-select"
                className={styles.select}
                value={sample}
                onChange={(_, d) => openSample(d.value)}
                disabled={busy}
              >
                <option value="" disabled>
                  {t.samplePlaceholder}
                </option>
                {SAMPLES.map((s) => (
                  <option key={s.id} value={s.id}>
                    {SAMPLE_NAMES[s.id][lang]}
                  </option>
                ))}
              </Select>
            </div>
            <Button onClick={() => void download()} disabled={busy} title={t.downloadLabel(doc.fileName)}>
              {t.download}
            </Button>
            {busy && <Spinner size="tiny" label={t.loading} />}
          </div>
          <div
            role="status"
            aria-live="polite"
            className={mergeClasses(styles.message, message?.intent === 'error' && styles.error)}
          >
            {message && message.text}
          </div>

          <div className={styles.sheetArea}>
            <div className={styles.formulaBar}>
              <input
                className={mergeClasses(styles.box, styles.nameBox)}
                readOnly
                aria-label={t.nameBox}
                value={selectedCell?.address ?? ''}
                data-testid="name-box"
              />
              <CellEditor
                key={`${active}|${selectedCell?.address ?? ''}|${selectedCell?.content ?? ''}`}
                className={mergeClasses(styles.box, styles.content)}
                label={t.cellContent}
                content={selectedCell?.content ?? ''}
                onCommit={
                  selectedHere
                    ? (value) => doc.host.editCell({ sheet: active, ...selectedHere }, value)
                    : undefined
                }
              />
            </div>
            <div
              className={styles.scroller}
              role="tabpanel"
              id="sheet-panel"
              aria-labelledby={activeIndex >= 0 ? `sheet-tab-${activeIndex}` : undefined}
            >
              {worksheet && (
                <Grid
                  worksheet={worksheet}
                  version={version}
                  selection={selectedHere}
                  onSelect={select}
                  theme={theme}
                  date1904={date1904}
                  t={t}
                  onModel={setGrid}
                />
              )}
              {doc.blank && (
                <div className={styles.welcome}>
                  <h1 className={styles.welcomeTitle}>{t.empty}</h1>
                  <p className={styles.welcomeText}>{t.emptyMore}</p>
                </div>
              )}
            </div>
            <div className={styles.sheetBar} role="tablist" aria-label={t.sheets}>
              {sheets.map((name, i) => (
                <button
                  key={name}
                  type="button"
                  role="tab"
                  id={`sheet-tab-${i}`}
                  aria-selected={name === active}
                  aria-controls="sheet-panel"
                  tabIndex={name === active ? 0 : -1}
                  className={mergeClasses(styles.sheetTab, name === active && styles.sheetTabActive)}
                  onClick={() => activateSheet(name)}
                  onKeyDown={(e) => tabKeys(e, i)}
                >
                  {name}
                </button>
              ))}
            </div>
            <div className={styles.status}>
              <span>{t.readOnly}</span>
              <span>{t.chartsNote}</span>
              {grid?.truncated && <span>{t.truncated(grid.rowCount, grid.colCount)}</span>}
            </div>
          </div>
        </section>
        <PaneSlot host={doc.host} className={styles.pane} />
      </div>
    </FluentProvider>
  );
}
