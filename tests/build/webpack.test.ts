/**
 * webpack.config.js: the pages it builds, the dev server's certificates, and the guarantee that
 * ExcelJS never reaches the task pane (checked by compiling a small fixture with webpack).
 */
import * as fs from 'fs';
import os from 'os';
import * as path from 'path';
import webpack from 'webpack';

interface ConfigModule {
  (
    env: unknown,
    argv: { mode: string },
  ): Promise<webpack.Configuration & { devServer: { port: number; server: unknown } }>;
  PAGES: { name: string; entry: string; template: string }[];
  NoExcelJsPlugin: new () => webpack.WebpackPluginInstance;
}

const CONFIG = path.join(__dirname, '..', '..', 'webpack.config.js');
const dirs: string[] = [];
const tmp = () => {
  dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-build-')));
  return dirs[dirs.length - 1];
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

/** The dev server's config with the home directory (where the certificates live) at `home` and certificate generation replaced. */
async function serveConfig(config: ConfigModule, home: string, generateCertificates: () => Promise<void>) {
  const homedir = jest.spyOn(os, 'homedir').mockReturnValue(home);
  process.env.WEBPACK_SERVE = 'true';
  jest.doMock('office-addin-dev-certs', () => ({ generateCertificates }));
  try {
    return await config({}, { mode: 'development' });
  } finally {
    jest.dontMock('office-addin-dev-certs');
    homedir.mockRestore();
    delete process.env.WEBPACK_SERVE;
  }
}

describe('webpack.config.js', () => {
  const config = jest.requireActual<ConfigModule>(CONFIG);

  it('builds one entry and one HTML page per page, without eval (the CSP forbids it)', async () => {
    expect(config.PAGES[0]).toEqual({
      name: 'taskpane',
      entry: './src/taskpane/index.tsx',
      template: './src/taskpane/taskpane.html',
    });
    for (const mode of ['production', 'development']) {
      const c = await config({}, { mode });
      expect(c.entry).toEqual(Object.fromEntries(config.PAGES.map((p) => [p.name, p.entry])));
      const pages = (c.plugins ?? []).filter((p) => p?.constructor.name === 'HtmlWebpackPlugin');
      expect(pages).toHaveLength(config.PAGES.length);
      expect(String(c.devtool)).not.toMatch(/eval/);
    }
  });

  it('serves https on port 3000 with the dev certificates read from ~/.office-addin-dev-certs', async () => {
    const home = tmp();
    write(home, {
      '.office-addin-dev-certs/ca.crt': 'CA',
      '.office-addin-dev-certs/localhost.crt': 'CRT',
      '.office-addin-dev-certs/localhost.key': 'KEY',
    });
    const generate = jest.fn(async () => undefined);
    const c = await serveConfig(config, home, generate);
    expect(c.devServer.port).toBe(3000);
    expect(c.devServer.server).toEqual({
      type: 'https',
      options: { ca: Buffer.from('CA'), cert: Buffer.from('CRT'), key: Buffer.from('KEY') },
    });
    expect(generate).not.toHaveBeenCalled();
  });

  it('generates missing certificates, and falls back to http with a warning when it cannot', async () => {
    const home = tmp();
    const generate = jest.fn(async () =>
      write(
        home,
        Object.fromEntries(
          ['ca.crt', 'localhost.crt', 'localhost.key'].map((f) => [`.office-addin-dev-certs/${f}`, f]),
        ),
      ),
    );
    expect((await serveConfig(config, home, generate)).devServer.server).toMatchObject({ type: 'https' });
    expect(generate).toHaveBeenCalledTimes(1);

    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const failing = async () => {
      throw new Error('no openssl');
    };
    expect((await serveConfig(config, tmp(), failing)).devServer.server).toBe('http');
    expect(warn.mock.calls.join('\n')).toMatch(/plain http/);
    warn.mockRestore();
  });

  describe('ExcelJS', () => {
    const fixture = (taskpane: string) => {
      const dir = tmp();
      write(dir, {
        'node_modules/exceljs/package.json': '{"name":"exceljs","main":"index.js"}',
        'node_modules/exceljs/index.js': 'module.exports = { Workbook: function Workbook() {} };',
        'node_modules/shared/package.json': '{"name":"shared","main":"index.js"}',
        'node_modules/shared/index.js': 'module.exports = function shared() { return "shared"; };',
        'taskpane.js': taskpane,
        'preview.js':
          'const shared = require("shared"); const { Workbook } = require("exceljs"); console.log(shared(), new Workbook());',
      });
      return dir;
    };

    async function build(dir: string): Promise<webpack.StatsCompilation> {
      const { optimization } = await config({}, { mode: 'production' });
      const compiler = webpack({
        mode: 'production',
        context: dir,
        entry: { taskpane: './taskpane.js', preview: './preview.js' },
        output: { path: path.join(dir, 'dist') },
        optimization,
        plugins: [new config.NoExcelJsPlugin()],
      });
      return new Promise((resolve, reject) =>
        compiler.run((error, stats) =>
          error || !stats
            ? reject(error)
            : resolve(stats.toJson({ all: false, errors: true, entrypoints: true })),
        ),
      );
    }

    it('is split into a chunk of its own that only the preview page loads', async () => {
      const stats = await build(fixture('const shared = require("shared"); console.log(shared());'));
      expect(stats.errors).toEqual([]);
      const assets = (name: string) => (stats.entrypoints?.[name].assets ?? []).map((a) => a.name);
      expect(assets('preview')).toContain('exceljs.js');
      expect(assets('taskpane')).not.toContain('exceljs.js');
    });

    it('fails the build when the task pane would load it, even lazily', async () => {
      const stats = await build(fixture('import("exceljs").then((m) => console.log(m));'));
      expect(stats.errors?.map((e) => e.message).join('\n')).toMatch(/ExcelJS reached the "taskpane" page/);
    });
  });
});
