import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB, JobRow } from '../db/types';
import { JobCancelled, JobInterrupted, JobLost, JobTimedOut, PermanentJobError, raceAbort } from './errors';

export { JobCancelled, JobInterrupted, JobLost, JobTimedOut, PermanentJobError } from './errors';

export interface StepResult {
  done: number;
  total?: number | null;
  checkpoint: unknown;
}

export interface JobContext {
  job: JobRow;
  params: Record<string, unknown>;
  /** Where the previous run stopped (null on a first run). */
  checkpoint: unknown;
  /**
   * Aborted when the job is cancelled, runs past its time limit, is taken over, or the node shuts down.
   * Pass it to anything that reads or waits (file readers check it); the runner stops waiting for the
   * handler at once either way.
   */
  signal: AbortSignal;
  /**
   * Runs one unit of work in a transaction that also records progress and the new checkpoint, so a crash
   * either keeps both or neither: a resumed job never repeats committed work.
   */
  step(work: (trx: Transaction<DB>) => Promise<StepResult>): Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export interface JobKindOptions {
  /** The longest a run may take; past it the job is stopped and fails (not retried). Default 30 minutes. */
  timeoutMs?: number;
  /** The kind's name on the jobs page (the kind itself when none). */
  label?: string;
}

export interface EnqueueInput {
  kind: string;
  params?: Record<string, unknown>;
  ownerAccountId?: number | null;
  orgUnitId?: number | null;
  maxAttempts?: number;
}

export interface RunnerOptions {
  pollMs?: number;
  /** How long a claimed job stays held without renewal (default 15 s). */
  leaseMs?: number;
  /** How often a running job renews its lease (default a third of the lease). */
  renewMs?: number;
  /** Base of the exponential retry delay. */
  backoffMs?: number;
  maxBackoffMs?: number;
  defaultTimeoutMs?: number;
  /** How long `stop()` lets a running job finish before aborting it. */
  graceMs?: number;
  logger?: { error: (obj: unknown, msg?: string) => void; info?: (obj: unknown, msg?: string) => void };
}

const secs = (ms: number) => ms / 1000;

/**
 * In-process runner over the `jobs` table. Any number of processes may run one: a job is claimed with
 * FOR UPDATE SKIP LOCKED and held by a short lease that a timer renews while the handler works, so a live
 * job is never taken over and a dead node's job is resumed by another within a lease. Every time it compares
 * or writes is the database's `now()`: the nodes agree on one clock (this file is exempt from the clock lint
 * rule for that reason and reads no other time).
 */
export class JobRunner {
  readonly workerId = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  private readonly handlers = new Map<string, { handler: JobHandler; timeoutMs: number; label: string }>();
  private readonly active = new Map<number, AbortController>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly renewMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly defaultTimeoutMs: number;
  private readonly graceMs: number;

  constructor(
    private readonly db: Database,
    private readonly options: RunnerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.renewMs = options.renewMs ?? Math.max(50, Math.floor(this.leaseMs / 3));
    this.backoffMs = options.backoffMs ?? 5_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 30 * 60_000;
    this.graceMs = options.graceMs ?? 5_000;
  }

  register(kind: string, handler: JobHandler, options: JobKindOptions = {}): void {
    this.handlers.set(kind, { handler, timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs, label: options.label ?? kind });
  }

  /** A kind's name for people (its label when registered with one). */
  kindLabel(kind: string): string {
    return this.handlers.get(kind)?.label ?? kind;
  }

  async enqueue(db: Database | Transaction<DB>, input: EnqueueInput): Promise<JobRow> {
    return (await this.insert(db, input, null)) as JobRow;
  }

  /**
   * Queues a job once per `singletonKey` (e.g. `filings.remind-overdue:2026-12-06`): the unique index on
   * `jobs.singleton_key` lets exactly one of any number of nodes scheduling at the same moment insert it.
   * Returns the job, or undefined when it was already there.
   */
  async enqueueOnce(db: Database | Transaction<DB>, input: EnqueueInput & { singletonKey: string }): Promise<JobRow | undefined> {
    return this.insert(db, input, input.singletonKey);
  }

