/** The two states a killed writer may leave, shared by the crash tests (fixed points and random kills). */
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { readTarget } from '../../../src/targets/file';
import { DEPT, UNITS } from '../../helpers/cli';

/** A target holding the orlogo and tetgever units (7 rows). */
export async function oldTarget(dir: string): Promise<string> {
  const target = path.join(dir, 'shared.xlsx');
  const r = await main(['consolidate', DEPT.orlogo, DEPT.tetgever, '--out', target, '--json']);
  expect(r.code).toBe(0);
  return target;
}

export async function expectOld(target: string, bytes: Buffer) {
  expect(fs.readFileSync(target).equals(bytes)).toBe(true);
  const { rows } = await readTarget(target);
  expect(rows).toHaveLength(7);
}

export async function expectNew(target: string) {
  const { rows } = await readTarget(target);
  expect(rows).toHaveLength(10);
  expect(rows.filter((r) => r.unit === UNITS.hyanalt)).toHaveLength(3);
  expect(rows.filter((r) => r.unit === UNITS.orlogo)).toHaveLength(4);
}
