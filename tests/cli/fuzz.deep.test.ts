/**
 * The fuzz run (npm run test:deep): about 10,000 workbooks mutated from the samples and the
 * real writers' files — byte flips, truncations, part swaps, XML mutations, size lies — each
 * checked (the reading path every command shares), and every fourth also given to one of the
 * other commands in turn (consolidate, format, compare, draft), in process.
 * Every run must end in exit 0, 1 or 2; a failure must be one line that is a message, not a
 * program error; nothing may hang. The tally of outcomes is printed. NDPLAN_FUZZ_RUNS and
 * NDPLAN_FUZZ_SECONDS bound it (10,000 runs, 240 s by default).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { partsOf, zipOf, type Part } from '../helpers/zipcraft';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
const SEEDS = [
  ...fs
    .readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => path.join(SAMPLES, f)),
  ...fs.readdirSync(path.join(SAMPLES, 'real-writers')).map((f) => path.join(SAMPLES, 'real-writers', f)),
];
const PLAN = path.join(SAMPLES, 'plan-2024.xlsx');
const RUNS = Number(process.env.NDPLAN_FUZZ_RUNS ?? 10000);
const SECONDS = Number(process.env.NDPLAN_FUZZ_SECONDS ?? 240);
/** What a program error looks like when it leaks into a message. */
const PROGRAM_ERROR =
  /Cannot read prop|is not a function|is not iterable|undefined|Maximum call stack|Invalid array length|Invalid string length|TypeError|RangeError|SyntaxError|\bat .*:\d+:\d+/;

