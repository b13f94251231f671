/**
 * DESIGN.md section 14 as a property: the same content laid out another way gives the same
 * analysis (activities, percents, averages, debt, issues) at the rows where the content now sits.
 * Every sample workbook and the real document (tests/fixtures/raw-000, both layouts), a few seeded rows per layout kind; tests/core/metamorphic.deep.test.ts
 * tries every row.
 */
import fs from 'node:fs';
import path from 'node:path';
import { metamorphicFailures } from '../helpers/metamorphic';

const SAMPLES = path.resolve(__dirname, '../../samples');
const RAW = path.resolve(__dirname, '../fixtures/raw-000');
const FILES = [
  path.join(RAW, 'cells/000.xlsx'),
  path.join(RAW, 'pasted/000.xlsx'),
  ...fs
    .readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => path.join(SAMPLES, f)),
  ...fs
    .readdirSync(path.join(SAMPLES, 'departments'))
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => path.join(SAMPLES, 'departments', f)),
];

describe('metamorphic layouts of every sample', () => {
  test.each(FILES.map((f) => [path.relative(SAMPLES, f), f]))('%s', async (_name, file) => {
    const { failures, layouts } = await metamorphicFailures(file, 15, 3);
    expect(layouts).toBeGreaterThanOrEqual(4);
    expect(failures).toEqual([]);
  });
});
