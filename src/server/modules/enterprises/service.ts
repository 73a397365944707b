import type { Kysely, Transaction } from 'kysely';
import { INDUSTRY_DIVISIONS, reviewFlagsFor, type EnterpriseSource } from '../../../domain/enterprise';
import type { EnterpriseInput } from '../../../domain/enterprise-input';
import { parseUscc } from '../../../domain/uscc';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf, type RegionCaller } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB, EnterpriseRow } from '../../db/types';
import { AppError, invalid, notFound, versionConflict } from '../../errors';
import { updateVersioned } from '../../db/versioned';
import { enterpriseHistory, findEnterpriseInScope, listEnterprises, type EnterpriseFilter, type EnterpriseSort } from './repository';
import { clock } from '../../clock';

/** The fields compared for history and for idempotent upserts, with their column names. */
export const TRACKED_FIELDS = [
  ['name', 'name'],
  ['org_unit_id', 'orgUnitId'],
  ['address', 'address'],
  ['legal_representative', 'legalRepresentative'],
  ['contact_person', 'contactPerson'],
  ['contact_phone', 'contactPhone'],
  ['industry_division', 'industryCode'],
  ['scale', 'scale'],
  ['ownership', 'ownership'],
  ['above_scale', 'aboveScale'],
  ['above_scale_year', 'aboveScaleYear'],
  ['status', 'status'],
] as const;

export type EnterpriseValues = Pick<
  EnterpriseRow,
  | 'uscc'
  | 'name'
  | 'org_unit_id'
  | 'address'
  | 'legal_representative'
  | 'contact_person'
  | 'contact_phone'
  | 'industry_section'
  | 'industry_division'
  | 'scale'
  | 'ownership'
  | 'above_scale'
  | 'above_scale_year'
  | 'status'
  | 'review_flags'
>;

/** Column values of a validated input for a resolved unit, with the review flags it earns. */
export function toValues(input: EnterpriseInput, unit: { id: number; path: string }, section: string): EnterpriseValues {
  const parsed = parseUscc(input.uscc);
  const flags = parsed.ok ? reviewFlagsFor(parsed.value.regionCode, unit.path) : [];
  return {
    uscc: input.uscc,
    name: input.name,
    org_unit_id: unit.id,
    address: input.address,
    legal_representative: input.legalRepresentative,
    contact_person: input.contactPerson,
    contact_phone: input.contactPhone,
    industry_section: section,
    industry_division: input.industryCode,
    scale: input.scale,
    ownership: input.ownership,
    above_scale: input.aboveScale,
    above_scale_year: input.aboveScaleYear ?? null,
    status: input.status,
    review_flags: flags,
  };
}

/** Field-by-field differences, as { field: [before, after] }. */
export function diff(before: Partial<EnterpriseValues>, after: EnterpriseValues): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [column] of TRACKED_FIELDS) {
    const a = before[column] ?? null;
    const b = after[column] ?? null;
    if (a !== b) changes[column] = [a, b];
  }
  return changes;
}

/** The unit an enterprise belongs to: a city, county or zone inside the caller's scope, by code. */
export async function resolveUnitByCode(db: Kysely<DB>, caller: RegionCaller, code: string) {
  const unit = await db
    .selectFrom('org_units')
    .select(['id', 'code', 'name', 'kind', 'path'])
    .where('code', '=', code.trim())
    .where(scopeOf(caller).subtree('path'))
    .executeTakeFirst();
  if (!unit) return { error: `所属单位代码“${code}”不存在或不在您的管辖范围内` } as const;
  if (unit.kind === 'province') return { error: '企业应归属到设区市、县（市、区）或开发区/园区' } as const;
  return { unit } as const;
}

export class EnterpriseService {
  constructor(private readonly db: Database) {}

  list(caller: SessionAccount, filter: EnterpriseFilter, page: number, pageSize: number, sort?: EnterpriseSort, order?: 'asc' | 'desc') {
    return listEnterprises(this.db, caller, filter, page, pageSize, sort, order);
  }

  async get(caller: SessionAccount, id: number) {
    const row = await findEnterpriseInScope(this.db, caller, id);
    if (!row) throw notFound('企业');
    return row;
  }

  /** 核实: the bureau clears the enterprise's review flags (acknowledgeFlags) and gets the record back. */
  async checkFlags(caller: SessionAccount, actor: Actor, id: number) {
    await acknowledgeFlags(this.db, caller, actor, id);
    return this.get(caller, id);
  }

  async history(caller: SessionAccount, id: number) {
    await this.get(caller, id);
    return enterpriseHistory(this.db, id);
  }

  private async unitFor(caller: SessionAccount, code: string) {
    const r = await resolveUnitByCode(this.db, caller, code);
    if ('error' in r) throw invalid('orgUnitCode', r.error ?? '所属单位无效');
    return r.unit;
  }

