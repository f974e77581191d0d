import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Names, once, what this run skips for lack of data or services from outside the repository.
    globalSetup: ['test/helpers/outside-report.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // e2e suites spawn servers and compilers; two cores on CI.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
