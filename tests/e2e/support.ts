/** Helpers of the browser tests: the preview page, its samples, screenshots and accessibility scans. */
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SAMPLES = path.join(ROOT, 'samples');
export const RESULTS = path.join(ROOT, 'test-results');

export function previewUrl(): string {
  const url = process.env.NDPLAN_PREVIEW_URL;
  if (!url)
    throw new Error(
      'NDPLAN_PREVIEW_URL is not set: run the browser tests with npm run test:e2e (its global setup serves the preview).',
    );
  return url;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions, console errors and Content-Security-Policy violations seen so far. */
  problems: string[];
}

/** A fresh context (its own storage) with the preview open, Mongolian first. */
export async function openPreview(browser: Browser, query = ''): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    locale: 'mn-MN',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.exposeFunction('__reportCsp', (text: string) => problems.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCsp(t: string): void }).__reportCsp(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`,
      ),
    );
  });
  await page.goto(`${previewUrl()}${query}`);
  await page.getByRole('heading', { name: /НД Төлөвлөгөө|ND Plan/, level: 1 }).waitFor();
  return { context, page, problems };
}

/**
 * One Chromium for the test file and a fresh preview per test: `start()` opens it, and after each
 * test its context closes and the page's problems (errors, CSP violations) must be none.
 */
export function previewSessions(): { start(query?: string): Promise<Page> } {
  let browser: Browser;
  let session: Session | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const problems = session?.problems ?? [];
    await session?.context.close();
    session = null;
    expect(problems).toEqual([]);
  });
  return {
    async start(query = '') {
      session = await openPreview(browser, query);
      return session.page;
    },
  };
}

/** The task pane's tab of that name. */
export const paneTab = (page: Page, name: string | RegExp): Locator =>
  page.getByRole('tab', { name, exact: typeof name === 'string' });

/** Opens a pane tab, through the «…» menu when the pane is too narrow to show it. */
export async function openPaneTab(page: Page, name: string): Promise<void> {
  const tab = paneTab(page, name);
  if (!(await tab.count())) {
    await page.getByRole('button', { name: /^(Бусад таб|More tabs)$/ }).click();
    await page.getByRole('menuitem', { name, exact: true }).click();
  } else await tab.click();
  await paneTab(page, name).and(page.locator('[aria-selected="true"]')).waitFor();
}

/** The pane's live region (its status line). */
export const paneStatus = (page: Page): Locator =>
  page.locator('main[role="tabpanel"]').locator('xpath=preceding-sibling::div[@role="status"][1]');

/** A cell of the grid by its address (the top-left cell of a merged area). */
export const cell = (page: Page, address: string): Locator =>
  page.locator(`table[role="grid"] td[data-cell="${address}"]`);

/** Opens a bundled sample through the sample picker and waits until the pane has read it. */
export async function openSample(page: Page, label: string, fileName: string): Promise<void> {
  await page.getByLabel(/^(Жишээ|Sample)$/).selectOption({ label });
  await waitForWorkbook(page, fileName);
}

/** Waits until the preview shows the workbook `fileName` and the pane has finished reading it. */
export async function waitForWorkbook(page: Page, fileName: string): Promise<void> {
  await page.getByTestId('file-name').filter({ hasText: fileName }).waitFor();
  await page
    .getByRole('button', { name: /^(Дахин шалгах|Check again)$/ })
    .and(page.locator(':enabled'))
    .waitFor();
}

/** A full-page screenshot in test-results/ (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Scans the whole page (grid, sheet tabs, toolbar and the task pane) with axe-core. Returns the
 * serious and critical violations, and writes every finding to test-results/axe-<name>.json.
 *
 * Left out: Tabster's focus sentinels (`<i data-tabster-dummy tabindex="0" aria-hidden="true">`,
 * which Fluent UI's TabList puts around its tabs for arrow-key navigation). They hand focus on
 * at once and are hidden from screen readers on purpose; axe's aria-hidden-focus flags them,
 * a known false positive (microsoft/fluentui#27517, closed "by design"; microsoft/tabster#288).
 */
export async function axeScan(
  page: Page,
  name: string,
): Promise<{ serious: AxeFinding[]; all: AxeFinding[] }> {
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  const all = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, `axe-${name}.json`), JSON.stringify(all, null, 2));
  return { serious: all.filter((v) => v.impact === 'serious' || v.impact === 'critical'), all };
}
