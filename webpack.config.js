/**
 * Builds the add-in pages into dist/. Each page is one entry with its own HTML file: adding
 * a page is one more object in PAGES, e.g. the browser preview, the one page that may load
 * ExcelJS: { name: 'preview', entry: './src/preview/index.tsx', template: './src/preview/preview.html', exceljs: true }.
 *
 *   npm run build       production build + gzip size report (scripts/size-report.js)
 *   npm run dev-server  https://localhost:3000 with the Office dev certificates
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { WebpackError } = require('webpack');

const PAGES = [
  { name: 'taskpane', entry: './src/taskpane/index.tsx', template: './src/taskpane/taskpane.html' },
];

/** ExcelJS weighs 256 KB gzip: a page loads it only when its PAGES entry says `exceljs: true`. */
const WITHOUT_EXCELJS = PAGES.filter((p) => !p.exceljs).map((p) => p.name);
const EXCELJS = /[\\/]node_modules[\\/]exceljs[\\/]/;

const PORT = 3000;
const CERT_FILES = { ca: 'ca.crt', cert: 'localhost.crt', key: 'localhost.key' };

/** Copies assets/ (the manifest's icons) to dist/assets. */
class CopyAssetsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('CopyAssetsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyAssetsPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const dir = path.resolve(__dirname, 'assets');
          for (const file of fs.readdirSync(dir)) {
            const source = fs.readFileSync(path.join(dir, file));
            compilation.emitAsset(`assets/${file}`, new compiler.webpack.sources.RawSource(source));
            compilation.fileDependencies.add(path.join(dir, file));
          }
        },
      );
    });
  }
}

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
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
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
      new CopyAssetsPlugin(),
      new NoExcelJsPlugin(),
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
