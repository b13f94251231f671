/**
 * The README's command-line examples are what a newcomer types first: each `$ npm run -s ndplan -- …`
 * line runs from a fresh folder holding only a copy of samples/, and prints what the README shows.
 * A line `…` in the README stands for omitted output: the shown blocks must appear in order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main';

const ROOT = path.resolve(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Example {
  argv: string[];
  expected: string[];
}

/** `$ npm run -s ndplan -- a b "c d"` → ['a', 'b', 'c d']. */
function argvOf(line: string): string[] {
  const rest = line.replace(/^\$ npm run -s ndplan -- /, '');
  return [...rest.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const block of README.matchAll(/^```\w*\n([\s\S]*?)^```/gm)) {
    let current: Example | null = null;
    for (const line of block[1].split('\n')) {
      if (line.startsWith('$ npm run -s ndplan -- ')) {
        current = { argv: argvOf(line), expected: [] };
        out.push(current);
      } else if (current && line !== '') current.expected.push(line);
    }
  }
  return out;
}

/** The expected lines, split at `…`, appear in the actual output as contiguous blocks, in order. */
function inOrder(actual: string[], expected: string[]): boolean {
  const chunks: string[][] = [[]];
  for (const l of expected) {
    if (l.trim() === '…') chunks.push([]);
    else chunks[chunks.length - 1].push(l);
  }
  let from = 0;
  for (const chunk of chunks.filter((c) => c.length > 0)) {
    let found = -1;
    for (let i = from; i + chunk.length <= actual.length && found < 0; i++) {
      if (chunk.every((l, k) => actual[i + k].trimEnd() === l.trimEnd())) found = i;
    }
    if (found < 0) return false;
    from = found + chunk.length;
  }
  return true;
}

const EXAMPLES = examples();
let dir: string;
const cwd = process.cwd();
const lang = process.env.NDPLAN_LANG;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-readme-'));
  fs.cpSync(path.join(ROOT, 'samples'), path.join(dir, 'samples'), { recursive: true });
  process.chdir(dir);
  process.env.NDPLAN_LANG = 'mn';
});

afterAll(() => {
  process.chdir(cwd);
  if (lang === undefined) delete process.env.NDPLAN_LANG;
  else process.env.NDPLAN_LANG = lang;
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the README shows command-line examples', () => {
  expect(EXAMPLES.length).toBeGreaterThanOrEqual(5);
});

test.each(EXAMPLES.map((e) => [e.argv.join(' '), e] as const))('README: ndplan %s', async (_name, e) => {
  const r = await main(e.argv);
  expect(r.code === 0 || r.code === 1).toBe(true);
  const actual = r.stdout.split('\n').filter((l) => l.trim() !== '');
  // On a mismatch the failure shows the whole actual output, so the README can be corrected from it.
  const shown = e.expected.join('\n');
  expect(inOrder(actual, e.expected) ? shown : r.stdout).toBe(shown);
});

test('every relative link of the README names a file of the repository', () => {
  const links = [...README.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
    .map((m) => m[1])
    .filter((l) => !/^[a-z]+:/.test(l));
  expect(links.length).toBeGreaterThan(0);
  expect(links.filter((l) => !fs.existsSync(path.join(ROOT, l)))).toEqual([]);
});
