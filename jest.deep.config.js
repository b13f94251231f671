/**
 * Deep tests (npm run test:deep): long property runs, crash and kill loops, fuzzing — the same
 * kind of test as `npm test`, at a depth that takes minutes. CI runs them after `npm test`.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['**/*.deep.test.ts', '**/*.deep.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
  testTimeout: 600000,
};
