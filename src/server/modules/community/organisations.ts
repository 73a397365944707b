import { sql, type Kysely } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { forbidden, invalid, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { CommunityView, isBureauManager, realNames, requireCommunity, type MemberRole } from './access';
import { clock } from '../../clock';
import { updateVersioned } from '../../db/versioned';
import { notifyNaming } from './name-mask';
import { assertMaySeeNames } from '../identity/links';

export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = { president: '会长', vice_president: '副会长', secretariat: '秘书处', member: '成员' };
export const MEMBER_STATUS_LABELS = {
  applied: '申请中',
  invited: '已邀请',
  active: '正式成员',
  rejected: '未通过',
  left: '已退出',
  removed: '已移出',
} as const;

export interface OrganisationInput {
  kind: 'alliance' | 'club';
  level: 'province' | 'city' | 'industry';
  name: string;
  description?: string | null | undefined;
  orgUnitId: number;
  industrySection?: string | null | undefined;
}

export interface MemberRow {
  id: number;
  accountId: number;
  name: string;
  enterpriseName: string | null;
  role: MemberRole;
  isAdmin: boolean;
  status: keyof typeof MEMBER_STATUS_LABELS;
  message: string | null;
  bannedUntil: Date | null;
  banReason: string | null;
  createdAt: Date;
}

/** Whether the caller may apply to (or accept an invitation to) an organisation: the conditions `apply` enforces. */
export const mayJoin = (caller: SessionAccount, orgStatus: string, myStatus: string | null): boolean =>
  caller.role === 'officer' && orgStatus === 'active' && myStatus !== 'active' && myStatus !== 'applied' && myStatus !== 'removed';

/** Whether the caller may leave an organisation it is a member of (an officer's own membership). */
export const mayLeave = (caller: SessionAccount, myStatus: string | null): boolean => caller.role === 'officer' && myStatus === 'active';

export class OrganisationService {
  private readonly notifier = new Notifier();
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

  /** An officer applies to join; the organisation's admins are told. */
  async apply(caller: SessionAccount, actor: Actor, id: number, message: string | null) {
    // the same conditions as mayJoin (the organisation list's canJoin), each with its own message
    if (caller.role !== 'officer') throw forbidden('仅首席质量官可申请加入');
    const view = await CommunityView.load(this.db, caller);
    const org = view.org(id);
    if (org.status !== 'active') throw stateError('该组织已停止活动');
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('community_members')
        .select(['id', 'status'])
        .where('organisation_id', '=', id)
        .where('account_id', '=', caller.accountId)
        .forUpdate()
        .executeTakeFirst();
      if (existing?.status === 'active') throw stateError('您已是该组织成员');
      if (existing?.status === 'applied') throw stateError('已提交申请，请等待审核');
      if (existing?.status === 'removed') throw stateError('您已被移出该组织，请联系组织管理员');
      let memberId: number;
      if (existing?.status === 'invited') {
        // accepting an invitation: the admin already agreed
        await trx.updateTable('community_members').set({ status: 'active', updated_at: clock.now() }).where('id', '=', existing.id).execute();
        memberId = existing.id;
      } else if (existing) {
        await trx
          .updateTable('community_members')
          .set({ status: 'applied', message, role: 'member', decided_by: null, decided_at: null, updated_at: clock.now() })
          .where('id', '=', existing.id)
          .execute();
        memberId = existing.id;
      } else {
        memberId = (
          await trx
            .insertInto('community_members')
            .values({ organisation_id: id, account_id: caller.accountId, status: 'applied', message })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
      const joined = existing?.status === 'invited';
      await recordAudit(trx, actor, {
        action: joined ? 'community.member.accept' : 'community.member.apply',
        targetType: 'community_organisation',
        targetId: id,
        details: { memberId },
      });
      if (!joined) {
        const names = await realNames(trx, [caller.accountId]);
        await notifyNaming(trx, this.notifier, await adminsOf(trx, id), names.get(caller.accountId)?.name ?? caller.displayName, (name) => ({
          kind: 'community.member.apply',
          title: `${name} 申请加入${org.name}`,
          body: message ?? '请在成员管理中审核。',
          link: `/community/organisations/${id}`,
        }));
      }
      return { status: joined ? ('active' as const) : ('applied' as const) };
    });
  }

  async leave(caller: SessionAccount, actor: Actor, id: number) {
    const view = await CommunityView.load(this.db, caller);
    view.org(id);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('community_members')
        .set({ status: 'left', updated_at: clock.now() })
        .where('organisation_id', '=', id)
        .where('account_id', '=', caller.accountId)
        .where('status', 'in', ['active', 'applied', 'invited'])
        .where('is_admin', '=', false)
        .returning('id')
        .executeTakeFirst();
      if (!row) throw stateError('您不是该组织成员');
      await recordAudit(trx, actor, { action: 'community.member.leave', targetType: 'community_organisation', targetId: id, details: { memberId: row.id } });
    });
  }

  /** The admin invites an officer by username; the officer accepts by joining. */
  async invite(caller: SessionAccount, actor: Actor, id: number, username: string) {
    const view = await CommunityView.load(this.db, caller);
    const org = view.managedOrg(id);
    await this.db.transaction().execute(async (trx) => {
      const account = await trx
        .selectFrom('accounts')
        .select(['id', 'role'])
        .where('username', '=', username)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (account?.role !== 'officer') throw invalid('username', '未找到该首席质量官账户');
      const existing = await trx
        .selectFrom('community_members')
        .select(['id', 'status'])
        .where('organisation_id', '=', id)
        .where('account_id', '=', account.id)
        .forUpdate()
        .executeTakeFirst();
      if (existing?.status === 'active') throw stateError('该首席质量官已是成员');
      if (existing?.status === 'applied') {
        throw stateError('该首席质量官已申请加入，请直接审核其申请');
      }
      if (existing)
        await trx
          .updateTable('community_members')
          .set({ status: 'invited', decided_by: caller.accountId, decided_at: clock.now(), updated_at: clock.now() })
          .where('id', '=', existing.id)
          .execute();
      else
        await trx
          .insertInto('community_members')
          .values({ organisation_id: id, account_id: account.id, status: 'invited', decided_by: caller.accountId, decided_at: clock.now() })
          .execute();
      await recordAudit(trx, actor, { action: 'community.member.invite', targetType: 'community_organisation', targetId: id, details: { username } });
      await this.notifier.notify(trx, [account.id], {
        kind: 'community.member.invite',
        title: `${org.name}邀请您加入`,
        body: '打开组织页面即可接受邀请。',
        link: `/community/organisations/${id}`,
      });
    });
  }

  /** The member list for reading: real names, so not for an account whose identity is not confirmed. */
  async namedMembers(caller: SessionAccount, id: number): Promise<MemberRow[]> {
    await assertMaySeeNames(this.db, caller);
    return this.members(caller, id);
  }

  /** The member list for the Excel export of an organisation the caller manages, with its name. */
  async membersExport(caller: SessionAccount, id: number): Promise<{ orgName: string; members: MemberRow[] }> {
    const members = await this.members(caller, id);
    const view = await CommunityView.load(this.db, caller);
    view.managedOrg(id);
    return { orgName: view.org(id).name, members };
  }

  async members(caller: SessionAccount, id: number): Promise<MemberRow[]> {
    const view = await CommunityView.load(this.db, caller);
    const org = view.org(id);
    if (!org.manage && !org.member) throw forbidden('仅成员可查看成员名单');
    let q = this.db
      .selectFrom('community_members')
      .select(['id', 'account_id', 'role', 'is_admin', 'status', 'message', 'banned_until', 'ban_reason', 'created_at'])
      .where('organisation_id', '=', id)
      .orderBy('is_admin', 'desc')
      .orderBy(sql`case role when 'president' then 0 when 'vice_president' then 1 when 'secretariat' then 2 else 3 end`)
      .orderBy('id');
    q = org.manage ? q.where('status', 'in', ['active', 'applied', 'invited']) : q.where('status', '=', 'active');
    const rows = await q.execute();
    const names = await realNames(
      this.db,
      rows.map((r) => r.account_id),
    );
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      name: names.get(r.account_id)?.name ?? '',
      enterpriseName: names.get(r.account_id)?.org ?? null,
      role: r.role,
      isAdmin: r.is_admin,
      status: r.status,
      message: org.manage ? r.message : null,
      bannedUntil: r.banned_until && r.banned_until.getTime() > clock.nowMs() ? r.banned_until : null,
      banReason: org.manage ? r.ban_reason : null,
      createdAt: r.created_at,
    }));
  }

  private async memberOf(trx: Kysely<DB>, organisationId: number, memberId: number) {
    const m = await trx
      .selectFrom('community_members')
      .selectAll()
      .where('id', '=', memberId)
      .where('organisation_id', '=', organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!m) throw notFound('成员');
    return m;
  }

  async decide(caller: SessionAccount, actor: Actor, id: number, memberId: number, approve: boolean) {
    const view = await CommunityView.load(this.db, caller);
    const org = view.managedOrg(id);
    await this.db.transaction().execute(async (trx) => {
      const m = await this.memberOf(trx, id, memberId);
      if (m.status !== 'applied') throw stateError('该申请已处理');
      await trx
        .updateTable('community_members')
        .set({ status: approve ? 'active' : 'rejected', decided_by: caller.accountId, decided_at: clock.now(), updated_at: clock.now() })
        .where('id', '=', memberId)
        .execute();
      await recordAudit(trx, actor, {
        action: approve ? 'community.member.approve' : 'community.member.reject',
        targetType: 'community_organisation',
        targetId: id,
        details: { memberId, accountId: m.account_id },
      });
      await this.notifier.notify(trx, [m.account_id], {
        kind: 'community.member.decision',
        title: approve ? `您已加入${org.name}` : `${org.name}未通过您的入会申请`,
        body: approve ? '现在可以在组织的版块中发帖交流。' : '如有疑问请联系组织管理员。',
        link: `/community/organisations/${id}`,
      });
    });
  }

  async setRole(caller: SessionAccount, actor: Actor, id: number, memberId: number, role: MemberRole) {
    const view = await CommunityView.load(this.db, caller);
    view.managedOrg(id);
    await this.db.transaction().execute(async (trx) => {
      const m = await this.memberOf(trx, id, memberId);
      if (m.status !== 'active' || m.is_admin) throw stateError('只能为正式成员设置职务');
      await trx.updateTable('community_members').set({ role, updated_at: clock.now() }).where('id', '=', memberId).execute();
      await recordAudit(trx, actor, { action: 'community.member.role', targetType: 'community_organisation', targetId: id, details: { memberId, role } });
    });
  }

  async remove(caller: SessionAccount, actor: Actor, id: number, memberId: number) {
    const view = await CommunityView.load(this.db, caller);
    view.managedOrg(id);
    await this.db.transaction().execute(async (trx) => {
      const m = await this.memberOf(trx, id, memberId);
      if (m.is_admin && !isBureauManager(caller)) throw forbidden('联盟管理员由主管局调整');
      if (!['active', 'applied', 'invited'].includes(m.status)) throw stateError('该成员已不在组织中');
      await trx.updateTable('community_members').set({ status: 'removed', is_admin: false, updated_at: clock.now() }).where('id', '=', memberId).execute();
      await recordAudit(trx, actor, {
        action: 'community.member.remove',
        targetType: 'community_organisation',
        targetId: id,
        details: { memberId, accountId: m.account_id },
      });
    });
  }

  /** Bans a member from posting in the organisation's boards for `days` days (0 lifts the ban). */
  async ban(caller: SessionAccount, actor: Actor, id: number, memberId: number, days: number, reason: string | null) {
    const view = await CommunityView.load(this.db, caller);
    const org = view.managedOrg(id);
    await this.db.transaction().execute(async (trx) => {
      const m = await this.memberOf(trx, id, memberId);
      if (m.status !== 'active' || m.is_admin) throw stateError('只能对正式成员禁言');
      const until = days > 0 ? new Date(clock.nowMs() + days * 86_400_000) : null;
      await trx
        .updateTable('community_members')
        .set({ banned_until: until, ban_reason: days > 0 ? reason : null, updated_at: clock.now() })
        .where('id', '=', memberId)
        .execute();
      await recordAudit(trx, actor, {
        action: days > 0 ? 'community.member.ban' : 'community.member.unban',
        targetType: 'community_organisation',
        targetId: id,
        details: { memberId, accountId: m.account_id, days, reason },
      });
      await this.notifier.notify(trx, [m.account_id], {
        kind: 'community.member.ban',
        title: days > 0 ? `您在${org.name}被禁言 ${days} 天` : `您在${org.name}的禁言已解除`,
        body: days > 0 ? `理由：${reason ?? '违反交流规范'}` : '可以继续发帖交流。',
        link: `/community/organisations/${id}`,
      });
    });
  }
}

export async function adminsOf(db: Kysely<DB>, organisationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('community_members')
    .select('account_id')
    .where('organisation_id', '=', organisationId)
    .where('is_admin', '=', true)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.account_id);
}
