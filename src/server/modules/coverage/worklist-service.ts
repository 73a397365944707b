import { sql } from 'kysely';
import type { z } from 'zod';
import type { overdueItemSchema, studyBehindItemSchema, uncoveredItemSchema, worklistPageSchema } from '../../../contract/coverage';
import type { Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { invalid, notFound } from '../../errors';
import type { JobRunner } from '../../jobs/runner';
import type { SettingsService } from '../settings/service';
import { COVERAGE_REMIND, COVERAGE_WORKLIST_EXPORT, type WorklistJobParams } from './jobs';
import { COVERAGE_NOTICE_LETTERS, type NoticeLetterParams } from './notice-letters';
import { CoverageService, currentYear } from './service';
import {
  expectedMinutes,
  overdueQuery,
  studyBehindQuery,
  uncoveredQuery,
  WORKLIST_KINDS,
  type OverdueRow,
  type StudyBehindRow,
  type UncoveredRow,
  type WorklistCaller,
  type WorklistFilter,
  type WorklistKind,
} from './worklists';

type UncoveredItem = z.infer<typeof uncoveredItemSchema>;
type OverdueItem = z.infer<typeof overdueItemSchema>;
type StudyBehindItem = z.infer<typeof studyBehindItemSchema>;
type WorklistPage = z.infer<typeof worklistPageSchema>;

/** What the worklist pages, exports, reminders and letters are filtered by (the org unit is checked against the caller's scope). */
export interface WorklistQuery {
  orgUnitId?: number | undefined;
  segment?: string | undefined;
  section?: string | undefined;
  q?: string | undefined;
}

/** The notice letters' options: the file format, whether only enterprises not yet reached, the deadline and the contact shown. */
export interface NoticeLetterOptions extends WorklistQuery {
  format: 'pdf' | 'xlsx';
  unreachedOnly: boolean;
  deadline?: string | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
}

/** The worklists' rows as the answer carries them (camelCase, as every answer). */
const uncoveredItem = (r: UncoveredRow): UncoveredItem => ({
  id: r.id,
  uscc: r.uscc,
  name: r.name,
  orgUnitName: r.org_unit_name,
  industryDivision: r.industry_division,
  scale: r.scale,
  ownership: r.ownership,
  aboveScale: r.above_scale,
  aboveScaleYear: r.above_scale_year,
  contactPerson: r.contact_person,
  contactPhone: r.contact_phone,
});
const overdueItem = (r: OverdueRow): OverdueItem => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  uscc: r.uscc,
  orgUnitName: r.org_unit_name,
  personName: r.person_name,
  round: r.round,
  submittedAt: r.submitted_at,
  reviewDeadline: r.review_deadline,
  daysOverdue: r.days_overdue,
});
const studyBehindItem = (r: StudyBehindRow): StudyBehindItem => ({
  filingId: r.filing_id,
  personId: r.person_id,
  personName: r.person_name,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  orgUnitName: r.org_unit_name,
  minutes: r.minutes,
});

const callerSnapshot = (c: SessionAccount): WorklistCaller => ({
  accountId: c.accountId,
  role: c.role,
  orgUnitId: c.orgUnitId,
  orgUnitPath: c.orgUnitPath,
  enterpriseId: c.enterpriseId,
  industryScope: c.industryScope,
});

/**
 * The coverage worklists (enterprises without an officer, overdue filings, officers behind on study): pages read from
 * the replica (`dbRead`), and the background jobs that export them, remind the enterprises or write notice letters.
 */
export class CoverageWorklistService {
  private readonly coverage: CoverageService;

  constructor(
    private readonly db: Database,
    private readonly dbRead: Database,
    private readonly settings: SettingsService,
    private readonly jobs: JobRunner,
  ) {
    this.coverage = new CoverageService(db);
  }

  /** The worklist filter, with the org unit checked against the caller's scope (404 outside it). */
  private async filter(caller: SessionAccount, q: WorklistQuery): Promise<WorklistFilter> {
    if (q.orgUnitId) await this.coverage.unitInScope(this.dbRead, caller, q.orgUnitId);
    let segment;
    if (q.segment) {
      segment = (await this.coverage.segments()).find((s) => s.code === q.segment);
      if (!segment) throw notFound('企业类别');
    }
    return { orgUnitId: q.orgUnitId, segment, section: q.section, q: q.q, year: currentYear() };
  }

