/** @jest-environment jsdom */
import './setup';
import fs from 'node:fs';
import path from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { analyzeSheet } from '../../src/core/analyze';
import { ExcelApiMissingError } from '../../src/host/host';
import { Pane } from '../../src/taskpane/App';
import { FIXTURES, fixtureHost, result } from './helpers';

const user = userEvent.setup();

async function openPlan(fixture: string, templateName: string) {
  const host = await fixtureHost(fixture);
  render(<Pane host={host} />);
  await screen.findByText(templateName);
  await user.click(screen.getByRole('tab', { name: 'Төлөвлөх' }));
  return host;
}

/** The plan file's input, hidden behind the pane's own «Файл сонгох» button. */
function planFileInput(): HTMLElement {
  return within(screen.getByRole('group', { name: 'Эсвэл төлөвлөгөөний файл (.xlsx)' })).getByLabelText(
    'Эсвэл төлөвлөгөөний файл (.xlsx)',
  );
}

describe('Plan tab (Төлөвлөх)', () => {
  test('on a plan, drafts the report for the chosen period into a new sheet that is a report of that period', async () => {
    const host = await openPlan('plan-2024.xlsx', 'Гүйцэтгэлийн төлөвлөгөө');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Тайлангийн үе' }), 'Q3');
    await user.click(screen.getByRole('button', { name: 'Тайлангийн төсөл үүсгэх' }));
    await screen.findByText('«Тайлан 2024 III улирал» хуудсанд 12 арга хэмжээтэй төсөл бичлээ.');
    const draft = analyzeSheet(await host.readSheet('Тайлан 2024 III улирал'));
    expect(draft.template).toBe('performance-report');
    expect(draft.meta).toMatchObject({ year: 2024, period: 'Q3', kind: 'report' });
    expect(draft.activities).toHaveLength(12);
    // The new sheet is activated, its first cell selected; the pane stays on the plan it drafted from.
    expect(await host.activeSheet()).toBe('Тайлан 2024 III улирал');
    expect(host.selection()).toEqual({ sheet: 'Тайлан 2024 III улирал', row: 1, col: 1 });
    expect(screen.getByRole('button', { name: 'Хуудас руу очих' })).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1500));
    expect(screen.getByRole('button', { name: 'Тайлангийн төсөл үүсгэх' })).toBeTruthy();
    // A second draft of the same period never overwrites the first.
    await user.click(screen.getByRole('button', { name: 'Тайлангийн төсөл үүсгэх' }));
    await screen.findByText('«Тайлан 2024 III улирал (2)» хуудсанд 12 арга хэмжээтэй төсөл бичлээ.');
    expect(await host.listSheets()).toEqual([
      'Төлөвлөгөө 2024',
      'Тайлан 2024 III улирал',
      'Тайлан 2024 III улирал (2)',
    ]);
  });

  test("on a report, drafts next year's plan with the achieved level as the baseline", async () => {
    const host = await openPlan('report-2024-annual.xlsx', 'Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    await user.click(screen.getByRole('button', { name: 'Дараа жилийн төлөвлөгөөний төсөл' }));
    await screen.findByText('«Төлөвлөгөө 2025» хуудсанд 10 арга хэмжээтэй төсөл бичлээ.');
    const draft = analyzeSheet(await host.readSheet('Төлөвлөгөө 2025'));
    expect(draft.template).toBe('performance-plan');
    expect(draft.meta.year).toBe(2025);
    const coverage = draft.activities.find((a) => a.no === '1.1.3')!;
    expect(coverage.fields.baseline).toContain('Ажил олгогчийн тоог 126');
  });

  test('on a job description, drafts my plan: one activity per function', async () => {
    const host = await openPlan('job-description-2024.xlsx', 'Албан тушаалын тодорхойлолт');
    await user.clear(screen.getByRole('textbox', { name: 'Төлөвлөгөөний он' }));
    await user.type(screen.getByRole('textbox', { name: 'Төлөвлөгөөний он' }), '2026');
    await user.click(screen.getByRole('button', { name: 'Миний төлөвлөгөөний төсөл' }));
    await screen.findByText('«Төлөвлөгөө 2026» хуудсанд 22 арга хэмжээтэй төсөл бичлээ.');
    const draft = analyzeSheet(await host.readSheet('Төлөвлөгөө 2026'));
    expect(draft.template).toBe('performance-plan');
    expect(draft.activities).toHaveLength(22);
  });

  test('compares a report with the signed plan file: missing, unplanned and changed targets, each selecting its cell', async () => {
    const host = await openPlan('report-2024-annual.xlsx', 'Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    const bytes = fs.readFileSync(path.join(FIXTURES, 'plan-2024.xlsx'));
    const file = new File([bytes], 'plan-2024.xlsx');
    // jsdom's File has no arrayBuffer(); the browser's has.
    Object.defineProperty(file, 'arrayBuffer', {
      value: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    });
    const picker = screen.getByRole('group', { name: 'Эсвэл төлөвлөгөөний файл (.xlsx)' });
    // The pane's own words, not the browser's «Choose File / No file chosen».
    expect(within(picker).getByRole('button', { name: 'Файл сонгох' })).toBeTruthy();
    expect(within(picker).getByText('Файл сонгоогүй')).toBeTruthy();
    expect(planFileInput().hidden).toBe(true);
    fireEvent.change(planFileInput(), { target: { files: [file] } });
    await screen.findByText('Тохирсон 8, тайланд алга 4, төлөвлөөгүй 2, зорилт өөрчлөгдсөн 5.');
    expect(within(picker).getByText('plan-2024.xlsx')).toBeTruthy();
    expect(within(picker).queryByText('Файл сонгоогүй')).toBeNull();
    const changed = screen.getByRole('list', { name: 'Зорилтын тоо өөрчлөгдсөн: 5' });
    const buttons = within(changed).getAllByRole('button');
    // Each item names its sheet and its cell once.
    expect(buttons.map((b) => b.textContent?.split(' — ')[0])).toEqual(
      ['E10', 'E13', 'E14', 'E15', 'E21'].map((c) => `Тайлан 2024 · ${c}`),
    );
    expect(buttons.every((b) => (b.textContent?.match(/E\d+/g) ?? []).length === 1)).toBe(true);
    await user.click(buttons[0]);
    await waitFor(() => expect(host.selection()).toEqual({ sheet: 'Тайлан 2024', row: 10, col: 5 }));
    // The plan came from a file: its missing rows are listed but cannot be selected here.
    const missing = screen.getByRole('list', { name: 'Тайланд алга (төлөвлөсөн): 4' });
    expect(within(missing).queryAllByRole('button')).toHaveLength(0);
    expect(missing.textContent).toContain('3.2.2');
  });

  test('on an Excel without ExcelApi 1.13, comparing with a file says in Mongolian what is missing', async () => {
    const host = await openPlan('report-2024-annual.xlsx', 'Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    host.readFile = () => Promise.reject(new ExcelApiMissingError('1.13'));
    const file = new File([new Uint8Array([80, 75])], 'plan-2024.xlsx');
    Object.defineProperty(file, 'arrayBuffer', { value: async () => new ArrayBuffer(2) });
    fireEvent.change(planFileInput(), { target: { files: [file] } });
    await waitFor(() =>
      expect(result().textContent).toContain(
        'Excel-ийн энэ хувилбар үүнийг хийж чадахгүй: Excel-ийн 1.13 хувилбарын програмчлалын боломж шаардлагатай.',
      ),
    );
  });

  test('in English, and a sheet that cannot be drafted from says so', async () => {
    await openPlan('receivables-2024.xlsx', 'Шимтгэлийн авлага');
    expect(screen.getByText(/Энэ хуудаснаас төсөл боловсруулах боломжгүй/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Switch the language to English' }));
    expect(await screen.findByText(/Nothing can be drafted from this sheet/)).toBeTruthy();
  });
});
