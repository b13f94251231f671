/** Finding the shared workbook, scopes, and the sheets and tables a push finds or creates. */
import { ROW_COLUMNS } from '../../../src/core/consolidate';
import { encodeSharingUrl, isSharingLink } from '../../../src/targets/graph';
import { decodeSharingUrl } from '../../../src/targets/graph/link';
import { FakeWorkbook } from './fakeGraph';
import {
  LINK,
  SITES_TOKEN,
  byKey,
  expected,
  foreignRow,
  rowsOf,
  failure,
  withRig,
  valuesOf,
} from './helpers';

describe('sharing links', () => {
  test('are encoded as u! + unpadded base64url (Microsoft Graph: "Encoding sharing URLs")', () => {
    const link = 'https://onedrive.live.com/redir?resid=1231244193912!12&authKey=1201919!12921!1';
    const enc = encodeSharingUrl(link);
    expect(enc).toBe(
      'u!' + Buffer.from(link).toString('base64').replace(/=+$/, '').replace(/\//g, '_').replace(/\+/g, '-'),
    );
    expect(enc).not.toMatch(/[=+/]/);
    expect(decodeSharingUrl(enc)).toBe(link);
    expect(decodeSharingUrl(encodeSharingUrl('https://contoso.sharepoint.com/:x:/s/unit/Ёё?e=ӨҮ'))).toBe(
      'https://contoso.sharepoint.com/:x:/s/unit/Ёё?e=ӨҮ',
    );
  });

  test('are recognized for the task pane', () => {
    expect(isSharingLink('https://contoso.sharepoint.com/:x:/s/unit/EaBc?e=1')).toBe(true);
    expect(isSharingLink('https://contoso-my.sharepoint.com/personal/a_b/Documents/x.xlsx')).toBe(true);
    expect(isSharingLink('https://1drv.ms/x/s!Abc')).toBe(true);
    expect(isSharingLink('http://contoso.sharepoint.com/x')).toBe(false);
    expect(isSharingLink('https://example.com/x.xlsx')).toBe(false);
    expect(isSharingLink('Нэгтгэл.xlsx')).toBe(false);
  });
});

describe('resolving the workbook', () => {
  test('by a sharing link and by a picked drive item', () =>
    withRig({}, async (r) => {
      const dest = r.dest();
      const a = await dest.resolveWorkbook(`  ${LINK}  `);
      expect(a).toMatchObject({
        driveId: 'b!drive-1',
        itemId: '01ITEM',
        name: 'Negtgel.xlsx',
        webUrl: LINK,
        driveType: 'business',
        scopes: ['Files.ReadWrite'],
      });
      expect(r.fake.log[0].path).toBe(`/shares/${encodeSharingUrl(LINK)}/driveItem`);
      const b = await dest.resolveWorkbook({ driveId: 'b!drive-1', itemId: '01ITEM' });
      expect(b).toMatchObject({ driveId: 'b!drive-1', itemId: '01ITEM' });
      expect(dest.workbook).toEqual(b);
    }));

  test('an unknown link, a folder, a document that is not .xlsx: "not-found"', () =>
    withRig({}, async (r) => {
      const dest = r.dest();
      expect(
        (await failure(dest.resolveWorkbook('https://contoso.sharepoint.com/:x:/s/unit/Nope'))).reason,
      ).toBe('not-found');
      expect((await failure(dest.resolveWorkbook('Нэгтгэл.xlsx'))).reason).toBe('not-found');
      r.fake.addItem({
        driveId: 'b!drive-1',
        itemId: 'DOC',
        name: 'Тайлан.docx',
        link: 'https://contoso.sharepoint.com/:w:/s/unit/Doc',
        driveType: 'business',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      });
      const e = await failure(dest.resolveWorkbook('https://contoso.sharepoint.com/:w:/s/unit/Doc'));
      expect(e.reason).toBe('not-found');
      expect(e.message).toMatch(/not an \.xlsx/);
      expect((await failure(dest.push([]))).reason).toBe('not-found'); // nothing resolved yet
    }));

  test('a workbook the user may not open: "no-permission"', () =>
    withRig({ forbidden: true }, async (r) => {
      const e = await failure(r.dest().resolveWorkbook(LINK));
      expect(e.reason).toBe('no-permission');
      expect(e.status).toBe(403);
    }));

  test('a SharePoint site that requires Sites.ReadWrite.All gets it, and only then', () =>
    withRig(
      {
        requiresSites: true,
        driveType: 'documentLibrary',
        link: 'https://contoso.sharepoint.com/:x:/s/unit/Negtgel',
      },
      async (r, pushes) => {
        const dest = r.dest();
        const wb = await dest.resolveWorkbook('https://contoso.sharepoint.com/:x:/s/unit/Negtgel');
        expect(wb.scopes).toEqual(['Sites.ReadWrite.All']);
        expect(r.logs.some((l) => /Sites\.ReadWrite\.All/.test(l))).toBe(true);
        await dest.push(pushes);
        expect(byKey(rowsOf(r.item).rows)).toEqual(expected([], pushes).rows);
        expect(r.fake.tokens.get(SITES_TOKEN)).toEqual(['Sites.ReadWrite.All']);
        const never = r.dest({ sitesScope: 'never' });
        expect(
          (await failure(never.resolveWorkbook('https://contoso.sharepoint.com/:x:/s/unit/Negtgel'))).reason,
        ).toBe('no-permission');
      },
    ));

  test('a OneDrive workbook is never asked Sites.ReadWrite.All', () =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      await dest.push(pushes);
      const asked = new Set<string>();
      const spy = r.dest({
        getToken: async (q) => (
          q.scopes.forEach((s) => asked.add(s)),
          'files-7f3a9c2e5b1d4a6f8e0c1b2d3e4f5a6b7c8d9e0f'
        ),
      });
      await spy.resolveWorkbook(LINK);
      await spy.push(pushes);
      expect([...asked]).toEqual(['Files.ReadWrite']);
    }));
});

