import { defineConfig } from 'vitest/config';
import { e2eWorkers } from './e2e/workers';

const workers = e2eWorkers();

/**
 * Playwright (playwright-core) in Debian Chromium against the real servers started by the global setup: one server
 * per worker (CQO_E2E_WORKERS, default 2); spec files run in parallel across workers, one after another within one.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: workers > 1,
    maxWorkers: workers,
    // a safety net, not a measure: in CI the suite runs beside the two test suites on two cores
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
