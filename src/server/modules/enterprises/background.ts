import type { Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { JobRunner } from '../../jobs/runner';
import { ENTERPRISE_EXPORT, type ExportParams } from './export-job';
import { ENTERPRISE_IMPORT, type ImportParams } from './import-job';
import type { EnterpriseFilter } from './repository';

/** The roster's import and export run as background jobs: this queues them for the caller. */
export class EnterpriseJobService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobRunner,
  ) {}

  /** Queues the import of an uploaded workbook (already stored under `fileKey`) into the caller's scope as it is when the job runs. */
  async startImport(caller: SessionAccount, actor: Actor, file: { key: string; name: string }): Promise<{ jobId: number }> {
    const params: ImportParams = { fileKey: file.key, fileName: file.name, actor };
    const job = await this.jobs.enqueue(this.db, {
      kind: ENTERPRISE_IMPORT,
      params: { ...params },
      ownerAccountId: caller.accountId,
      orgUnitId: caller.orgUnitId,
      maxAttempts: 3,
    });
    return { jobId: job.id };
  }

  /** Queues the export of the filtered roster as the caller sees it now. */
  async startExport(caller: SessionAccount, actor: Actor, filter: EnterpriseFilter): Promise<{ jobId: number }> {
    const params: ExportParams = {
      caller: {
        accountId: caller.accountId,
        role: caller.role,
        orgUnitPath: caller.orgUnitPath,
        enterpriseId: caller.enterpriseId,
        industryScope: caller.industryScope,
      },
      filter,
      actor,
    };
    const job = await this.jobs.enqueue(this.db, {
      kind: ENTERPRISE_EXPORT,
      params: { ...params },
      ownerAccountId: caller.accountId,
      orgUnitId: caller.orgUnitId,
      maxAttempts: 3,
    });
    return { jobId: job.id };
  }
}
