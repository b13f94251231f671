/** @jest-environment jsdom */
import './setup';
import { ROW_COLUMNS, readName, readTable, type ConsolidatedRow } from '../../src/core/consolidate';
import { Pane } from '../../src/taskpane/App';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { DEPARTMENTS, departmentsHost, result } from './helpers';

const user = userEvent.setup();

const status = () => result().textContent;

async function openConsolidate(host: Parameters<typeof Pane>[0]['host']) {
  render(<Pane host={host} />);
  await screen.findByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт');
  await user.click(screen.getByRole('tab', { name: 'Нэгтгэх' }));
  await screen.findByRole('group', { name: 'Нэгтгэх хуудас' });
}

function previewCount(label: string): string | null | undefined {
  const dt = screen.getAllByText(label).find((e) => e.tagName === 'DT');
  return dt?.nextElementSibling?.textContent;
}

describe('Consolidate tab', () => {
  test('recognized sheets are pre-checked; preview shows 10 added; push writes "Нэгтгэл" with 10 rows', async () => {
    const host = await departmentsHost();
    await openConsolidate(host);
    const boxes = within(screen.getByRole('group', { name: 'Нэгтгэх хуудас' })).getAllByRole('checkbox');
    expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([true, true, true]);
    expect(
      screen.getByRole('checkbox', { name: 'hyanalt — Гүйцэтгэлийн төлөвлөгөөний биелэлт' }),
    ).toBeTruthy();
    expect(screen.getByRole('radio', { name: /^Энэ ажлын ном/, checked: true })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Урьдчилан харах' }));
    await waitFor(() =>
      expect(status()).toBe('Урьдчилан харлаа: 10 нэмэгдэх, 0 шинэчлэгдэх, 0 хасагдах, 0 өөрчлөгдөхгүй мөр.'),
    );
    expect(previewCount('Нэмэгдэх')).toBe('10');
    expect(host.workbook.getWorksheet('Нэгтгэл')).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    await waitFor(() =>
      expect(status()).toBe(
        '«Нэгтгэл» хуудсанд одоо 10 мөр байна: 10 нэмсэн, 0 шинэчилсэн, 0 хассан, 0 өөрчлөгдөөгүй.',
      ),
    );
    const rows = readTable<ConsolidatedRow>(await host.readSheet('Нэгтгэл'), ROW_COLUMNS);
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.sheet))).toEqual(new Set(['hyanalt', 'orlogo', 'tetgever']));
    expect(rows.every((r) => r.file === 'departments.xlsx')).toBe(true);
    expect(host.workbook.getWorksheet('Товчоо')).toBeTruthy();
    expect(host.workbook.getWorksheet('Авлага')).toBeTruthy();

    // Pushing the same sheets again changes nothing; the consolidation's own sheets are never offered.
    await user.click(screen.getByRole('button', { name: 'Урьдчилан харах' }));
    await waitFor(() =>
      expect(status()).toBe('Урьдчилан харлаа: 0 нэмэгдэх, 0 шинэчлэгдэх, 0 хасагдах, 10 өөрчлөгдөхгүй мөр.'),
    );
    expect(screen.queryByRole('checkbox', { name: /^Нэгтгэл/ })).toBeNull();
  });

  test('an unchecked sheet is left out; pushing it later adds its rows and keeps the others unchanged', async () => {
    const host = await departmentsHost();
    await openConsolidate(host);
    await user.click(screen.getByRole('checkbox', { name: /^orlogo/ }));
    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    await waitFor(() =>
      expect(status()).toBe(
        '«Нэгтгэл» хуудсанд одоо 6 мөр байна: 6 нэмсэн, 0 шинэчилсэн, 0 хассан, 0 өөрчлөгдөөгүй.',
      ),
    );
    await user.click(screen.getByRole('checkbox', { name: /^orlogo/ }));
    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    await waitFor(() =>
      expect(status()).toBe(
        '«Нэгтгэл» хуудсанд одоо 10 мөр байна: 4 нэмсэн, 0 шинэчилсэн, 0 хассан, 6 өөрчлөгдөөгүй.',
      ),
    );
  });

  test('text that looks like a formula stays text in "Нэгтгэл"', async () => {
    const host = await departmentsHost();
    await openConsolidate(host);
    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    await waitFor(() => expect(status()).toMatch(/^«Нэгтгэл» хуудсанд одоо 10 мөр/));
    const ws = host.workbook.getWorksheet('Нэгтгэл')!;
    const formulaLike: unknown[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)) formulaLike.push(cell.value);
        expect(cell.formula ?? null).toBeNull();
      }),
    );
    expect(formulaLike.length).toBeGreaterThan(0);
  });

  test('a sheet named "Нэгтгэл" that ND Plan did not write is never overwritten', async () => {
    const host = await departmentsHost();
    const foreign = host.workbook.addWorksheet('Нэгтгэл');
    foreign.getCell('A1').value = 'Миний тэмдэглэл';
    foreign.getCell('A2').value = 'чухал';
    await openConsolidate(host);
    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    await waitFor(() => expect(status()).toMatch(/^«Нэгтгэл» хуудсыг НД Төлөвлөгөө бичээгүй байна/));
    expect(foreign.getCell('A2').value).toBe('чухал');
  });
});

