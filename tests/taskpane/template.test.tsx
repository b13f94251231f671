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
    const chosen = (name: string) => {
      const select = screen.getByRole('combobox', { name }) as HTMLSelectElement;
      return select.selectedOptions[0]?.textContent ?? '';
    };
    expect(chosen('Загвар сонгох')).toMatch(/^Ажлын төлөвлөгөөний хэрэгжилт \(/);
    expect(screen.getByText('Загварыг итгэлтэй танисангүй: зөв загварыг сонгоно уу.')).toBeTruthy();

    // Column mapping is editable at once: move "Хүрсэн түвшин" (achieved) to column E.
    expect(chosen('Хүрсэн түвшин')).toBe('D — Хүрсэн түвшин');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Хүрсэн түвшин' }), 'E');
    await waitFor(() => expect(chosen('Хүрсэн түвшин')).toBe('E — Тайлбар'));

    // Another template.
    const picker = screen.getByRole('combobox', { name: 'Загвар сонгох' }) as HTMLSelectElement;
    const plan = [...picker.options].find((o) => /^Гүйцэтгэлийн төлөвлөгөө \(/.test(o.textContent ?? ''))!;
    await user.selectOptions(picker, plan.value);
    await waitFor(() => expect(chosen('Загвар сонгох')).toMatch(/^Гүйцэтгэлийн төлөвлөгөө \(/));
  });
});
