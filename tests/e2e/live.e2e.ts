/**
 * The task pane in Chromium: live re-checking on sheet switch and edit, results beside their buttons,
 * and the pane at the widths Excel gives it (320–450 px) with no horizontal overflow, in both
 * languages, every screen scanned by axe and photographed at 360 px into test-results/screens/.
 */
import path from 'node:path';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { RESULTS, SAMPLES, axeScan, cell, openSample, paneTab, previewSessions } from './support';

const FULFILMENT = 'Биелэлт, 2024 оны эхний хагас жил';
const DEPARTMENTS = 'Гурван хэлтэс';
const DEPARTMENTS_FILE = 'dept-hyanalt+dept-orlogo+dept-tetgever.xlsx';
const TABS = {
  mn: ['Шалгах', 'Тооцоолох', 'Хэлбэржүүлэх', 'Нэгтгэх', 'Төлөвлөх', 'Тохиргоо'],
  en: ['Check', 'Compute', 'Format', 'Consolidate', 'Plan', 'Settings'],
};

const { start } = previewSessions();

const pane = (page: Page) => page.getByTestId('task-pane');

async function eventually(check: () => Promise<void>, timeout = 15000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Clicks a pane tab, through the «…» menu when it is in there. */
async function openTab(page: Page, name: string, lang: 'mn' | 'en'): Promise<void> {
  const tab = paneTab(page, name);
  if (!(await tab.count())) {
    await pane(page)
      .getByRole('button', { name: lang === 'mn' ? 'Бусад таб' : 'More tabs' })
      .click();
    await pane(page).getByRole('menuitem', { name }).click();
  } else await tab.click();
  await eventually(async () => expect(await paneTab(page, name).getAttribute('aria-selected')).toBe('true'));
}

/** Elements of the pane that stick out of it to the right, or the pane scrolling sideways. */
async function overflow(page: Page): Promise<string[]> {
  return pane(page).evaluate((root) => {
    const box = root.getBoundingClientRect();
    const out: string[] = [];
    if (root.scrollWidth > root.clientWidth + 1)
      out.push(`pane scrolls: ${root.scrollWidth} > ${root.clientWidth}`);
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > box.right + 1)
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} «${(el.textContent ?? '').slice(0, 30)}» ends at ${Math.round(r.right - box.left)}`,
        );
    }
    return out.slice(0, 10);
  });
}

describe('live checking in the preview', () => {
  test('switching sheets re-checks the new sheet without «Дахин шалгах»', async () => {
    const page = await start();
    await openSample(page, DEPARTMENTS, DEPARTMENTS_FILE);
    await pane(page).getByText('Хуудас: Тайлан (dept-hyanalt)').waitFor();
    await page.getByRole('tab', { name: 'Тайлан (dept-orlogo)' }).click();
    await pane(page).getByText('Хуудас: Тайлан (dept-orlogo)').waitFor({ timeout: 5000 });
  });

  test('an edit in the cell box re-checks in place: the fixed issue leaves the list, the others stay', async () => {
    const page = await start();
    await openSample(page, FULFILMENT, 'fulfilment-2024-h1.xlsx');
    const h10 = pane(page).getByRole('button', { name: /^H10 — гүйцэтгэлийн хувь бичээгүй байна/ });
    await h10.click();
    await eventually(async () => expect(await page.getByTestId('name-box').inputValue()).toBe('H10'));
    const box = page.getByTestId('cell-content');
    await box.fill('100');
    await box.press('Enter');
    await eventually(async () => expect(((await cell(page, 'H10').textContent()) ?? '').trim()).toBe('100'));
    await h10.waitFor({ state: 'detached', timeout: 5000 });
    expect(
      await pane(page)
        .getByRole('button', { name: /^H15 — / })
        .count(),
    ).toBe(1);
  });

  test('a result shows beside its button, with «Хуудас руу очих»; the new sheet is active', async () => {
    const page = await start();
    await openSample(page, FULFILMENT, 'fulfilment-2024-h1.xlsx');
    await paneTab(page, 'Тооцоолох').click();
    await pane(page).getByRole('button', { name: 'Товчоо хуудас оруулах' }).click();
    const bar = pane(page).locator('[data-outcome="summary"]');
    await bar.getByText(/«Товчоо» хуудсыг оруулав/).waitFor();
    expect(await page.getByRole('tab', { name: 'Товчоо', selected: true }).count()).toBe(1);
    // In view: the bar lies within the pane's visible height.
    const r = await bar.boundingBox();
    expect(r && r.y + r.height).toBeLessThanOrEqual(800);
    await page.getByRole('tab', { name: '2024 хагас жил' }).click();
    await bar.getByRole('button', { name: 'Хуудас руу очих' }).click();
    await eventually(async () =>
      expect(await page.getByRole('tab', { name: 'Товчоо', selected: true }).count()).toBe(1),
    );
  });
});

describe('the empty state', () => {
  test('a blank workbook: the pane opens a bundled sample and a file from disk, in both languages; axe clean; screenshots at 360 px', async () => {
    const page = await start();
    const dir = path.join(RESULTS, 'screens');
    fs.mkdirSync(dir, { recursive: true });
    await pane(page).evaluate((el) => {
      (el as HTMLElement).style.width = '360px';
      (el as HTMLElement).style.flex = '0 0 360px';
    });
    const open = pane(page).getByRole('region', { name: 'Жишээ эсвэл файл нээх' });
    await open.waitFor();
    expect(
      await pane(page)
        .getByText(/Таних магадлал/)
        .count(),
    ).toBe(0);
    // The pane's own words for the file input, not the browser's «Choose File».
    expect(await open.getByRole('button', { name: 'Файл сонгох' }).count()).toBe(1);
    expect(await open.getByText('Файл сонгоогүй').count()).toBe(1);
    expect(await overflow(page)).toEqual([]);
    await pane(page).screenshot({ path: path.join(dir, 'mn-0-empty-360.png') });
    expect((await axeScan(page, 'empty-mn')).all).toEqual([]);

    await open.getByRole('combobox', { name: 'Жишээ ажлын ном' }).selectOption({ label: FULFILMENT });
    await open.getByRole('button', { name: 'Жишээг нээх' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('file-name').textContent()).toBe('fulfilment-2024-h1.xlsx'),
    );
    await pane(page)
      .getByRole('button', { name: /^H10 — / })
      .waitFor();

    // Back to a blank workbook in English: a file from disk through the pane's picker.
    const fresh = await start();
    await fresh
      .getByTestId('task-pane')
      .getByRole('button', { name: 'Switch the language to English' })
      .click();
    const openEn = pane(fresh).getByRole('region', { name: 'Open a sample or a file' });
    await openEn.waitFor();
    expect(await openEn.getByText('No file chosen').count()).toBe(1);
    await pane(fresh).evaluate((el) => {
      (el as HTMLElement).style.width = '360px';
      (el as HTMLElement).style.flex = '0 0 360px';
    });
    expect(await overflow(fresh)).toEqual([]);
    await pane(fresh).screenshot({ path: path.join(dir, 'en-0-empty-360.png') });
    expect((await axeScan(fresh, 'empty-en')).all).toEqual([]);
    await openEn.locator('input[type="file"]').setInputFiles(path.join(SAMPLES, 'plan-2024.xlsx'));
    await eventually(async () =>
      expect(await fresh.getByTestId('file-name').textContent()).toBe('plan-2024.xlsx'),
    );
    await pane(fresh).getByText('Performance plan', { exact: true }).waitFor();
  });
});

describe('narrow widths, both languages', () => {
  test('at 360 px the tabs keep one row; the rest are in the «…» menu, and a tab picked there is shown selected', async () => {
    const page = await start();
    await openSample(page, FULFILMENT, 'fulfilment-2024-h1.xlsx');
    const list = pane(page).getByRole('tablist', { name: 'Үйлдлүүд' });
    const first = await paneTab(page, 'Шалгах').boundingBox();
    const row = await list.boundingBox();
    expect(row!.height).toBeLessThan(first!.height * 1.5);
    const more = pane(page).getByRole('button', { name: 'Бусад таб' });
    await more.click();
    const menu = pane(page).getByRole('menu', { name: 'Бусад таб' });
    const names = await menu.getByRole('menuitem').allTextContents();
    expect(names).toContain('Тохиргоо');
    const { all } = await axeScan(page, 'tab-menu');
    expect(all).toEqual([]);
    await menu.getByRole('menuitem', { name: 'Тохиргоо' }).click();
    await pane(page).getByRole('heading', { name: 'Тохиргоо', level: 2 }).waitFor();
    expect(await paneTab(page, 'Тохиргоо').getAttribute('aria-selected')).toBe('true');
    expect(await paneTab(page, 'Тохиргоо').isVisible()).toBe(true);
    expect((await list.boundingBox())!.height).toBeLessThan(first!.height * 1.5);
  });

  test('every tab at 320, 360 and 450 px: no horizontal overflow; axe clean; screenshots at 360 px', async () => {
    const page = await start();
    await openSample(page, FULFILMENT, 'fulfilment-2024-h1.xlsx');
    const dir = path.join(RESULTS, 'screens');
    fs.mkdirSync(dir, { recursive: true });
    const found: string[] = [];
    for (const lang of ['mn', 'en'] as const) {
      if (lang === 'en')
        await pane(page).getByRole('button', { name: 'Switch the language to English' }).click();
      for (const [i, tab] of TABS[lang].entries()) {
        await openTab(page, tab, lang);
        for (const width of [320, 360, 450]) {
          await pane(page).evaluate((el, w) => {
            (el as HTMLElement).style.width = `${w}px`;
            (el as HTMLElement).style.flex = `0 0 ${w}px`;
          }, width);
          await page.waitForTimeout(100);
          for (const o of await overflow(page)) found.push(`${lang} ${tab} ${width}px: ${o}`);
          if (width === 360) {
            await pane(page).screenshot({
              path: path.join(dir, `${lang}-${i + 1}-${TABS.en[i].toLowerCase()}-360.png`),
            });
            const { all } = await axeScan(page, `pane-${lang}-${TABS.en[i].toLowerCase()}`);
            for (const v of all) found.push(`${lang} ${tab}: axe ${v.id} ${v.targets.join(', ')}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
    // Twelve screens at three widths, each scanned by axe: minutes on a busy machine.
  }, 360_000);
});
