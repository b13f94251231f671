/**
 * `npm run demo` on the repository (the main job on a fresh clone, no Excel, no
 * network), and one smoke run of the real `npm run -s ndplan -- consolidate` command.
 * The demo writes out/consolidated.xlsx in the repository: removed before and after so the
 * run is the same every time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readTarget } from '../../src/targets/file';
import { DEPT, ROOT, UNITS, cleanup, tmpDir } from '../helpers/cli';
import { readBack } from '../helpers/readback';

jest.setTimeout(120000);

const OUT = path.join(ROOT, 'out', 'consolidated.xlsx');

function npm(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', args, {
      cwd: ROOT,
      env: { ...process.env, NDPLAN_LANG: 'mn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const STEP_UP = ['district-a.xlsx', 'district-b.xlsx', 'aimag.xlsx'].map((f) => path.join(ROOT, 'out', f));

const removeOut = () => {
  for (const f of STEP_UP) fs.rmSync(f, { force: true });
  fs.rmSync(OUT, { force: true });
  fs.rmSync(`${OUT}.lock`, { force: true });
};

beforeAll(removeOut);
afterAll(() => {
  removeOut();
  cleanup();
});

test('npm run demo: exit 0, the path of out/consolidated.xlsx and a Mongolian summary', async () => {
  const r = await npm(['run', '-s', 'demo']);
  expect(r.code).toBe(0);
  const out = r.stdout;
  expect(out).toContain('НД Төлөвлөгөө — жишээ нэгтгэл');
  expect(out).toContain('out/consolidated.xlsx');
  for (const f of ['dept-hyanalt.xlsx', 'dept-orlogo.xlsx', 'dept-tetgever.xlsx']) expect(out).toContain(f);
  // A fresh target: every row added.
  expect(out).toMatch(/мөр 10 · нэмэгдсэн 10 · шинэчлэгдсэн 0 · хасагдсан 0 · өөрчлөгдөөгүй 0/);
  for (const u of Object.values(UNITS)) expect(out).toContain(u);
  expect(out).toMatch(/Нийт\s+10\s+9\s+86\.7/);
  expect(out).toMatch(/Авлага: .*48\.5%.*зорилт 30%.*Тийм/);
  expect(out).toContain('«Нэгтгэл», «Товчоо», «Авлага»');

  expect(fs.existsSync(OUT)).toBe(true);
  const { rows, debt } = await readTarget(OUT);
  expect(rows).toHaveLength(10);
  expect(debt).toHaveLength(1);

  // One step up: two district targets into the aimag's, summarized by district, then unit.
  expect(out).toContain('out/aimag.xlsx');
  expect(out).toMatch(/Эх: Баян-Өндөр сумын НДХ\s+7\s+7\s+91\.4/);
  expect(out).toMatch(/Эх: Жаргалант сумын НДХ\s+3\s+2\s+70\.0/);
  const aimag = await readTarget(STEP_UP[2]);
  expect(aimag.name).toBe('Орхон аймгийн НДХ');
  expect(aimag.rows.map((r) => r.via).sort()).toEqual([
    ...Array(7).fill('Баян-Өндөр сумын НДХ'),
    ...Array(3).fill('Жаргалант сумын НДХ'),
  ]);

  // Every file the demo writes: well-formed in every part, read alike by ND Plan's reader and ExcelJS.
  for (const f of [OUT, ...STEP_UP]) await readBack(fs.readFileSync(f), f);
});

test('npm run demo twice: the second run changes nothing', async () => {
  const r = await npm(['run', '-s', 'demo']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/мөр 10 · нэмэгдсэн 0 · шинэчлэгдсэн 0 · хасагдсан 0 · өөрчлөгдөөгүй 10/);
});

test('npm run -s ndplan -- consolidate --json (the real command)', async () => {
  const target = path.join(tmpDir(), 'target.xlsx');
  const r = await npm([
    'run',
    '-s',
    'ndplan',
    '--',
    'consolidate',
    DEPT.hyanalt,
    DEPT.orlogo,
    DEPT.tetgever,
    '--out',
    target,
    '--json',
  ]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.stdout);
  expect(j).toMatchObject({ rows: 10, added: 10, updated: 0, removed: 0, unchanged: 0, average: 86.7 });
  expect(j.units).toHaveLength(3);
});
