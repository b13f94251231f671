/**
 * Issue 18 — the national bench (DESIGN.md section 16) against its budgets: 2,000 unit
 * workbooks × 30 activities consolidated ≤ 1.2 × their ExcelJS load time; one unit re-pushed
 * into the 60,000-row target in ≤ 2 s; 20 aimag targets into a national one carrying every
 * row. NDPLAN_NATIONAL_UNITS makes it smaller for a quick run. Not part of `npm test`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NATIONAL_BUDGET, national, type NationalFigures } from '../../bench/national';

const UNITS = Number(process.env.NDPLAN_NATIONAL_UNITS ?? 2000);
const ACTIVITIES = 30;
jest.setTimeout(60 * 60 * 1000);

let dir: string;
let f: NationalFigures;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-national-'));
  f = await national(dir, { units: UNITS, activities: ACTIVITIES, aimags: 20 });
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
});

test('consolidation within 1.2 × the ExcelJS load of its inputs', () => {
  expect(f.consolidateOverLoad).toBeLessThanOrEqual(NATIONAL_BUDGET.consolidationOverLoad);
});

test('re-push of one unit into the full target within 2 s', () => {
  expect(f.repushMs).toBeLessThanOrEqual(NATIONAL_BUDGET.repushMs);
});
