/** @jest-environment jsdom */
import './setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { TEMPLATES } from '../../src/core/templates';
import type { Host, OpenedFile, Opener } from '../../src/host/host';
import { createWorkbookHost } from '../../src/host/workbookHost';
import { SAMPLES } from '../../src/preview/samples';
import { Pane } from '../../src/taskpane/App';
import { FIXTURES } from './helpers';

function hostOf(fill: (ws: ExcelJS.Worksheet) => void, opener?: Opener) {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('Sheet1'));
  return createWorkbookHost(wb, { storage: new Map(), opener });
}

/** An opener that records what it was asked to open and reads the files as the preview would. */
function recordingOpener(missing: string | null = null) {
  const calls: { sample?: string; files?: OpenedFile[] }[] = [];
  const opener: Opener = {
    missing: () => missing,
    openSample: async (id) => {
      calls.push({ sample: id });
    },
    openFiles: async (files) => {
      calls.push({ files });
    },
  };
  return { opener, calls };
}

const user = userEvent.setup();

describe('empty and foreign sheets', () => {
  test('a blank workbook: what the add-in does and the sheets it knows, no 0 % warning, no issues', async () => {
    render(<Pane host={hostOf(() => undefined)} />);
    expect(await screen.findByRole('heading', { name: 'Энэ хуудас хоосон байна' })).toBeTruthy();
    const kinds = screen.getByRole('list', { name: 'Танидаг хуудсууд' });
    expect(
      within(kinds)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(TEMPLATES.map((t) => t.name.mn));
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

  test('the empty state opens a bundled sample: the chosen one, by its name in the pane language', async () => {
    const { opener, calls } = recordingOpener();
    render(<Pane host={hostOf(() => undefined, opener)} />);
    const section = await screen.findByRole('region', { name: 'Жишээ эсвэл файл нээх' });
    const select = within(section).getByRole('combobox', { name: 'Жишээ ажлын ном' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value),
    ).toEqual(SAMPLES.map((s) => s.id));
    await user.selectOptions(select, 'plan');
    expect((select as HTMLSelectElement).selectedOptions[0].textContent).toBe(
      'Гүйцэтгэлийн төлөвлөгөө, 2024 он',
    );
    await user.click(within(section).getByRole('button', { name: 'Жишээг нээх' }));
    await waitFor(() => expect(calls).toEqual([{ sample: 'plan' }]));
    // In the preview the opened file replaces the blank workbook: nothing is said about adding sheets.
    expect(screen.queryByText(/төгсгөлд нэмэгдэнэ/)).toBeNull();
  });

  test('the empty state opens a file from disk, in Mongolian: no «Choose File» from the browser', async () => {
    const { opener, calls } = recordingOpener();
    render(<Pane host={hostOf(() => undefined, opener)} />);
    const section = await screen.findByRole('region', { name: 'Жишээ эсвэл файл нээх' });
    const picker = within(section).getByRole('group', { name: 'Өөрийн файл (.xlsx)' });
    expect(within(picker).getByRole('button', { name: 'Файл сонгох' })).toBeTruthy();
    expect(within(picker).getByText('Файл сонгоогүй')).toBeTruthy();
    const bytes = fs.readFileSync(path.join(FIXTURES, 'plan-2024.xlsx'));
    const file = new File([bytes], 'plan-2024.xlsx');
    // jsdom's File has no arrayBuffer(); the browser's has.
    Object.defineProperty(file, 'arrayBuffer', {
      value: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    });
    fireEvent.change(within(picker).getByLabelText('Өөрийн файл (.xlsx)'), { target: { files: [file] } });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].files?.map((f) => [f.name, f.bytes.byteLength])).toEqual([
      ['plan-2024.xlsx', bytes.byteLength],
    ]);
    expect(within(picker).getByText('plan-2024.xlsx')).toBeTruthy();
  });

  test('inside an Excel without ExcelApi 1.13 the actions are disabled and the pane says what is missing', async () => {
    const { opener, calls } = recordingOpener('1.13');
    const inner = hostOf(() => undefined, opener);
    const excel: Host = { ...inner, kind: 'excel', readSheet: (n) => inner.readSheet(n), opener };
    render(<Pane host={excel} />);
    const section = await screen.findByRole('region', { name: 'Жишээ эсвэл файл нээх' });
    expect(
      within(section).getByText('Нээсэн файлын хуудсууд энэ ажлын номын төгсгөлд нэмэгдэнэ.'),
    ).toBeTruthy();
    const button = within(section).getByRole('button', { name: 'Жишээг нээх' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(within(section).getByRole('button', { name: 'Файл сонгох' }).hasAttribute('disabled')).toBe(true);
    const why = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toBe(
      'Excel-ийн энэ хувилбар файл оруулж чадахгүй: Excel-ийн 1.13 хувилбарын програмчлалын боломж шаардлагатай.',
    );
    expect(calls).toEqual([]);
  });

  test('a host that cannot open files shows no open actions', async () => {
    render(<Pane host={hostOf(() => undefined)} />);
    await screen.findByRole('heading', { name: 'Энэ хуудас хоосон байна' });
    expect(screen.queryByRole('region', { name: 'Жишээ эсвэл файл нээх' })).toBeNull();
  });
});
