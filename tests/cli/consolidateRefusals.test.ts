/**
 * A consolidation that cannot run leaves the target exactly as it was: a target
 * locked by a live writer, an unreadable source, an unreadable target. Exit 2 and one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { DEPT, cleanup, fileState, sleep, tmpDir, withEnv } from '../helpers/cli';

afterAll(cleanup);

const oneLine = (s: string) => {
  expect(s.trim()).not.toBe('');
  expect(s.trim().split('\n')).toHaveLength(1);
};

describe('consolidate refuses without touching the target', () => {
  let dir: string;
  let target: string;
  beforeAll(async () => {
    dir = tmpDir();
    target = path.join(dir, 'target.xlsx');
    const r = await main(['consolidate', DEPT.orlogo, '--out', target, '--json']);
    expect(r.code).toBe(0);
    await sleep(20); // so that a rewrite would show in the modification time
  });

  test('a target locked by a live process: exit 2 after NDPLAN_LOCK_TIMEOUT_MS, one line, target unchanged', async () => {
    const before = fileState(target);
    const lock = `${target}.lock`;
    const holder = JSON.stringify({ pid: process.pid, since: new Date().toISOString() });
    fs.writeFileSync(lock, holder);
    try {
      const t0 = Date.now();
      const r = await withEnv({ NDPLAN_LOCK_TIMEOUT_MS: '500' }, () =>
        main(['consolidate', DEPT.tetgever, '--out', target, '--json']),
      );
      const took = Date.now() - t0;
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      oneLine(r.stderr);
      expect(r.stderr).toContain(path.basename(target));
      expect(took).toBeGreaterThanOrEqual(450);
      expect(took).toBeLessThan(10000);
      expect(fileState(target)).toEqual(before);
      // The other writer's lock is left alone.
      expect(fs.readFileSync(lock, 'utf8')).toBe(holder);
    } finally {
      fs.rmSync(lock, { force: true });
    }
    // Once the lock is released the same push goes through.
    const ok = await main(['consolidate', DEPT.tetgever, '--out', target, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).rows).toBe(7);
  });

  test('an unreadable source (a text file named .xlsx): exit 2, one line naming it, target unchanged', async () => {
    const bad = path.join(dir, 'тайлан.xlsx');
    fs.writeFileSync(bad, 'Д/д;Арга хэмжээ;Хувь\n1;Сургалт;100\n');
    const before = fileState(target);
    const r = await main(['consolidate', DEPT.hyanalt, bad, '--out', target, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    oneLine(r.stderr);
    expect(r.stderr).toContain('тайлан.xlsx');
    expect(fileState(target)).toEqual(before);
    expect(fs.existsSync(`${target}.lock`)).toBe(false);
  });

  test('a missing source: exit 2, one line, target unchanged', async () => {
    const before = fileState(target);
    const r = await main(['consolidate', path.join(dir, 'байхгүй.xlsx'), '--out', target]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(fileState(target)).toEqual(before);
  });

  test('an unreadable target (garbage bytes): exit 2, one line, target unchanged and no temporary file left', async () => {
    const garbage = path.join(dir, 'garbage.xlsx');
    fs.writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    const before = fileState(garbage);
    const r = await main(['consolidate', DEPT.hyanalt, '--out', garbage, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    oneLine(r.stderr);
    expect(r.stderr).toContain('garbage.xlsx');
    expect(fileState(garbage)).toEqual(before);
    expect(fs.readdirSync(dir).filter((f) => f.includes('ndplan-tmp') || f.endsWith('.lock'))).toEqual([]);
  });

  test('a target that is a zip but not a workbook, or truncated: exit 2, unchanged', async () => {
    const good = fs.readFileSync(target);
    const truncated = path.join(dir, 'truncated.xlsx');
    fs.writeFileSync(truncated, good.subarray(0, Math.floor(good.length / 2)));
    const before = fileState(truncated);
    const r = await main(['consolidate', DEPT.hyanalt, '--out', truncated]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(fileState(truncated)).toEqual(before);
  });

  test('usage errors: no --out, no files', async () => {
    for (const argv of [
      ['consolidate', DEPT.hyanalt],
      ['consolidate', '--out', path.join(dir, 'x.xlsx')],
    ]) {
      const r = await main(argv);
      expect(r.code).toBe(2);
      oneLine(r.stderr);
    }
    expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  });
});
