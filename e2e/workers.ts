/** How many e2e servers, and vitest workers, the run uses: CQO_E2E_WORKERS (default 2). */
export function e2eWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CQO_E2E_WORKERS ?? '2';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`CQO_E2E_WORKERS must be a whole number from 1 to 16, not "${raw}"`);
  return n;
}