describe('Consolidate tab and the template roles', () => {
  test('a job description is listed but not pre-checked: the pane pushes what the command line pushes', async () => {
    const host = await departmentsHost();
    const source = new ExcelJS.Workbook();
    await source.xlsx.readFile(path.join(DEPARTMENTS, '../job-description-2024.xlsx'));
    const to = host.workbook.addWorksheet('АТТ');
    source.worksheets[0].eachRow((row, r) =>
      row.eachCell((cell, c) => (to.getCell(r, c).value = cell.value)),
    );
    await openConsolidate(host);
    const job = await screen.findByRole('checkbox', { name: /^АТТ — Албан тушаалын тодорхойлолт/ });
    expect((job as HTMLInputElement).checked).toBe(false);
    const boxes = within(screen.getByRole('group', { name: 'Нэгтгэх хуудас' })).getAllByRole('checkbox');
    expect(boxes.filter((b) => (b as HTMLInputElement).checked)).toHaveLength(3);
  });
});

describe('Consolidate tab: the confirm step (section 16)', () => {
  test('the consolidating body named in the pane is stated above «Нэгтгэл»', async () => {
    const host = await departmentsHost();
    await openConsolidate(host);
    await user.type(screen.getByRole('textbox', { name: 'Нэгтгэсэн байгууллага' }), 'Орхон аймгийн НДХ');
    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    await waitFor(() => expect(status()).toMatch(/^«Нэгтгэл» хуудсанд одоо 10 мөр/));
    expect(readName(await host.readSheet('Нэгтгэл'))).toBe('Орхон аймгийн НДХ');
  });

  test('a sheet whose title names no person: nothing is written until the unit and person are confirmed', async () => {
    const host = await departmentsHost();
    host.workbook.getWorksheet('orlogo')!.getCell('A1').value = '2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТАЙЛАН';
    await openConsolidate(host);
    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    await waitFor(() =>
      expect(status()).toBe('Нэгж, албан хаагчийг баталгаажуулна уу: гарчигт нь заагаагүй хуудас байна.'),
    );
    expect(host.workbook.getWorksheet('Нэгтгэл')).toBeUndefined();
    await user.type(screen.getByRole('textbox', { name: 'Нэгж' }), 'Орлогын тасаг');
    await user.type(screen.getByRole('textbox', { name: 'Албан хаагч' }), 'Б.ГАНТУЯА');
    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    await waitFor(() => expect(status()).toMatch(/^«Нэгтгэл» хуудсанд одоо 10 мөр/));
    const rows = readTable<ConsolidatedRow>(await host.readSheet('Нэгтгэл'), ROW_COLUMNS);
    expect(
      rows
        .filter((r) => r.sheet === 'orlogo')
        .every((r) => r.unit === 'Орлогын тасаг' && r.person === 'Б.ГАНТУЯА'),
    ).toBe(true);
  });
});
