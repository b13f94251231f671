/**
 * The national case of DESIGN.md section 16, for correctness: unit workbooks × 30 activities
 * consolidated, 20 aimag targets pushed into a national one carrying every row, one unit
 * re-pushed. 200 units by default (NDPLAN_NATIONAL_UNITS=2000 for the full 60,000 rows). Its
 * speed budgets are measured and printed by `npm run bench -- --only national`, not asserted here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { national, type NationalFigures } from '../../bench/national';

const UNITS = Number(process.env.NDPLAN_NATIONAL_UNITS ?? 200);
const ACTIVITIES = 30;
jest.setTimeout(60 * 60 * 1000);

let dir: string;
let f: NationalFigures;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-national-'));
  f = await national(dir, { units: UNITS, activities: ACTIVITIES, aimags: 20, rounds: 1 });
  console.log(JSON.stringify(f));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('every row of every unit lands, flat and through the aimags', () => {
  expect(f.rows).toBe(UNITS * ACTIVITIES);
  expect(f.nationalRows).toBe(UNITS * ACTIVITIES);
  expect(f.nationalSources).toBe(20);
});

test('a re-push of one changed unit touches only its own rows', () => {
  const { added, updated, removed, unchanged } = f.repush;
  expect(added + updated + unchanged).toBe(ACTIVITIES);
  expect(removed).toBeLessThanOrEqual(ACTIVITIES);
  expect(updated + added).toBeGreaterThan(0);
  // The target's state was current: the other units' blocks were kept, not read back.
  expect(f.repushIncremental).toBe(true);
});
