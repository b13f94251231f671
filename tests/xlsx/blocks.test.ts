/**
 * The pieces of a blocked «Нэгтгэл» (src/xlsx/blocks.ts, src/xlsx/zip.ts): CRCs combined without
 * the data, segments deflated apart that inflate as one stream, rows renumbered, and the state
 * part read back only while the sheet's part is the one it describes.
 */
import zlib from 'node:zlib';
import fc from 'fast-check';
import { readState, segmentsOf, stateParts } from '../../src/xlsx/blocks';
import { renumber } from '../../src/xlsx/renumber';
import {
  crc32,
  crc32Combine,
  crc32Text,
  deflateSegments,
  patchZip,
  tableCrc32,
  unzip,
  type Deflated,
} from '../../src/xlsx/zip';
import { renderWorkbook } from '../../src/xlsx/render';

/** A segment's bytes: it ends in a sync flush, not a final block. */
const inflate = (d: Deflated) =>
  zlib.inflateRawSync(d.deflated, { finishFlush: zlib.constants.Z_SYNC_FLUSH });

const bytes = (max = 3000) => fc.uint8Array({ maxLength: max }).map((a) => Buffer.from(a));

test("a text's CRC is the CRC of its UTF-8 bytes", () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(crc32Text(text)).toBe(tableCrc32(Buffer.from(text, 'utf8')));
    }),
    { seed: 18, numRuns: 300 },
  );
});

test('the CRC of two pieces joined comes from theirs and the second length alone', () => {
  fc.assert(
    fc.property(bytes(), bytes(), (a, b) => {
      expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(tableCrc32(Buffer.concat([a, b])));
    }),
    { seed: 18, numRuns: 300 },
  );
  // A second piece of tens of megabytes, as a block of a national table is.
  const a = Buffer.from('Нэгтгэл');
  const b = Buffer.alloc(20_000_003, 0x3c);
  expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
});

test('segments deflated apart, some kept from an earlier write, inflate as one stream', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(bytes(200_000), fc.boolean()), { minLength: 1, maxLength: 8 }),
      bytes(),
      async (pieces, tail) => {
        // A first write: every segment raw.
        const first = await deflateSegments([...pieces.map(([p]) => p), tail]);
        // A second one keeps some segments' deflated bytes as they are.
        const again = await deflateSegments([
          ...pieces.map(([p, keep], i) => (keep ? first.segments[i] : p)),
          tail,
        ]);
        const whole = Buffer.concat([...pieces.map(([p]) => p), tail]);
        for (const d of [first.part, again.part]) {
          expect(zlib.inflateRawSync(d.deflated).equals(whole)).toBe(true);
          expect([d.size, d.crc]).toEqual([whole.length, crc32(whole)]);
        }
        for (const [i, s] of first.segments.entries())
          expect(inflate(s).equals(i < pieces.length ? pieces[i][0] : tail)).toBe(true);
      },
    ),
    { seed: 18, numRuns: 40 },
  );
});

test('a kept segment cannot end the part, and a segment that lies about its bytes is corrupt', async () => {
  const { segments } = await deflateSegments([Buffer.from('<row r="2"/>'), Buffer.from('</sheetData>')]);
  await expect(deflateSegments([segments[0]])).rejects.toThrow(/last segment/);
  const cuts = [{ start: 0, size: segments[0].size, delta: 1 }];
  const [crc, corrupt, outside, fine] = renumber([
    { segment: { ...segments[0], crc: segments[0].crc ^ 1 }, cuts },
    { segment: { ...segments[0], deflated: Buffer.from([0xff, 0xff]) }, cuts },
    { segment: segments[0], cuts: [{ start: 1, size: segments[0].size, delta: 1 }] },
    { segment: segments[0], cuts },
  ]);
  await expect(crc).rejects.toThrow(/size or CRC/);
  await expect(corrupt).rejects.toThrow(/segment/);
  await expect(outside).rejects.toThrow(/outside/);
  expect((await fine).map(String)).toEqual(['<row r="3"/>']);
});

/** Rows as render.ts writes them: each with its number, each cell with its reference. */
function rowsXml(first: number, count: number): Buffer {
  const rows: string[] = [];
  for (let r = first; r < first + count; r++)
    rows.push(
      `<row r="${r}" ht="32" customHeight="1"><c r="A${r}" s="5" t="inlineStr"><is><t>Нэгж r=&quot;${r}&quot; ${r}</t></is></c>` +
        `<c r="H${r}" s="6"><v>${r * 1.5}</v></c><c r="AB${r}" s="5" t="inlineStr"><is><t>x &quot; r=&quot;9&quot;</t></is></c></row>`,
    );
  return Buffer.from(rows.join(''), 'utf8');
}

