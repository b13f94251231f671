/** Unit and component tests. Browser end-to-end tests run separately (npm run test:e2e). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // *.deep.test.ts: the national-scale runs (npm run test:deep), too slow for every run.
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/', '\\.deep\\.test\\.ts$'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js',
  },
  testTimeout: 60000,
};
