import { isTrainingBureau } from '../../../domain/abilities';
import { TRAINING_TIER_LABELS } from '../../../domain/training';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { AppContext } from '../../context';
import { jobCaller } from '../../jobs/job-caller';
import { PermanentJobError } from '../../jobs/errors';
import type { JobContext } from '../../jobs/runner';
import { Notifier } from '../notifications/notifier';
import { conflict } from '../../errors';
import { assertBureau } from './access';
import type { OverviewCaller } from './plan-overview';
import { TrainingPlanService } from './plans';

export const TRAINING_PLAN_CHASE = 'training-plans.chase';

/**
 * Whose subtree is chased is not kept here: a bureau's chase acts as its account (the job's owner) stands when the job
 * runs, the scheduled run (no owner) as the province.
 */
export interface ChaseParams {
  year: number;
  actor: Actor | null;
}

/** The chasing bureau: the job's owner as its account is now, or for the scheduled run the province's bureau. */
async function chaser(ctx: AppContext, job: JobContext): Promise<OverviewCaller> {
  if (job.job.owner_account_id !== null) {
    const owner = await jobCaller(ctx.db, job.job.owner_account_id, 'training:manage');
    // the owner holds the permission but no longer reads a region (a trainer now): retrying cannot change that
    if (!isTrainingBureau(owner.role)) throw new PermanentJobError('提交任务的账户已不是市场监管部门账户，任务未执行');
    return owner;
  }
  const province = await ctx.db.selectFrom('org_units').select(['id', 'path']).where('kind', '=', 'province').orderBy('id').executeTakeFirstOrThrow();
  return { role: 'province_admin', orgUnitId: province.id, orgUnitPath: province.path };
}

/**
 * 催报: every bureau below the scope that has not filed (submitted or acknowledged) a plan of each tier it files
 * for the year gets one notice naming the tiers missing. Built on the overview, so it chases exactly who the
 * overview shows as not filed; a county merged into its city owes no 基础 plan.
 */
export function chaseHandler(ctx: AppContext) {
  return async (job: JobContext): Promise<unknown> => {
    const p = job.params as unknown as ChaseParams;
    const caller = await chaser(ctx, job);
    const overview = await new TrainingPlanService(ctx.db).overview(caller, p.year);
    const owing = new Map<number, { name: string; tiers: string[] }>();
    for (const r of overview.rows) {
      if (r.orgUnitId === caller.orgUnitId || r.status === 'covered' || r.status === 'submitted' || r.status === 'acknowledged') continue;
      const entry = owing.get(r.orgUnitId) ?? { name: r.orgUnitName, tiers: [] };
      entry.tiers.push(TRAINING_TIER_LABELS[r.tier]);
      owing.set(r.orgUnitId, entry);
    }
    const notifier = new Notifier();
    let accounts = 0;
    await job.step(async (trx) => {
      for (const [orgUnitId, unit] of owing) {
        const ids = (
          await trx
            .selectFrom('accounts')
            .select('id')
            .where('org_unit_id', '=', orgUnitId)
            .where('status', '=', 'active')
            .where('role', 'in', ['province_admin', 'city_admin', 'county_admin'])
            .execute()
        ).map((a) => a.id);
        accounts += ids.length;
        await notifier.notify(trx, ids, {
          kind: 'training_plan.chase',
          title: `请报送 ${p.year} 年度培训计划`,
          body: `${unit.name}尚未报送 ${p.year} 年度${unit.tiers.join('、')}培训计划，请尽快编制并报送上级市场监管部门。`,
          link: `/training-plans?year=${String(p.year)}`,
        });
      }
      if (p.actor)
        await recordAudit(trx, p.actor, {
          action: 'training_plan.chase',
          targetType: 'job',
          targetId: job.job.id,
          details: { year: p.year, bureaus: owing.size, accounts },
        });
      return { done: owing.size, total: owing.size, checkpoint: null };
    });
    return { year: p.year, bureaus: owing.size, accounts };
  };
}

/** The 催报 button: a bureau's, once per bureau, year and day (singleton key); 409 when already queued today. */
export async function requestChase(ctx: Pick<AppContext, 'db' | 'jobs'>, caller: SessionAccount, actor: Actor, year: number): Promise<{ jobId: number }> {
  assertBureau(caller, '催报培训计划');
  const job = await enqueueChase(ctx, caller, actor, year);
  if (!job) throw conflict('今天已催报过该年度的培训计划');
  return { jobId: job.id };
}

/** Queues the chase of the caller's subtree; answers the job, or undefined when already queued today. */
function enqueueChase(ctx: Pick<AppContext, 'db' | 'jobs'>, caller: SessionAccount, actor: Actor, year: number) {
  return ctx.jobs.enqueueOnce(ctx.db, {
    kind: TRAINING_PLAN_CHASE,
    params: { year, actor } satisfies ChaseParams,
    ownerAccountId: caller.accountId,
    orgUnitId: caller.orgUnitId,
    maxAttempts: 3,
    singletonKey: `${TRAINING_PLAN_CHASE}:${caller.orgUnitId}:${year}:${clock.today()}`,
  });
}

/**
 * The scheduled 催报 of the whole province: once a month (singleton key `training-plans.chase:<year>:<YYYY-MM>`),
 * queued at start and hourly like the other reminders, however many nodes.
 */
export async function scheduleTrainingPlanChase(ctx: AppContext): Promise<boolean> {
  const province = await ctx.db.selectFrom('org_units').select('id').where('kind', '=', 'province').executeTakeFirst();
  if (!province) return false;
  const year = clock.year();
  const job = await ctx.jobs.enqueueOnce(ctx.db, {
    kind: TRAINING_PLAN_CHASE,
    params: { year, actor: null } satisfies ChaseParams,
    maxAttempts: 3,
    singletonKey: `${TRAINING_PLAN_CHASE}:${year}:${clock.today().slice(0, 7)}`,
  });
  return job !== undefined;
}
