import { sql } from 'kysely';
import crypto from 'node:crypto';
import { phoneProblem } from '../../../domain/phone';
import { DUAL_CONTROL_ROLES, GRANTABLE_ROLES, ROLE_LABELS, ROLE_ORG_UNIT_KINDS, type Role } from '../../../domain/permissions';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { revokeAllSessions, type SessionAccount } from '../../auth/session-store';
import { hashPassword } from '../../crypto/index';
import type { Database } from '../../db/database';
import { AppError, conflict, forbidden, invalid, notFound } from '../../errors';
import { findOrgUnitInScope } from '../regions/repository';
import { findAccountInScope, listAccounts, type AccountFilter } from './repository';
import { ResetApprovalService } from './reset-approval';
import { clock } from '../../clock';

export interface CreateAccountInput {
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: number;
  phone?: string | undefined;
  /** Departments only: the GB/T 4754 sections they follow (none given: all). */
  industrySections?: string[] | undefined;
}

export interface UpdateAccountInput {
  displayName?: string | undefined;
  phone?: string | null | undefined;
  orgUnitId?: number | undefined;
  industrySections?: string[] | null | undefined;
}

function industryScopeFor(role: Role, sections: string[] | null | undefined): string[] | null {
  if (sections === undefined || sections === null || sections.length === 0) return null;
  if (role !== 'department') throw invalid('industrySections', '只有行业主管部门账户可以限定行业');
  return [...new Set(sections)].sort();
}

/** A one-time password that meets every policy: 4 classes, 14 characters, no look-alike characters. */
export function temporaryPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=!?'];
  const all = sets.join('');
  const chars = sets.map((s) => s[crypto.randomInt(s.length)] ?? 'A');
  while (chars.length < 14) chars.push(all[crypto.randomInt(all.length)] ?? 'a');
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

type Managed = NonNullable<Awaited<ReturnType<typeof findAccountInScope>>>;

export class AccountService {
  private readonly approvals: ResetApprovalService;
  constructor(private readonly db: Database) {
    this.approvals = new ResetApprovalService(db);
  }

  list(caller: SessionAccount, filter: AccountFilter, page: number, pageSize: number) {
    return listAccounts(this.db, caller, filter, page, pageSize);
  }

  async get(caller: SessionAccount, id: number): Promise<Managed> {
    const account = await findAccountInScope(this.db, caller, id);
    if (!account) throw notFound('账户');
    return account;
  }

  /** Loads an account the caller may change: in scope, not the caller, and of a role the caller may grant. */
  private async manageable(caller: SessionAccount, id: number): Promise<Managed> {
    const account = await this.get(caller, id);
    if (account.id === caller.accountId) throw forbidden('不能对本人账户执行此操作，请在“账户设置”中修改');
    if (!GRANTABLE_ROLES[caller.role].includes(account.role as Role)) {
      throw forbidden(`无权管理“${ROLE_LABELS[account.role as Role]}”账户`);
    }
    return account;
  }

  private async checkOrgUnit(caller: SessionAccount, role: Role, orgUnitId: number) {
    const unit = await findOrgUnitInScope(this.db, caller, orgUnitId);
    if (!unit) throw invalid('orgUnitId', '所属单位不存在或不在您的管辖范围内');
    if (!ROLE_ORG_UNIT_KINDS[role].includes(unit.kind)) {
      throw invalid('orgUnitId', `“${ROLE_LABELS[role]}”账户不能设在${unit.name}这一级`);
    }
    return unit;
  }

