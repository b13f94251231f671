/**
 * Unit and component tests. Browser end-to-end tests (npm run test:e2e) and the deep tests, files
 * named *.deep.test.ts (npm run test:deep), run separately.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/', '\\.deep\\.test\\.tsx?$'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js',
  },
  testTimeout: 60000,
  // Jest's default is one worker fewer than the cores: on the 2-core machines that is one.
  maxWorkers: 2,
};
