/**
 * Marks in the sheet through Office.js, on office-addin-mock: notes where ExcelApi 1.18 is there,
 * else comments (1.10), else the fill alone; two syncs to mark, at most two to remove; removing
 * restores exactly the fills that were there and deletes only the notes or comments ND Plan added.
 */
import { addMarks, COMMENTS_EXCEL_API, NOTES_EXCEL_API, removeMarks } from '../../src/office';
import { cellsContext } from './fakeCells';

const S = 'Тайлан';
const plan = {
  sheet: S,
  marks: [
    { row: 5, col: 8, color: '#FFC7CE', note: 'НД Төлөвлөгөө — шалгалт\nАлдаа: H5' },
    { row: 7, col: 8, color: '#FFEB9C', note: 'НД Төлөвлөгөө — шалгалт\nАнхааруулга: H7' },
  ],
};

function supporting(versions: string[]) {
  Object.assign(globalThis, {
    Office: {
      context: { requirements: { isSetSupported: (_s: string, v: string) => versions.includes(v) } },
    },
  });
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

const sheet = () => ({
  cells: { H5: { fill: { color: '#00B050', pattern: 'Solid' } } },
  notes: { H7: 'хүний тэмдэглэл' },
  comments: [{ id: 'old', address: 'H7', content: 'хүний сэтгэгдэл' }],
});

describe('marks in the sheet (Office.js)', () => {
  test('notes (ExcelApi 1.18): two syncs; a cell with a note keeps it; removal restores the fills and our notes only', async () => {
    supporting([NOTES_EXCEL_API, COMMENTS_EXCEL_API]);
    const fake = cellsContext({ [S]: sheet() });
    const record = await addMarks(fake.context, plan);
    expect(fake.syncs()).toBe(2);
    expect(record.kind).toBe('note');
    expect(fake.sheets[S].cells).toMatchObject({
      H5: { fill: { color: '#FFC7CE' } },
      H7: { fill: { color: '#FFEB9C' } },
    });
    expect(fake.sheets[S].notes).toEqual({ H5: plan.marks[0].note, H7: 'хүний тэмдэглэл' });
    expect(fake.at('add').map((e) => e.target)).toEqual([`${S}.notes`]);

    await removeMarks(fake.context, record);
    expect(fake.syncs()).toBe(4);
    expect(fake.sheets[S].notes).toEqual({ H7: 'хүний тэмдэглэл' });
    expect(fake.sheets[S].cells?.H7.fill?.pattern).toBe('None');
    expect(fake.at('setCellProperties')).toEqual([
      {
        target: `${S}!H5`,
        key: 'setCellProperties',
        value: [[[{ format: { fill: { color: '#00B050', pattern: 'Solid' } } }]]],
      },
    ]);
  });

  test('a note the user changed after marking stays', async () => {
    supporting([NOTES_EXCEL_API]);
    const fake = cellsContext({ [S]: {} });
    const record = await addMarks(fake.context, plan);
    fake.sheets[S].notes!.H5 = 'шалгасан, зөв';
    await removeMarks(fake.context, record);
    expect(fake.sheets[S].notes).toEqual({ H5: 'шалгасан, зөв' });
  });

  test('comments (ExcelApi 1.10): a cell with a comment keeps it; only our comments are deleted', async () => {
    supporting([COMMENTS_EXCEL_API]);
    const fake = cellsContext({ [S]: sheet() });
    const record = await addMarks(fake.context, plan);
    // One more sync: the sheet already had a comment, whose cell is read before writing.
    expect(fake.syncs()).toBe(3);
    expect(record.kind).toBe('comment');
    expect(fake.sheets[S].comments?.map((c) => c.address)).toEqual(['H7', 'H5']);
    await removeMarks(fake.context, record);
    expect(fake.syncs()).toBe(5);
    expect(fake.sheets[S].comments).toEqual([{ id: 'old', address: 'H7', content: 'хүний сэтгэгдэл' }]);

    const empty = cellsContext({ [S]: {} });
    await addMarks(empty.context, plan);
    expect(empty.syncs()).toBe(2);
  });

  test('below ExcelApi 1.10: the fill alone, and removal is one sync', async () => {
    supporting([]);
    const fake = cellsContext({ [S]: sheet() });
    const record = await addMarks(fake.context, plan);
    expect(record.kind).toBe('fill');
    expect(fake.syncs()).toBe(2);
    expect(fake.at('add')).toEqual([]);
    await removeMarks(fake.context, record);
    expect(fake.syncs()).toBe(3);
    expect(fake.sheets[S].cells?.H7.fill?.pattern).toBe('None');
  });
});
