/** scripts/size-report.js: the gzip size of the task pane's scripts, as a table and one JSON line. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'size-report.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function dist(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-dist-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const run = (dir: string) => spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });

describe('size-report', () => {
  it('sums the gzip -9 sizes of the local scripts of taskpane.html (minified, unquoted attributes)', () => {
    const vendor = 'var a=' + JSON.stringify('Fluent UI '.repeat(500)) + ';';
    const main = 'console.log("НД Төлөвлөгөө");';
    const dir = dist({
      'taskpane.html':
        '<!doctype html><html lang=mn><head><script src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js></script>' +
        '<script defer src=352.abc.js></script><script defer="defer" src="taskpane.def.js"></script></head><body></body></html>',
      '352.abc.js': vendor,
      'taskpane.def.js': main,
      'preview.js': 'not loaded by the task pane',
    });
    const out = run(dir);
    expect(out.status).toBe(0);
    const gzip = (s: string) => zlib.gzipSync(Buffer.from(s), { level: 9 }).length;
    const lines = out.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe(JSON.stringify({ bundle: 'taskpane', gzipBytes: gzip(vendor) + gzip(main) }));
    expect(lines.slice(1, -2).map((l) => l.split(/\s+/)[0])).toEqual(['352.abc.js', 'taskpane.def.js']);
    expect(out.stdout).not.toMatch(/preview|office\.js/);
  });

  it('fails when dist/taskpane.html is missing', () => {
    const out = run(dist({}));
    expect(out.status).not.toBe(0);
    expect(out.stderr).toMatch(/taskpane\.html is missing/);
  });
});
