/**
 * The quick well-formedness check never accepts what the full parser (saxes) refuses, and
 * accepts the parts real writers make, so the full parser is rarely needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzip } from '../../src/xlsx/zip';
import { isWellFormed, parsesAsXml, quickWellFormed } from '../../src/xlsx/wellformed';

const SAMPLES = path.resolve(__dirname, '../../samples');
const workbooks = [
  ...fs
    .readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => path.join(SAMPLES, f)),
  ...fs.readdirSync(path.join(SAMPLES, 'departments')).map((f) => path.join(SAMPLES, 'departments', f)),
];
const parts: string[] = [];
for (const f of workbooks)
  for (const [name, get] of unzip(fs.readFileSync(f)))
    if (/\.(xml|rels)$/.test(name)) parts.push(get().toString('utf8'));

/** mulberry32, so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const PIECES = [
  '<',
  '>',
  '/',
  '"',
  "'",
  '=',
  '&',
  '&amp;',
  '&#10;',
  '&x;',
  ' ',
  '\n',
  'a',
  ':',
  '-',
  '1',
  '<a>',
  '</a>',
  '<a/>',
  '<!-- c -->',
  ']]>',
  '\u0001',
  '\uD800',
  'ж',
  '<?pi?>',
  ' r="1"',
];

function mutate(xml: string, next: (n: number) => number): string {
  let s = xml;
  for (let k = 1 + next(3); k > 0; k--) {
    const at = next(s.length + 1);
    const op = next(4);
    if (op === 0) s = s.slice(0, at) + s.slice(at + 1 + next(8));
    else if (op === 1) s = s.slice(0, at) + PIECES[next(PIECES.length)] + s.slice(at);
    else if (op === 2) s = s.slice(0, at);
    else {
      // Duplicate a nearby stretch: repeated attributes, tags or text.
      const len = 1 + next(24);
      s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    }
  }
  return s;
}

describe('quick well-formedness check', () => {
  test('accepts every part of the samples, as the full parser does', () => {
    expect(parts.length).toBeGreaterThan(50);
    for (const p of parts) {
      expect(parsesAsXml(p)).toBe(true);
      expect(quickWellFormed(p)).toBe(true);
    }
  });

  test('never accepts a mutated part that the full parser refuses', () => {
    const next = rng(18);
    let refused = 0;
    let quick = 0;
    for (let i = 0; i < 4000; i++) {
      const base = parts[next(parts.length)];
      // Small parts and the start of large ones, so mutations land near the structure.
      const xml = mutate(base.length > 4000 ? base.slice(0, 4000) + base.slice(-200) : base, next);
      const full = parsesAsXml(xml);
      if (!full) refused++;
      if (quickWellFormed(xml)) {
        quick++;
        expect({ xml, full }).toEqual({ xml, full: true });
      }
      expect(isWellFormed(xml)).toBe(full);
    }
    // The mutations reach both verdicts.
    expect(refused).toBeGreaterThan(700);
    expect(quick).toBeGreaterThan(150);
  });

  test.each([
    ['<a/>', true],
    ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a b="1" c=\'2\'>x &amp; y<d/></a>\n', true],
    ['<a b="1" b="2"/>', undefined],
    ['<a b="1"c="2"/>', undefined],
    ['<a></b>', undefined],
    ['</a>', undefined],
    ['<a/><b/>', undefined],
    ['text<a/>', undefined],
    ['<a>', undefined],
    ['', undefined],
    ['<a b="<"/>', undefined],
    ['<a>&nbsp;</a>', undefined],
    ['<a><!-- c --></a>', undefined],
  ])('%j → %s', (xml, verdict) => {
    expect(quickWellFormed(xml)).toBe(verdict);
    if (verdict) expect(parsesAsXml(xml)).toBe(true);
  });
});
