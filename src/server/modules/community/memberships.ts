import { sql, type Kysely } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { forbidden, invalid, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { CommunityView, isBureauManager, realNames, type MemberRole } from './access';
import { clock } from '../../clock';
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

/**
 * Membership of a 联盟/之家: officers apply, accept invitations and leave; the organisation's admins invite, decide
 * applications, set roles, remove and ban; the member list for members and for the export.
 */
export class MembershipService {
  private readonly notifier = new Notifier();
  constructor(private readonly db: Database) {}

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
