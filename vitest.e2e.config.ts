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
    // a worker keeps its modules (playwright-core, exceljs, the helpers) from one spec file to the next instead of
    // importing them again for each of ~23 files; the specs share nothing else (each launches its own browser)
    isolate: false,
    // a safety net, not a measure: in CI the suite runs beside both test suites, lint and the other suites on two
    // cores, where one spec's test has taken 110 s
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
