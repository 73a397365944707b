import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { clock } from '../clock';
import { scheduleOverdueReminder } from '../modules/filings/overdue-job';
import { scheduleStudyReminders } from '../modules/study/jobs';
import { TEST_KEYS } from '../testing/keys';
import { createTestApp, type TestApp } from '../testing/test-app';
import { JobRunner, PermanentJobError, type JobContext } from './runner';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const jobRow = (id: number) => t.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Never settles, and ignores the abort signal: the worst handler there is. */
const forever = () => new Promise<never>(() => undefined);
/** Waits `ms` unless the signal aborts first (a well-behaved handler). */
const work = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });
const timed = async <T>(p: Promise<T>) => {
  const t0 = performance.now();
  const value = await p;
  return { value, ms: performance.now() - t0 };
};

describe('job runner limits', () => {
  it('renews the lease while a handler works between steps, so a second node never takes a live job over', async () => {
    const a = new JobRunner(t.db, { leaseMs: 1000, renewMs: 250 });
    const b = new JobRunner(t.db, { leaseMs: 1000, renewMs: 250 });
    let runs = 0;
    const handler = async (ctx: JobContext) => {
      runs += 1;
      await work(3500, ctx.signal); // several leases long, no step in between
      return { ok: true };
    };
    a.register('test.live', handler);
    b.register('test.live', handler);
    const job = await a.enqueue(t.db, { kind: 'test.live' });
    const running = a.runOnce();
    await expect.poll(async () => (await jobRow(job.id)).status).toBe('running');
    for (let i = 0; i < 12; i++) {
      expect(await b.runOnce()).toBe(false);
      await sleep(250);
    }
    await running;
    expect(await jobRow(job.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(runs).toBe(1);
  });

  it("resumes a dead node's job within seconds, and max_attempts holds when leases expire", async () => {
    // a node that dies holding the job: it claimed, then never renewed nor finished
    const dying = () => {
      const r = new JobRunner(t.db, { leaseMs: 1000, renewMs: 600_000 });
      r.register('test.dies', forever, { timeoutMs: 3000 });
      return r;
    };
    const job = await dying().enqueue(t.db, { kind: 'test.dies', maxAttempts: 2 });
    void dying()
      .runOnce()
      .catch(() => undefined);
    await expect.poll(async () => (await jobRow(job.id)).attempts).toBe(1);
    const rescuer = dying();
    const started = performance.now();
    while ((await jobRow(job.id)).attempts < 2) {
      void rescuer.runOnce().catch(() => undefined);
      await sleep(50);
    }
    const resumedAfter = performance.now() - started;
    console.log(`dead node's job reclaimed after ${Math.round(resumedAfter)} ms (lease 1000 ms)`);
    expect(resumedAfter).toBeLessThan(3000);
    // the second holder dies too: the job has used its attempts and fails instead of being claimed a third time
    await sleep(1100);
    const third = new JobRunner(t.db);
    third.register('test.dies', () => Promise.resolve('must not run'));
    expect(await third.runOnce()).toBe(false);
    const row = await jobRow(job.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2, locked_by: null });
    expect(row.error).toContain('不再重试');
  });

  it('does not retry a permanent failure', async () => {
    const r = new JobRunner(t.db, { backoffMs: 0 });
    r.register('test.permanent', () => Promise.reject(new PermanentJobError('文件已损坏')));
    const job = await r.enqueue(t.db, { kind: 'test.permanent', maxAttempts: 5 });
    expect(await r.runOnce()).toBe(true);
    expect(await r.runOnce()).toBe(false);
    expect(await jobRow(job.id)).toMatchObject({ status: 'failed', attempts: 1, error: '文件已损坏' });
  });

  it('stops a run at its time limit even when the handler ignores the signal, failing it in Chinese', async () => {
    const r = new JobRunner(t.db);
    r.register('test.hangs', forever, { timeoutMs: 400 });
    const job = await r.enqueue(t.db, { kind: 'test.hangs', maxAttempts: 3 });
    const { ms } = await timed(r.runOnce());
    expect(ms).toBeLessThan(2000);
    const row = await jobRow(job.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, locked_by: null });
    expect(row.error).toMatch(/超过时限.*已停止/);
    // the runner is free for the next job
    r.register('test.quick', () => Promise.resolve('ok'));
    const next = await r.enqueue(t.db, { kind: 'test.quick' });
    expect(await r.runOnce()).toBe(true);
    expect((await jobRow(next.id)).status).toBe('succeeded');
  });

  it('cancels a running job from another node: the handler is aborted within a renewal', async () => {
    const worker = new JobRunner(t.db, { leaseMs: 600, renewMs: 100 });
    let aborted = false;
    worker.register('test.long', async (ctx) => {
      await work(60_000, ctx.signal).catch((err: unknown) => {
        aborted = true;
        throw err;
      });
    });
    const job = await worker.enqueue(t.db, { kind: 'test.long' });
    const running = worker.runOnce();
    await expect.poll(async () => (await jobRow(job.id)).status).toBe('running');
    const other = new JobRunner(t.db);
    await other.cancel(job.id);
    const { ms } = await timed(running);
    expect(ms).toBeLessThan(1500);
    expect(aborted).toBe(true);
    expect((await jobRow(job.id)).status).toBe('cancelled');
  });

  it('stop() returns after the grace period even when a handler hangs, and hands the job back', async () => {
    const r = new JobRunner(t.db, { pollMs: 20 });
    r.register('test.stuck', forever);
    const job = await r.enqueue(t.db, { kind: 'test.stuck', maxAttempts: 1 });
    r.start();
    await expect.poll(async () => (await jobRow(job.id)).status).toBe('running');
    const { ms } = await timed(r.stop(300));
    expect(ms).toBeLessThan(2000);
    // not the job's fault: back in the queue with its attempt returned, for another node to run
    expect(await jobRow(job.id)).toMatchObject({ status: 'queued', attempts: 0, locked_by: null });
    await sql`update jobs set status = 'cancelled' where id = ${job.id}`.execute(t.db);
  });

  it('compares leases and run_after with the database clock only', async () => {
    const r = new JobRunner(t.db, { leaseMs: 15_000 });
    r.register('test.clock', async (ctx) => {
      const { rows } = await sql<{ left: number }>`select extract(epoch from lease_until - now()) as left from jobs where id = ${ctx.job.id}`.execute(t.db);
      return { left: Number(rows[0]?.left) };
    });
    const job = await r.enqueue(t.db, { kind: 'test.clock' });
    await r.runOnce();
    const left = ((await jobRow(job.id)).result as { left: number }).left;
    expect(left).toBeGreaterThan(13);
    expect(left).toBeLessThanOrEqual(15);
  });
});

