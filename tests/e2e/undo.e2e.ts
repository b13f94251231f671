/**
 * Marks in the sheet and «Буцаах» in the preview, in Chromium: the grid's cells (text and fill as
 * drawn) are read back after «Арилгах» and after «Буцаах» and compared with what they were. Each
 * screen is scanned by axe and photographed into test-results/screens/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { RESULTS, axeScan, openPaneTab, openSample, previewSessions } from './support';

const FULFILMENT = 'Биелэлт, 2024 оны эхний хагас жил';

const { start } = previewSessions();

const pane = (page: Page) => page.getByTestId('task-pane');

/** Every cell of the grid as drawn: its text and its background colour. */
async function grid(page: Page): Promise<Record<string, string>> {
  return page.locator('table[role="grid"]').evaluate((table) => {
    const out: Record<string, string> = {};
    for (const td of Array.from(table.querySelectorAll<HTMLElement>('td[data-cell]')))
      out[td.dataset.cell!] = `${td.textContent ?? ''} | ${getComputedStyle(td).backgroundColor}`;
    return out;
  });
}

const changed = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);

async function photograph(page: Page, name: string): Promise<void> {
  const dir = path.join(RESULTS, 'screens');
  fs.mkdirSync(dir, { recursive: true });
  await pane(page).evaluate((el) => {
    (el as HTMLElement).style.width = '360px';
    (el as HTMLElement).style.flex = '0 0 360px';
  });
  await pane(page).screenshot({ path: path.join(dir, `${name}-360.png`) });
}

describe('marks and undo in the preview', () => {
  test('marks fill the issues’ cells; «Арилгах» gives back every cell as it was', async () => {
    const page = await start();
    await openSample(page, FULFILMENT, 'fulfilment-2024-h1.xlsx');
    const before = await grid(page);
    await pane(page).getByRole('button', { name: 'Хуудсанд тэмдэглэх' }).click();
    await pane(page)
      .getByText(/нүдийг будаж, тэмдэглэл нэмлээ\.$/)
      .waitFor();
    const marked = await grid(page);
    const cells = changed(before, marked);
    // H10 has no percent written: an issue, so a mark.
    expect(cells).toContain('H10');
    expect(cells.every((k) => marked[k].split(' | ')[0] === before[k].split(' | ')[0])).toBe(true);
    await photograph(page, 'pane-marks');
    expect((await axeScan(page, 'pane-marks')).all).toEqual([]);

    await pane(page).getByRole('button', { name: 'Арилгах' }).click();
    await pane(page)
      .getByText(/тэмдгийг арилгаж, өмнөх өнгийг сэргээлээ\.$/)
      .waitFor();
    expect(changed(before, await grid(page))).toEqual([]);
  });

  test('«Буцаах» after a format gives back every cell; after a summary it removes the sheet', async () => {
    const page = await start();
    await openSample(page, FULFILMENT, 'fulfilment-2024-h1.xlsx');
    const before = await grid(page);
    await openPaneTab(page, 'Хэлбэржүүлэх');
    await pane(page).getByRole('button', { name: 'Нэг товшилтоор хэлбэржүүлэх' }).click();
    const undo = pane(page).getByRole('button', { name: 'Буцаах' });
    await undo.waitFor();
    expect(changed(before, await grid(page)).length).toBeGreaterThan(0);
    await photograph(page, 'pane-undo');
    expect((await axeScan(page, 'pane-undo')).all).toEqual([]);
    await undo.click();
    await pane(page).getByText('Сүүлийн өөрчлөлтийг буцаалаа.').waitFor();
    expect(changed(before, await grid(page))).toEqual([]);
    expect(await undo.count()).toBe(0);

    await openPaneTab(page, 'Тооцоолох');
    await pane(page).getByRole('button', { name: 'Товчоо хуудас оруулах' }).click();
    await page.getByRole('tab', { name: 'Товчоо' }).waitFor();
    await undo.click();
    await page.getByRole('tab', { name: 'Товчоо' }).waitFor({ state: 'detached' });
  });
});
