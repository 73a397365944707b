import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { JobRunner, type JobContext } from './runner';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await sql`create table job_test_items (job_id bigint not null, n integer not null, primary key (job_id, n))`.execute(t.db);
});
afterAll(async () => {
  await t.close();
});

const TOTAL = 100;
const CHUNK = 10;

/**
 * A job that inserts 1..TOTAL in chunks, each chunk with its checkpoint. `hangAfter` makes it stop
 * responding after that many chunks, as a process would when killed: nothing after the last step commits.
 */
function countingJob(options: { hangAfter?: number; failOnceAt?: number } = {}) {
  let failed = false;
  let release: () => void = () => undefined;
  const hung = new Promise<void>((resolve) => (release = resolve));
  const handler = async (ctx: JobContext) => {
    let next = (ctx.checkpoint as { next: number } | null)?.next ?? 1;
    let chunks = 0;
    while (next <= TOTAL) {
      if (options.hangAfter !== undefined && chunks === options.hangAfter) await hung;
      if (options.failOnceAt === next && !failed) {
        failed = true;
        throw new Error('transient failure');
      }
      const from = next;
      await ctx.step(async (trx) => {
        const values = Array.from({ length: CHUNK }, (_, i) => ({ job_id: ctx.job.id, n: from + i }));
        await sql`insert into job_test_items (job_id, n) select * from json_to_recordset(${JSON.stringify(values)}) as x(job_id bigint, n integer)`.execute(
          trx,
        );
        return { done: from + CHUNK - 1, total: TOTAL, checkpoint: { next: from + CHUNK } };
      });
      next = from + CHUNK;
      chunks += 1;
    }
    return { inserted: TOTAL };
  };
  return { handler, release };
}

const items = async (jobId: number) =>
  (await sql<{ n: number }>`select count(*) as n from job_test_items where job_id = ${jobId}`.execute(t.db)).rows[0] ?? { n: -1 };

describe('job runner', () => {
  it('resumes a job killed mid-way from its checkpoint, without duplicating work', async () => {
    // a runner that stops renewing its lease once it has the job: what a killed process does
    const first = new JobRunner(t.db, { leaseMs: 300, renewMs: 600_000, pollMs: 20 });
    const crashing = countingJob({ hangAfter: 3 });
    first.register('test.count', crashing.handler);
    const job = await first.enqueue(t.db, { kind: 'test.count' });
    // run in the background; it stalls after 3 chunks, like a process that was killed
    const abandoned = first.runOnce();
    await expect
      .poll(async () => (await t.db.selectFrom('jobs').select('progress_done').where('id', '=', job.id).executeTakeFirstOrThrow()).progress_done)
      .toBe(30);
    expect(Number((await items(job.id)).n)).toBe(30);

    // a second runner (a restarted process) takes it over once the lease has run out
    await new Promise((r) => setTimeout(r, 400));
    const second = new JobRunner(t.db, { leaseMs: 60_000 });
    second.register('test.count', countingJob().handler);
    expect(await second.runOnce()).toBe(true);

    const row = await t.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'succeeded', progress_done: 100, progress_total: 100, attempts: 2, result: { inserted: 100 } });
    expect(Number((await items(job.id)).n)).toBe(100);

    // the stale runner wakes up: its next step finds the job gone and writes nothing
    crashing.release();
    await abandoned;
    expect(Number((await items(job.id)).n)).toBe(100);
    expect((await t.db.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirstOrThrow()).status).toBe('succeeded');
  });

  it('retries a failed job with backoff and continues from the checkpoint', async () => {
    const runner = new JobRunner(t.db, { backoffMs: 200 });
    runner.register('test.count', countingJob({ failOnceAt: 51 }).handler);
    const job = await runner.enqueue(t.db, { kind: 'test.count' });
    expect(await runner.runOnce()).toBe(true);
    const failed = await t.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'queued', error: 'transient failure', progress_done: 50 });
    expect(failed.run_after.getTime()).toBeGreaterThan(Date.now() + 50);
    expect(await runner.runOnce()).toBe(false); // not before the backoff
    await new Promise((r) => setTimeout(r, 250));
    expect(await runner.runOnce()).toBe(true);
    expect(await t.db.selectFrom('jobs').select(['status', 'attempts']).where('id', '=', job.id).executeTakeFirstOrThrow()).toEqual({
      status: 'succeeded',
      attempts: 2,
    });
    expect(Number((await items(job.id)).n)).toBe(100);
  });

  it('gives up after max attempts', async () => {
    const runner = new JobRunner(t.db, { backoffMs: 0 });
    runner.register('test.fail', () => Promise.reject(new Error('always')));
    const job = await runner.enqueue(t.db, { kind: 'test.fail', maxAttempts: 2 });
    await runner.runOnce();
    await runner.runOnce();
    expect(await t.db.selectFrom('jobs').select(['status', 'attempts', 'error']).where('id', '=', job.id).executeTakeFirstOrThrow()).toEqual({
      status: 'failed',
      attempts: 2,
      error: 'always',
    });
  });

  it('cancels a running job at its next step and a queued one at once', async () => {
    const runner = new JobRunner(t.db, { renewMs: 100 });
    const slow = countingJob({ hangAfter: 2 });
    runner.register('test.count', slow.handler);
    const job = await runner.enqueue(t.db, { kind: 'test.count' });
    const running = runner.runOnce();
    await expect
      .poll(async () => (await t.db.selectFrom('jobs').select('progress_done').where('id', '=', job.id).executeTakeFirstOrThrow()).progress_done)
      .toBe(20);
    await runner.cancel(job.id);
    slow.release();
    await running;
    expect((await t.db.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirstOrThrow()).status).toBe('cancelled');
    expect(Number((await items(job.id)).n)).toBe(20);

    const queued = await runner.enqueue(t.db, { kind: 'test.count' });
    await runner.cancel(queued.id);
    expect(await runner.runOnce()).toBe(false);
    expect((await t.db.selectFrom('jobs').select('status').where('id', '=', queued.id).executeTakeFirstOrThrow()).status).toBe('cancelled');

    // retry resumes a cancelled job from where it stopped
    await runner.retry(job.id);
    runner.register('test.count', countingJob().handler);
    expect(await runner.runOnce()).toBe(true);
    expect(Number((await items(job.id)).n)).toBe(100);
  });
});
