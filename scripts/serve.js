#!/usr/bin/env node
/**
 * A tiny static file server over plain http (node:http only), for the browser preview and its
 * end-to-end tests: no Office dev certificates, bound to 127.0.0.1 unless told otherwise.
 *
 *   node scripts/serve.js [dir=dist] [--port 3001] [--host 127.0.0.1]
 *
 * As a module: const { serve } = require('./serve'); const { url, close } = await serve(dir, { port: 0 }).
 */
const fs = require('fs');
const http = require('http');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.LICENSE.txt': 'text/plain; charset=utf-8',
};

/** The file under `root` that a request path names, or null when it would leave `root`. */
function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

function handler(root, index) {
  return (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    if (req.url === '/' || req.url === '') return send(302, '', { Location: `/${index}` });
    const file = resolveFile(root, req.url ?? '/');
    if (!file) return send(403, 'Forbidden\n');
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) return send(404, 'Not Found\n');
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    });
  };
}

/** Serves `dir`; resolves once listening, with the base URL and a close() that ends open connections too. */
function serve(dir, { port = 3001, host = '127.0.0.1', index = 'preview.html' } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer(handler(root, index));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const url = `http://${address.address}:${address.port}`;
      const close = () =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections?.();
        });
      resolve({ server, url, port: address.port, close });
    });
  });
}

function parseArgs(argv) {
  const options = { dir: 'dist', port: 3001, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') options.port = Number(argv[++i]);
    else if (a === '--host') options.host = argv[++i];
    else if (!a.startsWith('--')) options.dir = a;
  }
  return options;
}

if (require.main === module) {
  const { dir, port, host } = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(dir, 'preview.html'))) {
    console.error(
      `serve: ${path.resolve(dir, 'preview.html')} is missing; build first (npm run preview builds and serves).`,
    );
    process.exit(1);
  }
  serve(dir, { port, host }).then(
    ({ url }) => console.log(`Serving ${path.resolve(dir)} at ${url}/preview.html (Ctrl+C stops)`),
    (error) => {
      console.error(
        `serve: cannot listen on ${host}:${port}: ${error.code === 'EADDRINUSE' ? 'the port is in use (--port N picks another)' : error.message}`,
      );
      process.exit(1);
    },
  );
}

module.exports = { serve, resolveFile };
