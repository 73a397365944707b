import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { forbidden, invalid, notFound } from '../../errors';
import { CommunityView, isBureauManager, requireCommunity } from './access';
import { clock } from '../../clock';
import { updateVersioned } from '../../db/versioned';

export interface OrganisationInput {
  kind: 'alliance' | 'club';
  level: 'province' | 'city' | 'industry';
  name: string;
  description?: string | null | undefined;
  orgUnitId: number;
  industrySection?: string | null | undefined;
}

/** Whether the caller may apply to (or accept an invitation to) an organisation: the conditions `apply` enforces. */
export const mayJoin = (caller: SessionAccount, orgStatus: string, myStatus: string | null): boolean =>
  caller.role === 'officer' && orgStatus === 'active' && myStatus !== 'active' && myStatus !== 'applied' && myStatus !== 'removed';

/** Whether the caller may leave an organisation it is a member of (an officer's own membership). */
export const mayLeave = (caller: SessionAccount, myStatus: string | null): boolean => caller.role === 'officer' && myStatus === 'active';

/** 联盟与之家 (alliances and clubs): listed and read by whoever may see them, created and run by bureaus; members: memberships.ts. */
export class OrganisationService {
  constructor(private readonly db: Database) {}

  async list(caller: SessionAccount) {
    requireCommunity(caller);
    const view = await CommunityView.load(this.db, caller);
    const visible = [...view.orgs.values()].filter((o) => view.canSeeOrg(o));
    if (visible.length === 0) return [];
    const rows = await this.db
      .selectFrom('community_organisations as o')
      .innerJoin('org_units as u', 'u.id', 'o.org_unit_id')
      .select([
        'o.id',
        'o.version',
        'o.kind',
        'o.level',
        'o.name',
        'o.description',
        'o.org_unit_id',
        'u.name as unit_name',
        'o.industry_section',
        'o.status',
        'o.created_at',
        (eb) =>
          eb
            .selectFrom('community_members as m')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('m.organisation_id', '=', 'o.id')
            .where('m.status', '=', 'active')
            .where('m.is_admin', '=', false)
            .as('member_count'),
        (eb) =>
          eb
            .selectFrom('community_members as m')
            .select('m.status')
            .whereRef('m.organisation_id', '=', 'o.id')
            .where('m.account_id', '=', caller.accountId)
            .as('my_status'),
      ])
      .where(
        'o.id',
        'in',
        visible.map((o) => o.id),
      )
      .orderBy('o.level')
      .orderBy('o.id')
      .execute();
    return rows.map((r) => {
      const v = view.orgs.get(r.id);
      return {
        id: r.id,
        version: r.version,
        kind: r.kind,
        level: r.level,
        name: r.name,
        description: r.description,
        orgUnitId: r.org_unit_id,
        orgUnitName: r.unit_name,
        industrySection: r.industry_section,
        status: r.status,
        memberCount: Number(r.member_count ?? 0),
        myStatus: r.my_status ?? null,
        canManage: v?.manage ?? false,
        canJoin: mayJoin(caller, r.status, r.my_status ?? null),
        canLeave: mayLeave(caller, r.my_status ?? null),
        bannedUntil: v?.bannedUntil ?? null,
        createdAt: r.created_at,
      };
    });
  }

  async get(caller: SessionAccount, id: number) {
    requireCommunity(caller);
    const view = await CommunityView.load(this.db, caller);
    view.org(id);
    const found = (await this.list(caller)).find((o) => o.id === id);
    if (!found) throw notFound('组织');
    const boards = [...view.boards.values()].filter((b) => b.organisationId === id && b.canRead);
    return { ...found, boards };
  }

  async create(caller: SessionAccount, actor: Actor, input: OrganisationInput) {
    if (!isBureauManager(caller)) throw forbidden('联盟、之家由市场监管部门创建');
    return this.db.transaction().execute(async (trx) => {
      const unit = await trx
        .selectFrom('org_units')
        .select(['id', 'kind'])
        .where('id', '=', input.orgUnitId)
        .where(scopeOf(caller).region('id'))
        .executeTakeFirst();
      if (!unit) throw invalid('orgUnitId', '所属单位不存在或不在管辖范围内');
      if (input.level === 'province' && unit.kind !== 'province') throw invalid('orgUnitId', '省级组织的所属单位应为省局');
      if (input.level === 'city' && unit.kind !== 'city') throw invalid('orgUnitId', '市级组织的所属单位应为设区市');
      if (input.level === 'industry' && !input.industrySection) throw invalid('industrySection', '行业组织须选择行业门类');
      // a taken name is the unique constraint community_organisations_name_key: 409 with the field named
      const row = await trx
        .insertInto('community_organisations')
        .values({
          kind: input.kind,
          level: input.level,
          name: input.name,
          description: input.description ?? null,
          org_unit_id: unit.id,
          industry_section: input.industrySection ?? null,
          created_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'community.organisation.create',
        targetType: 'community_organisation',
        targetId: row.id,
        details: { name: input.name, kind: input.kind, level: input.level },
      });
      return { id: row.id };
    });
  }

  async update(
    caller: SessionAccount,
    actor: Actor,
    id: number,
    input: { name: string; description?: string | null | undefined; status: 'active' | 'closed'; version: number },
  ): Promise<number> {
    const view = await CommunityView.load(this.db, caller);
    view.managedOrg(id);
    return this.db.transaction().execute(async (trx) => {
      const version = await updateVersioned(trx, 'community_organisations', id, input.version, {
        name: input.name,
        description: input.description,
        status: input.status,
        updated_at: clock.now(),
      });
      await recordAudit(trx, actor, {
        action: 'community.organisation.update',
        targetType: 'community_organisation',
        targetId: id,
        details: { name: input.name, status: input.status },
      });
      return version;
    });
  }

  /** Binds an alliance_admin account (in the bureau's region) to the organisation as its admin. */
  async addAdmin(caller: SessionAccount, actor: Actor, id: number, username: string) {
    const view = await CommunityView.load(this.db, caller);
    view.managedOrg(id);
    if (!isBureauManager(caller)) throw forbidden('联盟管理员由主管局指定');
    await this.db.transaction().execute(async (trx) => {
      const account = await trx
        .selectFrom('accounts')
        .select(['id', 'role'])
        .where('username', '=', username)
        .where('status', '=', 'active')
        .where(scopeOf(caller).region('org_unit_id'))
        .executeTakeFirst();
      if (account?.role !== 'alliance_admin') throw invalid('username', '未找到管辖范围内的联盟管理员账户');
      await trx
        .insertInto('community_members')
        .values({
          organisation_id: id,
          account_id: account.id,
          is_admin: true,
          role: 'secretariat',
          status: 'active',
          decided_by: caller.accountId,
          decided_at: clock.now(),
        })
        .onConflict((oc) => oc.columns(['organisation_id', 'account_id']).doUpdateSet({ is_admin: true, status: 'active', updated_at: clock.now() }))
        .execute();
      await recordAudit(trx, actor, { action: 'community.organisation.admin', targetType: 'community_organisation', targetId: id, details: { username } });
    });
  }
}