  async create(caller: SessionAccount, actor: Actor, input: EnterpriseInput, source: EnterpriseSource = 'entered') {
    const unit = await this.unitFor(caller, input.orgUnitCode);
    const values = toValues(input, unit, sectionOf(input.industryCode));
    const id = await this.db.transaction().execute(async (trx) => {
      // a USCC already in the roster is the unique constraint enterprises_uscc_key: 409 with the field named
      const row = await trx
        .insertInto('enterprises')
        .values({ ...values, source, created_by: caller.accountId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeChange(trx, row.id, actor, 'create', diff({}, values));
      await recordAudit(trx, actor, {
        action: 'enterprise.create',
        targetType: 'enterprise',
        targetId: row.id,
        details: { uscc: values.uscc, flags: values.review_flags },
      });
      return row.id;
    });
    return this.get(caller, id);
  }

  /**
   * Edits an enterprise if it still has the version the editor loaded (`UPDATE … WHERE version = $n`, else 409
   * VERSION_CONFLICT). `alsoInTransaction` runs in the same transaction (the enterprise's own edit files its change
   * request there), so both happen or neither.
   */
  async update(
    caller: SessionAccount,
    actor: Actor,
    id: number,
    input: EnterpriseInput,
    expectedVersion: number,
    alsoInTransaction?: (trx: Transaction<DB>) => Promise<void>,
  ) {
    const current = await this.get(caller, id);
    if (input.uscc !== current.uscc) throw invalid('uscc', '统一社会信用代码不可修改；如登记有误，请注销该记录后重新录入');
    const unit = await this.unitFor(caller, input.orgUnitCode);
    const computed = toValues(input, unit, sectionOf(input.industryCode));
    // flags a bureau already checked stay quiet while the enterprise keeps the same responsible unit
    const checked = await this.db.selectFrom('enterprises').select('flags_checked_unit_path').where('id', '=', id).executeTakeFirstOrThrow();
    const values = checked.flags_checked_unit_path === unit.path ? { ...computed, review_flags: [] } : computed;
    const changes = diff(current, values);
    if (Object.keys(changes).length === 0 && !alsoInTransaction) {
      if (current.version !== expectedVersion) throw versionConflict(current.version);
      return current;
    }
    await this.db.transaction().execute(async (trx) => {
      // the diff was taken from the row at `current.version`; the update holds only if that is still the stored one
      if (current.version !== expectedVersion) throw versionConflict(current.version);
      if (Object.keys(changes).length > 0) {
        await updateVersioned(trx, 'enterprises', id, expectedVersion, { ...values, updated_at: clock.now() });
        await writeChange(trx, id, actor, 'update', changes);
        if (changes.org_unit_id) await relocateEnterprise(trx, id, values.org_unit_id);
        await recordAudit(trx, actor, { action: 'enterprise.update', targetType: 'enterprise', targetId: id, details: { fields: Object.keys(changes) } });
      }
      await alsoInTransaction?.(trx);
    });
    return this.get(caller, id);
  }
}

/**
 * An enterprise moved to another responsible unit: its accounts and its open or active filings move with it, so
 * reviews, reminders and scope follow the enterprise. Ended filings stay with the bureau that decided them.
 */
export async function relocateEnterprise(trx: Kysely<DB>, enterpriseId: number, orgUnitId: number): Promise<void> {
  await trx.updateTable('accounts').set({ org_unit_id: orgUnitId }).where('enterprise_id', '=', enterpriseId).where('role', '=', 'enterprise').execute();
  await trx
    .updateTable('filings')
    .set({ org_unit_id: orgUnitId })
    .where('enterprise_id', '=', enterpriseId)
    .where('status', 'in', ['draft', 'submitted', 'returned', 'active'])
    .execute();
}

/** The 门类 of a 大类 (the input schema has already checked the code exists). */
/** Marks the review flags as checked by the bureau (the USCC's region is explained, e.g. the enterprise moved). */
export async function acknowledgeFlags(db: Database, caller: SessionAccount, actor: Actor, id: number): Promise<void> {
  const current = await findEnterpriseInScope(db, caller, id);
  if (!current) throw notFound('企业');
  if (current.review_flags.length === 0) throw new AppError(409, 'STATE', '该企业没有待核实事项');
  await db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('org_units').select('path').where('id', '=', current.org_unit_id).executeTakeFirstOrThrow();
    await trx
      .updateTable('enterprises')
      .set({ review_flags: [], flags_checked_unit_path: unit.path, flags_checked_by: caller.accountId, flags_checked_at: clock.now() })
      .where('id', '=', id)
      .execute();
    await writeChange(trx, id, actor, 'review', { review_flags: [current.review_flags, []] });
    await recordAudit(trx, actor, { action: 'enterprise.flags.check', targetType: 'enterprise', targetId: id, details: { flags: current.review_flags } });
  });
}

export const sectionOf = (divisionCode: string): string => INDUSTRY_DIVISIONS.get(divisionCode)?.section ?? '';

export async function writeChange(
  trx: Transaction<DB> | Kysely<DB>,
  enterpriseId: number,
  actor: Actor,
  kind: string,
  changes: Record<string, unknown>,
): Promise<void> {
  await trx
    .insertInto('enterprise_changes')
    .values({ enterprise_id: enterpriseId, actor_account_id: actor.accountId, actor_username: actor.username, kind, changes: JSON.stringify(changes) })
    .execute();
}
