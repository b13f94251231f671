/** @jest-environment jsdom */
import './setup';
import ExcelJS from 'exceljs';
import { createWorkbookHost } from '../../src/host/workbookHost';
import { Pane } from '../../src/taskpane/App';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

const user = userEvent.setup();

/** A sheet whose header fits several templates equally: recognition is unsure (confidence 0.67). */
function unsureHost() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Биелэлт');
  ws.addRows([
    ['ХЭЛТСИЙН 2024 ОНЫ АЖЛЫН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ'],
    ['Д/д', 'Арга хэмжээ', 'Шалгуур үзүүлэлт', 'Хүрсэн түвшин', 'Тайлбар', 'Тэмдэглэл'],
    ['1', 'Сургалт зохион байгуулах', '4 сургалт', '4 сургалт зохион байгуулсан', 'x'],
    ['2', 'Тайлан гаргах', '2 тайлан', '1 тайлан'],
  ]);
  return createWorkbookHost(wb, { fileName: 'unsure.xlsx', storage: new Map() });
}

describe('Check tab when recognition is unsure', () => {
  test('offers a template dropdown and editable column mapping; choices re-run the analysis', async () => {
    render(<Pane host={unsureHost()} />);
    await screen.findByText('Таних магадлал: 67%');
    expect(screen.getByRole('combobox', { name: 'Загвар сонгох' }).textContent).toBe(
      'Ажлын төлөвлөгөөний хэрэгжилт',
    );
    expect(screen.getByText('Загварыг итгэлтэй танисангүй: зөв загварыг сонгоно уу.')).toBeTruthy();

    // Column mapping is editable at once: move "Хүрсэн түвшин" (achieved) to column E.
    const achieved = screen.getByRole('combobox', { name: 'Хүрсэн түвшин' });
    expect(achieved.textContent).toBe('D — Хүрсэн түвшин');
    await user.click(achieved);
    await user.click(await screen.findByRole('option', { name: 'E — Тайлбар' }));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Хүрсэн түвшин' }).textContent).toBe('E — Тайлбар'),
    );

    // Another template.
    const picker = screen.getByRole('combobox', { name: 'Загвар сонгох' });
    await user.click(picker);
    await user.click(await screen.findByRole('option', { name: /^Гүйцэтгэлийн төлөвлөгөө \(/ }));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Загвар сонгох' }).textContent).toBe(
        'Гүйцэтгэлийн төлөвлөгөө',
      ),
    );
  });
});
