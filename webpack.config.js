/**
 * Builds the add-in pages into dist/. Each page is one entry with its own HTML file: adding
 * a page is one more object in PAGES. The browser preview is the one page that may load
 * ExcelJS (`exceljs: true`); samples/ is copied to dist/samples/ for it.
 *
 *   npm run build       production build + gzip size report (scripts/size-report.js)
 *   npm run dev-server  https://localhost:3000 with the Office dev certificates
 *   npm run preview     the preview over plain http://127.0.0.1:3001 (scripts/preview.js)
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { DefinePlugin, WebpackError } = require('webpack');

const PAGES = [
  { name: 'taskpane', entry: './src/taskpane/index.tsx', template: './src/taskpane/taskpane.html' },
  {
    name: 'preview',
    entry: './src/preview/index.tsx',
    template: './src/preview/preview.html',
    exceljs: true,
  },
];

/** ExcelJS weighs 256 KB gzip: a page loads it only when its PAGES entry says `exceljs: true`. */
const WITHOUT_EXCELJS = PAGES.filter((p) => !p.exceljs).map((p) => p.name);
const EXCELJS = /[\\/]node_modules[\\/]exceljs[\\/]/;
/**
 * ExcelJS's browser build (its package's "browser" field): one prebuilt file with its own
 * stream and buffer shims, so webpack needs no Node fallbacks and need not parse it.
 */
const EXCELJS_BROWSER = require.resolve('exceljs/dist/exceljs.min.js');

const PORT = 3000;
const CERT_FILES = { ca: 'ca.crt', cert: 'localhost.crt', key: 'localhost.key' };

/** Files under `dir`, recursively, as paths relative to it (with forward slashes), filtered by `keep`. */
function filesUnder(dir, keep = () => true, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return filesUnder(dir, keep, rel);
    return e.isFile() && keep(rel) ? [rel] : [];
  });
}

/**
 * Copies static files into the build: assets/ (the manifest's icons) to dist/assets, and,
 * when a page uses ExcelJS (the preview), the sample workbooks (every .xlsx under samples/) to dist/samples.
 */
class CopyAssetsPlugin {
  constructor(copies = [{ from: 'assets', to: 'assets' }]) {
    this.copies = copies;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('CopyAssetsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyAssetsPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const { from, to, keep } of this.copies) {
            const dir = path.resolve(__dirname, from);
            if (!fs.existsSync(dir)) continue;
            compilation.contextDependencies.add(dir);
            for (const file of filesUnder(dir, keep)) {
              const source = fs.readFileSync(path.join(dir, file));
              compilation.emitAsset(`${to}/${file}`, new compiler.webpack.sources.RawSource(source));
              compilation.fileDependencies.add(path.join(dir, file));
            }
          }
        },
      );
    });
  }
}

const COPIES = [
  { from: 'assets', to: 'assets' },
  ...(PAGES.some((p) => p.exceljs)
    ? [{ from: 'samples', to: 'samples', keep: (f) => f.endsWith('.xlsx') }]
    : []),
];

/** Fails the build when a page in WITHOUT_EXCELJS would load ExcelJS, up front or lazily. */
class NoExcelJsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('NoExcelJsPlugin', (compilation) => {
      compilation.hooks.afterSeal.tap('NoExcelJsPlugin', () => {
        for (const name of WITHOUT_EXCELJS) {
          const entry = compilation.entrypoints.get(name);
          if (!entry) continue;
          const chunks = new Set(entry.chunks.flatMap((c) => [c, ...c.getAllAsyncChunks()]));
          for (const chunk of chunks) {
            for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
              if (EXCELJS.test(module.nameForCondition() ?? '')) {
                compilation.errors.push(
                  new WebpackError(
                    `ExcelJS reached the "${name}" page through chunk ${chunk.name ?? chunk.id}`,
                  ),
                );
                return;
              }
            }
          }
        }
      });
    });
  }
}

/** The Office dev certificates, generated when absent; null when they cannot be made. */
async function httpsOptions() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const read = () =>
    Object.fromEntries(Object.entries(CERT_FILES).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
  const present = () => Object.values(CERT_FILES).every((f) => fs.existsSync(path.join(dir, f)));
  if (!present()) {
    try {
      const devCerts = require('office-addin-dev-certs');
      // Windows and macOS: generate and trust the CA, as Office accepts only trusted certificates.
      // Elsewhere trusting needs sudo (getHttpsServerOptions fails there): generate only.
      await (process.platform === 'win32' || process.platform === 'darwin'
        ? devCerts.ensureCertificatesAreInstalled()
        : devCerts.generateCertificates());
    } catch (error) {
      console.warn(`Could not make the Office dev certificates: ${error.message}`);
    }
  }
  return present() ? read() : null;
}

module.exports = async function config(_env, argv) {
  const production = argv.mode === 'production';
  const serving = Boolean(process.env.WEBPACK_SERVE);
  const https = serving ? await httpsOptions() : null;
  if (serving && !https)
    console.warn(
      `WARNING: serving plain http://localhost:${PORT}; Office will refuse to load the add-in over http.`,
    );

  return {
    mode: production ? 'production' : 'development',
    // No eval-based source maps: the page's Content-Security-Policy has no 'unsafe-eval'.
    devtool: production ? 'source-map' : 'cheap-module-source-map',
    entry: Object.fromEntries(PAGES.map((p) => [p.name, p.entry])),
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // Only pages with `exceljs: true` reach ExcelJS (NoExcelJsPlugin checks), so the alias is theirs alone.
      alias: { exceljs$: EXCELJS_BROWSER },
    },
    module: {
      noParse: (file) => file === EXCELJS_BROWSER,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          // ES modules (tsconfig says commonjs, for Node and Jest) so that webpack can tree-shake Fluent UI.
          options: {
            transpileOnly: true,
            compilerOptions: { module: 'esnext', moduleResolution: 'bundler' },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          // ExcelJS in a chunk of its own, so that a page sharing other libraries with the preview never pulls it in.
          exceljs: { test: EXCELJS, name: 'exceljs', priority: 20, enforce: true },
          defaultVendors: { test: /[\\/]node_modules[\\/]/, priority: 10, reuseExistingChunk: true },
        },
      },
    },
    plugins: [
      ...PAGES.map(
        (p) => new HtmlWebpackPlugin({ filename: `${p.name}.html`, template: p.template, chunks: [p.name] }),
      ),
      new CopyAssetsPlugin(COPIES),
      new NoExcelJsPlugin(),
      // The Entra ID app of the shared workbook (docs/shared-workbook.md); empty: that destination is off.
      new DefinePlugin({
        'process.env.NDPLAN_GRAPH_CLIENT_ID': JSON.stringify(
          (process.env.NDPLAN_GRAPH_CLIENT_ID ?? '').trim(),
        ),
      }),
    ],
    performance: { hints: false },
    devServer: {
      port: PORT,
      // Only this machine's Excel talks to the dev server.
      host: 'localhost',
      static: false,
      server: https ? { type: 'https', options: https } : 'http',
    },
  };
};

module.exports.PAGES = PAGES;
module.exports.NoExcelJsPlugin = NoExcelJsPlugin;
