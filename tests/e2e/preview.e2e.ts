/**
 * The task pane in a real browser: the preview page (ExcelJS workbook + grid + the real pane) in
 * Debian's Chromium. Every test saves screenshots to test-results/ and scans its tab with axe-core
 * (no serious or critical violation allowed); no test may cause a page error, a console error or
 * a Content-Security-Policy violation.
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROW_COLUMNS, readTable, type ConsolidatedRow } from '../../src/core/consolidate';
import { worksheetSnapshot } from '../../src/xlsx/read';
import {
  SAMPLES,
  axeScan,
  cell,
  openPaneTab,
  openSample,
  paneTab,
  previewSessions,
  screenshot,
  waitForWorkbook,
} from './support';

const FULFILMENT = 'Биелэлт, 2024 оны эхний хагас жил';
const DEPARTMENTS = 'Гурван хэлтэс';
const DEPARTMENTS_FILE = 'dept-hyanalt+dept-orlogo+dept-tetgever.xlsx';
const DEPARTMENT_FILES = ['dept-hyanalt.xlsx', 'dept-orlogo.xlsx', 'dept-tetgever.xlsx'].map((f) =>
  path.join(SAMPLES, 'departments', f),
);

const { start } = previewSessions();

/** Retries `check` until it passes or `timeout` ms have gone (the pane updates asynchronously). */
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

const pane = (page: Page) => page.getByTestId('task-pane');
/** The latest result: the MessageBar beside the button that caused it, or the pane's status line. */
const status = (page: Page) =>
  pane(page).locator('[data-outcome] .fui-MessageBarBody, [role="status"]:not(:empty)').first();
const text = async (page: Page, address: string) => ((await cell(page, address).textContent()) ?? '').trim();

async function expectAccessible(page: Page, name: string): Promise<void> {
  const { serious } = await axeScan(page, name);
  expect(serious).toEqual([]);
}

async function sheetTabs(page: Page): Promise<string[]> {
  return page
    .getByRole('tablist', { name: /^(Хуудсууд|Sheets)$/ })
    .getByRole('tab')
    .allTextContents();
}

