import { defineConfig } from 'vitest/config';

/** The report tests through a real streaming replica: `npm run test:replica` (scripts/replica.sh starts it). */
export default defineConfig({
  test: {
    include: ['src/**/*.replica.test.ts'],
    environment: 'node',
    globalSetup: ['src/server/testing/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
