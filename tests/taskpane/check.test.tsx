/** @jest-environment jsdom */
import './setup';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { templateById } from '../../src/core/templates';
import { SETTINGS_KEY } from '../../src/host/settings';
import { Pane } from '../../src/taskpane/App';
import { fixtureHost, result } from './helpers';

const user = userEvent.setup();

const REPORT_MN = templateById('performance-report').name.mn;
const REPORT_EN = templateById('performance-report').name.en;

describe('Check tab', () => {
  test('half-year report: template, header, metadata and issues from the real analysis', async () => {
    const host = await fixtureHost('fulfilment-2024-h1.xlsx');
    render(<Pane host={host} />);
    expect(await screen.findByText(REPORT_MN)).toBeTruthy();
    expect(screen.getByText('Таних магадлал: 100%')).toBeTruthy();
    expect(screen.getByText('Толгой мөр: 5')).toBeTruthy();
    // Metadata read from the title, editable.
    expect((screen.getByLabelText('Он') as HTMLInputElement).value).toBe('2024');
    expect((screen.getByLabelText('Албан хаагч') as HTMLInputElement).value).toBe('Ж.АРИУНТУНГАЛАГ');
    // Grouped by severity, each a button "H10 — message".
    const h10 = screen.getByRole('button', {
      name: /^H10 — гүйцэтгэлийн хувь бичээгүй байна \(тооцоолсон санал: 100%\)/,
    });
    expect(h10).toBeTruthy();
    expect(screen.getByText('Анхааруулга: 4')).toBeTruthy();
    expect(screen.getByText('Алдаа: 0')).toBeTruthy();
    const warnings = screen.getByRole('list', { name: /Анхааруулга/ });
    expect(
      within(warnings)
        .getAllByRole('button')
        .map((b) => b.textContent?.slice(0, 3)),
    ).toEqual(['H10', 'H15', 'H19', 'H28']);
  });

  test('annual report: PERIOD_INVERTED at G13; clicking the issue selects the cell in the host', async () => {
    const host = await fixtureHost('report-2024-annual.xlsx');
    render(<Pane host={host} />);
    const g13 = await screen.findByRole('button', {
      name: /^G13 — дуусах огноо 2014-12-03 нь эхлэх 2024-01-02-ээс өмнө байна/,
    });
    expect(screen.getByRole('list', { name: /Алдаа/ }).contains(g13)).toBe(true);
    await user.click(g13);
    expect(host.selection()).toEqual({ sheet: 'Тайлан 2024', row: 13, col: 7 });
    expect(result().textContent).toContain('G13');
    expect(screen.getByText('Толгой мөр: 4–5')).toBeTruthy();
  });

  test('the language switch shows English labels and English messages, and is remembered', async () => {
    const storage = new Map<string, string>();
    const host = await fixtureHost('report-2024-annual.xlsx', storage);
    render(<Pane host={host} />);
    await screen.findByText(REPORT_MN);
    await user.click(screen.getByRole('button', { name: 'Switch the language to English' }));
    expect(await screen.findByText(REPORT_EN)).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Check' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Consolidate' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Check again' })).toBeTruthy();
    expect(
      screen.getByRole('button', { name: /^G13 — end 2014-12-03 is before start 2024-01-02\./ }),
    ).toBeTruthy();
    expect(JSON.parse(storage.get(SETTINGS_KEY)!).lang).toBe('en');
    expect(screen.getByRole('tab', { name: 'Check' }).closest('[lang]')!.getAttribute('lang')).toBe('en');
  });

  test('corrected metadata is applied as overrides of the analysis', async () => {
    const host = await fixtureHost('fulfilment-2024-h1.xlsx');
    render(<Pane host={host} />);
    await screen.findByText(REPORT_MN);
    const unit = screen.getByLabelText('Нэгж, албан тушаал') as HTMLInputElement;
    await user.clear(unit);
    await user.type(unit, 'Орлогын хэлтэс');
    await user.click(screen.getByRole('button', { name: 'Мэдээллийг хэрэглэх' }));
    expect(result().textContent).toBe('Мэдээллийг шинэчиллээ.');
    expect((screen.getByLabelText('Нэгж, албан тушаал') as HTMLInputElement).value).toBe('Орлогын хэлтэс');
  });

  test('re-check reads the sheet again and reports the counts', async () => {
    const host = await fixtureHost('report-2024-annual.xlsx');
    render(<Pane host={host} />);
    await screen.findByText(REPORT_MN);
    host.workbook.getWorksheet('Тайлан 2024')!.getCell('G13').value = '2024.01.02 2024.12.03';
    await user.click(screen.getByRole('button', { name: 'Дахин шалгах' }));
    expect(await screen.findByText(/хуудсыг шалгалаа: 0 алдаа/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^G13 — дуусах огноо/ })).toBeNull();
  });
});
