/**
 * A clone is all a newcomer has: nothing the tests, scripts, benchmarks, sources or README use may
 * reach outside the repository (no sibling `shared/` folder, no machine-specific absolute path).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Tracked text files of the places a newcomer runs (this file states the patterns, so it is left out). */
function trackedFiles(): string[] {
  const out = execFileSync(
    'git',
    [
      'ls-files',
      '-z',
      '--',
      'src',
      'tests',
      'bench',
      'scripts',
      'docs',
      '.ci',
      '*.md',
      '*.js',
      '*.json',
      '*.mjs',
    ],
    {
      cwd: ROOT,
    },
  ).toString();
  return out
    .split('\0')
    .filter(
      (f) =>
        f &&
        /\.(ts|tsx|js|mjs|cjs|json|md|sh|html|py)$|^\.ci\//.test(f) &&
        f !== 'package-lock.json' &&
        f !== 'tests/selfContained.test.ts',
    );
}

// The patterns are assembled so that this file does not match itself.
const SHARED = ['..', 'shared'].join('/');
const OUTSIDE = [
  new RegExp(`${SHARED.replace(/\./g, '\\.')}\\b`),
  new RegExp(`['"]\\.\\.['"]\\s*,\\s*['"]\\.\\.['"]\\s*,\\s*['"]\\.\\.['"]\\s*,\\s*['"]shared['"]`),
  new RegExp(`['"]${'shared'}['"]\\s*,\\s*['"](fixtures|checks|seeds)['"]`),
  new RegExp(`${'/work'}/(main|shared)\\b`),
];

test('no tracked file reaches a shared/ folder beside the repository or a machine path', () => {
  const files = trackedFiles();
  expect(files.length).toBeGreaterThan(50);
  const hits: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
    text.split('\n').forEach((line, i) => {
      if (OUTSIDE.some((re) => re.test(line))) hits.push(`${f}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(hits).toEqual([]);
});

test('the check would catch each way of reaching outside', () => {
  const lines = [
    `path.resolve(__dirname, '${SHARED}/fixtures')`,
    `path.join(__dirname, '..', '..', '..', 'shared', 'fixtures')`,
    `npm run -s ndplan -- check ${SHARED}/fixtures/plan-2024.xlsx`,
    `cat ${'/work'}/shared/DESIGN.md`,
  ];
  for (const l of lines) expect(OUTSIDE.some((re) => re.test(l))).toBe(true);
  expect(OUTSIDE.some((re) => re.test("path.resolve(__dirname, '../../samples')"))).toBe(false);
});
