#!/usr/bin/env node
/**
 * Prints the gzip size (level 9) of every script the task pane page loads from dist/, as a
 * table and as one JSON line: {"bundle":"taskpane","gzipBytes":N}. Run after the production build.
 * Usage: node scripts/size-report.js [distDir]
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'));
const page = path.join(dist, 'taskpane.html');
if (!fs.existsSync(page)) {
  console.error(`size-report: ${page} is missing; run "webpack --mode production" first.`);
  process.exit(1);
}

const html = fs.readFileSync(page, 'utf8');
// The production HTML is minified: attribute quotes may be gone.
const scripts = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)]
  .map((m) => m[1] ?? m[2] ?? m[3])
  .filter((src) => !/^[a-z]+:\/\//i.test(src)); // Office.js comes from Microsoft's CDN, not from this bundle.
if (scripts.length === 0) {
  console.error('size-report: taskpane.html loads no local script.');
  process.exit(1);
}

const rows = scripts.map((src) => {
  const bytes = fs.readFileSync(path.join(dist, src.replace(/^\.?\//, '').split(/[?#]/)[0]));
  return { file: src, bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length };
});
const total = rows.reduce((t, r) => ({ bytes: t.bytes + r.bytes, gzipBytes: t.gzipBytes + r.gzipBytes }), {
  bytes: 0,
  gzipBytes: 0,
});

const width = Math.max(5, ...rows.map((r) => r.file.length));
const line = (file, bytes, gzip) =>
  `${file.padEnd(width)}  ${String(bytes).padStart(10)}  ${String(gzip).padStart(10)}`;
console.log(line('file', 'bytes', 'gzip -9'));
for (const r of rows) console.log(line(r.file, r.bytes, r.gzipBytes));
console.log(line('total', total.bytes, total.gzipBytes));
console.log(JSON.stringify({ bundle: 'taskpane', gzipBytes: total.gzipBytes }));
