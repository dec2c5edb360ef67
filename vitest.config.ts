import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // One embedded PGlite serves all server tests: files take turns.
    fileParallelism: false,
    testTimeout: 60000,
    hookTimeout: 240000,
  },
});
