import { sql, type Kysely } from 'kysely';
import { annualTargetHours, minutesToStudyHours } from '../../../domain/study-hours';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { DB } from '../../db/types';
import type { StudySettings } from '../settings/service';
import { CommunityView } from '../community/access';
import { expectedMinutes, overdueQuery, studyBehindQuery, uncoveredQuery } from '../coverage/worklists';
import { TrainingPlanService } from '../training-plans/plans';
import { findPersonOfAccount } from '../../persons/repository';

/**
 * The work-first home page (issue 18 item 5): each role's to-do as counts the server computes in the caller's
 * scope, each linking to the list it counts. One endpoint (`GET /api/home/todo`) answers every role with its own
 * items; the web only renders them.
 */
export interface TodoItem {
  key: string;
  label: string;
  value: number;
  /** shown after the value: `/ 50 学时` for study hours against the target */
  target?: number;
  unit?: string;
  /** the filtered list the count comes from */
  link: string;
  /** something is late or missing: the web shows the count in red */
  alert: boolean;
}
export interface TodoAction {
  key: string;
  label: string;
  link: string;
}
export interface Todo {
  /** actions before the counts (the officer's 扫码签到) */
  actions: TodoAction[];
  items: TodoItem[];
}

type Count = { n: number | string | bigint };
const num = (row: Count | undefined): number => Number(row?.n ?? 0);

