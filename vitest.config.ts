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
    // the two workers keep their module cache between test files instead of importing the whole server again for
    // each of ~75 files: about a third less CPU for the suite (measured 596 s → 390 s of CPU on 2026-12-06). Files
    // stay independent: each has its own database copy, and module state (the clock, the audit-chain key) is
    // installed per app and restored on close; tests neither mock modules nor change process.env.
    isolate: false,
    // safety nets, not measures: CI runs this suite beside the other suites on two cores, where making a test app has
    // taken over 60 s
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
