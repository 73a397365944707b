import type { Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import type { JobRunner } from '../../jobs/runner';
import type { SettingsService } from '../settings/service';
import { groupByPace, officersInScope, studyAccount } from './account';
import { STUDY_REMIND_BEHIND } from './jobs';
import { requireStudyPerson } from './service';

const thisYear = () => Number(clock.today().slice(0, 4));

/** Study progress: the officer's own annual account, the bureau's view of its region, and reminding those behind. */
export class StudyProgress {
  constructor(
    private readonly db: Database,
    /** read-only report queries (the replica when there is one) */
    private readonly dbRead: Database,
    private readonly settings: SettingsService,
    private readonly jobs: JobRunner,
  ) {}

  /** The caller's annual study account (this year when none is given). */
  async myAccount(caller: SessionAccount, year: number | undefined) {
    const person = await requireStudyPerson(this.db, caller);
    const settings = await this.settings.studySettings();
    return studyAccount(this.db, person.id, year ?? thisYear(), settings);
  }

  /** The region's officers grouped by pace: totals, by region, by enterprise, and who is behind. */
  async overview(caller: SessionAccount, year = thisYear()) {
    const settings = await this.settings.studySettings();
    const rows = await officersInScope(this.dbRead, caller, year, settings);
    const totals = groupByPace(rows, () => ({ id: caller.orgUnitId, name: caller.orgUnitName }))[0] ?? {
      id: caller.orgUnitId,
      name: caller.orgUnitName,
      officers: 0,
      done: 0,
      onTrack: 0,
      behind: 0,
      shareOnTrack: 0,
    };
    return {
      year,
      targetHours: settings.targetHoursByYear[String(year)] ?? settings.annualTargetHours,
      totals,
      byRegion: groupByPace(rows, (r) => ({ id: r.orgUnitId, name: r.orgUnitName })),
      byEnterprise: groupByPace(rows, (r) => ({ id: r.enterpriseId, name: r.enterpriseName }))
        .sort((a, b) => a.shareOnTrack - b.shareOnTrack)
        .slice(0, 200),
      behind: rows.filter((r) => r.pace === 'behind').slice(0, 500),
    };
  }

  /** Every officer of the region with the year's hours, for the Excel export. */
  async exportRows(caller: SessionAccount, year = thisYear()) {
    const settings = await this.settings.studySettings();
    const rows = await officersInScope(this.dbRead, caller, year, settings);
    return { year, minutesPerHour: settings.minutesPerHour, rows };
  }

  /** Reminds every officer of the region who is behind, in a background job (scoped as the caller's account is when it runs). */
  async remindBehind(caller: SessionAccount, actor: Actor, year: number): Promise<{ jobId: number }> {
    const job = await this.jobs.enqueue(this.db, {
      kind: STUDY_REMIND_BEHIND,
      params: { year, date: clock.today(), actor },
      ownerAccountId: caller.accountId,
      orgUnitId: caller.orgUnitId,
      maxAttempts: 3,
    });
    return { jobId: job.id };
  }
}
