/**
 * The task pane's entry (webpack page "taskpane"). In Excel it waits for Office.onReady and
 * mounts the pane over the Office.js host; the browser preview imports `mount` and passes
 * its own host. Never import src/host/workbookHost (ExcelJS), src/xlsx or src/cli from here.
 */
import { FluentProvider, Text, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Host } from '../host/host';
import { createOfficeHost } from '../host/officeHost';
import { UI } from '../i18n/ui';
import { Pane } from './App';

/** Renders the pane over `host` into `element`; returns the unmount. */
export function mount(host: Host, element: HTMLElement): () => void {
  const root = createRoot(element);
  root.render(
    <StrictMode>
      <Pane host={host} />
    </StrictMode>,
  );
  return () => root.unmount();
}

/** The page was opened outside Excel (a browser tab, another Office application). */
function mountOutsideExcel(element: HTMLElement): void {
  createRoot(element).render(
    <FluentProvider theme={webLightTheme}>
      <Text as="p" lang="mn">
        {UI.mn.notInExcel}
      </Text>
      <Text as="p" lang="en">
        {UI.en.notInExcel}
      </Text>
    </FluentProvider>,
  );
}

function start(): void {
  const element = document.getElementById('root');
  if (!element) return;
  void Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) mount(createOfficeHost(), element);
    else mountOutsideExcel(element);
  });
}

if (typeof window !== 'undefined' && typeof (window as { Office?: unknown }).Office !== 'undefined') start();