  private async insert(db: Database | Transaction<DB>, input: EnqueueInput, singletonKey: string | null): Promise<JobRow | undefined> {
    if (!this.handlers.has(input.kind)) throw new Error(`No handler for job kind ${input.kind}`);
    return db
      .insertInto('jobs')
      .values({
        kind: input.kind,
        params: JSON.stringify(input.params ?? {}),
        owner_account_id: input.ownerAccountId ?? null,
        org_unit_id: input.orgUnitId ?? null,
        max_attempts: input.maxAttempts ?? 5,
        checkpoint: JSON.stringify(null),
        result: JSON.stringify(null),
        singleton_key: singletonKey,
      })
      .onConflict((oc) => oc.column('singleton_key').doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Stops claiming; gives the job in hand `graceMs` to finish, then aborts it (it goes back to the queue for
   * another node, attempts unchanged) and returns even if its handler never settles.
   */
  async stop(graceMs = this.graceMs): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const settled = (ms: number) =>
      Promise.race([this.running?.then(() => true) ?? Promise.resolve(true), new Promise<false>((r) => setTimeout(() => r(false), ms).unref())]);
    if (await settled(graceMs)) return;
    for (const controller of this.active.values()) controller.abort(new JobInterrupted());
    await settled(5_000);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((err: unknown) => this.options.logger?.error({ err }, 'job runner poll failed'))
        .finally(() => this.schedule(this.pollMs));
    }, delay);
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.runOnce())) {
      /* keep going while there is work */
    }
  }

  /** Claims and runs one ready job; returns false when there was none. */
  async runOnce(): Promise<boolean> {
    await this.failExhausted();
    const job = await this.claim();
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  /**
   * A job whose lease ran out after its last allowed attempt (its node died each time, or it hung and the
   * node was killed) fails here instead of being claimed again: `max_attempts` holds on this path too.
   */
  private async failExhausted(): Promise<void> {
    await sql`
      update jobs set status = 'failed', locked_by = null, lease_until = null, finished_at = now(), updated_at = now(),
        error = '任务已中断 ' || attempts || ' 次（超过允许的次数），不再重试。' || coalesce('最后一次错误：' || error, '')
      where id in (
        select id from jobs where status = 'running' and lease_until < now() and attempts >= max_attempts
        for update skip locked)`.execute(this.db);
  }

  private async claim(): Promise<JobRow | undefined> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return undefined;
    const result = await sql<JobRow>`
      update jobs set status = 'running', locked_by = ${this.workerId},
        lease_until = now() + make_interval(secs => ${secs(this.leaseMs)}),
        attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now()
      where id = (
        select id from jobs
        where kind = any(${kinds}) and attempts < max_attempts
          and ((status = 'queued' and run_after <= now()) or (status = 'running' and lease_until < now()))
        order by run_after, id
        for update skip locked
        limit 1)
      returning *`.execute(this.db);
    return result.rows[0];
  }

  private async execute(job: JobRow): Promise<void> {
    const kind = this.handlers.get(job.kind);
    if (!kind) return;
    if (job.cancel_requested) {
      await this.finish(job.id, 'cancelled', null);
      return;
    }
    const controller = new AbortController();
    this.active.set(job.id, controller);
    const timeout = setTimeout(() => controller.abort(new JobTimedOut(kind.timeoutMs)), kind.timeoutMs);
    const stopRenewing = this.renewWhileRunning(job.id, controller);
    const ctx: JobContext = {
      job,
      params: job.params,
      checkpoint: job.checkpoint,
      signal: controller.signal,
      step: (work) => this.step(job.id, controller.signal, work),
    };
    try {
      const result = await raceAbort(kind.handler(ctx), controller.signal);
      await this.finish(job.id, 'succeeded', null, JSON.stringify(result ?? null));
    } catch (thrown) {
      await this.settleFailure(job, controller.signal.aborted ? controller.signal.reason : thrown);
    } finally {
      clearTimeout(timeout);
      stopRenewing();
      this.active.delete(job.id);
    }
  }

  private async settleFailure(job: JobRow, err: unknown): Promise<void> {
    if (err instanceof JobLost) return;
    if (err instanceof JobCancelled) return this.finish(job.id, 'cancelled', null);
    if (err instanceof JobInterrupted) {
      // this node is shutting down: hand the job back at once, the interrupted run not counted
      await sql`update jobs set status = 'queued', locked_by = null, lease_until = null, run_after = now(), updated_at = now(),
          attempts = greatest(attempts - 1, 0)
        where id = ${job.id} and locked_by = ${this.workerId}`.execute(this.db);
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    this.options.logger?.error({ err, jobId: job.id, kind: job.kind }, 'job failed');
    const permanent = err instanceof PermanentJobError || err instanceof JobTimedOut;
    if (!permanent && job.attempts < job.max_attempts) {
      const delay = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (job.attempts - 1));
      await sql`update jobs set status = 'queued', error = ${message}, locked_by = null, lease_until = null,
          run_after = now() + make_interval(secs => ${secs(delay)}), updated_at = now()
        where id = ${job.id} and locked_by = ${this.workerId}`.execute(this.db);
    } else {
      await this.finish(job.id, 'failed', message);
    }
  }

  /**
   * Renews the lease every `renewMs` while the handler works, whatever it is doing; learns of a cancel
   * request or of losing the job (another node took it over) and aborts the handler.
   */
  private renewWhileRunning(id: number, controller: AbortController): () => void {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const tick = async () => {
      try {
        const held = await sql<{ cancel_requested: boolean }>`
          update jobs set lease_until = now() + make_interval(secs => ${secs(this.leaseMs)})
          where id = ${id} and locked_by = ${this.workerId} and status = 'running'
          returning cancel_requested`.execute(this.db);
        const row = held.rows[0];
        if (!row) controller.abort(new JobLost(id));
        else if (row.cancel_requested) controller.abort(new JobCancelled());
      } catch (err) {
        this.options.logger?.error({ err, jobId: id }, 'job lease renewal failed');
      }
      if (!done && !controller.signal.aborted) timer = setTimeout(() => void tick(), this.renewMs);
    };
    timer = setTimeout(() => void tick(), this.renewMs);
    return () => {
      done = true;
      clearTimeout(timer);
    };
  }

  private async finish(id: number, status: 'succeeded' | 'failed' | 'cancelled', error: string | null, result?: string): Promise<void> {
    await sql`update jobs set status = ${status}, error = ${error}, result = coalesce(${result ?? null}::jsonb, result),
        locked_by = null, lease_until = null, finished_at = now(), updated_at = now()
      where id = ${id} and locked_by = ${this.workerId}`.execute(this.db);
  }

  private async step(id: number, signal: AbortSignal, work: (trx: Transaction<DB>) => Promise<StepResult>): Promise<void> {
    if (signal.aborted) throw signal.reason;
    await this.db.transaction().execute(async (trx) => {
      const held = await trx.selectFrom('jobs').select(['locked_by', 'status', 'cancel_requested']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (held?.locked_by !== this.workerId || held.status !== 'running') throw new JobLost(id);
      if (held.cancel_requested) throw new JobCancelled();
      // an abort that came while the work ran (timeout, shutdown) rolls this step back
      const r = await work(trx);
      if (signal.aborted) throw signal.reason;
      await sql`update jobs set progress_done = ${r.done}, progress_total = ${r.total === undefined ? sql`progress_total` : r.total},
          checkpoint = ${JSON.stringify(r.checkpoint ?? null)}::jsonb,
          lease_until = now() + make_interval(secs => ${secs(this.leaseMs)}), updated_at = now()
        where id = ${id}`.execute(trx);
    });
  }

  /** Cancels a queued job at once, or stops a running one (at once on this node, within a renewal elsewhere). */
  async cancel(id: number, db: Database | Transaction<DB> = this.db): Promise<void> {
    await sql`update jobs set status = 'cancelled', finished_at = now(), updated_at = now() where id = ${id} and status = 'queued'`.execute(db);
    await sql`update jobs set cancel_requested = true, updated_at = now() where id = ${id} and status = 'running'`.execute(db);
    this.active.get(id)?.abort(new JobCancelled());
  }

  /** Puts a failed or cancelled job back in the queue; it resumes from its checkpoint. */
  async retry(id: number, db: Database | Transaction<DB> = this.db): Promise<void> {
    await sql`update jobs set status = 'queued', cancel_requested = false, attempts = 0, error = null, run_after = now(),
        finished_at = null, updated_at = now()
      where id = ${id} and status in ('failed', 'cancelled')`.execute(db);
  }
}
