import crypto from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { CHUNK_BYTES } from './database-file-store';
import { newFileKey } from './file-store';
import { FILES_CLEANUP_INCOMPLETE, scheduleIncompleteUploadCleanup } from './incomplete-uploads';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ runJobs: false });
});
afterAll(async () => {
  await t.close();
});

const chunksOf = async (key: string, app = t) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from file_chunks where file_key = ${key}`.execute(app.db)).rows[0]?.n);
const fileRow = (key: string, app = t) => app.db.selectFrom('stored_files').select(['key', 'complete']).where('key', '=', key).executeTakeFirst();
const age = (key: string, hours: number, app = t) =>
  sql`update stored_files set created_at = created_at - make_interval(hours => ${hours}) where key = ${key}`.execute(app.db);

/**
 * A real write into the database store whose source stops after two and a half chunks and never ends: what a node
 * killed (or cut off) in the middle of an upload leaves behind — a `stored_files` row that never became complete,
 * and two chunks.
 */
async function abandonedUpload(app = t): Promise<{ key: string; source: PassThrough; write: Promise<unknown> }> {
  const key = newFileKey('evidence', 'pdf');
  const source = new PassThrough();
  const write = app.ctx.files.putAt(key, source).catch((err: unknown) => err);
  source.write(crypto.randomBytes(Math.floor(CHUNK_BYTES * 2.5)));
  await expect.poll(() => chunksOf(key, app), { timeout: 10_000 }).toBe(2);
  return { key, source, write };
}

async function runQueuedJobs(app = t): Promise<void> {
  while (await app.ctx.jobs.runOnce()) {
    /* run every queued job to its end */
  }
}

describe('the daily clean-up of uploads that never completed', () => {
  it('removes old incomplete files with their chunks, keeps recent ones and every complete file', { timeout: 60_000 }, async () => {
    const old = await abandonedUpload();
    const recent = await abandonedUpload();
    const content = crypto.randomBytes(CHUNK_BYTES + 1000);
    const complete = await t.ctx.files.put('evidence', 'pdf', Readable.from([content]));
    // more leftovers than one step removes (50), so the job runs several checkpointed steps
    const many = Array.from({ length: 57 }, () => newFileKey('lesson-media', 'mp4'));
    await t.db
      .insertInto('stored_files')
      .values(many.map((key) => ({ key, chunk_bytes: CHUNK_BYTES, created_at: new Date(0) })))
      .execute();
    await t.db
      .insertInto('file_chunks')
      .values(many.map((key) => ({ file_key: key, seq: 0, data: Buffer.from('partial') })))
      .execute();
    await age(old.key, 25);
    await age(complete.key, 24 * 400);
    await age(recent.key, 23);

    // two nodes scheduling at once queue it once
    await t.db.deleteFrom('jobs').where('kind', '=', FILES_CLEANUP_INCOMPLETE).execute();
    expect((await Promise.all([scheduleIncompleteUploadCleanup(t.ctx), scheduleIncompleteUploadCleanup(t.ctx)])).filter(Boolean)).toHaveLength(1);
    await runQueuedJobs();

    const job = await t.db
      .selectFrom('jobs')
      .select(['status', 'result', 'progress_done'])
      .where('kind', '=', FILES_CLEANUP_INCOMPLETE)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({
      status: 'succeeded',
      progress_done: 58,
      result: { store: 'database', removedFiles: 58, removedChunks: 59, olderThanHours: 24 },
    });
    expect(await fileRow(old.key)).toBeUndefined();
    expect(await chunksOf(old.key)).toBe(0);
    expect(await t.db.selectFrom('stored_files').select('key').where('key', 'in', many).execute()).toEqual([]);
    // the upload still being written (23 hours old here) and the complete file are untouched
    expect(await fileRow(recent.key)).toEqual({ key: recent.key, complete: false });
    expect(await chunksOf(recent.key)).toBe(2);
    const read = Buffer.concat(await (await t.ctx.files.read(complete.key)).toArray());
    expect(read.equals(content)).toBe(true);

    // a second run the same day finds nothing to do; the writes that were cut off end with an error
    expect(await scheduleIncompleteUploadCleanup(t.ctx)).toBe(false);
    for (const upload of [old, recent]) {
      upload.source.destroy(new Error('connection lost'));
      expect(await upload.write).toBeInstanceOf(Error);
    }
    expect(await fileRow(recent.key)).toBeUndefined();
  });

  it('honours CQO_INCOMPLETE_UPLOAD_HOURS', { timeout: 60_000 }, async () => {
    const node = await createTestApp({ runJobs: false, incompleteUploadHours: 2 });
    try {
      const leftover = await abandonedUpload(node);
      const younger = await abandonedUpload(node);
      await age(leftover.key, 3, node);
      await age(younger.key, 1, node);
      expect(await scheduleIncompleteUploadCleanup(node.ctx)).toBe(true);
      await runQueuedJobs(node);
      const job = await node.db.selectFrom('jobs').select(['status', 'result']).where('kind', '=', FILES_CLEANUP_INCOMPLETE).executeTakeFirstOrThrow();
      expect(job).toMatchObject({ status: 'succeeded', result: { removedFiles: 1, removedChunks: 2, olderThanHours: 2 } });
      expect(await fileRow(leftover.key, node)).toBeUndefined();
      expect(await fileRow(younger.key, node)).toEqual({ key: younger.key, complete: false });
      for (const upload of [leftover, younger]) {
        upload.source.destroy(new Error('connection lost'));
        await upload.write;
      }
    } finally {
      await node.close();
    }
  });
});
