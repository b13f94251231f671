/** @jest-environment jsdom */
/**
 * «Буцаах» and the marks in the sheet, in the task pane over the preview's host: the undo appears
 * after each kind of write, goes with the next write, and puts the workbook back as it was.
 */
import './setup';
import fs from 'node:fs';
import path from 'node:path';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type ExcelJS from 'exceljs';
import { Pane } from '../../src/taskpane/App';
import type { WorkbookHost } from '../../src/host/workbookHost';
import { FIXTURES, fixtureHost } from './helpers';

const user = userEvent.setup();
const UNDO = { name: 'Буцаах' };

async function open(fixture: string, templateName: string) {
  const host = await fixtureHost(fixture);
  render(<Pane host={host} />);
  await screen.findByText(templateName);
  return host;
}

/** Every cell's value, style and note, every merge, width and conditional format, per sheet. */
function state(wb: ExcelJS.Workbook) {
  return wb.worksheets.map((ws) => {
    const cells: string[] = [];
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const style = JSON.stringify(cell.style ?? {});
        const value = cell.isMerged && cell.master !== cell ? null : cell.value;
        if (value === null && style === '{}' && cell.note === undefined) return;
        cells.push(`${cell.address}=${JSON.stringify(value)} ${style} ${JSON.stringify(cell.note)}`);
      }),
    );
    const widths = (ws.columns ?? []).map((c) => c.width ?? null);
    while (widths.length && widths[widths.length - 1] === null) widths.pop();
    const cf = (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings;
    return {
      name: ws.name,
      cells,
      merges: Object.keys((ws as unknown as { _merges: object })._merges).sort(),
      widths,
      cf: JSON.stringify(cf),
    };
  });
}

async function undoAndCompare(host: WorkbookHost, before: ReturnType<typeof state>) {
  await user.click(await screen.findByRole('button', UNDO));
  await screen.findByText('Сүүлийн өөрчлөлтийг буцаалаа.');
  expect(screen.queryByRole('button', UNDO)).toBeNull();
  expect(state(host.workbook)).toEqual(before);
}

describe('undo of the pane’s writes', () => {
  test('no undo before a write; after a format it restores every cell and then goes', async () => {
    const host = await open('fulfilment-2024-h1.xlsx', 'Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    expect(screen.queryByRole('button', UNDO)).toBeNull();
    const before = state(host.workbook);
    await user.click(screen.getByRole('tab', { name: 'Хэлбэржүүлэх' }));
    await user.click(screen.getByRole('button', { name: 'Нэг товшилтоор хэлбэржүүлэх' }));
    await screen.findByRole('button', UNDO);
    expect(state(host.workbook)).not.toEqual(before);
    // The tooltip says why Excel's own undo cannot.
    expect(screen.getByRole('button', UNDO).getAttribute('aria-describedby')).toBeTruthy();
    await undoAndCompare(host, before);
  });

  test('fill, then summary: the undo is the last write’s only; the summary sheet is removed', async () => {
    const host = await open('fulfilment-2024-h1.xlsx', 'Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    await user.click(screen.getByRole('tab', { name: 'Тооцоолох' }));
    const before = state(host.workbook);
    await user.click(screen.getByRole('button', { name: 'Тооцоолсон хувийг бичих' }));
    await screen.findByRole('button', UNDO);
    const afterFill = state(host.workbook);
    expect(afterFill).not.toEqual(before);

    await user.click(screen.getByRole('button', { name: 'Товчоо хуудас оруулах' }));
    await waitFor(() => expect(host.workbook.getWorksheet('Товчоо')).toBeTruthy());
    await undoAndCompare(host, afterFill);
    expect(host.workbook.getWorksheet('Товчоо')).toBeUndefined();
  });

  test('a draft: undo removes the sheet it added', async () => {
    const host = await open('plan-2024.xlsx', 'Гүйцэтгэлийн төлөвлөгөө');
    await user.click(screen.getByRole('tab', { name: 'Төлөвлөх' }));
    const before = state(host.workbook);
    await user.click(screen.getByRole('button', { name: 'Тайлангийн төсөл үүсгэх' }));
    await screen.findByRole('button', UNDO);
    expect(host.workbook.worksheets).toHaveLength(2);
    await undoAndCompare(host, before);
    expect(host.workbook.worksheets).toHaveLength(1);
  });

  test('a Word import: undo removes the sheet it added', async () => {
    const host = await open('plan-2024.xlsx', 'Гүйцэтгэлийн төлөвлөгөө');
    const before = state(host.workbook);
    const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'word/report-2024-annual.docx')));
    const file = new File([bytes], 'report-2024-annual.docx');
    // jsdom's File has no arrayBuffer(); the browser's has.
    Object.defineProperty(file, 'arrayBuffer', { value: async () => bytes.buffer });
    await user.upload(document.querySelector<HTMLInputElement>('input[type=file][accept*=".docx"]')!, file);
    await screen.findByText(/^«report-2024-annual» хуудсанд орууллаа/);
    expect(await host.listSheets()).toContain('report-2024-annual');
    await undoAndCompare(host, before);
    expect(await host.listSheets()).toEqual(['Төлөвлөгөө 2024']);
  });
});

describe('marks in the sheet', () => {
  test('marks fill and annotate each issue’s cell; «Арилгах» restores the sheet exactly', async () => {
    const host = await open('report-2024-annual.xlsx', 'Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    const before = state(host.workbook);
    await user.click(screen.getByRole('button', { name: 'Хуудсанд тэмдэглэх' }));
    await screen.findByText(/нүдийг будаж, тэмдэглэл нэмлээ\.$/);
    const ws = host.workbook.worksheets[0];
    const notes: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => void (typeof cell.note === 'string' && notes.push(cell.note))),
    );
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.startsWith('НД Төлөвлөгөө — шалгалт\n'))).toBe(true);
    expect(screen.getByRole('button', { name: 'Хуудсанд тэмдэглэх' }).hasAttribute('disabled')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Арилгах' }));
    await screen.findByText(/нүдний тэмдгийг арилгаж, өмнөх өнгийг сэргээлээ\.$/);
    expect(state(host.workbook)).toEqual(before);
    expect(screen.queryByRole('button', { name: 'Арилгах' })).toBeNull();
    // Removing is a write of its own: the marks' undo is gone with it.
    expect(screen.queryByRole('button', UNDO)).toBeNull();
  });

  test('undo after marking takes the marks away too', async () => {
    const host = await open('report-2024-annual.xlsx', 'Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    const before = state(host.workbook);
    await user.click(screen.getByRole('button', { name: 'Хуудсанд тэмдэглэх' }));
    await undoAndCompare(host, before);
    expect(screen.queryByRole('button', { name: 'Арилгах' })).toBeNull();
  });
});