  async create(caller: SessionAccount, actor: Actor, input: CreateAccountInput): Promise<{ account: Managed; temporaryPassword: string }> {
    if (!GRANTABLE_ROLES[caller.role].includes(input.role)) throw forbidden(`无权创建“${ROLE_LABELS[input.role]}”账户`);
    if (input.phone) {
      const problem = phoneProblem(input.phone);
      if (problem) throw invalid('phone', problem);
    }
    await this.checkOrgUnit(caller, input.role, input.orgUnitId);
    const password = temporaryPassword();
    const hash = await hashPassword(password);
    const id = await this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('accounts')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
        .executeTakeFirst();
      if (taken) throw conflict('用户名已被使用', [{ path: 'username', message: '用户名已被使用' }]);
      const row = await trx
        .insertInto('accounts')
        .values({
          username: input.username,
          display_name: input.displayName,
          role: input.role,
          org_unit_id: input.orgUnitId,
          phone: input.phone ?? null,
          industry_scope: industryScopeFor(input.role, input.industrySections),
          password_hash: hash,
          must_change_password: true,
          created_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'account.create',
        targetType: 'account',
        targetId: row.id,
        details: { username: input.username, role: input.role, orgUnitId: input.orgUnitId },
      });
      return row.id;
    });
    return { account: await this.get(caller, id), temporaryPassword: password };
  }

  async update(caller: SessionAccount, actor: Actor, id: number, input: UpdateAccountInput): Promise<Managed> {
    const account = await this.manageable(caller, id);
    if (input.phone) {
      const problem = phoneProblem(input.phone);
      if (problem) throw invalid('phone', problem);
    }
    if (input.orgUnitId !== undefined) await this.checkOrgUnit(caller, account.role as Role, input.orgUnitId);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({
          ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
          // the holder's contact page checks contact_version: an administrator's change of the phone moves it too
          ...(input.phone !== undefined ? { phone: input.phone, contact_version: sql<number>`contact_version + 1` } : {}),
          ...(input.orgUnitId !== undefined ? { org_unit_id: input.orgUnitId } : {}),
          ...(input.industrySections !== undefined ? { industry_scope: industryScopeFor(account.role as Role, input.industrySections) } : {}),
          updated_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, { action: 'account.update', targetType: 'account', targetId: id, details: { ...input } });
    });
    return this.get(caller, id);
  }

  async setStatus(caller: SessionAccount, actor: Actor, id: number, status: 'active' | 'disabled'): Promise<Managed> {
    const account = await this.manageable(caller, id);
    if (account.status === status) throw new AppError(409, 'STATE', status === 'disabled' ? '账户已是停用状态' : '账户已是启用状态');
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('accounts').set({ status, updated_at: clock.now() }).where('id', '=', id).execute();
      if (status === 'disabled') await revokeAllSessions(trx, id);
      await recordAudit(trx, actor, { action: status === 'disabled' ? 'account.disable' : 'account.enable', targetType: 'account', targetId: id });
    });
    return this.get(caller, id);
  }

  async unlock(caller: SessionAccount, actor: Actor, id: number): Promise<Managed> {
    await this.manageable(caller, id);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('accounts').set({ locked_until: null, failed_attempts: 0, updated_at: clock.now() }).where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'account.unlock', targetType: 'account', targetId: id });
    });
    return this.get(caller, id);
  }

  /** Resets at once, or for bureau, enterprise and officer accounts files a request for the security administrator. */
  async resetPassword(caller: SessionAccount, actor: Actor, id: number): Promise<{ temporaryPassword: string } | { pendingApproval: true; requestId: number }> {
    const account = await this.manageable(caller, id);
    if (DUAL_CONTROL_ROLES.includes(account.role as Role))
      return { pendingApproval: true, ...(await this.approvals.request(caller, actor, account, 'password')) };
    const password = temporaryPassword();
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({
          password_hash: hash,
          must_change_password: true,
          password_changed_at: clock.now(),
          locked_until: null,
          failed_attempts: 0,
          updated_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      await revokeAllSessions(trx, id);
      await recordAudit(trx, actor, { action: 'account.password.reset', targetType: 'account', targetId: id });
    });
    return { temporaryPassword: password };
  }

  async resetTotp(caller: SessionAccount, actor: Actor, id: number): Promise<Managed | { pendingApproval: true; requestId: number }> {
    const account = await this.manageable(caller, id);
    if (DUAL_CONTROL_ROLES.includes(account.role as Role)) return { pendingApproval: true, ...(await this.approvals.request(caller, actor, account, 'totp')) };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ totp_secret: null, totp_enabled: false, totp_last_step: null, updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await revokeAllSessions(trx, id);
      await recordAudit(trx, actor, { action: 'account.totp.reset', targetType: 'account', targetId: id });
    });
    return this.get(caller, id);
  }
}
