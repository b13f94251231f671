/** The ExcelJS adapter: workbook bytes → SheetSnapshot (src/xlsx/read.ts). */
import ExcelJS from 'exceljs';
import { analyzeSheet } from '../../src/core/analyze';
import {
  WorkbookReadError,
  dateToSerial,
  loadWorkbook,
  sniff,
  workbookSnapshots,
  worksheetSnapshot,
} from '../../src/xlsx/read';
import {
  encryptedBytes,
  textBytes,
  truncatedWorkbookBytes,
  xlsBytes,
  zipWithoutWorkbookBytes,
} from '../helpers/badfiles';
import {
  addSheet,
  date,
  err,
  fmt,
  formula,
  link,
  pct,
  rich,
  serialOf,
  sheetSnapshot,
  snapshotsOfBuffer,
  xlsxBuffer,
  type SheetSpec,
} from '../helpers/workbook';

const SPEC: SheetSpec = {
  name: 'Тайлан 2024',
  firstRow: 2,
  firstCol: 2,
  rows: [
    ['ГАРЧИГ', null, null, null],
    ['Огноо', date(2024, 1, 2), fmt(45293, 'yyyy.mm.dd'), null],
    ['Томьёо', 10, 20, formula('C3+D3', 30)],
    ['Алдаа', err('#DIV/0!'), formula('1/0', { error: '#DIV/0!' }), err('#N/A')],
    ['Баян текст', rich('Нийгмийн ', 'даатгал'), link('НДЕГ', 'https://ndaatgal.mn'), null],
    ['Хувь', pct(0.9), '1 617,2', true],
    ['Нэгтгэсэн', 'босоо', null, null],
    [null, null, null, null],
  ],
  merges: ['B2:E2', 'C8:C9'],
};

describe('worksheetSnapshot of a generated workbook', () => {
  let snap: ReturnType<typeof worksheetSnapshot>;
  beforeAll(async () => {
    [snap] = await snapshotsOfBuffer(await xlsxBuffer([SPEC]));
  });
  const cell = (addr: string) => {
    const m = /^([A-Z])(\d+)$/.exec(addr)!;
    const r = Number(m[2]) - snap.origin.row;
    const c = m[1].charCodeAt(0) - 64 - snap.origin.col;
    return {
      value: snap.values[r]?.[c] ?? null,
      type: snap.valueTypes?.[r]?.[c],
      format: snap.numberFormats?.[r]?.[c],
      formula: snap.formulas?.[r]?.[c],
    };
  };

  test('the used range starts at its top-left filled cell', () => {
    expect(snap.name).toBe('Тайлан 2024');
    expect(snap.origin).toEqual({ row: 2, col: 2 });
    expect(snap.values).toHaveLength(7); // rows 2–8: the empty covered row 9 is not used
    expect(snap.values[0]).toHaveLength(4); // B–E
  });

  test('a merged area keeps its value only in the top-left cell', () => {
    expect(cell('B2').value).toBe('ГАРЧИГ');
    expect(['C2', 'D2', 'E2'].map((a) => cell(a).value)).toEqual([null, null, null]);
    expect(cell('C8').value).toBe('босоо');
    expect(snap.merges).toEqual(
      expect.arrayContaining([
        { top: 2, left: 2, bottom: 2, right: 5 },
        { top: 8, left: 3, bottom: 9, right: 3 },
      ]),
    );
  });

  test('dates become 1900-system serial numbers', () => {
    expect(cell('C3')).toMatchObject({ value: 45293, type: 'Double' });
    expect(cell('D3')).toMatchObject({ value: 45293, format: 'yyyy.mm.dd' });
    expect(serialOf(date(2024, 1, 2))).toBe(45293);
    expect(dateToSerial(new Date(Date.UTC(2024, 0, 2)))).toBe(45293);
    expect(dateToSerial(new Date(Date.UTC(2024, 0, 2)), true)).toBe(45293 - 1462);
  });

  test('formulas: the cached result as the value and the formula text', () => {
    expect(cell('E4')).toEqual({ value: 30, type: 'Double', format: 'General', formula: '=C3+D3' });
    expect(cell('C4')).toMatchObject({ value: 10, formula: null });
  });

  test('error values are their text with value type Error, typed or computed', () => {
    expect(cell('C5')).toMatchObject({ value: '#DIV/0!', type: 'Error' });
    expect(cell('D5')).toMatchObject({ value: '#DIV/0!', type: 'Error', formula: '=1/0' });
    expect(cell('E5')).toMatchObject({ value: '#N/A', type: 'Error' });
  });

  test('rich text is joined; a hyperlink is its text', () => {
    expect(cell('C6')).toMatchObject({ value: 'Нийгмийн даатгал', type: 'String' });
    expect(cell('D6')).toMatchObject({ value: 'НДЕГ', type: 'String' });
  });

  test('number formats, numbers stored as text and booleans pass through', () => {
    expect(cell('C7')).toMatchObject({ value: 0.9, format: '0%', type: 'Double' });
    expect(cell('D7')).toMatchObject({ value: '1 617,2', type: 'String' });
    expect(cell('E7')).toMatchObject({ value: true, type: 'Boolean' });
  });

  test('the test helper makes the same snapshot as the adapter (same cells, types and formulas)', () => {
    const direct = sheetSnapshot({ ...SPEC, rows: SPEC.rows.slice(0, 7) });
    expect(direct.values).toEqual(snap.values);
    expect(direct.valueTypes).toEqual(snap.valueTypes);
    expect(direct.formulas).toEqual(snap.formulas);
    expect(direct.origin).toEqual(snap.origin);
  });
});

