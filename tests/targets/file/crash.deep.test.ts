/**
 * Deep (npm run test:deep): a writer killed with SIGKILL at 24 moments spread over a whole push —
 * each time the target is the old or the new workbook, readable, and the next writer lands.
 * The kills at fixed points are in crash.test.ts.
 */
import fs from 'node:fs';
import { main } from '../../../src/cli/main';
import { DEPT, cleanup, runCli, sleep, startCli, tmpDir, withEnv } from '../../helpers/cli';
import { expectNew, expectOld, oldTarget } from './crashTargets';

jest.setTimeout(600000);
afterAll(cleanup);

describe('a writer killed at random moments', () => {
  test('each time the target is the old or the new workbook, readable', async () => {
    const dir = tmpDir();
    const target = await oldTarget(dir);
    const bytes = fs.readFileSync(target);

    // How long one push takes here, to spread the kills over its whole run.
    const t0 = Date.now();
    const full = await runCli(['consolidate', DEPT.hyanalt, '--out', target, '--json']);
    const duration = Date.now() - t0;
    expect(full.code).toBe(0);
    await expectNew(target);

    // A fixed pseudo-random sequence (deterministic run to run).
    let seed = 20240607;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const fractions = Array.from({ length: 24 }, (_, i) =>
      Math.min(1.05, 0.2 + (i / 23) * 0.85 + (rand() - 0.5) * 0.05),
    );
    const outcomes: string[] = [];
    for (const f of fractions) {
      fs.writeFileSync(target, bytes);
      fs.rmSync(`${target}.lock`, { force: true });
      const child = startCli(['consolidate', DEPT.hyanalt, '--out', target, '--json']);
      await sleep(Math.round(duration * f));
      child.killGroup();
      const res = await child.done;
      const now = fs.readFileSync(target);
      if (now.equals(bytes)) {
        await expectOld(target, bytes);
        outcomes.push(res.code === 0 ? 'old (killed after it finished?)' : 'old');
      } else {
        await expectNew(target);
        outcomes.push('new');
      }
    }
    expect(outcomes.every((o) => o === 'old' || o === 'new')).toBe(true);

    // Whatever the kills left behind, the next writer lands.
    const r = await withEnv({ NDPLAN_LOCK_TIMEOUT_MS: '5000' }, () =>
      main(['consolidate', DEPT.hyanalt, DEPT.orlogo, '--out', target, '--json']),
    );
    expect(r.code).toBe(0);
    await expectNew(target);
  });
});
