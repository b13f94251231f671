/**
 * tests/ mirrors src/: every folder under tests/ is a folder of src/ (or a module, as
 * tests/targets/file tests src/targets/file.ts), apart from the folders that test no src/ code.
 * Test files say what they test, never which work item asked for it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Folders of tests/ that mirror bench/, the build, the browser, or hold shared helpers and fixtures. */
const EXCEPTIONS = ['bench', 'build', 'e2e', 'helpers', 'fixtures'];

/** Folders under `tests` (relative, '/'-separated) with no folder or module of the same path in `src`. */
function strayFolders(tests: string, src: string): string[] {
  const stray: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(tests, rel), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const sub = rel ? `${rel}/${entry.name}` : entry.name;
      if (!rel && EXCEPTIONS.includes(sub)) continue;
      const mirror = path.join(src, sub);
      const mirrored = fs.existsSync(mirror) || ['.ts', '.tsx'].some((ext) => fs.existsSync(mirror + ext));
      if (mirrored) walk(sub);
      else stray.push(sub);
    }
  };
  walk('');
  return stray;
}

/** Every .ts/.tsx file under `dir`, relative to it. */
function sources(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const sub = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return sub === 'fixtures' ? [] : sources(dir, sub);
    return /\.tsx?$/.test(entry.name) ? [sub] : [];
  });
}

test('every folder under tests/ mirrors a folder or module of src/, or is one of the exceptions', () => {
  expect(strayFolders(path.join(ROOT, 'tests'), path.join(ROOT, 'src'))).toEqual([]);
});

test('the check finds a folder that mirrors nothing, at the top and deeper down', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-layout-'));
  try {
    for (const folder of [
      'src/core/plans',
      'src/targets',
      'tests/core/plans',
      'tests/core/robust',
      'tests/targets/file',
      'tests/lifecycle',
      'tests/helpers/deep',
    ]) {
      fs.mkdirSync(path.join(dir, folder), { recursive: true });
    }
    fs.writeFileSync(path.join(dir, 'src/targets/file.ts'), '');
    expect(strayFolders(path.join(dir, 'tests'), path.join(dir, 'src')).sort()).toEqual([
      'core/robust',
      'lifecycle',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('no test file names a work item, in its name or its text', () => {
  const files = sources(path.join(ROOT, 'tests'));
  expect(files).toContain('layout.test.ts');
  const naming = files.filter(
    (f) =>
      /issue[-_ ]?\d/i.test(f) || /\bIssue \d+/.test(fs.readFileSync(path.join(ROOT, 'tests', f), 'utf8')),
  );
  expect(naming).toEqual([]);
});
