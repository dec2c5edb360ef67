import { configDefaults, defineConfig } from 'vitest/config';

// Pure unit tests: no database, no server. Other files under test/server/ need the database.
const UNIT = [
  'test/client/**/*.test.ts',
  'test/server/domain/**/*.test.ts',
  'test/server/auth/auth.test.ts',
  'test/server/import/importReport.test.ts',
  'test/server/import/progressLine.test.ts',
  'test/scripts/**/*.test.ts',
];
const E2E = ['test/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60000,
    hookTimeout: 240000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT,
          // Pure and independent: as many files at once as there are cores.
          maxWorkers: '100%',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT, ...E2E],
          globalSetup: ['test/globalSetup.ts'],
          // One embedded PGlite serves all server tests: files take turns.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          // A browser on a busy machine: waits for a condition get longer than the default second.
          testTimeout: 120000,
          expect: { poll: { timeout: 15000 } },
          // The client is built once for all browser files; they also need the prepared database.
          globalSetup: ['test/globalSetup.ts', 'test/globalBuildClient.ts'],
          // Each browser file runs its own server and Chromium: one at a time on two cores.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
