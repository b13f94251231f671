/** @jest-environment jsdom */
import './setup';
import { render, screen, within } from '@testing-library/react';
import ExcelJS from 'exceljs';
import { TEMPLATES } from '../../src/core/templates';
import { createWorkbookHost } from '../../src/host/workbookHost';
import { Pane } from '../../src/taskpane/App';

function hostOf(fill: (ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('Sheet1'));
  return createWorkbookHost(wb, { storage: new Map() });
}

describe('empty and foreign sheets', () => {
  test('a blank workbook: what the add-in does and the sheets it knows, no 0 % warning, no issues', async () => {
    render(<Pane host={hostOf(() => undefined)} />);
    expect(await screen.findByRole('heading', { name: 'Энэ хуудас хоосон байна' })).toBeTruthy();
    const kinds = screen.getByRole('list', { name: 'Танидаг хуудсууд' });
    expect(within(kinds).getAllByRole('listitem').map((li) => li.textContent)).toEqual(
      TEMPLATES.map((t) => t.name.mn),
    );
    expect(screen.queryByText(/Таних магадлал/)).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Алдаа, анхааруулга' })).toBeNull();
    expect(screen.queryByText(/\(0%\)/)).toBeNull();
  });

  test('a foreign sheet: the same help, and a template can still be chosen', async () => {
    render(
      <Pane
        host={hostOf((ws) => {
          ws.getCell('A1').value = 'Худалдан авалтын жагсаалт';
          ws.getCell('A2').value = 'Бараа';
          ws.getCell('B2').value = 'Үнэ';
        })}
      />,
    );
    expect(await screen.findByRole('heading', { name: 'Энэ хуудсыг танисангүй' })).toBeTruthy();
    expect(screen.queryByText(/Таних магадлал/)).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Загвар сонгох' })).toBeTruthy();
  });
});
