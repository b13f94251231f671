/**
 * Two processes consolidating different units into one target at the same time:
 * both units' rows are in the final target (the lock serializes read–upsert–write).
 * With a pause before the rename the first writer holds the lock long enough that the
 * second one really waits for it; without a lock the second would overwrite the first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { readTarget } from '../../../src/targets/file';
import { DEPT, UNITS, cleanup, startCli, tmpDir } from '../../helpers/cli';

jest.setTimeout(120000);
afterAll(cleanup);

const cases: [string, boolean, string][] = [
  ['no target yet, writers paused before the rename', false, '800'],
  ['an existing target, writers paused before the rename', true, '800'],
  ['an existing target, writers paused before the rename (again)', true, '500'],
  ['an existing target, no pause', true, '0'],
];

describe.each(cases)('two writers at once: %s', (_name, existing, pause) => {
  test('both units land, and the JSON counts add up', async () => {
    const dir = tmpDir();
    const target = path.join(dir, 'shared.xlsx');
    if (existing) expect((await main(['consolidate', DEPT.hyanalt, '--out', target])).code).toBe(0);
    const env = { NDPLAN_TEST_PAUSE_BEFORE_RENAME_MS: pause };
    const a = startCli(['consolidate', DEPT.orlogo, '--out', target, '--json'], env);
    const b = startCli(['consolidate', DEPT.tetgever, '--out', target, '--json'], env);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    a.killGroup();
    b.killGroup();
    expect(ra.stderr.trim()).toBe('');
    expect(rb.stderr.trim()).toBe('');
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);

    const base = existing ? 3 : 0;
    const { rows } = await readTarget(target);
    expect(rows).toHaveLength(base + 7);
    expect(rows.filter((r) => r.unit === UNITS.orlogo)).toHaveLength(4);
    expect(rows.filter((r) => r.unit === UNITS.tetgever)).toHaveLength(3);
    expect(rows.filter((r) => r.unit === UNITS.hyanalt)).toHaveLength(base);

    // Each saw its own rows as added; exactly one of them saw the other's rows already there.
    const ja = JSON.parse(ra.stdout);
    const jb = JSON.parse(rb.stdout);
    expect(ja.added).toBe(4);
    expect(jb.added).toBe(3);
    expect([ja.rows, jb.rows].sort((x, y) => x - y)).toEqual(
      ja.rows < jb.rows ? [base + 4, base + 7] : [base + 3, base + 7],
    );
    expect(Math.max(ja.rows, jb.rows)).toBe(base + 7);

    expect(fs.readdirSync(dir).filter((f) => f !== 'shared.xlsx')).toEqual([]);
  });
});
