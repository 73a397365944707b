import type { Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { JobRunner } from '../../jobs/runner';
import type { SettingsService } from '../settings/service';
import { reconcile } from './engine';
import { COVERAGE_REBUILD } from './jobs';
import { scorecard } from './scorecard';
import { currentYear } from './service';

/** The 考核记分卡 (read from the replica) and the upkeep of the coverage summaries: rebuilding them and reconciling them. */
export class CoverageReportService {
  constructor(
    private readonly db: Database,
    private readonly dbRead: Database,
    private readonly settings: SettingsService,
    private readonly jobs: JobRunner,
  ) {}

  /** The scorecard of a unit in the caller's region (default its own) for a year (default this one). */
  scorecard(caller: SessionAccount, orgUnitId: number | undefined, year: number | undefined) {
    return scorecard(this.dbRead, this.settings, caller, orgUnitId, year ?? currentYear());
  }

  /** Queues the rebuild and check of the summaries; answers the job's id. */
  async startRebuild(caller: SessionAccount, actor: Actor): Promise<number> {
    const job = await this.jobs.enqueue(this.db, { kind: COVERAGE_REBUILD, params: { actor }, ownerAccountId: caller.accountId, orgUnitId: caller.orgUnitId, maxAttempts: 2 });
    return job.id;
  }

  /** The summary tables compared with a fresh count per enterprise. */
  reconcile() {
    return reconcile(this.db);
  }
}
