/**
 * Browser end-to-end tests (npm run test:e2e): the preview page in Debian's Chromium, driven by
 * playwright-core. The global setup builds the pages once into a temporary directory and serves
 * them on a random 127.0.0.1 port; the teardown stops the server and removes the directory.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  globalSetup: '<rootDir>/tests/e2e/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/e2e/globalTeardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
};
