import { recordAuditAlone, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { AUDIT_VERIFY } from './verify-job';
import type { JobRunner } from '../../jobs/runner';
import { distinctActions, iterateAuditEvents, listAuditEvents, type AuditFilter } from './repository';

/** Reading the audit log: pages, the actions seen, the (audited) export, and starting the chain verification job. */
export class AuditLogService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobRunner,
  ) {}

  list(filter: AuditFilter, page: number, pageSize: number) {
    return listAuditEvents(this.db, filter, page, pageSize);
  }

  actions(): Promise<string[]> {
    return distinctActions(this.db);
  }

  /** Records the export, then answers the matching events in chunks for the workbook. */
  async export(actor: Actor, filter: AuditFilter) {
    await recordAuditAlone(this.db, actor, { action: 'audit.export', details: { ...filter } });
    return iterateAuditEvents(this.db, filter);
  }

  /** Queues the integrity verification of the chain for the caller; answers the job's id. */
  async startVerify(caller: SessionAccount, ip: string): Promise<number> {
    const job = await this.jobs.enqueue(this.db, {
      kind: AUDIT_VERIFY,
      params: { requestedBy: caller.username, role: caller.role, ip },
      ownerAccountId: caller.accountId,
      maxAttempts: 3,
    });
    return job.id;
  }
}