/** mulberry32: the same mutations on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: T[]): T => xs[Math.floor(rand() * xs.length)];

const XML_EDITS: ((xml: string, rand: Rand) => string)[] = [
  (x, r) => {
    const at = Math.floor(r() * x.length);
    return x.slice(0, at) + x.slice(at + 1 + Math.floor(r() * 200));
  },
  (x, r) => {
    const at = Math.floor(r() * x.length);
    return (
      x.slice(0, at) +
      pick(r, ['<', '>', '&', '"', '</c>', '<c r="A1">', '&#0;', '&bogus;', '\uFFFE', '_x0041_']) +
      x.slice(at)
    );
  },
  (x, r) =>
    x.replace(/r="[A-Z]+\d+"/, pick(r, ['r="XFD1048576"', 'r="A0"', 'r="ZZZZ1"', 'r="A99999999"', 'r=""'])),
  (x, r) =>
    x.replace(
      /<v>[^<]*<\/v>/,
      pick(r, ['<v>1e999</v>', '<v>NaN</v>', '<v>-</v>', '<v>99999999</v>', '<v></v>']),
    ),
  (x, r) =>
    x.replace(/ t="[a-z]+"/, pick(r, [' t="s"', ' t="e"', ' t="d"', ' t="b"', ' t="inlineStr"', ' t="q"'])),
  (x, r) =>
    x.replace(
      /ref="[A-Z]+\d+:[A-Z]+\d+"/,
      pick(r, ['ref="A1:XFD1048576"', 'ref="B2:A1"', 'ref="A1"', 'ref="?"']),
    ),
  (x, r) => x.replace(/<(\w+)/, `<${pick(r, ['x:', 'bogus', ''])}$1`),
  (x, r) => {
    const at = Math.floor(r() * x.length);
    const len = Math.floor(r() * 500);
    return x.slice(0, at) + x.slice(at, at + len).repeat(1 + Math.floor(r() * 5)) + x.slice(at + len);
  },
];

function mutate(seed: Buffer, rand: Rand): { kind: string; bytes: Buffer } {
  const kind = pick(rand, ['flip', 'truncate', 'swap', 'xml', 'xml', 'xml', 'size-lie', 'drop']);
  if (kind === 'flip') {
    const b = Buffer.from(seed);
    const flips = 1 + Math.floor(rand() * 8);
    for (let i = 0; i < flips; i++) b[Math.floor(rand() * b.length)] ^= 1 << Math.floor(rand() * 8);
    return { kind, bytes: b };
  }
  if (kind === 'truncate') return { kind, bytes: seed.subarray(0, Math.floor(rand() * seed.length)) };
  const parts = partsOf(seed);
  if (kind === 'swap') {
    const i = Math.floor(rand() * parts.length);
    const j = Math.floor(rand() * parts.length);
    const [a, b] = [parts[i].data, parts[j].data];
    parts[i] = { name: parts[i].name, data: b };
    parts[j] = { name: parts[j].name, data: a };
    return { kind, bytes: zipOf(parts) };
  }
  if (kind === 'drop') return { kind, bytes: zipOf(parts.filter(() => rand() > 0.15)) };
  const xmlParts = parts.map((p, i) => [p, i] as const).filter(([p]) => /\.(xml|rels)$/.test(p.name));
  const [target, index] = pick(rand, xmlParts);
  if (kind === 'xml') {
    const edits = 1 + Math.floor(rand() * 3);
    let xml = target.data.toString('utf8');
    for (let e = 0; e < edits; e++) xml = pick(rand, XML_EDITS)(xml, rand);
    parts[index] = { name: target.name, data: Buffer.from(xml) };
    return { kind, bytes: zipOf(parts) };
  }
  const out: Part[] = [...parts];
  const zip = zipOf([target]);
  const deflated = zip.subarray(30 + Buffer.byteLength(target.name), zip.readUInt32LE(zip.length - 6));
  out[index] = {
    name: target.name,
    deflated: Buffer.from(deflated),
    size: Math.floor(rand() * 2 ** 32),
    crc: Math.floor(rand() * 2 ** 32),
  };
  return { kind, bytes: zipOf(out) };
}

test(
  'fuzz: every mutated workbook ends in exit 0, 1 or 2 with at most one clean line',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-fuzz-'));
    const rand = random(16);
    const seeds = SEEDS.map((f) => fs.readFileSync(f));
    const tally = new Map<string, number>();
    const bad: string[] = [];
    const start = Date.now();
    let runs = 0;
    try {
      for (; runs < RUNS && Date.now() - start < SECONDS * 1000; runs++) {
        const { kind, bytes } = mutate(pick(rand, seeds), rand);
        const file = path.join(dir, 'in.xlsx');
        const out = path.join(dir, 'out.xlsx');
        fs.writeFileSync(file, bytes);
        fs.rmSync(out, { force: true });
        const commands =
          runs % 4 === 0
            ? ['check', ['consolidate', 'format', 'compare', 'draft'][(runs / 4) % 4]]
            : ['check'];
        for (const command of commands) {
          const args = {
            check: ['check', file, '--json'],
            consolidate: ['consolidate', file, '--out', out, '--json'],
            format: ['format', file, '--out', out],
            compare: ['compare', PLAN, file, '--json'],
            draft: ['draft', 'report', '--from', file, '--period', 'FY', '--out', out],
          }[command]!;
          let code: number;
          let stderr = '';
          try {
            const r = await main(args);
            code = r.code;
            stderr = r.stderr;
          } catch (e) {
            code = -1;
            stderr = String(e);
          }
          const lines = stderr.trim() ? stderr.trim().split('\n').length : 0;
          const ok = [0, 1, 2].includes(code) && lines <= 1 && !PROGRAM_ERROR.test(stderr);
          const key = `${command} ${kind} exit ${code}${ok ? '' : ' BAD'}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
          if (!ok && bad.length < 20) bad.push(`${key}: ${stderr.slice(0, 300)}`);
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const lines = [...tally].sort().map(([k, n]) => `${String(n).padStart(6)}  ${k}`);
    process.stdout.write(
      `fuzz: ${runs} runs in ${Math.round((Date.now() - start) / 1000)} s\n${lines.join('\n')}\n${bad.join('\n')}\n`,
    );
    expect(bad).toEqual([]);
    expect(runs).toBeGreaterThan(100);
  },
  30 * 60 * 1000,
);
