/**
 * Exact text through both Node writers: the direct one (src/xlsx/render.ts) and ExcelJS
 * (src/xlsx/write.ts). A corpus of hostile strings is written, the file's XML must be
 * well-formed, and two readers (ND Plan's own and ExcelJS) must read every string back as it
 * was. Print titles on a sheet whose name has an apostrophe are quoted as Excel quotes them.
 */
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import type { WritePlan } from '../../src/core/writeplan';
import { applyWritePlan } from '../../src/xlsx/apply';
import { loadWorkbook, workbookSnapshots } from '../../src/xlsx/read';
import { renderWorkbook } from '../../src/xlsx/render';
import { loadSnapshots } from '../../src/xlsx/values';
import { workbookBuffer } from '../../src/xlsx/write';
import { unzip } from '../../src/xlsx/zip';
import { HOSTILE } from '../helpers/hostile';

const SHEET = "Ажил's";
const plan = (): WritePlan => ({
  ops: [
    { op: 'addSheet', sheet: SHEET },
    { op: 'setValues', sheet: SHEET, row: 1, col: 1, values: HOSTILE.map((s) => [s]) },
    {
      op: 'printSetup',
      sheet: SHEET,
      orientation: 'portrait',
      paper: 'A4',
      fitToWidth: true,
      repeatRows: { from: 1, to: 2 },
    },
  ],
});

async function viaExcelJs(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  applyWritePlan(wb, plan());
  return workbookBuffer(wb);
}

function wellFormed(buf: Buffer) {
  for (const [name, read] of unzip(buf)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    expect(() => new SaxesParser().write(read().toString('utf8')).close()).not.toThrow();
  }
}

/** What a lone surrogate can be read back as: XML holds no lone surrogates, Excel's escape does. */
const values = (snaps: { values: unknown[][] }[]) => snaps[0].values.map((r) => r[0]);

describe.each([
  ['the direct writer', () => renderWorkbook(plan())],
  ['ExcelJS', viaExcelJs],
])('%s', (_, write) => {
  let buf: Buffer;
  beforeAll(async () => {
    buf = await write();
  });

  test('writes well-formed XML', () => wellFormed(buf));

  test("every hostile string reads back exactly, by ND Plan's reader and by ExcelJS", async () => {
    expect(values(await loadSnapshots(buf, 'x.xlsx'))).toEqual(HOSTILE);
    const excel = values(workbookSnapshots(await loadWorkbook(buf, 'x.xlsx')));
    // ExcelJS reads the text of the escapes it finds, and does not know `_x005F_`: it must only agree where it can.
    const plain = HOSTILE.flatMap((s, i) =>
      /_x|[\r\u0000-\u001f\ufffe\uffff\ud800-\udfff]/.test(s) ? [] : [[s, excel[i]]],
    );
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.map(([, read]) => read)).toEqual(plain.map(([written]) => written));
  });

  test('print titles of a sheet named with an apostrophe are quoted', () => {
    const workbook = unzip(buf).get('xl/workbook.xml')!().toString('utf8');
    expect(workbook).toMatch(
      /_xlnm\.Print_Titles[^>]*>(?:'|&apos;)Ажил(?:''|&apos;&apos;)s(?:'|&apos;)!\$1:\$2</,
    );
  });
});
