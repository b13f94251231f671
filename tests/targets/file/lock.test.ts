/**
 * The lock file of the .xlsx destination (`<target>.lock`, src/targets/file.ts): who may take
 * it over and who must wait. The target may live on a network share, several writers may
 * race for an abandoned lock, and a writer may die at any instant.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pushOf } from '../../../src/core/consolidate';
import { LockTimeoutError, pushToFile, readTarget, withLock } from '../../../src/targets/file';
import { writeFileAtomic } from '../../../src/xlsx/write';
import { analyzeFixture } from '../../helpers/fixtures';
import { DEPT, cleanup, sleep, tmpDir } from '../../helpers/cli';

afterAll(cleanup);

const lockOf = (target: string) => `${target}.lock`;
const since = (msAgo = 0) => new Date(Date.now() - msAgo).toISOString();

/** A process id that is not running (the kernel's maximum is far below it). */
const DEAD_PID = 2 ** 22 + 12345;

async function holds(target: string, opts: Parameters<typeof withLock>[2] = {}): Promise<boolean> {
  try {
    return await withLock(target, async () => true, opts);
  } catch (e) {
    if (e instanceof LockTimeoutError) return false;
    throw e;
  }
}

describe('withLock', () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = tmpDir();
    target = path.join(dir, 'shared.xlsx');
  });

  test('writes its own pid, host and time into the lock while running, and removes it after', async () => {
    const seen = await withLock(target, async () => JSON.parse(fs.readFileSync(lockOf(target), 'utf8')));
    expect(seen).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(Date.now() - Date.parse(seen.since)).toBeLessThan(5000);
    expect(fs.existsSync(lockOf(target))).toBe(false);
  });

  test('removes the lock when the work throws', async () => {
    await expect(withLock(target, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(fs.existsSync(lockOf(target))).toBe(false);
  });

  test('serializes writers in one process', async () => {
    let inside = 0;
    let most = 0;
    const work = (ms: number) =>
      withLock(target, async () => {
        inside++;
        most = Math.max(most, inside);
        await sleep(ms);
        inside--;
      });
    await Promise.all([work(120), work(60), work(30), work(10)]);
    expect(most).toBe(1);
  });

  test('a live holder makes it wait, then time out with LockTimeoutError; the lock is left alone', async () => {
    const text = JSON.stringify({ pid: process.pid, since: since() });
    fs.writeFileSync(lockOf(target), text);
    const t0 = Date.now();
    await expect(withLock(target, async () => 1, { timeoutMs: 300 })).rejects.toBeInstanceOf(
      LockTimeoutError,
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(fs.readFileSync(lockOf(target), 'utf8')).toBe(text);
  });

  test('a live holder that releases in time lets it through', async () => {
    fs.writeFileSync(lockOf(target), JSON.stringify({ pid: process.pid, since: since() }));
    setTimeout(() => fs.rmSync(lockOf(target)), 200);
    expect(await holds(target, { timeoutMs: 3000 })).toBe(true);
  });

  test('a dead holder (stale pid) is taken over at once', async () => {
    fs.writeFileSync(lockOf(target), JSON.stringify({ pid: DEAD_PID, since: since() }));
    const t0 = Date.now();
    expect(await holds(target, { timeoutMs: 200 })).toBe(true);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(fs.existsSync(lockOf(target))).toBe(false);
  });

  test('a zombie holder (killed, not yet collected by its parent) is dead too', async () => {
    // `sh` starts a child that ends a moment later and itself becomes `sleep 30`, which never
    // collects it: the child stays a zombie.
    const sh = spawn('sh', ['-c', '(sleep 0.5) & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const pid = await new Promise<number>((resolve) =>
        sh.stdout!.once('data', (d) => resolve(Number(String(d).trim()))),
      );
      let state = '';
      for (let i = 0; i < 500 && state !== 'Z'; i++) {
        await sleep(20);
        const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
        state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      }
      expect(state).toBe('Z');
      expect(() => process.kill(pid, 0)).not.toThrow(); // kill(pid, 0) alone says "alive"
      fs.writeFileSync(lockOf(target), JSON.stringify({ pid, since: since() }));
      expect(await holds(target, { timeoutMs: 300 })).toBe(true);
    } finally {
      sh.kill('SIGKILL');
    }
  });

  test('a lock held far too long is taken over even if its holder is alive', async () => {
    fs.writeFileSync(lockOf(target), JSON.stringify({ pid: process.pid, since: since(60_000) }));
    expect(await holds(target, { timeoutMs: 300, staleMs: 30_000 })).toBe(true);
  });

  test('a lock written on another machine (network share) is not judged by a local pid', async () => {
    // The pid does not exist here, but it is another machine's process: it must be waited for…
    const text = JSON.stringify({ pid: DEAD_PID, host: `not-${os.hostname()}`, since: since() });
    fs.writeFileSync(lockOf(target), text);
    expect(await holds(target, { timeoutMs: 300 })).toBe(false);
    expect(fs.readFileSync(lockOf(target), 'utf8')).toBe(text);
    // …until it is stale by age.
    fs.writeFileSync(
      lockOf(target),
      JSON.stringify({ pid: DEAD_PID, host: `not-${os.hostname()}`, since: since(60_000) }),
    );
    expect(await holds(target, { timeoutMs: 300, staleMs: 30_000 })).toBe(true);
  });

  test('a lock file left empty (its writer died between creating and filling it) does not block forever', async () => {
    fs.writeFileSync(lockOf(target), '');
    const t0 = Date.now();
    expect(await holds(target, { timeoutMs: 3000, garbledMs: 400 })).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    // But one that is being filled right now is waited for.
    fs.writeFileSync(lockOf(target), '');
    setTimeout(
      () => fs.writeFileSync(lockOf(target), JSON.stringify({ pid: process.pid, since: since() })),
      100,
    );
    expect(await holds(target, { timeoutMs: 800, garbledMs: 2000 })).toBe(false);
  });

  test('two writers that both saw the same dead holder do not remove each other’s fresh lock', async () => {
    // Writer B reads the dead holder's lock; before B acts on it, writer A takes the lock
    // over and writes its own (simulated by replacing the file right after B's read).
    const dead = JSON.stringify({ pid: DEAD_PID, since: since() });
    const fresh = JSON.stringify({ pid: process.pid, since: since() });
    fs.writeFileSync(lockOf(target), dead);
    const realRead = fs.readFileSync;
    let replaced = false;
    const spy = jest.spyOn(fs, 'readFileSync').mockImplementation(((
      p: fs.PathOrFileDescriptor,
      o?: unknown,
    ) => {
      const out = (realRead as (p: fs.PathOrFileDescriptor, o?: unknown) => string | Buffer)(p, o);
      if (!replaced && p === lockOf(target) && String(out) === dead) {
        replaced = true;
        fs.writeFileSync(lockOf(target), fresh);
      }
      return out;
    }) as typeof fs.readFileSync);
    try {
      let ran = false;
      await expect(withLock(target, async () => (ran = true), { timeoutMs: 300 })).rejects.toBeInstanceOf(
        LockTimeoutError,
      );
      expect(replaced).toBe(true);
      expect(ran).toBe(false);
      expect(realRead(lockOf(target), 'utf8')).toBe(fresh);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('pushToFile and writeFileAtomic', () => {
  test('a push holds the lock only while it writes and leaves no temporary file', async () => {
    const dir = tmpDir();
    const target = path.join(dir, 'shared.xlsx');
    const push = pushOf(await analyzeFixture(DEPT.tetgever), 'dept-tetgever.xlsx');
    const r = await pushToFile(target, [push]);
    expect(r).toMatchObject({ added: 3, updated: 0, removed: 0, unchanged: 0, target });
    expect(fs.readdirSync(dir)).toEqual(['shared.xlsx']);
    expect((await readTarget(target)).rows).toHaveLength(3);
  });

  test('a push that cannot get the lock writes nothing', async () => {
    const dir = tmpDir();
    const target = path.join(dir, 'shared.xlsx');
    fs.writeFileSync(lockOf(target), JSON.stringify({ pid: process.pid, since: since() }));
    const push = pushOf(await analyzeFixture(DEPT.tetgever), 'dept-tetgever.xlsx');
    await expect(pushToFile(target, [push], undefined, { timeoutMs: 200 })).rejects.toBeInstanceOf(
      LockTimeoutError,
    );
    expect(fs.readdirSync(dir)).toEqual(['shared.xlsx.lock']);
  });

  test('writeFileAtomic replaces the whole file and cleans up when the rename fails', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'a.bin');
    fs.writeFileSync(file, 'old');
    writeFileAtomic(file, Buffer.from('new content'));
    expect(fs.readFileSync(file, 'utf8')).toBe('new content');
    expect(fs.readdirSync(dir)).toEqual(['a.bin']);
    // A folder in the way: the rename fails, the temporary file is removed.
    const blocked = path.join(dir, 'folder.xlsx');
    fs.mkdirSync(path.join(blocked, 'inside'), { recursive: true });
    expect(() => writeFileAtomic(blocked, Buffer.from('x'))).toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['a.bin', 'folder.xlsx']);
  });
});
