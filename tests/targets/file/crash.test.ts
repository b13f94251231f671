/**
 * A writer killed with SIGKILL never leaves a broken or lost target (DESIGN.md
 * section 8: temporary file + rename under a lock file). Real child processes:
 * `tsx src/cli/main.ts consolidate … --out T`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { DEPT, cleanup, fileState, sleep, startCli, tmpDir, waitFor, withEnv } from '../../helpers/cli';
import { expectNew, expectOld, oldTarget } from './crashTargets';

jest.setTimeout(120000);
afterAll(cleanup);

const tmpFiles = (target: string) =>
  fs.readdirSync(path.dirname(target)).filter((f) => f.startsWith(`.${path.basename(target)}.ndplan-tmp-`));

describe('a writer killed between its temporary file and the rename', () => {
  test.each([
    ['the writing process', false],
    ['the whole process group (tsx and its node child)', true],
  ])(
    'killing %s leaves the previous target intact; the leftover lock is taken over by the next writer',
    async (_what, group) => {
      const dir = tmpDir();
      const target = await oldTarget(dir);
      const bytes = fs.readFileSync(target);
      const before = fileState(target);
      const lock = `${target}.lock`;

      // A long pause (it costs nothing: the writer is killed as soon as it is in it) so that a
      // busy machine cannot let it reach the rename before the kill.
      const child = startCli(['consolidate', DEPT.hyanalt, '--out', target, '--json'], {
        NDPLAN_TEST_PAUSE_BEFORE_RENAME_MS: '6000',
      });
      try {
        // Paused: its temporary file is complete and it holds the lock.
        await waitFor(() => tmpFiles(target).length > 0 && fs.existsSync(lock), 30000, 'the temporary file');
        const tmp = path.join(dir, tmpFiles(target)[0]);
        await waitFor(() => fs.statSync(tmp).size > 0, 2000, 'the temporary file to be written');
        const writer = (JSON.parse(fs.readFileSync(lock, 'utf8')) as { pid: number }).pid;
        expect(writer).toBeGreaterThan(0);
        await sleep(100);
        if (group) child.killGroup();
        else process.kill(writer, 'SIGKILL');
        const res = await child.done;
        expect(res.code).not.toBe(0);
      } finally {
        child.killGroup();
      }

      // The previous target: same bytes, same time, readable, same rows.
      expect(fileState(target)).toEqual(before);
      await expectOld(target, bytes);
      // The dead writer's lock is still there…
      expect(fs.existsSync(lock)).toBe(true);

      // …and the next writer takes it over at once: a wait of 500 ms would end in a timeout
      // (exit 2) if it mistook the dead writer for a live one. Killed with its parent, the writer
      // stays a zombie until the system collects it (1–2 s here): dead all the same.
      const r = await withEnv({ NDPLAN_LOCK_TIMEOUT_MS: '500' }, () =>
        main(['consolidate', DEPT.hyanalt, '--out', target, '--json']),
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ rows: 10, added: 3 });
      await expectNew(target);
      expect(fs.existsSync(lock)).toBe(false);
    },
  );
});
