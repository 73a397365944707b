import { hasPermission, ROLE_LABELS, type Role } from '../../../domain/permissions';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { revokeAllSessions, type SessionAccount } from '../../auth/session-store';
import { hashPassword } from '../../crypto/index';
import type { Database } from '../../db/database';
import { conflict, forbidden, notFound, stateError } from '../../errors';
import { clock } from '../../clock';
import { Notifier } from '../notifications/notifier';
import { temporaryPassword } from './service';

export type ResetKind = 'password' | 'totp';
const KIND_LABEL: Record<ResetKind, string> = { password: '密码', totp: '动态验证码' };

/**
 * Dual control (双人控制) of password and TOTP resets of bureau, enterprise and officer accounts: the
 * administrator who manages the account asks, the security administrator approves, and only then the reset
 * happens; the account's owner is told in the system. Neither administrator can take over an account alone.
 */
export class ResetApprovalService {
  constructor(
    private readonly db: Database,
    private readonly notifier = new Notifier(),
  ) {}

  /** Records the request (one pending per account and kind: the partial unique index answers 409). */
  async request(
    caller: SessionAccount,
    actor: Actor,
    account: { id: number; username: string; role: string },
    kind: ResetKind,
  ): Promise<{ requestId: number }> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('account_reset_requests')
        .values({ account_id: account.id, kind, requested_by: caller.accountId })
        .onConflict((oc) => oc.columns(['account_id', 'kind']).where('status', '=', 'pending').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw conflict(`该账户已有待批准的${KIND_LABEL[kind]}重置申请`);
      await recordAudit(trx, actor, { action: `account.${kind}.reset.request`, targetType: 'account', targetId: account.id, details: { requestId: row.id } });
      const approvers = await trx.selectFrom('accounts').select('id').where('role', '=', 'security_admin').where('status', '=', 'active').execute();
      await this.notifier.notify(
        trx,
        approvers.map((a) => a.id),
        {
          kind: 'account.reset.requested',
          title: `${KIND_LABEL[kind]}重置待批准`,
          body: `${caller.displayName}申请重置${ROLE_LABELS[account.role as Role]}账户 ${account.username} 的${KIND_LABEL[kind]}，请核实后批准或驳回。`,
          link: '/account-reset-requests',
        },
      );
      return { requestId: row.id };
    });
  }

  /**
   * The security administrator sees every request and decides the pending ones; an administrator who manages
   * accounts sees the requests it made (to follow them), deciding none.
   */
  async list(caller: SessionAccount, status: 'pending' | 'approved' | 'rejected' | undefined) {
    const approver = hasPermission(caller.role, 'accounts:approve_reset');
    if (!approver && !hasPermission(caller.role, 'accounts:manage')) throw forbidden();
    let q = this.db
      .selectFrom('account_reset_requests as r')
      .innerJoin('accounts as a', 'a.id', 'r.account_id')
      .innerJoin('accounts as q', 'q.id', 'r.requested_by')
      .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
      .select([
        'r.id',
        'r.kind',
        'r.status',
        'r.requested_at as requestedAt',
        'r.decided_at as decidedAt',
        'r.reason',
        'a.id as accountId',
        'a.username',
        'a.display_name as displayName',
        'a.role',
        'o.name as orgUnitName',
        'q.username as requestedBy',
        'q.display_name as requestedByName',
      ])
      .orderBy('r.id', 'desc')
      .limit(200);
    if (status) q = q.where('r.status', '=', status);
    if (!approver) q = q.where('r.requested_by', '=', caller.accountId);
    const rows = await q.execute();
    return rows.map((r) => ({ ...r, role: r.role as Role, canDecide: approver && r.status === 'pending' }));
  }

  /** Approves and performs the reset; a password reset returns the one-time password to hand over. */
  async approve(caller: SessionAccount, actor: Actor, id: number): Promise<{ kind: ResetKind; temporaryPassword?: string }> {
    const pending = await this.db.selectFrom('account_reset_requests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!pending) throw notFound('重置申请');
    const password = pending.kind === 'password' ? temporaryPassword() : undefined;
    const hash = password ? await hashPassword(password) : undefined;
    await this.db.transaction().execute(async (trx) => {
      const decided = await trx
        .updateTable('account_reset_requests')
        .set({ status: 'approved', decided_by: caller.accountId, decided_at: clock.now() })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(decided.numUpdatedRows) === 0) throw stateError('该申请已处理');
      const now = clock.now();
      if (hash) {
        await trx
          .updateTable('accounts')
          .set({ password_hash: hash, must_change_password: true, password_changed_at: now, locked_until: null, failed_attempts: 0, updated_at: now })
          .where('id', '=', pending.account_id)
          .execute();
      } else {
        await trx
          .updateTable('accounts')
          .set({ totp_secret: null, totp_enabled: false, totp_last_step: null, updated_at: now })
          .where('id', '=', pending.account_id)
          .execute();
      }
      await revokeAllSessions(trx, pending.account_id);
      await recordAudit(trx, actor, {
        action: `account.${pending.kind}.reset`,
        targetType: 'account',
        targetId: pending.account_id,
        details: { requestId: id, requestedBy: pending.requested_by },
      });
      await this.notifier.notify(trx, [pending.account_id], {
        kind: 'account.reset.done',
        title: `您的${KIND_LABEL[pending.kind]}已被重置`,
        body: `管理员申请、安全管理员批准，已重置您账户的${KIND_LABEL[pending.kind]}（${now.toISOString().slice(0, 16).replace('T', ' ')} UTC）。如非本人要求，请立即联系主管局。`,
        link: '/account',
      });
      await this.notifier.notify(trx, [pending.requested_by], {
        kind: 'account.reset.approved',
        title: `${KIND_LABEL[pending.kind]}重置已批准`,
        body: `重置申请 #${id} 已由安全管理员批准并执行。`,
        link: '/accounts/reset-requests',
      });
    });
    return { kind: pending.kind, ...(password ? { temporaryPassword: password } : {}) };
  }

  async reject(caller: SessionAccount, actor: Actor, id: number, reason: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('account_reset_requests')
        .set({ status: 'rejected', reason, decided_by: caller.accountId, decided_at: clock.now() })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returning(['account_id', 'kind', 'requested_by'])
        .executeTakeFirst();
      if (!row) {
        const exists = await trx.selectFrom('account_reset_requests').select('id').where('id', '=', id).executeTakeFirst();
        throw exists ? stateError('该申请已处理') : notFound('重置申请');
      }
      await recordAudit(trx, actor, {
        action: `account.${row.kind}.reset.reject`,
        targetType: 'account',
        targetId: row.account_id,
        details: { requestId: id, reason },
      });
      await this.notifier.notify(trx, [row.requested_by], {
        kind: 'account.reset.rejected',
        title: `${KIND_LABEL[row.kind]}重置被驳回`,
        body: `重置申请 #${id} 被安全管理员驳回：${reason}`,
        link: '/accounts/reset-requests',
      });
    });
  }
}
