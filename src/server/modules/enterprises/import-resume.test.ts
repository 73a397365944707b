import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner, type JobContext } from '../../jobs/runner';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { IMPORT_COLUMNS } from './excel';
import { makeUscc } from '../../../domain/uscc';
import { multipartBody, xlsxBuffer } from '../../testing/files';
import { ENTERPRISE_IMPORT, enterpriseImportHandler } from './import-job';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ runJobs: false });
});
afterAll(async () => {
  await t.close();
});

const ROWS = 5000;
const file = () =>
  xlsxBuffer(
    IMPORT_COLUMNS.map((c) => c.header),
    Array.from({ length: ROWS }, (_, i) =>
      IMPORT_COLUMNS.map(
        (c) =>
          ({
            uscc: makeUscc('320102', 50_000 + i),
            name: `玄武续传测试${i}有限公司`,
            orgUnitCode: '320102',
            industryCode: '65',
            scale: '小型',
            ownership: '民营',
          })[c.input.field as 'uscc'] ?? null,
      ),
    ),
  );

/** The real import handler that stops responding after `steps` committed steps, like a killed process. */
function dyingAfter(steps: number) {
  const real = enterpriseImportHandler(t.ctx);
  let n = 0;
  return (job: JobContext) => real({ ...job, step: (work) => (++n > steps ? new Promise<never>(() => undefined) : job.step(work)) });
}

async function importResumingAfter(steps: number, prefix: string, stoppedAt: { staged?: number; loaded?: number }) {
  const { payload, headers } = multipartBody(`${prefix}.xlsx`, await file());
  const res = await t.app.inject({ method: 'POST', url: '/api/enterprises/imports', headers: { ...(await t.as('xuanwu')), ...headers }, payload });
  expect(res.statusCode).toBe(202);
  const jobId: number = res.json().jobId;

  // it stops renewing its lease too, as a killed process does
  const first = new JobRunner(t.db, { leaseMs: 300, renewMs: 600_000 });
  first.register(ENTERPRISE_IMPORT, dyingAfter(steps));
  void first.runOnce();
  // wait until it has committed exactly `steps` steps and hangs
  await expect
    .poll(async () => (await t.db.selectFrom('jobs').select('checkpoint').where('id', '=', jobId).executeTakeFirstOrThrow()).checkpoint, {
      timeout: 45_000,
      interval: 100,
    })
    .toMatchObject(stoppedAt);

  // a restarted runner takes the job over once the lease has run out
  const second = new JobRunner(t.db, { leaseMs: 60_000 });
  second.register(ENTERPRISE_IMPORT, enterpriseImportHandler(t.ctx));
  await expect.poll(() => second.runOnce(), { timeout: 45_000, interval: 200 }).toBe(true);
  return t.db.selectFrom('jobs').select(['status', 'attempts', 'result']).where('id', '=', jobId).executeTakeFirstOrThrow();
}

describe('enterprise import after a crash', () => {
  it('resumes in the validation phase without reporting its own rows as duplicates', { timeout: 90_000 }, async () => {
    const job = await importResumingAfter(2, 'stage', { staged: 4000 });
    expect(job).toMatchObject({ status: 'succeeded', attempts: 2, result: { ok: true, rows: ROWS, inserted: ROWS, updated: 0, unchanged: 0 } });
  });

  it('resumes in the load phase without loading anything twice', { timeout: 90_000 }, async () => {
    await t.db.deleteFrom('enterprises').where('name', 'like', '玄武续传测试%').execute();
    const job = await importResumingAfter(4, 'load', { loaded: 2000 });
    expect(job.status).toBe('succeeded');
    const result = job.result as { inserted: number; unchanged: number; rows: number };
    expect(result.rows).toBe(ROWS);
    expect(result.inserted + result.unchanged).toBe(ROWS);
    const count = await t.db
      .selectFrom('enterprises')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', 'like', '玄武续传测试%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(ROWS);
  });
});
