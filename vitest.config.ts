import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'packages/**/*.test.ts'],
    // Migrates once per run: each test file's database starts as a copy of a snapshot made here.
    globalSetup: ['server/src/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
