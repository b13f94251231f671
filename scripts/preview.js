#!/usr/bin/env node
/**
 * npm run preview: builds the pages (webpack.config.js, production unless --mode development)
 * and serves dist/ at http://127.0.0.1:3001/preview.html over plain http (no certificates).
 *
 *   npm run preview [-- --port 3001] [-- --mode development] [-- --no-build]
 */
const path = require('path');
const { serve } = require('./serve');

const ROOT = path.join(__dirname, '..');

/** Builds with webpack's Node API into `outDir`; rejects with the compilation's errors. */
async function build({ mode = 'production', outDir = path.join(ROOT, 'dist') } = {}) {
  const webpack = require('webpack');
  const config = await require(path.join(ROOT, 'webpack.config.js'))({}, { mode });
  config.context = ROOT;
  config.output = { ...config.output, path: outDir };
  config.infrastructureLogging = { level: 'error' };
  return new Promise((resolve, reject) => {
    webpack(config).run((error, stats) => {
      if (error) return reject(error);
      if (stats.hasErrors())
        return reject(new Error(stats.toString({ all: false, errors: true, colors: false })));
      resolve(stats);
    });
  });
}

async function main(argv) {
  const arg = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const port = Number(arg('--port', process.env.PORT ?? 3001));
  const mode = arg('--mode', 'production');
  const dist = path.join(ROOT, 'dist');
  if (!argv.includes('--no-build')) {
    const started = Date.now();
    console.log(`Building the preview (${mode})…`);
    await build({ mode, outDir: dist });
    console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  const { url } = await serve(dist, { port, host: '127.0.0.1' });
  console.log(`НД Төлөвлөгөө — preview: ${url}/preview.html  (Ctrl+C stops)`);
}

if (require.main === module)
  main(process.argv.slice(2)).catch((error) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `preview: the port is in use; try npm run preview -- --port 3002`
        : (error.message ?? error),
    );
    process.exit(1);
  });

module.exports = { build };
