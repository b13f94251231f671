/**
 * Every file a command writes is read back — every XML part well-formed, and two
 * readers agreeing (tests/helpers/readback.ts) — with the hostile corpus in its input, and every
 * string of the corpus the command copies arrives exactly, as text, never a formula.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import type { SheetSnapshot } from '../../src/core/snapshot';
import { renderWorkbook } from '../../src/xlsx/render';
import { loadSnapshots } from '../../src/xlsx/values';
import { HOSTILE } from '../helpers/hostile';
import { cellsOf, readBack } from '../helpers/readback';
import { PLAN_HEADER } from '../helpers/headers';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../..');
const HEADER = [...PLAN_HEADER, 'Хариуцах нэгж'];
/** Column suffixes: a string copied into another column than its own shows. */
const c = (s: string) => `${s}·c`;
const b = (s: string) => `${s}·b`;
const t = (s: string) => `${s}·t`;
const r = (s: string) => `${s}·r`;
/** What Word can hold in a cell's text: XML 1.0 characters, no line ends (a paragraph's end is its own). */
const IN_WORD = HOSTILE.filter((s) => !/[\u0000-\u001f\ufffe\uffff\ud800-\udfff]/.test(s));

let dir: string;
let plan: string;
let doc: string;
/** A workbook with a sheet of its own, holding the corpus: a consolidation target that already has other sheets. */
let target: string;

/** The plan written by the direct writer, which keeps every string of the corpus (tests/xlsx/text.test.ts). */
async function hostilePlan(): Promise<Buffer> {
  const rows = [
    ['ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Ж.ДОРЖИЙН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ'],
    [],
    HEADER,
    [' НЭГ. БОДЛОГЫН ЗОРИЛТ '],
    ...HOSTILE.map((s, i) => [`1.1.${i + 1}`, s, c(s), b(s), t(s), '2024.01.02', r(s)]),
  ];
  return renderWorkbook({
    ops: [
      { op: 'addSheet', sheet: 'Төлөвлөгөө' },
      { op: 'setValues', sheet: 'Төлөвлөгөө', row: 1, col: 1, values: rows },
    ],
  });
}

/** The Word plan of samples/ with its longest cell texts replaced by the corpus's strings Word can hold. */
async function hostileDocx(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(ROOT, 'samples/word/plan-2024.docx')));
  const xml = await zip.file('word/document.xml')!.async('string');
  const tbl = xml.indexOf('<w:tbl>');
  let k = 0;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = xml
    .slice(tbl)
    .replace(/<w:t>([^<]{30,})<\/w:t>/g, (all) =>
      k < IN_WORD.length ? `<w:t xml:space="preserve">${esc(IN_WORD[k++])}</w:t>` : all,
    );
  expect(k).toBe(IN_WORD.length);
  zip.file('word/document.xml', xml.slice(0, tbl) + body);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-writes-'));
  plan = path.join(dir, 'төлөвлөгөө.xlsx');
  fs.writeFileSync(plan, await hostilePlan());
  doc = path.join(dir, 'төлөвлөгөө.docx');
  fs.writeFileSync(doc, await hostileDocx());
  target = path.join(dir, 'зорилт.xlsx');
  fs.writeFileSync(
    target,
    await renderWorkbook({
      ops: [
        { op: 'addSheet', sheet: 'Тэмдэглэл' },
        { op: 'setValues', sheet: 'Тэмдэглэл', row: 1, col: 1, values: HOSTILE.map((s) => [s]) },
      ],
    }),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the input holds the corpus exactly', async () => {
  const [s] = await loadSnapshots(fs.readFileSync(plan), plan);
  expect(s.values.slice(4).map((row) => row[1])).toEqual([...HOSTILE]);
});

interface Case {
  name: string;
  args: (out: string) => string[];
  /** The output already exists (a target with sheets of its own). */
  into?: () => string;
  /** Values that must stand in the output's cells exactly. */
  copied: (string | number)[];
}

const CASES: Case[] = [
  {
    name: 'format',
    args: (out) => ['format', plan, '--out', out],
    copied: HOSTILE.flatMap((s) => [s, c(s), b(s), t(s), r(s)]),
  },
  {
    name: 'consolidate into a new workbook',
    args: (out) => ['consolidate', plan, '--out', out, '--unit', 'Хяналтын хэлтэс', '--person', 'Ж.ДОРЖ'],
    copied: HOSTILE.flatMap((s) => [s, c(s), b(s), t(s)]),
  },
  {
    name: 'consolidate into a workbook with a sheet of its own',
    into: () => target,
    args: (out) => ['consolidate', plan, '--out', out, '--unit', 'Хяналтын хэлтэс', '--person', 'Ж.ДОРЖ'],
    copied: HOSTILE.flatMap((s) => [s, c(s), b(s), t(s)]),
  },
  {
    name: 'draft report',
    args: (out) => ['draft', 'report', '--from', plan, '--period', 'H1', '--out', out],
    copied: HOSTILE.flatMap((s) => [s, c(s), b(s), t(s)]),
  },
  {
    name: 'draft plan',
    args: (out) => ['draft', 'plan', '--from', plan, '--year', '2025', '--out', out],
    copied: HOSTILE.flatMap((s) => [s, c(s), t(s), r(s)]),
  },
  // A Word cell reads as Excel keeps typed text (src/docx/read.ts): a plain number is a number, blanks are empty.
  {
    name: 'import',
    args: (out) => ['import', doc, '--out', out],
    copied: IN_WORD.filter((s) => s.trim()).map((s) => (/^-?\d+$/.test(s) ? Number(s) : s)),
  },
];

describe.each(CASES)('$name', ({ args, into, copied }) => {
  let sheets: SheetSnapshot[];
  let out: string;
  beforeAll(async () => {
    out = path.join(dir, `${args('')[0]}-${Math.random().toString(36).slice(2)}.xlsx`);
    if (into) fs.copyFileSync(into(), out);
    const res = await main(args(out));
    expect(res).toMatchObject({ code: expect.any(Number), stderr: '' });
    expect(res.code).toBeLessThan(2);
  });

  test('every XML part is well-formed and the two readers agree', async () => {
    sheets = await readBack(fs.readFileSync(out), out);
  });

  test('every string copied stands exactly in a cell, as a value, never a formula', () => {
    const cells = sheets.flatMap((s) => [...cellsOf(s).values()]);
    const texts = new Set(cells.filter((x) => x.formula === null).map((x) => x.value));
    for (const s of copied) expect({ missing: s, found: texts.has(s) }).toEqual({ missing: s, found: true });
  });

  if (into)
    test('the sheet the target had is kept exactly', () => {
      const own = sheets.find((s) => s.name === 'Тэмдэглэл')!;
      expect(own.values.map((row) => row[0])).toEqual([...HOSTILE]);
    });
});
