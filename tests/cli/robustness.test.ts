/**
 * Hostile and odd inputs, each reproduced: legal cells far away, real writers' workbooks, odd lock
 * files, files that are less than they seem, bombs, and failures that print more than a line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { withLock } from '../../src/targets/file';
import { bombPart, partsOf, zipOf, type Part } from '../helpers/zipcraft';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
const PLAN = path.join(SAMPLES, 'plan-2024.xlsx');
const WRITERS = ['openpyxl', 'xlsxwriter', 'libreoffice'].map((w) =>
  path.join(SAMPLES, 'real-writers', `${w}.xlsx`),
);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-robust-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  delete process.env.NDPLAN_MAX_CELLS;
});

function oneLine(s: string) {
  expect(s.trim().split('\n')).toHaveLength(1);
  expect(s).not.toMatch(/\bat .*\(.*:\d+:\d+\)|ENOENT|EISDIR|Error:/);
}

const planParts = () => partsOf(fs.readFileSync(PLAN));
const SHEET = 'xl/worksheets/sheet1.xml';

/** The sample plan with its sheet's XML changed. */
function planWith(edit: (xml: string) => string, name = 'p.xlsx'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    zipOf(
      planParts().map((p) =>
        p.name === SHEET ? { name: p.name, data: Buffer.from(edit(p.data.toString('utf8'))) } : p,
      ),
    ),
  );
  return file;
}

function fileOf(parts: Part[], name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, zipOf(parts));
  return file;
}

const checkJson = async (file: string) => {
  const r = await main(['check', file, '--json']);
  return { ...r, doc: r.stdout ? JSON.parse(r.stdout) : null };
};

