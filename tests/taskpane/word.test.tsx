/** @jest-environment jsdom */
import './setup';
import fs from 'node:fs';
import path from 'node:path';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { analyzeSheet } from '../../src/core/analyze';
import { sheetJson } from '../../src/core/checkJson';
import { readDocx } from '../../src/docx/read';
import { workbookHostFromBytes } from '../../src/host/workbookHost';
import { Pane } from '../../src/taskpane/App';

const SAMPLES = path.resolve(__dirname, '../../samples');
const user = userEvent.setup();

/** A picked file; jsdom's File has no arrayBuffer(), the browser's has. */
function fileOf(bytes: Uint8Array<ArrayBuffer>, name: string): File {
  const file = new File([bytes], name);
  Object.defineProperty(file, 'arrayBuffer', {
    value: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  });
  return file;
}
const sample = (rel: string) =>
  fileOf(new Uint8Array(fs.readFileSync(path.join(SAMPLES, rel))), path.basename(rel));

/** The pane over the sample plan, with its Word import input. */
async function open() {
  const b = fs.readFileSync(path.join(SAMPLES, 'plan-2024.xlsx'));
  const host = await workbookHostFromBytes(new Uint8Array(b), {
    fileName: 'plan-2024.xlsx',
    storage: new Map(),
  });
  const applied: number[] = [];
  const apply = host.applyPlan.bind(host);
  host.applyPlan = async (plan, options) => {
    applied.push(plan.ops.length);
    return apply(plan, options);
  };
  const { container } = render(<Pane host={host} />);
  await screen.findByText('Гүйцэтгэлийн төлөвлөгөө');
  const input = container.querySelector<HTMLInputElement>('input[type=file][accept*=".docx"]')!;
  return { host, input, applied };
}

describe('«Word файл оруулах»', () => {
  test('a styled button, not the bare file input', async () => {
    const { input } = await open();
    expect(screen.getByRole('button', { name: 'Word файл оруулах' })).toBeTruthy();
    expect(input.hidden).toBe(true);
  });

  test('lays the document into a new sheet in one plan, formats it, selects it and checks it like the document', async () => {
    const { host, input, applied } = await open();
    await user.upload(input, sample('word/report-2024-annual.docx'));
    await screen.findByText('«report-2024-annual» хуудсанд орууллаа: 10 арга хэмжээ, 1 алдаа.');
    expect(applied).toHaveLength(1);
    expect(await host.listSheets()).toEqual(['Төлөвлөгөө 2024', 'report-2024-annual']);
    expect(await host.activeSheet()).toBe('report-2024-annual');
    const sheet = analyzeSheet(await host.readSheet('report-2024-annual'));
    const doc = analyzeSheet(
      await readDocx(
        fs.readFileSync(path.join(SAMPLES, 'word/report-2024-annual.docx')),
        'report-2024-annual.docx',
      ),
    );
    expect({ ...sheetJson(sheet), sheet: '' }).toEqual({ ...sheetJson(doc), sheet: '' });
    // Formatted: the header row is bold, as section 9 lays it out.
    const ws = host.workbook.getWorksheet('report-2024-annual')!;
    expect(ws.getCell(sheet.tables[0].headerRow, 2).font?.bold).toBe(true);
    // A second import of the same file never overwrites the first.
    await user.upload(input, sample('word/report-2024-annual.docx'));
    await screen.findByText('«report-2024-annual (2)» хуудсанд орууллаа: 10 арга хэмжээ, 1 алдаа.');
  });

  test('a .doc is refused with one line saying what to do, and nothing is written', async () => {
    const { host, input, applied } = await open();
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    // The input accepts .docx only, so a .doc arrives as a user who picked "All files" would give it.
    fireEvent.change(input, { target: { files: [fileOf(ole, 'хуучин.doc')] } });
    await screen.findByText(
      /хуучин\.doc: хуучин \.doc \(Word 97–2003\) формат; Word-оор \.docx болгон хадгалаад/,
    );
    await waitFor(() => expect(applied).toHaveLength(0));
    expect(await host.listSheets()).toEqual(['Төлөвлөгөө 2024']);
  });
});
