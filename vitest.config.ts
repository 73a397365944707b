import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // the replica suite needs a streaming replica: npm run test:replica
    exclude: [...configDefaults.exclude, 'src/**/*.replica.test.ts'],
    environment: 'node',
    globalSetup: ['src/server/testing/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
