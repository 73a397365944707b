import { sql } from 'kysely';
import { clock } from '../clock';
import type { AppContext } from '../context';
import type { JobContext } from '../jobs/runner';

export const FILES_CLEANUP_INCOMPLETE = 'files.cleanup-incomplete';

/** Files removed per step (each with all its chunks, by the cascade), so one step stays a short transaction. */
const BATCH = 50;

/**
 * Once a day: removes from the database file store the files whose upload never completed — a node killed or
 * cut off from the database while writing leaves a `stored_files` row with `complete = false` and the chunks
 * written so far, which nothing reads (a file is readable only once complete) and nothing else removes. Only
 * those older than `CQO_INCOMPLETE_UPLOAD_HOURS` go, so an upload still being written is never touched.
 * The S3 store leaves no such rows: there an aborted multipart upload is the bucket's to expire
 * (an AbortIncompleteMultipartUpload lifecycle rule, docs/OPERATIONS.md).
 */
export function incompleteUploadsHandler(ctx: AppContext) {
  return async (job: JobContext): Promise<unknown> => {
    const olderThanHours = ctx.config.incompleteUploadHours;
    if (ctx.files.kind !== 'database') return { store: ctx.files.kind, removedFiles: 0, removedChunks: 0, olderThanHours };
    const cutoff = new Date(clock.nowMs() - olderThanHours * 3600_000);
    let totals = (job.checkpoint as { removedFiles: number; removedChunks: number } | null) ?? { removedFiles: 0, removedChunks: 0 };
    let next = totals;
    for (let more = true; more;) {
      await job.step(async (trx) => {
        const keys = (
          await trx
            .selectFrom('stored_files')
            .select('key')
            .where('complete', '=', false)
            .where('created_at', '<', cutoff)
            .orderBy('key')
            .limit(BATCH)
            .forUpdate()
            .skipLocked()
            .execute()
        ).map((r) => r.key);
        more = keys.length === BATCH;
        if (keys.length === 0) return { done: totals.removedFiles, total: null, checkpoint: totals };
        const chunks = await sql<{ n: number }>`select count(*)::int as n from file_chunks where file_key in (${sql.join(keys)})`.execute(trx);
        await trx.deleteFrom('stored_files').where('key', 'in', keys).where('complete', '=', false).execute();
        next = { removedFiles: totals.removedFiles + keys.length, removedChunks: totals.removedChunks + (chunks.rows[0]?.n ?? 0) };
        return { done: next.removedFiles, total: null, checkpoint: next };
      });
      totals = next;
    }
    return { store: 'database', ...totals, olderThanHours };
  };
}

/** Queues today's clean-up once, whatever the number of nodes (singleton key `files.cleanup-incomplete:<date>`). */
export async function scheduleIncompleteUploadCleanup(ctx: AppContext): Promise<boolean> {
  const today = clock.today();
  const job = await ctx.jobs.enqueueOnce(ctx.db, {
    kind: FILES_CLEANUP_INCOMPLETE,
    params: { date: today },
    maxAttempts: 3,
    singletonKey: `${FILES_CLEANUP_INCOMPLETE}:${today}`,
  });
  return job !== undefined;
}
