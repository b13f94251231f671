/**
 * The project's own npm scripts where they cannot do their job here: `npm start` fails with one
 * line on a platform without Excel desktop, `npm run validate` falls back to the local manifest
 * check when Microsoft's service is out of reach, and the local check catches a broken manifest.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkManifest } from '../scripts/manifest-check';

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const MANIFEST = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

function run(script: string, lang: 'mn' | 'en') {
  return spawnSync(TSX, [path.join(ROOT, 'scripts', script)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NDPLAN_LANG: lang },
    timeout: 90_000,
  });
}

const platformWithoutExcel = process.platform !== 'win32' && process.platform !== 'darwin';

(platformWithoutExcel ? test : test.skip)(
  'npm start without Excel desktop: exit 1 and one line that points to the preview and Excel on the web',
  () => {
    for (const [lang, words] of [
      ['mn', /Excel desktop байхгүй.*npm run preview.*Excel on the web/],
      ['en', /Excel desktop does not exist.*npm run preview.*Excel on the web/],
    ] as const) {
      const r = run('start.ts', lang);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(words);
    }
  },
);

test('npm run validate: exit 0, and offline it says so in one line before the local check', () => {
  const r = run('validate.ts', 'en');
  expect(r.status).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines[lines.length - 1]).toMatch(/^manifest\.xml: well-formed/);
  // Online (a developer's machine) the validator's report comes first; offline (here, CI) one line says so.
  expect(lines.length === 2 ? lines[0] : 'online').toMatch(
    /^Microsoft's manifest validation service could not be reached|online/,
  );
});

test('the local manifest check holds for manifest.xml', () => {
  expect(checkManifest(MANIFEST)).toEqual([]);
});

test.each([
  ['not well-formed', MANIFEST.replace('</OfficeApp>', ''), /not well-formed/],
  [
    'a missing required element',
    MANIFEST.replace(/<ProviderName>[^<]*<\/ProviderName>/, ''),
    /<ProviderName> is missing/,
  ],
  [
    'a broader permission',
    MANIFEST.replace('>ReadWriteDocument<', '>ReadDocument<'),
    /not ReadWriteDocument/,
  ],
  [
    'an older ExcelApi than the adapter calls',
    MANIFEST.replace('Name="ExcelApi" MinVersion="1.9"', 'Name="ExcelApi" MinVersion="1.1"'),
    /ExcelApi MinVersion is 1\.1/,
  ],
  ['no Workbook host', MANIFEST.replace('<Host Name="Workbook"/>', '<Host Name="Document"/>'), /Workbook/],
  ['a non-GUID id', MANIFEST.replace(/<Id>[^<]*<\/Id>/, '<Id>nd-plan</Id>'), /not a GUID/],
])('the local manifest check catches %s', (_name, xml, problem) => {
  expect(xml).not.toBe(MANIFEST);
  expect(checkManifest(xml).join('\n')).toMatch(problem);
});

test('npm test runs the type check, ESLint and the Prettier check before jest', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(pkg.scripts.test.split('&&').map((s) => s.trim())).toEqual([
    'npm run -s typecheck',
    'npm run -s lint',
    'npm run -s format:check',
    'jest',
  ]);
  expect(pkg.scripts['format:check']).toBe('prettier --check .');
});
