/**
 * The part-level patch (src/xlsx/patch.ts) where a target holds more than sheets and styles:
 * what ND Plan's own sheets carried goes with them, what Excel rebuilds may go, a sheet name
 * taken by a chart sheet is refused, and a workbook without styles gets some.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { pushesOf } from '../../src/cli/consolidate';
import { ForeignSheetError } from '../../src/core/consolidate';
import { SHEETS } from '../../src/core/plans/consolidation';
import { pushToFile, readTarget } from '../../src/targets/file';
import { unzip } from '../../src/xlsx/zip';
import { DEPT, FIXTURES, cleanup, copyTo, tmpDir } from '../helpers/cli';
import { partsOf, zipOf } from '../helpers/zipcraft';

afterAll(cleanup);

const XLSXWRITER = path.join(FIXTURES, 'real-writers', 'xlsxwriter.xlsx');

type Parts = { name: string; data: Buffer }[];
const textOf = (parts: Parts, name: string) =>
  parts.find((p) => p.name === name)?.data.toString('utf8') ?? '';
const edit = (parts: Parts, name: string, change: (xml: string) => string): Parts =>
  parts.map((p) => (p.name === name ? { name, data: Buffer.from(change(p.data.toString('utf8'))) } : p));
const add = (parts: Parts, name: string, xml: string): Parts => [...parts, { name, data: Buffer.from(xml) }];

/** A real writer's workbook that has had one push: it holds ND Plan's sheets and others. */
async function pushedOnce(): Promise<{ file: string; parts: Parts }> {
  const file = copyTo(tmpDir(), XLSXWRITER, 'target.xlsx');
  await pushToFile(file, await pushesOf([DEPT.orlogo]));
  return { file, parts: partsOf(fs.readFileSync(file)) };
}