/** Today's bounds in China (UTC+8) as instants. */
function todayBounds(): { from: Date; to: Date } {
  const from = new Date(`${clock.today()}T00:00:00+08:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

const item = (key: string, label: string, value: number, link: string, alert = false, extra: Partial<TodoItem> = {}): TodoItem => ({
  key,
  label,
  value,
  link,
  alert,
  ...extra,
});

async function unreadNotices(db: Kysely<DB>, caller: SessionAccount): Promise<TodoItem> {
  const n = num(
    await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', caller.accountId)
      .where('read_at', 'is', null)
      .executeTakeFirst(),
  );
  return item('unreadNotices', '未读通知', n, '/notifications');
}

/** Province, city and county bureaus: review, overdue, registrations, identity links, claims, reminders due, plans. */
async function bureauTodo(db: Kysely<DB>, caller: SessionAccount, settings: StudySettings): Promise<TodoItem[]> {
  const year = clock.year();
  const scope = scopeOf(caller);
  const filing = (status: 'submitted') =>
    db
      .selectFrom('filings as fl')
      .innerJoin('enterprises as e', 'e.id', 'fl.enterprise_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(scope.enterprise('e'))
      .where('fl.status', '=', status)
      .executeTakeFirst();
  const filter = { year };
  const [toReview, overdue, registrations, changes, links, claims, uncovered, behind, plans] = await Promise.all([
    filing('submitted'),
    db
      .selectFrom(overdueQuery(db, caller, filter).as('x'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('enterprise_registrations as r')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('r.status', '=', 'pending')
      .where(scope.region('r.org_unit_id'))
      .executeTakeFirst(),
    db
      .selectFrom('enterprise_change_requests as c')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('c.status', '=', 'pending')
      .where(scope.region('e.org_unit_id'))
      .executeTakeFirst(),
    db
      .selectFrom('person_link_requests as r')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('r.status', '=', 'pending')
      .where(scope.region('r.org_unit_id'))
      .executeTakeFirst(),
    db
      .selectFrom('study_claims as c')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('c.status', '=', 'pending')
      .where(scope.region('c.org_unit_id'))
      .executeTakeFirst(),
    db
      .selectFrom(uncoveredQuery(db, caller, filter).as('x'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom(studyBehindQuery(db, caller, filter, expectedMinutes(settings, year)).as('x'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
    new TrainingPlanService(db).overview(caller, year),
  ]);
  const owing = (own: boolean) =>
    new Set(
      plans.rows
        .filter((r) => (r.orgUnitId === caller.orgUnitId) === own && !['covered', 'submitted', 'acknowledged'].includes(r.status))
        .map((r) => r.orgUnitId),
    ).size;
  const items = [
    item('filingsToReview', '待审核备案', num(toReview), '/filings?tab=pending'),
    item('filingsOverdue', '逾期未审备案', num(overdue), '/filings?tab=overdue', num(overdue) > 0),
    item('registrations', '待确认企业注册', num(registrations), '/enterprise-registrations'),
    item('changeRequests', '待确认企业变更', num(changes), '/enterprise-registrations?tab=changes'),
    item('identityLinks', '待核验身份', num(links), '/identity-links'),
    item('studyClaims', '待审核学时申报', num(claims), '/study/claims'),
    item('uncovered', '未设首席质量官的企业', num(uncovered), '/worklists?kind=uncovered', num(uncovered) > 0),
    item('studyBehind', '学时进度落后人员', num(behind), '/worklists?kind=studyBehind', num(behind) > 0),
    item('ownPlansMissing', `本单位 ${String(year)} 年度培训计划未报送`, owing(true), `/training-plans?year=${String(year)}`, owing(true) > 0),
  ];
  // a county has no bureaus below it: 催报 only counts for provinces and cities
  if (caller.role !== 'county_admin')
    items.push(item('plansMissing', '未报送培训计划的下级单位', owing(false), `/training-plans?tab=overview&year=${String(year)}`, owing(false) > 0));
  return items;
}

/** A department reads: filings overdue and enterprises without a CQO in its region and industries. */
async function departmentTodo(db: Kysely<DB>, caller: SessionAccount): Promise<TodoItem[]> {
  const filter = { year: clock.year() };
  const [overdue, uncovered] = await Promise.all([
    db
      .selectFrom(overdueQuery(db, caller, filter).as('x'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom(uncoveredQuery(db, caller, filter).as('x'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
  ]);
  return [
    item('uncovered', '未设首席质量官的企业', num(uncovered), '/worklists?kind=uncovered', num(uncovered) > 0),
    item('filingsOverdue', '逾期未审备案', num(overdue), '/worklists?kind=overdue', num(overdue) > 0),
  ];
}

/** An enterprise: its filings to finish (drafts and returned), those with the bureau, and whether it has a CQO. */
async function enterpriseTodo(db: Kysely<DB>, caller: SessionAccount): Promise<TodoItem[]> {
  if (caller.enterpriseId === null) {
    const pending = num(
      await db
        .selectFrom('enterprise_registrations')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('account_id', '=', caller.accountId)
        .where('status', '=', 'pending')
        .executeTakeFirst(),
    );
    return [item('registrationPending', '注册申请待确认', pending, '/my-enterprise')];
  }
  const byStatus = await db
    .selectFrom('filings')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('enterprise_id', '=', caller.enterpriseId)
    .groupBy('status')
    .execute();
  const count = (...statuses: string[]) => byStatus.filter((r) => statuses.includes(r.status)).reduce((n, r) => n + Number(r.n), 0);
  return [
    item('filingsToFinish', '待完善的备案（草稿、退回）', count('draft', 'returned'), '/my-filings', count('returned') > 0),
    item('filingsWithBureau', '审核中的备案', count('submitted'), '/my-filings'),
    item('noOfficer', '未设首席质量官', count('active') === 0 ? 1 : 0, '/my-filings', count('active') === 0),
  ];
}

/** An officer: today's classes, this year's online study hours against the target, events ahead. */
async function officerTodo(db: Kysely<DB>, caller: SessionAccount, settings: StudySettings): Promise<TodoItem[]> {
  const person = await findPersonOfAccount(db, caller.accountId);
  const year = clock.year();
  const { from, to } = todayBounds();
  const personId = person?.id ?? -1;
  const [today, study, events] = await Promise.all([
    db
      .selectFrom('training_sessions as s')
      .innerJoin('training_enrolments as en', 'en.class_id', 's.class_id')
      .innerJoin('training_classes as c', 'c.id', 's.class_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('en.person_id', '=', personId)
      .where('en.status', '=', 'enrolled')
      .where('c.status', '=', 'open')
      .where('s.starts_at', '<', to)
      .where('s.ends_at', '>=', from)
      .executeTakeFirst(),
    db
      .selectFrom('study_ledger_entries')
      .select(sql<number>`coalesce(sum(minutes), 0)::int`.as('n'))
      .where('person_id', '=', personId)
      .where('year', '=', year)
      .where('status', '=', 'credited')
      .where('online', '=', true)
      .executeTakeFirst(),
    db
      .selectFrom('community_event_registrations as r')
      .innerJoin('community_events as ev', 'ev.id', 'r.event_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('r.account_id', '=', caller.accountId)
      .where('r.status', '=', 'registered')
      .where('ev.status', '=', 'open')
      .where('ev.ends_at', '>=', clock.now())
      .executeTakeFirst(),
  ]);
  const minutes = num(study);
  const target = annualTargetHours(settings, year);
  const behind = minutes < expectedMinutes(settings, year);
  return [
    item('classesToday', '今日培训课程', num(today), '/me/training'),
    item('studyHours', `${String(year)} 年线上学时`, minutesToStudyHours(minutes, settings.minutesPerHour), '/study/account', behind, { target, unit: '学时' }),
    item('eventsAhead', '已报名的交流活动', num(events), '/community/events'),
  ];
}

/** A training provider: sessions of its classes today and classes still to come. */
async function trainerTodo(db: Kysely<DB>, caller: SessionAccount): Promise<TodoItem[]> {
  const { from, to } = todayBounds();
  const [today, ahead] = await Promise.all([
    db
      .selectFrom('training_sessions as s')
      .innerJoin('training_classes as c', 'c.id', 's.class_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('c.trainer_account_id', '=', caller.accountId)
      .where('c.status', '=', 'open')
      .where('s.starts_at', '<', to)
      .where('s.ends_at', '>=', from)
      .executeTakeFirst(),
    db
      .selectFrom('training_classes as c')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('c.trainer_account_id', '=', caller.accountId)
      .where('c.status', '=', 'open')
      .where((eb) => eb.exists(eb.selectFrom('training_sessions as s').whereRef('s.class_id', '=', 'c.id').where('s.ends_at', '>=', clock.now())))
      .executeTakeFirst(),
  ]);
  return [item('sessionsToday', '今日授课场次', num(today), '/training/classes'), item('classesAhead', '未结束的培训班', num(ahead), '/training/classes')];
}

/** A 联盟/之家 administrator: applications to decide, posts to moderate, its organisations' events ahead. */
async function allianceTodo(db: Kysely<DB>, caller: SessionAccount): Promise<TodoItem[]> {
  const mine = db
    .selectFrom('community_members')
    .select('organisation_id')
    .where('account_id', '=', caller.accountId)
    .where('status', '=', 'active')
    .where('is_admin', '=', true);
  const boards = (await CommunityView.load(db, caller)).moderatedBoardIds();
  const [applications, moderation, events] = await Promise.all([
    db
      .selectFrom('community_members')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'applied')
      .where('organisation_id', 'in', mine)
      .executeTakeFirst(),
    boards.length === 0
      ? Promise.resolve(undefined)
      : db
          .selectFrom('community_posts as p')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('p.board_id', 'in', boards)
          .where((eb) =>
            eb.or([
              eb('p.status', '=', 'pending'),
              eb.exists(eb.selectFrom('community_reports as r').whereRef('r.post_id', '=', 'p.id').where('r.status', '=', 'open')),
            ]),
          )
          .executeTakeFirst(),
    db
      .selectFrom('community_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organisation_id', 'in', mine)
      .where('status', '=', 'open')
      .where('ends_at', '>=', clock.now())
      .executeTakeFirst(),
  ]);
  return [
    item('applications', '待审批入会申请', num(applications), '/community/manage', num(applications) > 0),
    item('moderation', '待审核帖子与举报', num(moderation), '/community/moderation', num(moderation) > 0),
    item('eventsAhead', '本组织进行中的活动', num(events), '/community/events?tab=managed'),
  ];
}

/** The three separated administrators: accounts locked, reset requests waiting, today's audit trail. */
async function systemAdminTodo(db: Kysely<DB>, caller: SessionAccount): Promise<TodoItem[]> {
  const [locked, resets] = await Promise.all([
    db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('locked_until', '>', clock.now())
      .executeTakeFirst(),
    db
      .selectFrom('account_reset_requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('requested_by', '=', caller.accountId)
      .where('status', '=', 'pending')
      .executeTakeFirst(),
  ]);
  return [
    item('lockedAccounts', '已锁定的账户', num(locked), '/accounts', num(locked) > 0),
    item('myResetRequests', '待安全管理员批准的重置', num(resets), '/accounts/reset-requests'),
  ];
}

async function securityAdminTodo(db: Kysely<DB>): Promise<TodoItem[]> {
  const resets = num(
    await db
      .selectFrom('account_reset_requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirst(),
  );
  return [item('resetRequests', '待批准的密码与验证码重置', resets, '/account-reset-requests', resets > 0)];
}

async function auditAdminTodo(db: Kysely<DB>): Promise<TodoItem[]> {
  const { from } = todayBounds();
  const [events, failed] = await Promise.all([
    db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('occurred_at', '>=', from)
      .executeTakeFirst(),
    db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('occurred_at', '>=', from)
      .where('action', '=', 'auth.login')
      .where('result', '=', 'failure')
      .executeTakeFirst(),
  ]);
  return [item('auditToday', '今日审计事件', num(events), '/audit'), item('failedLoginsToday', '今日登录失败', num(failed), '/audit', num(failed) > 0)];
}

/** The caller's to-do, by role. */
export async function todoFor(db: Kysely<DB>, caller: SessionAccount, settings: StudySettings): Promise<Todo> {
  const actions: TodoAction[] = [];
  let items: TodoItem[];
  switch (caller.role) {
    case 'province_admin':
    case 'city_admin':
    case 'county_admin':
      items = await bureauTodo(db, caller, settings);
      break;
    case 'department':
      items = await departmentTodo(db, caller);
      break;
    case 'enterprise':
      items = await enterpriseTodo(db, caller);
      break;
    case 'officer':
      // the officer's phone home: sign-in first, then today's classes and study progress
      actions.push({ key: 'signIn', label: '扫码签到', link: '/training/sign-in' }, { key: 'myTraining', label: '我的培训', link: '/me/training' });
      items = await officerTodo(db, caller, settings);
      break;
    case 'trainer':
      items = await trainerTodo(db, caller);
      break;
    case 'alliance_admin':
      items = await allianceTodo(db, caller);
      break;
    case 'system_admin':
      items = await systemAdminTodo(db, caller);
      break;
    case 'security_admin':
      items = await securityAdminTodo(db);
      break;
    case 'audit_admin':
      items = await auditAdminTodo(db);
      break;
  }
  // the 三员 have no notices of their own to work through; everyone else sees the unread ones
  if (!['security_admin', 'audit_admin'].includes(caller.role)) items.push(await unreadNotices(db, caller));
  return { actions, items };
}