describe('workbooks', () => {
  test('every visible sheet, in order; very hidden sheets are left out; empty sheets are empty', async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, { name: 'Нэг', rows: [['a']] });
    addSheet(wb, { name: 'Нууц', rows: [['b']] }).state = 'veryHidden';
    addSheet(wb, { name: 'Далд', rows: [['c']] }).state = 'hidden';
    wb.addWorksheet('Хоосон');
    const snaps = await snapshotsOfBuffer(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(snaps.map((s) => s.name)).toEqual(['Нэг', 'Далд', 'Хоосон']);
    expect(snaps[2]).toEqual({ name: 'Хоосон', origin: { row: 1, col: 1 }, values: [], merges: [] });
    expect(analyzeSheet(snaps[2]).template).toBeNull();
  });

  test('a 1904-date workbook gives the same serials as Excel shows', async () => {
    const wb = new ExcelJS.Workbook();
    (wb.properties as { date1904?: boolean }).date1904 = true;
    addSheet(wb, { name: 'S', rows: [[date(2024, 1, 2)]] });
    const [s] = workbookSnapshots(wb);
    expect(s.values[0][0]).toBe(45293 - 1462);
  });

  test('a generated report survives the round trip and analyses like its direct snapshot', async () => {
    const spec: SheetSpec = {
      name: 'Тайлан',
      rows: [
        ['Б.БОЛДЫН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ'],
        ['Д/д', 'Арга хэмжээ', 'Гүйцэтгэлийн түвшин', null, 'Хугацаа', 'Гүйцэтгэлийн хувь'],
        [null, null, 'Хүрэх түвшин', 'Хүрсэн түвшин'],
        ['1.1', 'Сургалт', '10 удаа', '8 удаа', date(2024, 3, 1), pct(0.8)],
        ['1.2', 'Хяналт', '4 удаа', '4 удаа', '2024.01.02-2024.12.03', formula('AVERAGE(F4:F4)', 100)],
      ],
      merges: ['A1:F1', 'A2:A3', 'B2:B3', 'C2:D2', 'E2:E3', 'F2:F3'],
    };
    const [viaFile] = await snapshotsOfBuffer(await xlsxBuffer([spec]));
    const a = analyzeSheet(viaFile);
    const b = analyzeSheet(sheetSnapshot(spec));
    expect(a.template).toBe('performance-report');
    expect(a.activities.map((x) => [x.no, x.percent, x.period])).toEqual([
      ['1.1', 80, { start: '2024-03-01', end: '2024-03-01' }],
      ['1.2', 100, { start: '2024-01-02', end: '2024-12-03' }],
    ]);
    expect(a.activities).toEqual(b.activities);
    expect(a.issues).toEqual(b.issues);
  });
});

describe('bytes that are not a workbook', () => {
  const reason = async (bytes: Uint8Array) => {
    try {
      await loadWorkbook(bytes, 'x.xlsx');
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookReadError);
      expect((e as WorkbookReadError).file).toBe('x.xlsx');
      expect((e as Error).message).not.toContain('\n');
      return (e as WorkbookReadError).reason;
    }
    return 'read';
  };

  test('text, an empty file, a zip that is no workbook, encrypted, old .xls, truncated', async () => {
    const good = await xlsxBuffer([{ name: 'S', rows: [['a']] }]);
    expect(await reason(good)).toBe('read');
    expect(await reason(textBytes())).toBe('not-xlsx');
    expect(await reason(Buffer.alloc(0))).toBe('not-xlsx');
    expect(await reason(await zipWithoutWorkbookBytes())).toBe('not-workbook');
    expect(await reason(encryptedBytes())).toBe('encrypted');
    expect(await reason(xlsBytes())).toBe('xls');
    expect(await reason(truncatedWorkbookBytes(good))).toMatch(/^(corrupt|not-workbook)$/);
  });

  test('sniff decides before ExcelJS sees the bytes, and accepts a real workbook', async () => {
    expect(() => sniff(encryptedBytes(), 'a')).toThrow(WorkbookReadError);
    const good = new Uint8Array(await xlsxBuffer([{ name: 'S', rows: [['a']] }]));
    expect(() => sniff(good, 'a')).not.toThrow();
    // A view into a larger buffer is read at its own offset.
    const big = Buffer.concat([Buffer.from('junk'), xlsBytes()]);
    expect(() => sniff(big.subarray(4), 'a')).toThrow(/xls/);
  });
});