/** Every row number and cell reference of rows XML, and the XML with them taken out. */
function references(xml: Buffer): { rows: number[]; rest: string } {
  const text = xml.toString('utf8');
  const rows = [...text.matchAll(/<(?:row|c) r="[A-Z]*(\d+)"/g)].map((m) => Number(m[1]));
  return { rows, rest: text.replace(/(<(?:row|c) r=")[A-Z]*\d+"/g, '$1"') };
}

test('rows renumbered: every row and cell of each block moves by its own step, nothing else changes', async () => {
  // Segments of one to four blocks, each block with its own step (0: kept where it was).
  const block = fc
    .tuple(
      fc.integer({ min: 4, max: 900_000 }),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: -3, max: 100_000 }),
      fc.boolean(),
    )
    .filter(([first, , delta]) => first + delta >= 1)
    .map(([first, count, delta, moves]) => ({ xml: rowsXml(first, count), delta: moves ? delta : 0 }));
  const cases = fc.sample(fc.array(block, { minLength: 1, maxLength: 4 }), { seed: 18, numRuns: 150 });
  const jobs = await Promise.all(
    cases.map(async (blocks) => {
      const xml = Buffer.concat(blocks.map((b) => b.xml));
      const { segments } = await deflateSegments([xml, Buffer.from('</sheetData>')]);
      let start = 0;
      const cuts = blocks.map((b) => ({
        start: (start += b.xml.length) - b.xml.length,
        size: b.xml.length,
        delta: b.delta,
      }));
      return { segment: segments[0], cuts };
    }),
  );
  const moved = await Promise.all(renumber(jobs));
  cases.forEach((blocks, j) =>
    blocks.forEach((b, i) => {
      const before = references(b.xml);
      const after = references(moved[j][i]);
      expect(after.rows).toEqual(before.rows.map((r) => r + b.delta));
      expect(after.rest).toBe(before.rest);
    }),
  );
});

async function blockedTarget() {
  const plan = {
    ops: [
      { op: 'addSheet' as const, sheet: 'Нэгтгэл' },
      {
        op: 'setValues' as const,
        sheet: 'Нэгтгэл',
        row: 1,
        col: 1,
        values: [['a'], ['b'], ['c'], ['d'], ['e']],
      },
    ],
  };
  return renderWorkbook(plan, {
    sheet: 'Нэгтгэл',
    cuts: [2, 4],
    kept: new Map(),
    segments: new Map(),
    also: [],
    state: (layout) => JSON.stringify({ layout }),
  });
}

test('the state is found only while the sheet part is byte for byte the one it describes', async () => {
  const zip = await blockedTarget();
  const found = readState(zip)!;
  const { layout } = JSON.parse(found.json) as { layout: Parameters<typeof segmentsOf>[1] };
  // The head, both (small) blocks in one segment, the tail.
  expect(layout.segments.map((s) => s.blocks.length)).toEqual([0, 2, 0]);
  const segments = segmentsOf(found.entries, layout)!;
  expect(Buffer.concat(segments.map(inflate)).equals(unzip(zip).get(layout.part)!())).toBe(true);
  const both = inflate(segments[1]).toString('utf8');
  const first = layout.segments[1].blocks[0];
  expect(both.slice(0, first)).toMatch(/^<row r="2">.*<row r="3">.*<\/row>$/);
  expect(both.slice(first)).toMatch(/^<row r="4">.*<row r="5">.*<\/row>$/);

  // The same text written again by another writer: its bytes, and so its layout, differ.
  const rewritten = await patchZip(zip, new Map([[layout.part, unzip(zip).get(layout.part)!()]]));
  expect(segmentsOf(readState(rewritten)!.entries, layout)).toBeNull();
  // Another sheet in its place.
  const edited = unzip(zip).get(layout.part)!().toString('utf8').replace('<t>d</t>', '<t>D</t>');
  expect(
    segmentsOf(
      readState(await patchZip(zip, new Map([[layout.part, Buffer.from(edited)]])))!.entries,
      layout,
    ),
  ).toBeNull();
  // A workbook without the state has none; a state part that is not ND Plan's reads as none.
  expect(readState(await patchZip(zip, new Map([['customXml/ndplanState.xml', null]])))).toBeNull();
  expect(
    readState(await patchZip(zip, new Map([['customXml/ndplanState.xml', Buffer.from('<other>1</other>')]]))),
  ).toBeNull();
  expect(readState(await patchZip(zip, new Map([...stateParts('{"v":1} & <x>')]))))!.toMatchObject({
    json: '{"v":1} & <x>',
  });
});