describe('memory follows the cells that exist', () => {
  test('a value in XFD1048576 of a small plan: read, the plan still recognized', async () => {
    const file = planWith((x) =>
      x.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
    );
    const before = process.memoryUsage().rss;
    const r = await checkJson(file);
    expect(process.memoryUsage().rss - before).toBeLessThan(600 * 1024 * 1024);
    expect(r.code).toBe(1);
    expect(r.doc.files[0].sheets[0].template).toBe('performance-plan');
    expect(r.doc.files[0].sheets[0].summary.activities).toBe(12);
  }, 60000);

  test('past the cell limit (a setting): exit 2, one line, for check and consolidate alike', async () => {
    process.env.NDPLAN_MAX_CELLS = '50';
    const check = await main(['check', PLAN]);
    expect(check.code).toBe(2);
    oneLine(check.stderr);
    expect(check.stderr).toContain('NDPLAN_MAX_CELLS');
    const out = path.join(dir, 'n.xlsx');
    const cons = await main(['consolidate', PLAN, '--out', out]);
    expect(cons.code).toBe(2);
    oneLine(cons.stderr);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a merged area as large as a sheet counts against the limit instead of being built cell by cell', async () => {
    const file = planWith((x) =>
      x.replace('<mergeCells count="7">', '<mergeCells count="8"><mergeCell ref="J1:XFD1048576"/>'),
    );
    const r = await main(['check', file]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
  });
});

describe('real writers', () => {
  test.each(WRITERS.map((f) => [path.basename(f), f]))(
    '%s (comments, charts, pictures, tables, validation, hidden sheets): read by every command',
    async (_, file) => {
      const r = await checkJson(file);
      expect(r.code).toBe(1);
      const sheets = r.doc.files[0].sheets;
      expect(
        sheets.find((s: { template: string }) => s.template === 'performance-plan').summary.activities,
      ).toBe(12);
      // Very hidden sheets are not shown; hidden ones are read.
      expect(sheets.map((s: { sheet: string }) => s.sheet)).not.toContain('Маш нуусан');
      const out = path.join(dir, 'cons.xlsx');
      const cons = await main(['consolidate', file, '--out', out, '--json']);
      expect(cons.code).toBe(0);
      expect(JSON.parse(cons.stdout).rows).toBe(12);
    },
  );
});

describe('one reading path, one verdict', () => {
  const broken: [string, () => string][] = [
    ['a sheet cut in half', () => planWith((x) => x.slice(0, Math.floor(x.length / 2)))],
    ['malformed XML', () => planWith((x) => x.replace('</row>', '</rov>'))],
    [
      'a missing sheet part',
      () =>
        fileOf(
          planParts().filter((p) => p.name !== SHEET),
          'm.xlsx',
        ),
    ],
    [
      'a zip with no workbook',
      () =>
        fileOf(
          planParts().filter((p) => p.name !== 'xl/workbook.xml'),
          'w.xlsx',
        ),
    ],
    [
      'a part whose size lies',
      () =>
        fileOf(
          planParts().map((p) => (p.name === SHEET ? { ...bombPart(p.name, 1), size: 100 } : p)),
          's.xlsx',
        ),
    ],
  ];
  test.each(broken)(
    '%s: exit 2 and one line from check, consolidate, format, compare and draft; nothing written',
    async (_, make) => {
      const file = make();
      const out = path.join(dir, 'out.xlsx');
      const runs = [
        ['check', file, '--json'],
        ['consolidate', file, '--out', out],
        ['format', file, '--out', out],
        ['compare', file, PLAN],
        ['draft', 'report', '--from', file, '--period', 'FY', '--out', out],
      ];
      for (const args of runs) {
        const r = await main(args);
        expect([args[0], r.code]).toEqual([args[0], 2]);
        oneLine(r.stderr);
        expect(fs.existsSync(out)).toBe(false);
      }
    },
  );

  test("a unit sheet named like ND Plan's own «Нэгтгэл» is consolidated", async () => {
    const parts = planParts().map((p) =>
      p.name === 'xl/workbook.xml'
        ? {
            name: p.name,
            data: Buffer.from(
              p.data.toString('utf8').replace(/<sheet name="[^"]*"/, '<sheet name="Нэгтгэл"'),
            ),
          }
        : p,
    );
    const file = fileOf(parts, 'n.xlsx');
    const r = await main(['consolidate', file, '--out', path.join(dir, 'c.xlsx'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows).toBe(12);
  });

  test('consolidate never writes into a source; format never over its input, nor over a file without --force', async () => {
    const src = path.join(dir, 'u.xlsx');
    fs.copyFileSync(PLAN, src);
    const before = fs.readFileSync(src);
    for (const args of [
      ['consolidate', src, '--out', src],
      ['consolidate', src, '--out', path.join(dir, '.', 'u.xlsx')],
      ['format', src, '--out', src],
      ['format', src, '--out', src, '--force'],
    ]) {
      const r = await main(args);
      expect(r.code).toBe(2);
      oneLine(r.stderr);
      expect(fs.readFileSync(src).equals(before)).toBe(true);
    }
    const other = path.join(dir, 'other.xlsx');
    fs.writeFileSync(other, 'keep');
    const r = await main(['format', src, '--out', other]);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(other, 'utf8')).toBe('keep');
    expect((await main(['format', src, '--out', other, '--force'])).code).toBe(0);
  });
});

describe('bombs: refused in one line, quickly and within memory', () => {
  test.each([
    ['a 1 GiB theme', 'xl/theme/theme1.xml', 1024],
    ['a 1 GiB sheet', SHEET, 1024],
  ])(
    '%s',
    async (_, part, mib) => {
      const parts: Part[] = planParts().map((p) => (p.name === part ? bombPart(part, mib) : p));
      const file = fileOf(parts, 'bomb.xlsx');
      const out = path.join(dir, 'out.xlsx');
      for (const args of [
        ['check', file],
        ['format', file, '--out', out],
        ['consolidate', file, '--out', out],
        ['draft', 'report', '--from', file, '--period', 'FY', '--out', out],
      ]) {
        const start = Date.now();
        const r = await main(args);
        expect(Date.now() - start).toBeLessThan(5000);
        if (part === SHEET || args[0] === 'format') {
          expect(r.code).toBe(2);
          oneLine(r.stderr);
        } else expect(r.code).toBeLessThan(2);
        expect(fs.existsSync(out) && args[0] !== 'consolidate' && r.code === 2).toBe(false);
        fs.rmSync(out, { force: true });
      }
    },
    60000,
  );

  test('a ZIP64 part (sizes past 4 GiB): refused in one line', async () => {
    const parts: Part[] = planParts().map((p) =>
      p.name === SHEET ? { ...bombPart(SHEET, 1), size: 0xffffffff } : p,
    );
    const r = await main(['consolidate', fileOf(parts, 'z.xlsx'), '--out', path.join(dir, 'o.xlsx')]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
  });
});

describe('locks that cannot hang', () => {
  const target = () => path.join(dir, 't.xlsx');
  test.each([
    ['a directory', () => fs.mkdirSync(`${target()}.lock`)],
    ['a dangling symlink', () => fs.symlinkSync(path.join(dir, 'nowhere'), `${target()}.lock`)],
  ])('%s where the lock goes: refused at once, in one line', async (_, make) => {
    make();
    const start = Date.now();
    const r = await main(['consolidate', PLAN, '--out', target()]);
    expect(Date.now() - start).toBeLessThan(5000);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
  });

  test("a garbage lock is taken over after its grace time; a foreign host's lock times out", async () => {
    fs.writeFileSync(`${target()}.lock`, 'garbage');
    await expect(withLock(target(), async () => 'done', { timeoutMs: 3000, garbledMs: 200 })).resolves.toBe(
      'done',
    );
    fs.writeFileSync(
      `${target()}.lock`,
      JSON.stringify({ pid: 1, host: 'elsewhere', since: new Date().toISOString() }),
    );
    const start = Date.now();
    await expect(withLock(target(), async () => 'done', { timeoutMs: 300 })).rejects.toThrow();
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe('one line', () => {
  test.each([
    [[]],
    [['check']],
    [['chek', PLAN]],
    [['format', PLAN]],
    [['check', '--bogus', PLAN]],
    [['draft', 'x']],
  ])('usage error %j', async (args) => {
    const r = await main(args);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
  });

  test('a folder or a missing file: words, not system codes, in the chosen language', async () => {
    process.env.NDPLAN_LANG = 'en';
    try {
      const r = await main(['check', dir]);
      expect(r.stderr).toContain('a folder, not a file');
      oneLine(r.stderr);
      const out = path.join(dir, 'no', 'such', 'place', 't.xlsx');
      fs.writeFileSync(path.join(dir, 'no'), 'a file where a folder should be');
      const c = await main(['consolidate', PLAN, '--out', out]);
      expect(c.code).toBe(2);
      oneLine(c.stderr);
    } finally {
      delete process.env.NDPLAN_LANG;
    }
  });
});
