import type { Readable } from 'node:stream';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { Database } from '../../db/database';
import type { JobRow } from '../../db/types';
import { notFound } from '../../errors';
import type { JobRunner } from '../../jobs/runner';
import type { FileStore } from '../../storage/file-store';
import { readStored } from '../../storage/staged-upload';

/** Jobs are visible to the account that started them, and to no one else. */
export class JobService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobRunner,
    private readonly files: FileStore,
  ) {}

  /** The account's latest 50 jobs, newest first. */
  listOwn(accountId: number): Promise<JobRow[]> {
    return this.db.selectFrom('jobs').selectAll().where('owner_account_id', '=', accountId).orderBy('id', 'desc').limit(50).execute();
  }

  async own(accountId: number, id: number): Promise<JobRow> {
    const job = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).where('owner_account_id', '=', accountId).executeTakeFirst();
    if (!job) throw notFound('任务');
    return job;
  }

  /** The file a job made (an export, an error report), with the name to download it under. */
  async resultFile(accountId: number, id: number): Promise<{ name: string; stream: Readable }> {
    const job = await this.own(accountId, id);
    if (!job.result_file) throw notFound('文件');
    const stream = await readStored(this.files, job.result_file, '文件');
    const result = (job.result ?? {}) as { fileName?: string; reportFileName?: string };
    return { name: result.reportFileName ?? result.fileName ?? `任务${job.id}.xlsx`, stream };
  }

  async cancel(accountId: number, actor: Actor, id: number): Promise<JobRow> {
    await this.own(accountId, id);
    await this.db.transaction().execute(async (trx) => {
      await this.jobs.cancel(id, trx);
      await recordAudit(trx, actor, { action: 'job.cancel', targetType: 'job', targetId: id });
    });
    return this.own(accountId, id);
  }

  async retry(accountId: number, actor: Actor, id: number): Promise<JobRow> {
    await this.own(accountId, id);
    await this.db.transaction().execute(async (trx) => {
      await this.jobs.retry(id, trx);
      await recordAudit(trx, actor, { action: 'job.retry', targetType: 'job', targetId: id });
    });
    return this.own(accountId, id);
  }
}
