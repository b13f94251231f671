/** Opening picked files in the preview: one as it is, several side by side as one workbook. */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import {
  cleanSheetName,
  combinedName,
  nameWithFile,
  openFiles,
  type InputFile,
} from '../../src/preview/open';

const SAMPLES = path.resolve(__dirname, '../../samples');

function input(rel: string): InputFile {
  const b = fs.readFileSync(path.join(SAMPLES, rel));
  return {
    name: path.basename(rel),
    bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
  };
}

const merges = (ws: ExcelJS.Worksheet) =>
  ((ws.model as unknown as { merges: string[] }).merges ?? []).slice().sort();

describe('openFiles', () => {
  test('one file opens as it is, under its own name', async () => {
    const opened = await openFiles([input('fulfilment-2024-h1.xlsx')]);
    expect(opened.fileName).toBe('fulfilment-2024-h1.xlsx');
    expect(opened.renamed).toEqual([]);
    expect(opened.workbook.worksheets.map((w) => w.name)).toEqual(['2024 хагас жил']);
  });

  test('several files: every sheet copied with values, styles, merges and widths; clashing names told apart by file', async () => {
    const files = ['dept-hyanalt.xlsx', 'dept-orlogo.xlsx', 'dept-tetgever.xlsx'].map((f) =>
      input(`departments/${f}`),
    );
    const opened = await openFiles([...files, input('plan-2024.xlsx')]);
    expect(opened.fileName).toBe('dept-hyanalt+dept-orlogo+dept-tetgever+plan-2024.xlsx');
    const names = opened.workbook.worksheets.map((w) => w.name);
    expect(names).toEqual([
      'Тайлан (dept-hyanalt)',
      'Тайлан (dept-orlogo)',
      'Тайлан (dept-tetgever)',
      'Төлөвлөгөө 2024',
    ]);
    expect(opened.renamed.map((r) => r.to)).toEqual(names.slice(0, 3));

    for (const [i, f] of files.entries()) {
      const original = new ExcelJS.Workbook();
      await original.xlsx.load(f.bytes);
      const from = original.worksheets[0];
      const to = opened.workbook.worksheets[i];
      expect(merges(to)).toEqual(merges(from));
      from.eachRow((row, r) =>
        row.eachCell((c, col) => {
          expect(to.getCell(r, col).value).toEqual(c.value);
          expect(to.getCell(r, col).font).toEqual(c.font);
          expect(to.getCell(r, col).alignment).toEqual(c.alignment);
        }),
      );
      expect(to.getColumn(2).width).toBe(from.getColumn(2).width);
    }

    // It saves and reads back with the merges in place.
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(await opened.workbook.xlsx.writeBuffer());
    expect(again.worksheets.map((w) => w.name)).toEqual(names);
    expect(merges(again.worksheets[1])).toContain('A1:H1');
  });

  test('a file that is not a workbook is refused with the reader’s message', async () => {
    await expect(
      openFiles([{ name: 'notes.xlsx', bytes: new TextEncoder().encode('hello').buffer as ArrayBuffer }]),
    ).rejects.toThrow(/notes\.xlsx/);
  });
});

describe('sheet names', () => {
  test('Excel’s rules: no \\ / ? * [ ] :, no apostrophe at either end, 31 characters', () => {
    expect(cleanSheetName("'a/b[c]:d?'")).toBe('a_b_c__d_');
    expect(cleanSheetName('x'.repeat(40))).toHaveLength(31);
  });

  test('a clashing name gets its file’s name, then a number', () => {
    const taken = new Set(['тайлан']);
    expect(nameWithFile('Тайлан', 'dept-orlogo.xlsx', taken)).toBe('Тайлан (dept-orlogo)');
    taken.add('тайлан (dept-orlogo)');
    expect(nameWithFile('Тайлан', 'dept-orlogo.xlsx', taken)).toBe('Тайлан (2)');
    const long = nameWithFile(
      'Гүйцэтгэлийн төлөвлөгөөний биелэлт',
      'a-very-long-file-name-of-a-staff-member.xlsx',
      new Set(),
    );
    expect(long).toBe('Гүйцэтгэлийн (a-very-long-file)');
    expect(long.length).toBeLessThanOrEqual(31);
  });

  test('the combined name joins the files’ names, shortened when long', () => {
    expect(combinedName(['a.xlsx', 'b.xlsx'])).toBe('a+b.xlsx');
    expect(combinedName(Array.from({ length: 20 }, (_, i) => `staff-member-${i}.xlsx`))).toBe(
      'staff-member-0+19.xlsx',
    );
  });
});
