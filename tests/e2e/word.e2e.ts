/**
 * «Word файл оруулах» in a real browser: the preview page in Debian's Chromium picks a .docx
 * made by LibreOffice through the styled button, lays it into a new sheet, formats and checks
 * it; axe-core finds no serious violation; no page error, console error or CSP violation.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SAMPLES, axeScan, cell, openSample, previewSessions, screenshot } from './support';

const { start } = previewSessions();

const pane = (page: Page) => page.getByTestId('task-pane');

async function pick(page: Page, file: string, button = 'Word файл оруулах'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await pane(page).getByRole('button', { name: button }).click();
  await (await chooser).setFiles(file);
}

describe('Word import in the preview', () => {
  test('a Word report becomes a new formatted sheet, selected and checked like the document', async () => {
    const page = await start();
    await openSample(page, 'Гүйцэтгэлийн төлөвлөгөө, 2024 он', 'plan-2024.xlsx');
    await pick(page, path.join(SAMPLES, 'word', 'report-2024-annual.docx'));
    await pane(page).getByText('«report-2024-annual» хуудсанд орууллаа: 10 арга хэмжээ, 1 алдаа.').waitFor();
    const tabs = page.getByRole('tablist', { name: /^(Хуудсууд|Sheets)$/ }).getByRole('tab');
    expect(await tabs.allTextContents()).toEqual(['Төлөвлөгөө 2024', 'report-2024-annual']);
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    // Laid out as the template says: the title merged across the table and bold, the percent in H.
    expect(await cell(page, 'A1').getAttribute('colspan')).toBe('8');
    expect(await cell(page, 'A1').evaluate((e) => getComputedStyle(e).fontWeight)).toBe('700');
    expect(((await cell(page, 'H9').textContent()) ?? '').trim()).toBe('100 хувь');
    await pane(page).getByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт', { exact: true }).waitFor();
    await pane(page)
      .getByRole('button', { name: /^G13 — дуусах огноо 2014-12-03/ })
      .waitFor();
    await screenshot(page, 'word-import');
    const { serious } = await axeScan(page, 'word-import');
    expect(serious).toEqual([]);
  });

  test('a .doc is refused with one line saying what to do, in English in the English UI, and nothing is added', async () => {
    const page = await start();
    await openSample(page, 'Гүйцэтгэлийн төлөвлөгөө, 2024 он', 'plan-2024.xlsx');
    await pane(page).getByRole('button', { name: 'Switch the language to English' }).click();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-word-e2e-'));
    const doc = path.join(dir, 'old.doc');
    fs.writeFileSync(
      doc,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]),
    );
    try {
      await pick(page, doc, 'Import a Word file');
      await pane(page)
        .getByText('old.doc: old .doc (Word 97–2003) format; save it as .docx in Word and try again')
        .waitFor();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(
      await page
        .getByRole('tablist', { name: /^(Хуудсууд|Sheets)$/ })
        .getByRole('tab')
        .allTextContents(),
    ).toEqual(['Төлөвлөгөө 2024']);
    const { serious } = await axeScan(page, 'word-import-refused');
    expect(serious).toEqual([]);
  });
});
