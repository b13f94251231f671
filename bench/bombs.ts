/**
 * The largest legal sheet and the bombs of issue 16, each given to a command in a fresh
 * process (bench/run.ts --only bombs): the time, the peak memory (the process's high-water
 * RSS) and the exit code.
 *
 *   bombs.ts make <dir>               writes the workbooks, prints their names
 *   bombs.ts run <command> <file>...  runs one command in process, prints {ms, peakMB, code}
 */
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli/main';
import { bombPart, partsOf, zipOf, type Part } from '../tests/helpers/zipcraft';

const ROOT = path.resolve(__dirname, '..');
const SHEET = 'xl/worksheets/sheet1.xml';

/** The sample plan with its sheet edited or a part replaced. */
function plan(edit: (p: { name: string; data: Buffer }) => Part): Buffer {
  return zipOf(partsOf(fs.readFileSync(path.join(ROOT, 'samples', 'plan-2024.xlsx'))).map(edit));
}

const sheetWith = (extra: (xml: string) => string) => (p: { name: string; data: Buffer }) =>
  p.name === SHEET ? { name: p.name, data: Buffer.from(extra(p.data.toString('utf8'))) } : p;

/** Workbook name → how to make it, and the commands it is given to. */
export const CASES: Record<string, { make: () => Buffer; commands: string[] }> = {
  'rows-1048576': {
    make: () =>
      plan(
        sheetWith((x) => {
          const rows: string[] = [];
          for (let r = 23; r <= 1_048_576; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
          return x.replace('</sheetData>', `${rows.join('')}</sheetData>`);
        }),
      ),
    commands: ['check', 'consolidate'],
  },
  'value-in-XFD1048576': {
    make: () =>
      plan(
        sheetWith((x) =>
          x.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
        ),
      ),
    commands: ['check', 'consolidate', 'format'],
  },
  'theme-1GiB': {
    make: () => plan((p) => (p.name === 'xl/theme/theme1.xml' ? bombPart(p.name, 1024) : p)),
    commands: ['check', 'format'],
  },
  'sheet-1GiB': {
    make: () => plan((p) => (p.name === SHEET ? bombPart(p.name, 1024) : p)),
    commands: ['check', 'consolidate'],
  },
  'sheet-2GiB': {
    make: () => plan((p) => (p.name === SHEET ? bombPart(p.name, 2048) : p)),
    commands: ['consolidate'],
  },
  'sheet-ZIP64': {
    make: () => plan((p) => (p.name === SHEET ? { ...bombPart(p.name, 16), size: 0xffffffff } : p)),
    commands: ['consolidate'],
  },
  'sheet-size-lie': {
    make: () => plan((p) => (p.name === SHEET ? { ...bombPart(p.name, 1024), size: 1000 } : p)),
    commands: ['check'],
  },
};

async function run(command: string, file: string, dir: string): Promise<void> {
  const out = path.join(dir, `out-${process.pid}.xlsx`);
  const args = command === 'check' ? ['check', file, '--json'] : [command, file, '--out', out];
  const start = performance.now();
  const r = await main(args);
  const ms = Math.round(performance.now() - start);
  fs.rmSync(out, { force: true });
  const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ ms, peakMB, code: r.code, stderr: r.stderr.slice(0, 120) }));
}

if (require.main === module) {
  const [what, ...rest] = process.argv.slice(2);
  if (what === 'make') {
    for (const [name, c] of Object.entries(CASES))
      fs.writeFileSync(path.join(rest[0], `${name}.xlsx`), c.make());
  } else void run(rest[0], rest[1], path.dirname(rest[1]));
}