describe('browser preview', () => {
  test('starts in Mongolian with a blank workbook, the grid and the task pane', async () => {
    const page = await start();
    expect(await page.locator('html').getAttribute('lang')).toBe('mn');
    expect(await page.title()).toBe('НД Төлөвлөгөө — хөтчийн урьдчилсан харагдац');
    await page.getByRole('heading', { name: 'Excel файл (.xlsx) нээх эсвэл жишээ сонгоно уу.' }).waitFor();
    expect(await sheetTabs(page)).toEqual(['Хуудас1']);
    expect(await page.getByRole('grid').getAttribute('aria-label')).toBe('«Хуудас1» хуудас (зөвхөн харах)');
    await paneTab(page, 'Шалгах').waitFor();
    await screenshot(page, '00-start');
    await expectAccessible(page, 'start');
  });

  test('check: the sample picker opens a report; its template, the issue list, and an issue selects its cell', async () => {
    const page = await start();
    await openSample(page, FULFILMENT, 'fulfilment-2024-h1.xlsx');
    expect(await sheetTabs(page)).toEqual(['2024 хагас жил']);
    await pane(page).getByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт', { exact: true }).waitFor();
    await pane(page).getByText('Таних магадлал: 100%').waitFor();
    await pane(page).getByRole('heading', { name: 'Алдаа, анхааруулга' }).waitFor();
    const issues = pane(page).getByRole('list').getByRole('button');
    expect((await issues.allTextContents()).map((t) => t.split(' — ')[0])).toEqual(
      expect.arrayContaining(['H10', 'H15', 'H19', 'H28']),
    );

    // The grid shows the sheet with its formats: the merged, bold title row, numbers right-aligned.
    expect(await cell(page, 'A1').getAttribute('colspan')).toBe('8');
    expect(await text(page, 'A1')).toMatch(/^ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ/);
    expect(await cell(page, 'A1').evaluate((e) => getComputedStyle(e).fontWeight)).toBe('700');
    expect(await text(page, 'H9')).toBe('100');
    expect(await cell(page, 'H9').evaluate((e) => getComputedStyle(e).textAlign)).toBe('right');

    // PERCENT_MISSING at H10: clicking the issue selects H10 in the grid.
    await pane(page)
      .getByRole('button', { name: /^H10 — гүйцэтгэлийн хувь бичээгүй байна/ })
      .click();
    await eventually(async () => expect(await cell(page, 'H10').getAttribute('aria-selected')).toBe('true'));
    expect(await page.getByTestId('name-box').inputValue()).toBe('H10');
    await eventually(async () => expect(await status(page).textContent()).toBe('H10 нүдийг сонголоо.'));
    expect(
      await page
        .getByRole('columnheader', { name: 'H', exact: true })
        .evaluate((e) => getComputedStyle(e).fontWeight),
    ).toBe('600');
    const box = await cell(page, 'H10').boundingBox();
    expect(box && box.x + box.width / 2).toBeLessThan(1280 - 360); // scrolled into view, left of the pane

    // The keyboard moves the selection as in Excel; a merged area is one cell.
    await cell(page, 'H10').focus();
    await page.keyboard.press('ArrowDown');
    await eventually(async () => expect(await page.getByTestId('name-box').inputValue()).toBe('A11'));
    expect(await page.getByTestId('cell-content').inputValue()).toMatch(/^ХОЁР\. ХУУЛИАР/);
    await page.keyboard.press('ArrowRight');
    await eventually(async () => expect(await page.getByTestId('name-box').inputValue()).toBe('I11'));
    await pane(page)
      .getByRole('button', { name: /^H10 — / })
      .click();
    await eventually(async () => expect(await page.getByTestId('name-box').inputValue()).toBe('H10'));

    await screenshot(page, 'check');
    await expectAccessible(page, 'check');
  });

  test('check: the file input opens one .xlsx, and several as one workbook with clashing sheet names renamed', async () => {
    const page = await start();
    await page.getByTestId('file-input').setInputFiles(path.join(SAMPLES, 'fulfilment-2024-h1.xlsx'));
    await waitForWorkbook(page, 'fulfilment-2024-h1.xlsx');
    await pane(page).getByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт', { exact: true }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toBe(
      'fulfilment-2024-h1.xlsx: 1 хуудас нээлээ.',
    );

    // Three unit reports, each with a sheet «Тайлан»: side by side, renamed after their files.
    await page.getByTestId('file-input').setInputFiles(DEPARTMENT_FILES);
    await waitForWorkbook(page, DEPARTMENTS_FILE);
    expect(await sheetTabs(page)).toEqual([
      'Тайлан (dept-hyanalt)',
      'Тайлан (dept-orlogo)',
      'Тайлан (dept-tetgever)',
    ]);
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Ижил нэртэй хуудсуудыг файлынх нь нэрээр ялгав: «Тайлан (dept-hyanalt)», «Тайлан (dept-orlogo)», «Тайлан (dept-tetgever)».',
    );

    // Sheet tabs switch the grid; "Check again" then checks the sheet shown.
    await page.getByRole('tab', { name: 'Тайлан (dept-orlogo)' }).click();
    await eventually(async () =>
      expect(await page.getByRole('grid').getAttribute('data-sheet')).toBe('Тайлан (dept-orlogo)'),
    );
    await pane(page).getByRole('button', { name: 'Дахин шалгах' }).click();
    await pane(page).getByText('Хуудас: Тайлан (dept-orlogo)').waitFor();
    await screenshot(page, 'check-several-files');
  });

  test('compute: fills the computed percentages (H10 = 100, H15 = 65.7) and keeps the entered ones', async () => {
    // The fill writes the number format 0.0, so the grid shows 100 as Excel does: "100.0".
    const page = await start();
    await openSample(page, FULFILMENT, 'fulfilment-2024-h1.xlsx');
    await openPaneTab(page, 'Тооцоолох');
    await pane(page).getByRole('heading', { name: 'Нийт дундаж' }).waitFor();
    expect(await text(page, 'H10')).toBe('');
    expect(await text(page, 'H15')).toBe('');
    expect(await text(page, 'H14')).toBe('100%');

    await pane(page).getByRole('button', { name: 'Тооцоолсон хувийг бичих' }).click();
    await eventually(async () =>
      expect(await status(page).textContent()).toBe('2 нүдэнд тооцоолсон хувь бичлээ: H10, H15.'),
    );
    await eventually(async () => expect(await text(page, 'H10')).toBe('100.0'));
    expect(await text(page, 'H15')).toBe('65.7');
    await cell(page, 'H10').click();
    expect(await page.getByTestId('cell-content').inputValue()).toBe('100');
    expect(await text(page, 'H9')).toBe('100'); // entered values stay
    expect(await text(page, 'H14')).toBe('100%');

    await cell(page, 'H15').click();
    expect(await page.getByTestId('cell-content').inputValue()).toBe('65.7');
    await screenshot(page, 'compute');
    await expectAccessible(page, 'compute');
  });

  test('format: one click formats the report; the confirmation shows and the merged title row stays', async () => {
    const page = await start();
    await openSample(page, FULFILMENT, 'fulfilment-2024-h1.xlsx');
    await openPaneTab(page, 'Хэлбэржүүлэх');
    await pane(page).getByRole('button', { name: 'Нэг товшилтоор хэлбэржүүлэх' }).click();
    await eventually(async () =>
      expect(await status(page).textContent()).toMatch(
        /^«2024 хагас жил» хуудсыг хэлбэржүүллээ: \d+ мөр, \d+ бүлэг, \d+ зорилт\.$/,
      ),
    );
    const title = cell(page, 'A1');
    expect(await title.getAttribute('colspan')).toBe('8');
    expect(await title.isVisible()).toBe(true);
    expect(await title.evaluate((e) => getComputedStyle(e).fontWeight)).toBe('700');
    // The header row is shaded and bordered.
    expect(await cell(page, 'B5').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(
      'rgb(217, 225, 242)',
    );
    expect(await cell(page, 'B5').evaluate((e) => getComputedStyle(e).borderBottomStyle)).toBe('solid');

    await screenshot(page, 'format');
    await expectAccessible(page, 'format');
  });

  test('consolidate: the three unit workbooks, pushed into «Нэгтгэл», downloaded and read back', async () => {
    const page = await start();
    await openSample(page, DEPARTMENTS, DEPARTMENTS_FILE);
    expect(await sheetTabs(page)).toEqual([
      'Тайлан (dept-hyanalt)',
      'Тайлан (dept-orlogo)',
      'Тайлан (dept-tetgever)',
    ]);
    await openPaneTab(page, 'Нэгтгэх');
    const boxes = pane(page).getByRole('group', { name: 'Нэгтгэх хуудас' }).getByRole('checkbox');
    await eventually(async () => expect(await boxes.count()).toBe(3));
    for (const box of await boxes.all()) expect(await box.isChecked()).toBe(true);

    await pane(page).getByRole('button', { name: 'Урьдчилан харах' }).click();
    await eventually(async () =>
      expect(await status(page).textContent()).toBe(
        'Урьдчилан харлаа: 10 нэмэгдэх, 0 шинэчлэгдэх, 0 хасагдах, 0 өөрчлөгдөхгүй мөр.',
      ),
    );
    await pane(page).getByRole('button', { name: 'Нэгтгэх', exact: true }).click();
    await eventually(async () =>
      expect(await status(page).textContent()).toBe(
        '«Нэгтгэл» хуудсанд одоо 10 мөр байна: 10 нэмсэн, 0 шинэчилсэн, 0 хассан, 0 өөрчлөгдөөгүй.',
      ),
    );
    await eventually(async () =>
      expect(await sheetTabs(page)).toEqual(expect.arrayContaining(['Нэгтгэл', 'Товчоо', 'Авлага'])),
    );
    await screenshot(page, 'consolidate');
    await expectAccessible(page, 'consolidate');

    // The consolidated sheet in the grid: the formula-looking text is shown as text.
    await page.getByRole('tab', { name: 'Нэгтгэл' }).click();
    await eventually(async () =>
      expect(await page.getByRole('grid').getAttribute('data-sheet')).toBe('Нэгтгэл'),
    );
    const hyperlink = page.locator('table[role="grid"] td').filter({ hasText: /^=HYPERLINK\(/ });
    expect(await hyperlink.count()).toBe(1);
    expect(await hyperlink.getAttribute('title')).toBeNull(); // not a formula
    await screenshot(page, 'consolidated-sheet');

    // Download: the changed workbook as .xlsx, read back with ExcelJS in Node.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Татаж авах' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(DEPARTMENTS_FILE);
    const file = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['Тайлан (dept-hyanalt)', 'Нэгтгэл', 'Товчоо', 'Авлага']),
    );
    const sheet = workbook.getWorksheet('Нэгтгэл')!;
    const rows = readTable<ConsolidatedRow>(worksheetSnapshot(sheet), ROW_COLUMNS);
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.sheet))).toEqual(
      new Set(['Тайлан (dept-hyanalt)', 'Тайлан (dept-orlogo)', 'Тайлан (dept-tetgever)']),
    );
    const formulaLike: ExcelJS.Cell[] = [];
    sheet.eachRow((row) =>
      row.eachCell(
        (c) => typeof c.value === 'string' && c.value.startsWith('=HYPERLINK(') && formulaLike.push(c),
      ),
    );
    expect(formulaLike).toHaveLength(1);
    expect(formulaLike[0].type).toBe(ExcelJS.ValueType.String);
    expect(formulaLike[0].formula).toBeUndefined();
  });

  test('plan: drafts a report from the plan into a new sheet (when the Plan tab is present)', async () => {
    const page = await start();
    await openSample(page, 'Гүйцэтгэлийн төлөвлөгөө, 2024 он', 'plan-2024.xlsx');
    await openPaneTab(page, 'Төлөвлөх');
    await pane(page).getByRole('heading', { name: 'Дараагийн баримтын төсөл' }).waitFor();
    const before = await sheetTabs(page);
    await pane(page).getByRole('button', { name: 'Тайлангийн төсөл үүсгэх' }).click();
    await eventually(async () =>
      expect(await status(page).textContent()).toMatch(/^«.+» хуудсанд \d+ арга хэмжээтэй төсөл бичлээ\.$/),
    );
    await eventually(async () => expect((await sheetTabs(page)).length).toBe(before.length + 1));
    await screenshot(page, 'plan');
    await expectAccessible(page, 'plan');

    // The draft is a new sheet of the workbook: its tab shows it.
    const drafted = (await sheetTabs(page)).find((n) => !before.includes(n))!;
    await page.getByRole('tab', { name: drafted, exact: true }).click();
    await eventually(async () =>
      expect(await page.getByRole('grid').getAttribute('data-sheet')).toBe(drafted),
    );
    await screenshot(page, 'plan-draft');
  });

  test('settings and language: the pane’s switch turns the pane and the page around it to English, and it sticks', async () => {
    const page = await start();
    await openSample(page, FULFILMENT, 'fulfilment-2024-h1.xlsx');
    await openPaneTab(page, 'Тохиргоо');
    await pane(page).getByRole('heading', { name: 'Тохиргоо' }).waitFor();
    await screenshot(page, 'settings');
    await expectAccessible(page, 'settings');

    await pane(page).getByRole('button', { name: 'Switch the language to English' }).click();
    await paneTab(page, 'Settings').waitFor();
    // Every tab in English, in the row or in the «…» menu.
    const row = await pane(page).getByRole('tab').allTextContents();
    const more = pane(page).getByRole('button', { name: 'More tabs' });
    let menu: string[] = [];
    if (await more.count()) {
      await more.click();
      menu = await pane(page).getByRole('menuitem').allTextContents();
      await more.click();
    }
    expect([...row, ...menu].sort()).toEqual([
      'Check',
      'Compute',
      'Consolidate',
      'Format',
      'Plan',
      'Settings',
    ]);
    await page.getByRole('button', { name: 'Open files…' }).waitFor();
    await page.getByRole('button', { name: 'Download' }).waitFor();
    expect(await page.getByLabel('Sample', { exact: true }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe('ND Plan — browser preview');
    expect(await page.getByRole('grid').getAttribute('aria-label')).toBe(
      'Sheet «2024 хагас жил» (read-only)',
    );
    await paneTab(page, 'Check').click();
    await pane(page).getByText('Recognition confidence: 100%').waitFor();
    await screenshot(page, 'english');
    await expectAccessible(page, 'english');

    await page.reload();
    await page.getByRole('button', { name: 'Open files…' }).waitFor();
    await paneTab(page, 'Check').waitFor();
  });
});