/** The part of a sheet, by its name in the workbook. */
function sheetPart(parts: Parts, sheet: string): string {
  const rid = new RegExp(`<sheet\\b[^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(
    textOf(parts, 'xl/workbook.xml'),
  )![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(
    textOf(parts, 'xl/_rels/workbook.xml.rels'),
  )![1];
  return `xl/${target}`;
}

async function readable(file: string) {
  for (const [name, read] of unzip(fs.readFileSync(file)))
    if (/\.(xml|rels|vml)$/.test(name))
      expect(() => new SaxesParser({ xmlns: true }).write(read().toString('utf8')).close()).not.toThrow();
  await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  return readTarget(file);
}

test('a comment someone put on «Нэгтгэл» goes with the rows it was on; the chain of formulas goes; the other sheets’ comment stays', async () => {
  const { file, parts } = await pushedOnce();
  const own = sheetPart(parts, SHEETS.rows);
  const rels = own.replace('worksheets/', 'worksheets/_rels/') + '.rels';
  let changed = add(
    parts,
    rels,
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments9.xml"/></Relationships>',
  );
  changed = add(
    changed,
    'xl/comments9.xml',
    '<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>A</author></authors><commentList><comment ref="A4" authorId="0"><text><t>old</t></text></comment></commentList></comments>',
  );
  changed = add(
    changed,
    'xl/calcChain.xml',
    '<?xml version="1.0" encoding="UTF-8"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B2" i="5"/></calcChain>',
  );
  changed = edit(changed, '[Content_Types].xml', (x) =>
    x.replace(
      '</Types>',
      '<Override PartName="/xl/comments9.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/><Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
    ),
  );
  changed = edit(changed, 'xl/_rels/workbook.xml.rels', (x) =>
    x.replace(
      '</Relationships>',
      '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
    ),
  );
  fs.writeFileSync(file, zipOf(changed));

  await pushToFile(file, await pushesOf([DEPT.hyanalt]));
  const after = partsOf(fs.readFileSync(file));
  const names = after.map((p) => p.name);
  expect(names).not.toContain(rels);
  expect(names).not.toContain('xl/comments9.xml');
  expect(names).not.toContain('xl/calcChain.xml');
  expect(textOf(after, '[Content_Types].xml')).not.toMatch(/comments9|calcChain/);
  expect(textOf(after, 'xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
  // The comment of the writer's own sheet is untouched.
  expect(names).toContain('xl/comments1.xml');
  expect((await readable(file)).rows).toHaveLength(7);
});

test('«Нэгтгэл» hidden by its user stays hidden, in its place; print names are replaced, not repeated', async () => {
  const { file, parts } = await pushedOnce();
  fs.writeFileSync(
    file,
    zipOf(
      edit(parts, 'xl/workbook.xml', (x) =>
        x.replace(`name="${SHEETS.rows}"`, `name="${SHEETS.rows}" state="hidden"`),
      ),
    ),
  );
  await pushToFile(file, await pushesOf([DEPT.hyanalt]));
  await pushToFile(file, await pushesOf([DEPT.tetgever]));
  const workbook = textOf(partsOf(fs.readFileSync(file)), 'xl/workbook.xml');
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*name="([^"]+)"([^>]*)/g)];
  const at = sheets.findIndex((m) => m[1] === SHEETS.rows);
  expect(sheets[at][0]).toContain('state="hidden"');
  for (const name of ['_xlnm.Print_Area', '_xlnm.Print_Titles'])
    expect(workbook.split(`name="${name}" localSheetId="${at}"`)).toHaveLength(2);
  // The writer's own defined name is still there.
  expect(workbook).toContain('Хүрээ');
  expect((await readable(file)).rows).toHaveLength(10);
});

test.each([
  ['a chart sheet named «Товчоо»', 'График', SHEETS.summary],
  ['a sheet named «товчоо» (Excel’s names ignore case)', 'Нуусан', SHEETS.summary.toLowerCase()],
])('%s is not replaced: refused, the file as it was', async (_, from, to) => {
  const file = copyTo(tmpDir(), XLSXWRITER, 'target.xlsx');
  const parts = edit(partsOf(fs.readFileSync(file)), 'xl/workbook.xml', (x) =>
    x.replace(`name="${from}"`, `name="${to}"`),
  );
  fs.writeFileSync(file, zipOf(parts));
  const before = fs.readFileSync(file);
  await expect(pushToFile(file, await pushesOf([DEPT.orlogo]))).rejects.toThrow(ForeignSheetError);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
});

test('a workbook without a styles part gets one, with its relationship and content type', async () => {
  const file = copyTo(tmpDir(), XLSXWRITER, 'target.xlsx');
  let parts = partsOf(fs.readFileSync(file)).filter((p) => p.name !== 'xl/styles.xml');
  parts = edit(parts, 'xl/_rels/workbook.xml.rels', (x) =>
    x.replace(/<Relationship [^>]*\/styles"[^>]*\/>/, ''),
  );
  parts = edit(parts, '[Content_Types].xml', (x) =>
    x.replace(/<Override PartName="\/xl\/styles.xml"[^>]*\/>/, ''),
  );
  // The writer's cells refer to its styles: without them only the default one is left.
  parts = parts.map((p) =>
    p.name.startsWith('xl/worksheets/sheet')
      ? { name: p.name, data: Buffer.from(p.data.toString('utf8').replace(/ s="\d+"/g, '')) }
      : p,
  );
  fs.writeFileSync(file, zipOf(parts));
  await pushToFile(file, await pushesOf([DEPT.orlogo]));
  const after = partsOf(fs.readFileSync(file));
  expect(textOf(after, 'xl/styles.xml')).toContain('#,##0.0');
  expect(textOf(after, 'xl/_rels/workbook.xml.rels')).toMatch(/relationships\/styles" Target="styles.xml"/);
  expect(textOf(after, '[Content_Types].xml')).toContain('/xl/styles.xml');
  expect((await readable(file)).rows).toHaveLength(4);
});