describe('the sheets and tables of the shared workbook', () => {
  test('a "Нэгтгэл" sheet written earlier without a table (by the file destination) becomes the table, rows kept', () => {
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet('Нэгтгэл');
    const header = ROW_COLUMNS.map((c) => c.mn);
    const f = foreignRow(3);
    [header, valuesOf(f)].forEach((row, i) =>
      row.forEach((v, j) => (sheet.setFormat(i + 1, j + 1, '@'), sheet.setValue(i + 1, j + 1, v))),
    );
    return withRig({ workbook: wb }, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      await dest.push(pushes);
      expect(r.item.workbook.tables.filter((t) => t.sheet.name === 'Нэгтгэл')).toHaveLength(1);
      expect(byKey(rowsOf(r.item).rows)).toEqual(expected([f], pushes).rows);
    });
  });

  test('a table left unnamed by an interrupted first push is renamed, not doubled', () => {
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet('Нэгтгэл');
    ROW_COLUMNS.forEach((c, j) => sheet.setValue(1, j + 1, c.mn));
    wb.addTable(sheet, { top: 1, left: 1, bottom: 1, right: ROW_COLUMNS.length }, true);
    return withRig({ workbook: wb }, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      await dest.push(pushes);
      expect(r.item.workbook.tables.map((t) => t.name).sort()).toEqual(['Avlaga', 'Negtgel']);
      expect(byKey(rowsOf(r.item).rows)).toEqual(expected([], pushes).rows);
    });
  });

  test('a "Нэгтгэл" sheet holding something else is left alone', () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Нэгтгэл').setValue(2, 2, 'хувийн тэмдэглэл');
    return withRig({ workbook: wb }, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      const e = await failure(dest.push(pushes));
      expect(e.reason).toBe('unknown');
      expect(e.message).toMatch(/Нэгтгэл/);
      expect(r.item.workbook.sheet('Нэгтгэл')!.value(2, 2)).toBe('хувийн тэмдэглэл');
    });
  });

  test('a column the unit added to the table keeps its notes through later pushes', () => {
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet('Нэгтгэл');
    [...ROW_COLUMNS.map((c) => c.mn), 'Тайлбар'].forEach((v, j) => sheet.setValue(1, j + 1, v));
    return withRig({ workbook: wb }, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      await dest.push(pushes);
      const t = r.item.workbook.table('Negtgel')!;
      expect(t.right - t.left + 1).toBe(ROW_COLUMNS.length + 1);
      // A head writes a note beside each row.
      for (let i = 0; i < t.bodyRows; i++) t.sheet.setValue(t.top + 1 + i, t.right, `тэмдэглэл ${i}`);
      pushes.forEach((p) => p.rows.forEach((x) => (x.achieved += ' (шинэчилсэн)')));
      const res = await dest.push(pushes);
      expect(res.updated).toBe(10);
      const values = r.item.workbook.tableValues(t).slice(1);
      expect(values.map((v) => v[ROW_COLUMNS.length]).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `тэмдэглэл ${i}`).sort(),
      );
      expect(byKey(rowsOf(r.item).rows)).toEqual(expected([], pushes).rows);
    });
  });

  test('a table whose header lost a column is not written', () =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      await dest.push(pushes);
      const t = r.item.workbook.table('Negtgel')!;
      t.sheet.setValue(t.top, t.left + ROW_COLUMNS.findIndex((c) => c.id === 'key'), 'Өөр');
      const e = await failure(dest.push(pushes));
      expect(e.reason).toBe('unknown');
      expect(e.message).toMatch(/Түлхүүр/);
    }));

  test('pushing every row away keeps the table (Excel keeps one body row) and empties it', () =>
    withRig({}, async (r, pushes) => {
      const dest = r.dest();
      await dest.resolveWorkbook(LINK);
      await dest.push(pushes);
      const emptied = pushes.map((p) => ({ ...p, rows: [], debt: [] }));
      const res = await dest.push(emptied);
      expect(res).toMatchObject({ removed: 10, added: 0 });
      const t = rowsOf(r.item);
      expect(t.rows).toEqual([]);
      expect(t.blanks).toBe(1);
      await dest.push(pushes);
      expect(byKey(rowsOf(r.item).rows)).toEqual(expected([], pushes).rows);
      expect(rowsOf(r.item).blanks).toBe(0);
    }));
});
