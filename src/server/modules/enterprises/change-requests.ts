import { sql, type Transaction } from 'kysely';
import type { EnterpriseInput } from '../../../domain/enterprise-input';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB, EnterpriseChangeSet, EnterpriseRow } from '../../db/types';
import { invalid, notFound, stateError } from '../../errors';
import { relocateEnterprise, sectionOf, writeChange } from './service';
import { clock } from '../../clock';

/**
 * Changes to the fields only the bureau may confirm (name, responsible unit, and the classification an enterprise's
 * own edit asks for): the enterprise requests, one pending at a time; a bureau in scope confirms (applied with its
 * history) or refuses.
 */
export class ChangeRequestService {
  constructor(private readonly db: Database) {}

  /** The enterprise's most recent change request, with the bureau's answer. */
  latestChangeRequest(caller: SessionAccount) {
    if (!caller.enterpriseId) return Promise.resolve(undefined);
    return this.db
      .selectFrom('enterprise_change_requests as c')
      .leftJoin('org_units as target', (join) => join.on(sql<boolean>`target.id = (c.changes->>'orgUnitId')::bigint`))
      .select([
        'c.id',
        'c.changes',
        'c.reason',
        'c.status',
        'c.review_reason as reviewReason',
        'c.created_at as createdAt',
        'c.reviewed_at as reviewedAt',
        'target.name as targetOrgUnitName',
      ])
      .where('c.enterprise_id', '=', caller.enterpriseId)
      .orderBy('c.id', 'desc')
      .executeTakeFirst();
  }

  async requestChange(caller: SessionAccount, actor: Actor, input: { name?: string | undefined; orgUnitId?: number | undefined; reason: string }) {
    if (!caller.enterpriseId) throw stateError('企业注册尚未确认');
    if (input.name === undefined && input.orgUnitId === undefined) throw invalid('name', '请填写要变更的企业名称或主管单位');
    if (input.orgUnitId !== undefined) {
      const unit = await this.db.selectFrom('org_units').select('kind').where('id', '=', input.orgUnitId).executeTakeFirst();
      if (!unit || unit.kind === 'province') throw invalid('orgUnitId', '请选择县（市、区）或开发区/园区');
    }
    const enterpriseId = caller.enterpriseId;
    const changes = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.orgUnitId !== undefined ? { orgUnitId: input.orgUnitId } : {}) };
    return this.db.transaction().execute((trx) => fileChangeRequest(trx, caller, actor, enterpriseId, changes, input.reason));
  }

  listChangeRequests(caller: SessionAccount, status: 'pending' | 'confirmed' | 'refused' | undefined) {
    let q = this.db
      .selectFrom('enterprise_change_requests as c')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .leftJoin('org_units as target', (join) => join.on(sql<boolean>`target.id = (c.changes->>'orgUnitId')::bigint`))
      .where(scopeOf(caller).region('e.org_unit_id'))
      .select([
        'c.id',
        'c.enterprise_id as enterpriseId',
        'e.name as enterpriseName',
        'e.uscc',
        'c.changes',
        'c.reason',
        'c.status',
        'c.review_reason as reviewReason',
        'c.created_at as createdAt',
        'target.name as targetOrgUnitName',
      ])
      .orderBy('c.created_at', 'desc')
      .limit(200);
    if (status) q = q.where('c.status', '=', status);
    return q.execute();
  }

  async decideChange(caller: SessionAccount, actor: Actor, id: number, decision: { confirm: true } | { confirm: false; reason: string }) {
    const request = await this.db
      .selectFrom('enterprise_change_requests as c')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .selectAll('c')
      .where('c.id', '=', id)
      .where(scopeOf(caller).region('e.org_unit_id'))
      .executeTakeFirst();
    if (!request) throw notFound('变更申请');
    if (request.status !== 'pending') throw stateError('该申请已处理');
    await this.db.transaction().execute(async (trx) => {
      // decided once: the pending row is claimed by the update itself, so a second reviewer at the same time gets 409
      const claimed = await trx
        .updateTable('enterprise_change_requests')
        .set({
          status: decision.confirm ? 'confirmed' : 'refused',
          review_reason: decision.confirm ? null : decision.reason,
          reviewed_by: caller.accountId,
          reviewed_at: clock.now(),
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) throw stateError('该申请已处理');
      if (decision.confirm) await applyChangeRequest(trx, actor, request.enterprise_id, request.changes);
      await recordAudit(trx, actor, {
        action: decision.confirm ? 'enterprise.change_request.confirm' : 'enterprise.change_request.refuse',
        targetType: 'enterprise',
        targetId: request.enterprise_id,
      });
    });
  }
}

