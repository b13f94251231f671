/** The metamorphic layouts of tests/core/metamorphic.test.ts on every row, every spelling, several seeds (`npm run test:deep`). */
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

jest.setTimeout(600_000);

describe('metamorphic layouts, every row', () => {
  test.each(FILES.map((f) => [path.relative(SAMPLES, f), f]))('%s', async (_name, file) => {
    for (const seed of [1, 2, 3]) {
      const { failures } = await metamorphicFailures(file, seed, Infinity);
      expect(failures).toEqual([]);
    }
  });
});
