/**
 * Guards on the task pane's source: cell text is rendered as React text (never as HTML), and
 * the Excel entry never loads ExcelJS, the .xlsx adapter, the CLI or the preview host.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const OWN = ['src/taskpane', 'src/host', 'src/i18n/ui.ts'];

function files(p: string): string[] {
  const abs = path.join(ROOT, p);
  if (fs.statSync(abs).isFile()) return [abs];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(p, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(abs, e.name)] : [],
    );
}

describe('task pane source', () => {
  const sources = OWN.flatMap(files);

  test('there is source to check', () => {
    expect(sources.some((f) => f.endsWith('index.tsx'))).toBe(true);
    expect(sources.length).toBeGreaterThan(10);
  });

  test.each([
    'dangerouslySetInnerHTML',
    'innerHTML',
    'outerHTML',
    'insertAdjacentHTML',
    'document.write',
    'eval(',
    'new Function(',
  ])('no %s', (word) => {
    const offenders = sources
      .filter((f) => fs.readFileSync(f, 'utf8').includes(word))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  test('the Excel entry never reaches ExcelJS, src/xlsx, src/cli, the preview host or Node modules', () => {
    const seen = new Set<string>();
    const bare = new Set<string>();
    const resolve = (from: string, spec: string): string | null => {
      const base = path.resolve(path.dirname(from), spec);
      for (const candidate of [
        base,
        `${base}.ts`,
        `${base}.tsx`,
        path.join(base, 'index.ts'),
        path.join(base, 'index.tsx'),
      ])
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
      return null;
    };
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(file, 'utf8');
      // Static imports and re-exports (type-only imports are erased, but are followed too: stricter),
      // and dynamic imports, also those with a /* webpackChunkName */ comment (lazy chunks count too).
      for (const m of text.matchAll(
        /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*(?:\/\*[^]*?\*\/\s*)?['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
      )) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (spec.startsWith('.')) {
          const target = resolve(file, spec);
          if (!target) throw new Error(`${path.relative(ROOT, file)}: cannot resolve ${spec}`);
          visit(target);
        } else bare.add(spec);
      }
    };
    visit(path.join(ROOT, 'src/taskpane/index.tsx'));
    const reached = [...seen].map((f) => path.relative(ROOT, f));
    expect(reached).toContain('src/taskpane/App.tsx');
    expect(reached.filter((f) => /^src\/(xlsx|cli)\//.test(f) || f === 'src/host/workbookHost.ts')).toEqual(
      [],
    );
    expect(
      [...bare].filter(
        (s) => s === 'exceljs' || s.startsWith('node:') || ['fs', 'path', 'os', 'child_process'].includes(s),
      ),
    ).toEqual([]);
    // Fluent UI by named imports from the package root only (tree-shaken), no icon packages.
    expect([...bare].filter((s) => s.startsWith('@fluentui/') && s !== '@fluentui/react-components')).toEqual(
      [],
    );
  });
});