/** Files a change request of the enterprise (one pending at a time: the unique index answers a second one with 409). */
export async function fileChangeRequest(
  trx: Transaction<DB>,
  caller: SessionAccount,
  actor: Actor,
  enterpriseId: number,
  changes: EnterpriseChangeSet,
  reason: string,
) {
  const row = await trx
    .insertInto('enterprise_change_requests')
    .values({ enterprise_id: enterpriseId, requested_by: caller.accountId, changes: JSON.stringify(changes), reason })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, { action: 'enterprise.change_request.submit', targetType: 'enterprise', targetId: enterpriseId, details: { ...changes } });
  return { id: row.id };
}

/**
 * The classification fields (规上 status and year, scale, ownership, industry) an enterprise's own edit asks to
 * change, or undefined when it keeps them. They decide eligibility segments and coverage, so the county confirms them.
 */
export function classificationChanges(
  current: Pick<EnterpriseRow, 'industry_division' | 'scale' | 'ownership' | 'above_scale' | 'above_scale_year'>,
  wanted: Pick<EnterpriseInput, 'industryCode' | 'scale' | 'ownership' | 'aboveScale' | 'aboveScaleYear'>,
): EnterpriseChangeSet | undefined {
  const changes: EnterpriseChangeSet = {};
  if (wanted.industryCode !== current.industry_division) changes.industryCode = wanted.industryCode;
  if (wanted.scale !== current.scale) changes.scale = wanted.scale;
  if (wanted.ownership !== current.ownership) changes.ownership = wanted.ownership;
  if (wanted.aboveScale !== current.above_scale || (wanted.aboveScaleYear ?? null) !== current.above_scale_year) {
    changes.aboveScale = wanted.aboveScale;
    changes.aboveScaleYear = wanted.aboveScaleYear ?? null;
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/** Applies a confirmed change request to the enterprise row, with its history and a new version. */
async function applyChangeRequest(trx: Transaction<DB>, actor: Actor, enterpriseId: number, requested: EnterpriseChangeSet): Promise<void> {
  const before = await trx.selectFrom('enterprises').selectAll().where('id', '=', enterpriseId).forUpdate().executeTakeFirstOrThrow();
  const set: Partial<
    Pick<EnterpriseRow, 'name' | 'org_unit_id' | 'industry_division' | 'industry_section' | 'scale' | 'ownership' | 'above_scale' | 'above_scale_year'>
  > = {};
  if (requested.name !== undefined) set.name = requested.name;
  if (requested.orgUnitId !== undefined) set.org_unit_id = requested.orgUnitId;
  if (requested.industryCode !== undefined) {
    set.industry_division = requested.industryCode;
    set.industry_section = sectionOf(requested.industryCode);
  }
  if (requested.scale !== undefined) set.scale = requested.scale;
  if (requested.ownership !== undefined) set.ownership = requested.ownership;
  if (requested.aboveScale !== undefined) {
    set.above_scale = requested.aboveScale;
    set.above_scale_year = requested.aboveScale ? (requested.aboveScaleYear ?? null) : null;
  }
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [column, value] of Object.entries(set)) {
    const was = before[column as keyof typeof set] ?? null;
    if (was !== value) changes[column] = [was, value];
  }
  await trx
    .updateTable('enterprises')
    .set({ ...set, updated_at: clock.now(), version: sql<number>`version + 1` })
    .where('id', '=', enterpriseId)
    .execute();
  await writeChange(trx, enterpriseId, actor, 'change_request', changes);
  if (set.org_unit_id !== undefined) await relocateEnterprise(trx, enterpriseId, set.org_unit_id);
}
