/**
 * Word documents (DESIGN.md section 15): every .docx under samples/word, made by LibreOffice
 * (scripts/make-word-fixtures.ts), checks like its twin workbook laid out cell by cell; import
 * round-trips; the other commands read .docx; bad inputs exit 2 with one line and write nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import type { CheckDocument } from '../../src/core/checkJson';
import { readDocx } from '../../src/docx/read';
import { encryptedBytes, xlsBytes } from '../helpers/badfiles';

const ROOT = path.resolve(__dirname, '../..');
const WORD = path.join(ROOT, 'samples', 'word');
const REPORT = 'samples/report-2024-annual.xlsx';

/** Each document and the workbook it must check like. */
const TWINS: Record<string, string> = {
  'plan-2024': 'samples/plan-2024.xlsx',
  'report-2024-annual': REPORT,
  'fulfilment-2024-h1': 'samples/fulfilment-2024-h1.xlsx',
  'anticorruption-2019': 'samples/anticorruption-2019.xlsx',
  'job-description-2024': 'samples/job-description-2024.xlsx',
  'receivables-2024': 'samples/receivables-2024.xlsx',
  'dept-hyanalt': 'samples/departments/dept-hyanalt.xlsx',
  'dept-orlogo': 'samples/departments/dept-orlogo.xlsx',
  'dept-tetgever': 'samples/departments/dept-tetgever.xlsx',
  '000-2024-h1': 'samples/word/twins/000-2024-h1.xlsx',
  '000-2024-report': 'samples/word/twins/000-2024-report.xlsx',
  '000-2024-plan': 'samples/word/twins/000-2024-plan.xlsx',
  '000-2025-h1': 'samples/word/twins/000-2025-h1.xlsx',
  'report-merged': 'samples/word/twins/report-merged.xlsx',
  'report-split': REPORT,
  'report-nested': REPORT,
  'report-links': REPORT,
  'report-tracked': REPORT,
  'report-fields': REPORT,
  'report-footnotes': REPORT,
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-docx-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function checkJson(file: string): Promise<CheckDocument['files'][number]> {
  const r = await main(['check', file, '--json']);
  expect(r.stderr).toBe('');
  expect([0, 1]).toContain(r.code);
  return (JSON.parse(r.stdout) as CheckDocument).files[0];
}

/** What a check says of a sheet, but its name: figures, rows, columns, issues. */
function figures(f: CheckDocument['files'][number]) {
  expect(f.sheets).toHaveLength(1);
  const { issues, ...rest } = f.sheets[0];
  return {
    ...rest,
    sheet: undefined,
    issues: issues.map((i) => ({ code: i.code, severity: i.severity, row: i.row, column: i.column })),
  };
}

test('every .docx fixture has a twin', () => {
  const docs = fs
    .readdirSync(WORD)
    .filter((f) => f.endsWith('.docx'))
    .map((f) => f.replace(/\.docx$/, ''));
  expect(docs.sort()).toEqual(Object.keys(TWINS).sort());
});

describe.each(Object.entries(TWINS))('%s.docx', (name, twin) => {
  const doc = path.join(WORD, `${name}.docx`);

  test('checks like its twin workbook, at the same rows', async () => {
    const a = figures(await checkJson(doc));
    const b = figures(await checkJson(path.join(ROOT, twin)));
    expect(a.template).not.toBeNull();
    expect(a).toEqual(b);
  });

  test('import writes a sheet that checks like the document', async () => {
    const out = path.join(dir, `${name}.xlsx`);
    const r = await main(['import', doc, '--out', out]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(figures(await checkJson(out))).toEqual(figures(await checkJson(doc)));
  });
});

describe('what each variant holds is read as Word shows it', () => {
  const cells = async (name: string) =>
    (await readDocx(fs.readFileSync(path.join(WORD, `${name}.docx`)), name)).values.flat();
  test('an activity merged down over its continuation row: vMerge read as merged areas', async () => {
    const merged = await readDocx(
      fs.readFileSync(path.join(WORD, 'report-merged.docx')),
      'report-merged.docx',
    );
    expect(merged.merges).toEqual(
      expect.arrayContaining([
        { top: 15, left: 1, bottom: 16, right: 1 },
        { top: 15, left: 8, bottom: 16, right: 8 },
      ]),
    );
    expect(merged.values[15 - merged.origin.row][7]).toBe('100 хувь');
    expect(merged.values[16 - merged.origin.row][5]).toMatch(/арга хэмжээг авч/);
  });
  test('nested tables flow into their cell, one line each', async () => {
    expect(await cells('report-nested')).toContain('2024.01.02\n2024.12.03');
  });
  test('tracked deletions (a changed percent, a deleted row) do not count; insertions do', async () => {
    const all = (await cells('report-tracked')).map(String);
    expect(all).toContain('100 хувь');
    expect(all.join('|')).not.toMatch(/70 хувь|9\.9\.9|Устгасан|2\.1\.9/);
  });
  test('field results are the text, their instructions are not', async () => {
    const all = (await cells('report-fields')).map(String);
    expect(all).toContain('2024 оны 12 дугаар сарын 05');
    expect(all).toContain('1.1.3');
    expect(all.join('|')).not.toMatch(/QUOTE|DATE/);
  });
  test('footnote marks do not run into the figures', async () => {
    const all = (await cells('report-footnotes')).map(String);
    expect(all).toContain('100 хувь');
    expect(all).toContain('1.1.1');
  });
  test('a table continued on a new page under its repeated header is one table', async () => {
    const split = await readDocx(fs.readFileSync(path.join(WORD, 'report-split.docx')), 'report-split.docx');
    const whole = await readDocx(
      fs.readFileSync(path.join(WORD, 'report-2024-annual.docx')),
      'report-2024-annual.docx',
    );
    expect(split.values).toEqual(whole.values);
    expect(split.merges).toEqual(whole.merges);
  });
  test('a deletion holding self-closing formatting hides all of its runs', async () => {
    const del =
      '<w:del w:id="1" w:author="a"><w:r><w:rPr><w:b/><w:i/></w:rPr><w:delText>А</w:delText></w:r><w:r><w:rPr><w:b/></w:rPr><w:delText>Б</w:delText></w:r><w:r><w:t>В</w:t></w:r></w:del>';
    const doc = await edited((x) => x.replace(/(<w:t>Д\/д<\/w:t><\/w:r>)/, `$1${del}`));
    expect((await readDocx(doc, 'plan-2024.docx')).values.flat()).toContain('Д/д');
  });
  test('the WordprocessingML namespace is found whatever its prefix', async () => {
    const renamed = await edited((x) => x.replace(/(<\/?|\s)w:/g, '$1ww:').replace('xmlns:w=', 'xmlns:ww='));
    const a = await readDocx(renamed, 'plan-2024.docx');
    const b = await readDocx(fs.readFileSync(path.join(WORD, 'plan-2024.docx')), 'plan-2024.docx');
    expect(a).toEqual(b);
  });
  test('one document is one snapshot named after the file', async () => {
    const s = await readDocx(
      fs.readFileSync(path.join(WORD, 'plan-2024.docx')),
      'some/folder/plan-2024.docx',
    );
    expect(s.name).toBe('plan-2024');
  });
});

describe('the other commands read .docx', () => {
  test('compare: a Word plan against an Excel report, and the reverse', async () => {
    const a = await main(['compare', path.join(WORD, 'plan-2024.docx'), path.join(ROOT, REPORT), '--json']);
    const b = await main([
      'compare',
      path.join(ROOT, 'samples/plan-2024.xlsx'),
      path.join(ROOT, REPORT),
      '--json',
    ]);
    const c = await main([
      'compare',
      path.join(ROOT, 'samples/plan-2024.xlsx'),
      path.join(WORD, 'report-2024-annual.docx'),
      '--json',
    ]);
    const counts = (s: string) => {
      const d = JSON.parse(s);
      return [d.matched.length, d.missing.length, d.unplanned.length];
    };
    expect(counts(a.stdout)).toEqual(counts(b.stdout));
    expect(counts(c.stdout)).toEqual(counts(b.stdout));
  });
  test('draft report --from a Word plan', async () => {
    const out = path.join(dir, 'draft.xlsx');
    const r = await main([
      'draft',
      'report',
      '--from',
      path.join(WORD, 'plan-2024.docx'),
      '--period',
      'H1',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect((await checkJson(out)).sheets[0].activities).toHaveLength(12);
  });
  test('consolidate: Word and Excel reports together', async () => {
    const out = path.join(dir, 'нэгтгэл.xlsx');
    const r = await main([
      'consolidate',
      path.join(WORD, 'dept-hyanalt.docx'),
      path.join(ROOT, 'samples/departments/dept-orlogo.xlsx'),
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 7, added: 7 });
  });
  test('a Word document named without an extension is still read as one', async () => {
    const file = path.join(dir, 'төлөвлөгөө');
    fs.copyFileSync(path.join(WORD, 'plan-2024.docx'), file);
    expect(figures(await checkJson(file))).toEqual(
      figures(await checkJson(path.join(WORD, 'plan-2024.docx'))),
    );
  });
  test('import refuses to overwrite without --force', async () => {
    const out = path.join(dir, 'exists.xlsx');
    fs.writeFileSync(out, 'keep');
    const r = await main(['import', path.join(WORD, 'plan-2024.docx'), '--out', out]);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep');
    expect((await main(['import', path.join(WORD, 'plan-2024.docx'), '--out', out, '--force'])).code).toBe(0);
  });
});

/** The real plan with its body edited: what a bad document looks like inside a real package. */
async function edited(edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(WORD, 'plan-2024.docx')));
  zip.file('word/document.xml', edit(await zip.file('word/document.xml')!.async('string')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('bad inputs: exit 2, one line saying which and what to do, nothing written', () => {
  const real = () => fs.readFileSync(path.join(WORD, 'plan-2024.docx'));
  const cases: [string, string, () => Promise<Buffer> | Buffer, RegExp][] = [
    ['a .doc (Word 97–2003)', 'хуучин.doc', xlsBytes, /\.doc \(Word 97–2003\).*\.docx болгон хадгал/],
    ['a .doc renamed .docx', 'нэрлэсэн.docx', xlsBytes, /\.doc \(Word 97–2003\)/],
    [
      'a password-protected .docx',
      'нууц.docx',
      encryptedBytes,
      /нууц үгээр хамгаалагдсан Word.*нууц үгийг авч/,
    ],
    [
      'a document with no table',
      'хүснэгтгүй.docx',
      () => edited((x) => x.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '')),
      /хүснэгт алга/,
    ],
    [
      'a truncated .docx',
      'дутуу.docx',
      () => real().subarray(0, Math.floor(real().length / 2)),
      /гэмтсэн эсвэл дутуу/,
    ],
    [
      'a zip holding a spreadsheet, named .docx',
      'ном.docx',
      () => fs.readFileSync(path.join(ROOT, REPORT)),
      /\.docx файл биш/,
    ],
    ['text named .docx', 'текст.docx', () => Buffer.from('Д/д\tАрга хэмжээ\n'), /\.docx файл биш/],
    [
      'a zip bomb (12 MB of body from a few kilobytes)',
      'бөмбөг.docx',
      () =>
        edited((x) =>
          x.replace('</w:body>', `<w:p><w:r><w:t>${' '.repeat(12 * 1024 * 1024)}</w:t></w:r></w:p></w:body>`),
        ),
      /хэт том/,
    ],
    [
      'a cell laid out far from the others (a sheet of millions of empty cells)',
      'хол.docx',
      () =>
        edited((x) =>
          x.replace(
            '</w:body>',
            `${'<w:p><w:r><w:t>x</w:t></w:r></w:p>'.repeat(1100)}<w:tbl><w:tr><w:trPr><w:gridBefore w:val="16000"/></w:trPr><w:tc><w:p><w:r><w:t>хол</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body>`,
          ),
        ),
      /хэт том/,
    ],
    [
      'XML with entity expansion (billion laughs)',
      'инээд.docx',
      () =>
        edited((x) =>
          x
            .replace(
              /<w:document/,
              '<!DOCTYPE w:document [<!ENTITY a "ха"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document',
            )
            .replace('Д/д', '&b;'),
        ),
      /DOCTYPE/,
    ],
  ];
  test.each(cases)('%s', async (_what, name, bytes, message) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, await bytes());
    const checked = await main(['check', file]);
    expect(checked.code).toBe(2);
    expect(checked.stderr.split('\n')).toHaveLength(1);
    expect(checked.stderr).toMatch(message);
    const out = path.join(dir, `${name}.xlsx`);
    const imported = await main(['import', file, '--out', out]);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('ndplan-tmp'))).toEqual([]);
  });

  test('the messages exist in English too', async () => {
    const file = path.join(dir, 'old.doc');
    fs.writeFileSync(file, xlsBytes());
    const before = process.env.NDPLAN_LANG;
    process.env.NDPLAN_LANG = 'en';
    try {
      expect((await main(['check', file])).stderr).toMatch(
        /old \.doc \(Word 97–2003\) format; save it as \.docx/,
      );
    } finally {
      if (before === undefined) delete process.env.NDPLAN_LANG;
      else process.env.NDPLAN_LANG = before;
    }
  });
});
