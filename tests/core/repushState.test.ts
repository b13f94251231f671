/**
 * The state a blocked target carries (src/core/repush.ts): read back it is the state written,
 * a kept block's line is written back as it was read, and the string table those lines refer to
 * only grows until it has grown by half, when it is built afresh without the strings no block uses.
 */
import fc from 'fast-check';
import { sourceId } from '../../src/core/consolidate';
import {
  decodeState,
  encodeState,
  type Block,
  type PartLayout,
  type TableState,
} from '../../src/core/repush';

const layout = (blocks: number): PartLayout => ({
  part: 'xl/worksheets/sheet1.xml',
  size: blocks * 10,
  crc: 1,
  csize: 5,
  dcrc: 2,
  segments: [
    { size: 0, crc: 0, csize: 0, blocks: [] },
    ...(blocks
      ? [{ size: blocks * 10, crc: 3, csize: 4, blocks: Array.from({ length: blocks }, () => 10) }]
      : []),
    { size: 0, crc: 0, csize: 0, blocks: [] },
  ],
  strings: null,
  others: [],
});

/** A unit's block: `goals` distinct goal texts of its own, so replacing it leaves strings no block uses. */
function block(unit: number, rows: number, version: number): Block {
  const base = { via: '', unit: `Нэгж ${unit} <&>`, person: 'Б.Болд', year: 2024, period: 'FY' };
  const kept = Array.from({ length: rows }, (_, i) => ({
    ...base,
    goal: `Зорилт ${unit}.${i} v${version} "ишлэл"`,
    section: i % 2 ? 'НЭГ' : '',
    percent: i % 3 ? (unit * 7 + i) % 101 : null,
    key: `${base.unit}|${base.person}|2024|FY|${i + 1}|1`,
    hash: unit * 1000 + i + version,
  }));
  const first = { key: kept[0].key, ...base, sheet: 'Тайлан', row: 5 };
  return { id: sourceId(first), first, rows: kept };
}

const state = (blocks: Block[], table?: TableState['table']): TableState => ({
  name: 'Орхон аймгийн НДХ',
  layout: layout(blocks.length),
  blocks,
  debt: [],
  table,
});

/** What a block is, without the line it was read from. */
const plain = (b: Block) => ({ id: b.id, first: b.first, rows: b.rows });

test('a state read back is the state written', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 })), { maxLength: 12 }),
      (units) => {
        const blocks = units.map(([u, rows]) => block(u, rows, 0));
        const back = decodeState(encodeState(state(blocks)))!;
        expect(back.blocks.map(plain)).toEqual(blocks.map(plain));
        expect(back.name).toBe('Орхон аймгийн НДХ');
        // Every string the blocks use is in the table once.
        const used = new Set(
          blocks.flatMap((b) =>
            b.rows.flatMap((r) => [r.via, r.unit, r.person, r.goal, r.section, r.period]),
          ),
        );
        expect(new Set(back.table!.strings)).toEqual(
          new Set([...used, ...(blocks.length ? ['Тайлан'] : [])]),
        );
        expect(back.table!.strings).toHaveLength(new Set(back.table!.strings).size);
      },
    ),
    { seed: 18, numRuns: 60 },
  );
});

test('kept blocks keep their lines; the table grows until it has grown by half, then is built afresh', () => {
  let current = decodeState(encodeState(state([1, 2, 3, 4].map((u) => block(u, 300, 0)))))!;
  const base = current.table!.base;
  expect(base).toBe(current.table!.strings.length);
  let rebuilt = false;
  for (let version = 1; version <= 12 && !rebuilt; version++) {
    // Unit 2 again, with goals of its own each time: 300 strings no block will use any more.
    const blocks = current.blocks.map((b, i) => (i === 1 ? block(2, 300, version) : b));
    const text = encodeState(state(blocks, current.table));
    const next = decodeState(text)!;
    expect(next.blocks.map(plain)).toEqual(blocks.map(plain));
    if (next.table!.strings.length > current.table!.strings.length) {
      expect(next.table!.base).toBe(base);
      // The table only grew, and the other blocks' lines are the ones read.
      expect(next.table!.strings.slice(0, current.table!.strings.length)).toEqual(current.table!.strings);
      for (const i of [0, 2, 3]) expect(next.blocks[i].line).toBe(current.blocks[i].line);
    } else {
      rebuilt = true;
      const used = new Set(
        blocks.flatMap((b) => b.rows.flatMap((r) => [r.via, r.unit, r.person, r.goal, r.section, r.period])),
      );
      expect(next.table!.strings).toHaveLength(used.size + 1);
      // Only once the 300 new strings would have made it grow by more than half.
      expect(current.table!.strings.length + 300 - base).toBeGreaterThan(Math.max(1000, base / 2));
    }
    current = next;
  }
  expect(rebuilt).toBe(true);
});

test('a block line that refers past the table, or a table that is not strings, is no state', () => {
  const text = encodeState(state([block(1, 3, 0)]));
  const [head, line] = text.split('\n');
  const h = JSON.parse(head) as { strings: string[] };
  expect(decodeState([JSON.stringify({ ...h, strings: h.strings.slice(0, 1) }), line].join('\n'))).toBeNull();
  expect(decodeState([JSON.stringify({ ...h, strings: [1, 2] }), line].join('\n'))).toBeNull();
  expect(decodeState([head, '["x"]'].join('\n'))).toBeNull();
  // The text is XML text as it is: no markup characters, whatever the names hold.
  expect(text).not.toMatch(/[<>&]/);
});