  private async jobParams(caller: SessionAccount, actor: Actor, kind: WorklistKind, q: WorklistQuery): Promise<WorklistJobParams> {
    const f = await this.filter(caller, q);
    return { caller: callerSnapshot(caller), kind, filter: { orgUnitId: f.orgUnitId, segmentCode: f.segment?.code, section: f.section, q: f.q, year: f.year }, actor };
  }

  async page(caller: SessionAccount, kind: WorklistKind, q: WorklistQuery & { page: number; pageSize: number }): Promise<WorklistPage> {
    const f = await this.filter(caller, q);
    const { page, pageSize } = q;
    const settings = await this.settings.studySettings();
    const expected = expectedMinutes(settings, f.year);
    const snapshot = callerSnapshot(caller);
    const db = this.dbRead;
    const all = kind === 'uncovered' ? uncoveredQuery(db, snapshot, f) : kind === 'overdue' ? overdueQuery(db, snapshot, f) : studyBehindQuery(db, snapshot, f, expected);
    const counted = await sql<{ n: number }>`select count(*)::int as n from (${all}) w`.execute(db);
    const total = counted.rows[0]?.n ?? 0;
    const base = { title: WORKLIST_KINDS[kind], total, page, pageSize, expectedMinutes: kind === 'studyBehind' ? expected : null, minutesPerHour: settings.minutesPerHour };
    const offset = (page - 1) * pageSize;
    if (kind === 'uncovered') {
      const rows = await uncoveredQuery(db, snapshot, f).orderBy('e.name').orderBy('e.id').limit(pageSize).offset(offset).execute();
      return { kind, ...base, items: rows.map(uncoveredItem) };
    }
    if (kind === 'overdue') {
      const rows = await overdueQuery(db, snapshot, f).orderBy('fl.review_deadline').orderBy('fl.id').limit(pageSize).offset(offset).execute();
      return { kind, ...base, items: rows.map(overdueItem) };
    }
    const rows = await studyBehindQuery(db, snapshot, f, expected).orderBy('minutes').orderBy('fl.id').limit(pageSize).offset(offset).execute();
    return { kind, ...base, items: rows.map(studyBehindItem) };
  }

  /** Queues the Excel export of a worklist; answers the job's id. */
  async startExport(caller: SessionAccount, actor: Actor, kind: WorklistKind, q: WorklistQuery): Promise<number> {
    const params = await this.jobParams(caller, actor, kind, q);
    const job = await this.jobs.enqueue(this.db, { kind: COVERAGE_WORKLIST_EXPORT, params: { ...params }, ownerAccountId: caller.accountId, orgUnitId: caller.orgUnitId, maxAttempts: 3 });
    return job.id;
  }

  /** Queues the reminders to the enterprise accounts of a worklist; answers the job's id. */
  async startReminders(caller: SessionAccount, actor: Actor, kind: 'uncovered' | 'studyBehind', q: WorklistQuery): Promise<number> {
    const params = await this.jobParams(caller, actor, kind, q);
    const job = await this.jobs.enqueue(this.db, { kind: COVERAGE_REMIND, params: { ...params }, ownerAccountId: caller.accountId, orgUnitId: caller.orgUnitId, maxAttempts: 3 });
    return job.id;
  }

  /** Queues the notice letters (PDF) or contact list (Excel) of a worklist, due in 15 days unless a deadline is given. */
  async startNoticeLetters(caller: SessionAccount, actor: Actor, kind: WorklistKind, options: NoticeLetterOptions): Promise<number> {
    const today = clock.today();
    const deadline = options.deadline ?? new Date(Date.parse(`${today}T00:00:00Z`) + 15 * 86_400_000).toISOString().slice(0, 10);
    if (deadline < today) throw invalid('deadline', '办理期限不能早于今天');
    const base = await this.jobParams(caller, actor, kind, options);
    const account = await this.db.selectFrom('accounts').select(['display_name', 'phone']).where('id', '=', caller.accountId).executeTakeFirstOrThrow();
    const params: NoticeLetterParams = {
      ...base,
      format: options.format,
      unreachedOnly: options.unreachedOnly,
      deadline,
      contact: { name: options.contactName ?? account.display_name, phone: options.contactPhone ?? account.phone ?? '' },
    };
    const job = await this.jobs.enqueue(this.db, { kind: COVERAGE_NOTICE_LETTERS, params: { ...params }, ownerAccountId: caller.accountId, orgUnitId: caller.orgUnitId, maxAttempts: 3 });
    return job.id;
  }
}