describe('scheduled jobs', () => {
  it('two app nodes scheduling the daily jobs at the same moment queue each exactly once', async () => {
    // a second app instance on the same database: another node
    const second = await buildApp({ config: t.ctx.config, db: t.db, dbKind: t.ctx.dbKind, keys: TEST_KEYS });
    try {
      await t.db.deleteFrom('jobs').where('kind', 'in', ['filings.remind-overdue', 'study.reminders']).execute();
      const results = await Promise.all([
        scheduleOverdueReminder(t.ctx),
        scheduleOverdueReminder(second.ctx),
        scheduleStudyReminders(t.ctx),
        scheduleStudyReminders(second.ctx),
        scheduleOverdueReminder(second.ctx),
        scheduleStudyReminders(t.ctx),
      ]);
      expect(results.filter(Boolean)).toHaveLength(2);
      const rows = await t.db
        .selectFrom('jobs')
        .select(['kind', 'singleton_key'])
        .where('kind', 'in', ['filings.remind-overdue', 'study.reminders'])
        .orderBy('kind')
        .execute();
      const today = clock.today();
      expect(rows).toEqual([
        { kind: 'filings.remind-overdue', singleton_key: `filings.remind-overdue:${today}` },
        { kind: 'study.reminders', singleton_key: `study.reminders:${today}` },
      ]);
      // later calls the same day queue nothing
      expect(await scheduleOverdueReminder(second.ctx)).toBe(false);
    } finally {
      await second.app.close();
    }
  });
});
