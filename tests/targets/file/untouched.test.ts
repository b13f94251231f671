/**
 * When ND Plan pushes into a workbook that real writers made (openpyxl, XlsxWriter,
 * LibreOffice: comments, charts, a chart sheet, pictures, tables, validation, conditional
 * formats, defined names, hyperlinks, hidden sheets, a pivot table and its cache, a VBA project),
 * every part it does not own keeps its bytes — uncompressed and compressed — through a push
 * and a re-push. The result is well-formed XML throughout and reads back by the fast reader and
 * by ExcelJS.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { pushesOf } from '../../../src/cli/consolidate';
import { SHEETS } from '../../../src/core/plans/consolidation';
import { pushToFile, readTarget } from '../../../src/targets/file';
import { fastSnapshots } from '../../../src/xlsx/values';
import { unzip } from '../../../src/xlsx/zip';
import { STATE_PART } from '../../../src/xlsx/blocks';
import { DEPT, FIXTURES, UNITS, cleanup, copyTo, tmpDir } from '../../helpers/cli';

afterAll(cleanup);

const WRITERS = fs
  .readdirSync(path.join(FIXTURES, 'real-writers'))
  .filter((f) => /\.xls[xm]$/.test(f))
  .map((f) => path.join(FIXTURES, 'real-writers', f));

/** Each entry's compressed bytes, straight from the central directory. */
function compressed(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (zip.readUInt32LE(end) !== 0x06054b50) end--;
  const out = new Map<string, Buffer>();
  let p = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const nameLength = zip.readUInt16LE(p + 28);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const offset = zip.readUInt32LE(p + 42);
    const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    out.set(name, zip.subarray(start, start + zip.readUInt32LE(p + 20)));
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

const text = (zip: Buffer, name: string) => unzip(zip).get(name)?.().toString('utf8') ?? '';

/** The parts a push may change: the package's lists, the styles, ND Plan's own sheets and its state. */
function owned(zip: Buffer): Set<string> {
  const own = new Set([
    '[Content_Types].xml',
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/styles.xml',
    STATE_PART,
  ]);
  const rels = new Map(
    [
      ...text(zip, 'xl/_rels/workbook.xml.rels').matchAll(
        /<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g,
      ),
    ].map((m) => [m[1], m[2]]),
  );
  for (const m of text(zip, 'xl/workbook.xml').matchAll(/<sheet\b[^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g))
    if ((Object.values(SHEETS) as string[]).includes(m[1])) own.add(`xl/${rels.get(m[2])}`);
  return own;
}

/** Well-formed, namespaces included: every prefix bound. */
function wellFormed(name: string, xml: string) {
  const parser = new SaxesParser({ xmlns: true });
  expect(() => parser.write(xml).close()).not.toThrow();
  if (!name.endsWith('.rels') && !name.endsWith('.vml')) expect(xml.length).toBeGreaterThan(0);
}

/** The items of a styles.xml section, in index order. */
const items = (styles: string, tag: string, item: string) =>
  [
    ...(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(styles)?.[1] ?? '').matchAll(
      new RegExp(`<${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, 'g'),
    ),
  ].map((m) => m[0]);

async function excelJsOpens(zip: Buffer): Promise<string | null> {
  try {
    await new ExcelJS.Workbook().xlsx.load(zip as unknown as ArrayBuffer);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function untouched(before: Buffer, after: Buffer) {
  const own = owned(after);
  const was = unzip(before);
  const now = unzip(after);
  const rawBefore = compressed(before);
  const rawAfter = compressed(after);
  for (const [name, data] of was) {
    if (own.has(name)) continue;
    expect([name, now.has(name)]).toEqual([name, true]);
    expect([name, now.get(name)!().equals(data())]).toEqual([name, true]);
    expect([name, rawAfter.get(name)!.equals(rawBefore.get(name)!)]).toEqual([name, true]);
  }
  // Styles are appended: every index the other sheets use still means what it meant.
  const [s0, s1] = [text(before, 'xl/styles.xml'), text(after, 'xl/styles.xml')];
  for (const [tag, item] of [
    ['fonts', 'font'],
    ['fills', 'fill'],
    ['borders', 'border'],
    ['cellXfs', 'xf'],
    ['dxfs', 'dxf'],
    ['numFmts', 'numFmt'],
  ]) {
    const old = items(s0, tag, item);
    expect(items(s1, tag, item).slice(0, old.length)).toEqual(old);
  }
  // The other sheets' entries and defined names are as they were.
  const workbook = text(after, 'xl/workbook.xml');
  for (const m of text(before, 'xl/workbook.xml').matchAll(
    /<sheet\b[^>]*?\/>|<definedName\b[^>]*>[^<]*<\/definedName>/g,
  ))
    if (
      !(Object.values(SHEETS) as string[]).some(
        (s) => m[0].includes(`'${s}'`) || m[0].includes(`&apos;${s}&apos;`),
      )
    )
      expect(workbook).toContain(m[0]);
  // Content types stay for every part that stays (a macro-enabled workbook stays one).
  const types = text(after, '[Content_Types].xml');
  for (const m of text(before, '[Content_Types].xml').matchAll(/<(?:Default|Override)\b[^>]*?\/>/g)) {
    const part = /PartName="\/([^"]+)"/.exec(m[0])?.[1];
    if (!part || now.has(part)) expect(types).toContain(m[0]);
  }
  for (const [name, data] of now)
    if (/\.(xml|rels|vml)$/.test(name)) wellFormed(name, data().toString('utf8'));
}

describe.each(WRITERS.map((f) => [path.basename(f), f]))('%s as a target', (_, source) => {
  test('a push and a re-push change only the parts ND Plan owns; both readers open the result', async () => {
    const original = fs.readFileSync(source);
    const target = copyTo(tmpDir(), source, `target${path.extname(source)}`);
    const first = await pushToFile(target, await pushesOf([DEPT.orlogo, DEPT.tetgever]));
    const once = fs.readFileSync(target);
    untouched(original, once);

    const again = await pushToFile(target, await pushesOf([DEPT.hyanalt, DEPT.tetgever]));
    expect([again.added, again.unchanged]).toEqual([3, 3]);
    const twice = fs.readFileSync(target);
    untouched(original, twice);
    untouched(once, twice);

    // The fast reader: the other sheets as they were, ND Plan's with the pushed rows.
    const sheetsBefore = fastSnapshots(original, undefined, source)!.sheets;
    const read = fastSnapshots(twice, undefined, target)!;
    expect(read.sheets).toEqual([
      ...sheetsBefore,
      ...Object.values(SHEETS).filter((s) => !sheetsBefore.includes(s)),
    ]);
    const { rows, debt } = await readTarget(target);
    // The same pushes read back whole each time (no blocks kept) give the same table.
    const reference = copyTo(tmpDir(), source, `reference${path.extname(source)}`);
    for (const files of [
      [DEPT.orlogo, DEPT.tetgever],
      [DEPT.hyanalt, DEPT.tetgever],
    ])
      await pushToFile(reference, await pushesOf(files), undefined, undefined, '', false);
    expect(again.incremental).toBe(true);
    expect(rows).toEqual((await readTarget(reference)).rows);
    expect(debt).toEqual(again.debt);
    expect(new Set(rows.map((r) => r.unit))).toEqual(new Set([UNITS.orlogo, UNITS.tetgever, UNITS.hyanalt]));
    expect(rows).toHaveLength(first.rows.length + 3);

    // ExcelJS, a second reader: it opens the result whenever it opens the original.
    const originalError = await excelJsOpens(original);
    expect(await excelJsOpens(twice)).toBe(originalError);
    if (originalError === null) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(twice as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(SHEETS.rows)!;
      expect(ws.getCell(4, 1).value).toBe(rows[0].unit);
      expect(ws.getCell(3 + rows.length, 5).value).toBe(rows[rows.length - 1].activity);
    }
  });
});
