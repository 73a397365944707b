import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB, JobRow } from '../db/types';

/** Thrown inside a handler when the job was cancelled; the runner marks it cancelled. */
export class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
  }
}

/** A failure that retrying cannot fix (bad input file, missing data): the job fails at once with this message. */
export class PermanentJobError extends Error {}

/** Thrown when this runner no longer owns the job (its lease expired and another runner took it over). */
export class JobLost extends Error {
  constructor(id: number) {
    super(`job ${id} is no longer held by this runner`);
  }
}

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
   * Runs one unit of work in a transaction that also records progress and the new checkpoint, so a crash
   * either keeps both or neither: a resumed job never repeats committed work.
   */
  step(work: (trx: Transaction<DB>) => Promise<StepResult>): Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export interface EnqueueInput {
  kind: string;
  params?: Record<string, unknown>;
  ownerAccountId?: number | null;
  orgUnitId?: number | null;
  maxAttempts?: number;
}

export interface RunnerOptions {
  pollMs?: number;
  leaseMs?: number;
  /** Base of the exponential retry delay. */
  backoffMs?: number;
  maxBackoffMs?: number;
  logger?: { error: (obj: unknown, msg?: string) => void; info?: (obj: unknown, msg?: string) => void };
}

/**
 * In-process runner over the `jobs` table. Any number of processes may run one: a job is claimed with
 * FOR UPDATE SKIP LOCKED and held by a lease that each step renews; a runner that dies loses the lease
 * and another resumes the job from its last checkpoint.
 */
export class JobRunner {
  readonly workerId = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly db: Database,
    private readonly options: RunnerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.backoffMs = options.backoffMs ?? 5_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async enqueue(db: Database | Transaction<DB>, input: EnqueueInput): Promise<JobRow> {
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
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the job in hand to reach its next step boundary or finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
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
    const job = await this.claim();
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  private async claim(): Promise<JobRow | undefined> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return undefined;
    const leaseSeconds = this.leaseMs / 1000;
    const result = await sql<JobRow>`
      update jobs set status = 'running', locked_by = ${this.workerId},
        lease_until = now() + make_interval(secs => ${leaseSeconds}),
        attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now()
      where id = (
        select id from jobs
        where kind = any(${kinds})
          and ((status = 'queued' and run_after <= now()) or (status = 'running' and lease_until < now()))
        order by run_after, id
        for update skip locked
        limit 1)
      returning *`.execute(this.db);
    return result.rows[0];
  }

  private async execute(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler) return;
    if (job.cancel_requested) {
      await this.finish(job.id, { status: 'cancelled', error: null });
      return;
    }
    const ctx: JobContext = {
      job,
      params: job.params,
      checkpoint: job.checkpoint,
      step: (work) => this.step(job.id, work),
    };
    try {
      const result = await handler(ctx);
      await this.finish(job.id, { status: 'succeeded', result: JSON.stringify(result ?? null), error: null });
    } catch (err) {
      if (err instanceof JobLost) return;
      if (err instanceof JobCancelled) {
        await this.finish(job.id, { status: 'cancelled', error: null });
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      this.options.logger?.error({ err, jobId: job.id, kind: job.kind }, 'job failed');
      if (job.attempts < job.max_attempts && !(err instanceof PermanentJobError)) {
        const delay = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (job.attempts - 1));
        await this.db
          .updateTable('jobs')
          .set({ status: 'queued', error: message, locked_by: null, lease_until: null, run_after: new Date(Date.now() + delay), updated_at: new Date() })
          .where('id', '=', job.id)
          .where('locked_by', '=', this.workerId)
          .execute();
      } else {
        await this.finish(job.id, { status: 'failed', error: message });
      }
    }
  }

  private async finish(id: number, values: { status: 'succeeded' | 'failed' | 'cancelled'; result?: string; error: string | null }): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ ...values, locked_by: null, lease_until: null, finished_at: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .where('locked_by', '=', this.workerId)
      .execute();
  }

  private async step(id: number, work: (trx: Transaction<DB>) => Promise<StepResult>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const held = await trx
        .selectFrom('jobs')
        .select(['locked_by', 'status', 'cancel_requested'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (held?.locked_by !== this.workerId || held.status !== 'running') throw new JobLost(id);
      if (held.cancel_requested) throw new JobCancelled();
      const r = await work(trx);
      await trx
        .updateTable('jobs')
        .set({
          progress_done: r.done,
          ...(r.total !== undefined ? { progress_total: r.total } : {}),
          checkpoint: JSON.stringify(r.checkpoint ?? null),
          lease_until: new Date(Date.now() + this.leaseMs),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    });
  }

  /** Cancels a queued job at once, or asks a running one to stop at its next step. */
  async cancel(id: number, db: Database | Transaction<DB> = this.db): Promise<void> {
    await db
      .updateTable('jobs')
      .set({ status: 'cancelled', finished_at: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .execute();
    await db.updateTable('jobs').set({ cancel_requested: true, updated_at: new Date() }).where('id', '=', id).where('status', '=', 'running').execute();
  }

  /** Puts a failed or cancelled job back in the queue; it resumes from its checkpoint. */
  async retry(id: number, db: Database | Transaction<DB> = this.db): Promise<void> {
    await db
      .updateTable('jobs')
      .set({ status: 'queued', cancel_requested: false, attempts: 0, error: null, run_after: new Date(), finished_at: null, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', 'in', ['failed', 'cancelled'])
      .execute();
  }
}
