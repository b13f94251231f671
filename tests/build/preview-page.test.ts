/** @jest-environment jsdom */
/**
 * The browser preview page: its HTML template (a strict CSP, no Office.js, no inline code), its
 * place in webpack.config.js (the one page with ExcelJS, aliased to ExcelJS's browser build, with
 * the samples copied), and the static server that `npm run preview` and the browser tests use.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const html = fs.readFileSync(path.join(ROOT, 'src', 'preview', 'preview.html'), 'utf8');
const doc = new DOMParser().parseFromString(html, 'text/html');

interface Page {
  name: string;
  entry: string;
  template: string;
  exceljs?: boolean;
}
interface ConfigModule {
  (
    env: unknown,
    argv: { mode: string },
  ): Promise<{
    resolve: { alias: Record<string, string> };
    module: { noParse: (file: string) => boolean };
    plugins: {
      constructor: { name: string };
      copies?: { from: string; to: string }[];
      userOptions?: { filename: string };
    }[];
  }>;
  PAGES: Page[];
}
const config = jest.requireActual<ConfigModule>(path.join(ROOT, 'webpack.config.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve, resolveFile } = require(path.join(ROOT, 'scripts', 'serve.js')) as {
  serve(dir: string, o: { port: number }): Promise<{ url: string; close(): Promise<void> }>;
  resolveFile(root: string, url: string): string | null;
};

function csp(): Record<string, string[]> {
  const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const directives = (meta?.getAttribute('content') ?? '').split(';').map((d) => d.trim().split(/\s+/));
  return Object.fromEntries(directives.filter((d) => d[0]).map(([name, ...sources]) => [name, sources]));
}

describe('src/preview/preview.html', () => {
  it('is a Mongolian page with a React root, no Office.js and no inline script or style', () => {
    expect(doc.documentElement.lang).toBe('mn');
    expect(doc.getElementById('root')).not.toBeNull();
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelectorAll('[style], style')).toHaveLength(0);
  });

  it('allows scripts, styles and fetches from its own origin only', () => {
    const emptyStyle = `'sha256-${createHash('sha256').update('').digest('base64')}'`;
    expect(csp()).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", emptyStyle],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'none'"],
    });
  });
});

describe('webpack.config.js: the preview page', () => {
  it('is the one page allowed ExcelJS, which resolves to its browser build and is not parsed', async () => {
    expect(config.PAGES.filter((p) => p.exceljs)).toEqual([
      {
        name: 'preview',
        entry: './src/preview/index.tsx',
        template: './src/preview/preview.html',
        exceljs: true,
      },
    ]);
    const c = await config({}, { mode: 'production' });
    const browserBuild = path.join(ROOT, 'node_modules', 'exceljs', 'dist', 'exceljs.min.js');
    expect(c.resolve.alias.exceljs$).toBe(browserBuild);
    expect(c.module.noParse(browserBuild)).toBe(true);
    expect(c.module.noParse(path.join(ROOT, 'node_modules', 'exceljs', 'excel.js'))).toBe(false);
    const pages = c.plugins
      .filter((p) => p.constructor.name === 'HtmlWebpackPlugin')
      .map((p) => p.userOptions?.filename);
    expect(pages).toEqual(['taskpane.html', 'preview.html']);
    const copy = c.plugins.find((p) => p.constructor.name === 'CopyAssetsPlugin');
    expect(copy?.copies?.map(({ from, to }) => ({ from, to }))).toEqual([
      { from: 'assets', to: 'assets' },
      { from: 'samples', to: 'samples' },
    ]);
  });

  it('bundles every sample the preview offers', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SAMPLES } = require('../../src/preview/samples') as typeof import('../../src/preview/samples');
    for (const s of SAMPLES)
      for (const f of s.files) expect(fs.existsSync(path.join(ROOT, 'samples', f))).toBe(true);
  });
});

describe('scripts/serve.js', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-serve-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function get(
    url: string,
    method = 'GET',
  ): Promise<{ status: number; type: string; body: string; location?: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            body,
            location: res.headers.location,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('serves the files of one directory over http on 127.0.0.1, and nothing outside it', async () => {
    fs.mkdirSync(path.join(dir, 'samples'));
    fs.writeFileSync(path.join(dir, 'preview.html'), '<!doctype html><title>p</title>');
    fs.writeFileSync(path.join(dir, 'samples', 'a.xlsx'), 'PK');
    const { url, close } = await serve(dir, { port: 0 });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await get(`${url}/preview.html`)).toMatchObject({
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(await get(`${url}/samples/a.xlsx`)).toMatchObject({
        status: 200,
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: 'PK',
      });
      expect(await get(`${url}/`)).toMatchObject({ status: 302, location: '/preview.html' });
      expect((await get(`${url}/missing.js`)).status).toBe(404);
      expect((await get(`${url}/preview.html`, 'POST')).status).toBe(405);
      expect((await get(`${url}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    } finally {
      await close();
    }
    expect(resolveFile(dir, '/../../etc/passwd')).toBe(path.join(dir, 'etc', 'passwd'));
    expect(resolveFile(dir, '/%E0%A4%A')).toBeNull();
  });
});
