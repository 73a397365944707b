import { sql } from 'kysely';
import QRCode from 'qrcode';
import { isAdminRole, type Role } from '../../../domain/permissions';
import { IDP_REQUIRED_MESSAGE } from '../../../domain/idp-sign-in';
import { passwordProblems } from '../../../domain/password-policy';
import { recordAudit, recordAuditAlone, type Actor } from '../../audit/audit-log';
import { checkTotp, newTotpSecret, totpUri } from '../../auth/totp';
import { createSession, revokeAllSessions, type SessionAccount } from '../../auth/session-store';
import { dummyPasswordHash, hashPassword, verifyPassword, type CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import type { AccountRow } from '../../db/types';
import { AppError } from '../../errors';
import type { SettingsService } from '../settings/service';
import { clock } from '../../clock';
import { countHit } from '../../auth/rate-limit-store';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
}

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
}

/** Roles that sign in only through the identity provider when CQO_OIDC_REQUIRED is set. */
const IDP_REQUIRED_ROLES = new Set(['enterprise', 'officer']);

/** The one answer to a wrong password and to an unknown user name. */
const invalidCredentials = (): AppError => new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');

const timeOfDay = (d: Date): string => d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly crypto: CryptoService,
    /** Enterprise and officer accounts must sign in through the identity provider (CQO_OIDC_REQUIRED). */
    private readonly idpRequired = false,
  ) {}

  async login(input: LoginInput, meta: ClientMeta): Promise<{ token: string; expiresAt: Date }> {
    const username = input.username.trim();
    const actorFor = (account?: AccountRow): Actor => ({
      accountId: account?.id ?? null,
      username: account?.username ?? username,
      role: account?.role ?? null,
      ip: meta.ip,
    });
    const account = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .executeTakeFirst();

    const policy = await this.settings.securityPolicy();
    if (!account) return this.unknownUserFailure(username, input.password, actorFor());
    if (account.locked_until && account.locked_until.getTime() > clock.nowMs()) {
      await recordAuditAlone(this.db, actorFor(account), {
        action: 'auth.login',
        result: 'failure',
        targetType: 'account',
        targetId: account.id,
        details: { reason: 'locked' },
      });
      throw this.lockedError(account.locked_until);
    }
    if (!(await verifyPassword(account.password_hash, input.password))) {
      await this.recordFailure(account, actorFor(account), 'bad_password');
    }
    if (account.status !== 'active') {
      await recordAuditAlone(this.db, actorFor(account), {
        action: 'auth.login',
        result: 'failure',
        targetType: 'account',
        targetId: account.id,
        details: { reason: 'disabled' },
      });
      throw new AppError(403, 'ACCOUNT_DISABLED', '账户已停用，请联系管理员');
    }
    if (this.idpRequired && IDP_REQUIRED_ROLES.has(account.role)) {
      await recordAuditAlone(this.db, actorFor(account), {
        action: 'auth.login',
        result: 'failure',
        targetType: 'account',
        targetId: account.id,
        details: { reason: 'idp_required' },
      });
      throw new AppError(403, 'IDP_REQUIRED', IDP_REQUIRED_MESSAGE);
    }
    let totpStep: number | null = null;
    if (isAdminRole(account.role as Role) && account.totp_enabled && account.totp_secret) {
      if (!input.totp) throw new AppError(401, 'TOTP_REQUIRED', '请输入身份验证器中的 6 位动态验证码');
      totpStep = checkTotp(this.crypto.decrypt(account.totp_secret), input.totp.trim());
      if (totpStep === null || (account.totp_last_step !== null && totpStep <= account.totp_last_step)) {
        await this.recordFailure(account, actorFor(account), 'bad_totp');
      }
    }
    const session = await this.db.transaction().execute(async (trx) => {
      let update = trx
        .updateTable('accounts')
        .set({
          failed_attempts: 0,
          locked_until: null,
          last_login_at: clock.now(),
          last_login_ip: meta.ip,
          ...(totpStep !== null ? { totp_last_step: totpStep } : {}),
        })
        .where('id', '=', account.id);
      // a TOTP step is used once, even by two logins racing with the same code
      if (totpStep !== null) update = update.where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', totpStep)]));
      const updated = await update.executeTakeFirst();
      if (totpStep !== null && Number(updated.numUpdatedRows) === 0) return null;
      const created = await createSession(trx, account.id, policy, meta);
      await recordAudit(trx, actorFor(account), { action: 'auth.login', targetType: 'account', targetId: account.id });
      return created;
    });
    if (!session) return this.recordFailure(account, actorFor(account), 'bad_totp');
    return session;
  }

  /**
   * An unknown user name gets exactly what a real account gets for a wrong password: the same argon2 work, the
   * same 401, and after the lockout threshold the same 423 for the lockout period (counted in `rate_limits`,
   * shared by every node), so neither answers nor timing tell whether the account exists.
   */
  private async unknownUserFailure(username: string, password: string, actor: Actor): Promise<never> {
    const policy = await this.settings.securityPolicy();
    const name = username.toLowerCase();
    const lock = await this.db.selectFrom('rate_limits').select('window_start').where('key', '=', `login-unknown-lock:${name}`).executeTakeFirst();
    if (lock && lock.window_start > clock.nowMs()) {
      await recordAuditAlone(this.db, actor, { action: 'auth.login', result: 'failure', details: { reason: 'unknown_user' } });
      throw this.lockedError(new Date(lock.window_start));
    }
    await verifyPassword(await dummyPasswordHash(), password);
    const { count } = await countHit(this.db, `login-unknown:${name}`, 86_400_000);
    const locking = count >= policy.lockoutThreshold;
    const lockedUntil = new Date(clock.nowMs() + policy.lockoutMinutes * 60_000);
    await this.db.transaction().execute(async (trx) => {
      if (locking) {
        await sql`delete from rate_limits where key = ${`login-unknown:${name}`}`.execute(trx);
        await sql`
          insert into rate_limits (key, window_start, count) values (${`login-unknown-lock:${name}`}, ${lockedUntil.getTime()}, 0)
          on conflict (key) do update set window_start = excluded.window_start`.execute(trx);
      }
      await recordAudit(trx, actor, { action: 'auth.login', result: 'failure', details: { reason: 'unknown_user', failures: count } });
    });
    if (locking) throw this.lockedNowError(policy, lockedUntil);
    throw invalidCredentials();
  }

  private lockedNowError(policy: { lockoutThreshold: number; lockoutMinutes: number }, until: Date): AppError {
    return new AppError(
      423,
      'ACCOUNT_LOCKED',
      `连续 ${policy.lockoutThreshold} 次登录失败，账户已锁定 ${policy.lockoutMinutes} 分钟，请于 ${timeOfDay(until)} 后再试`,
    );
  }

  private lockedError(until: Date): AppError {
    return new AppError(423, 'ACCOUNT_LOCKED', `账户因连续登录失败已被锁定，请于 ${timeOfDay(until)} 后再试，或联系管理员解锁`);
  }

  /** Counts a failed attempt; at the threshold locks the account. Always throws. */
  private async recordFailure(account: AccountRow, actor: Actor, reason: string): Promise<never> {
    const policy = await this.settings.securityPolicy();
    const lockedUntil = new Date(clock.nowMs() + policy.lockoutMinutes * 60_000);
    let failures = 0;
    let lock = false;
    await this.db.transaction().execute(async (trx) => {
      // counted in the database, so parallel wrong guesses cannot all read the same count
      const counted = await trx
        .updateTable('accounts')
        .set({ failed_attempts: sql<number>`failed_attempts + 1` })
        .where('id', '=', account.id)
        .returning('failed_attempts')
        .executeTakeFirstOrThrow();
      failures = counted.failed_attempts;
      lock = failures >= policy.lockoutThreshold;
      if (lock) await trx.updateTable('accounts').set({ failed_attempts: 0, locked_until: lockedUntil }).where('id', '=', account.id).execute();
      // the attempts left go to the audit log only: the answer is the same as for an unknown user
      await recordAudit(trx, actor, {
        action: 'auth.login',
        result: 'failure',
        targetType: 'account',
        targetId: account.id,
        details: { reason, failures, remaining: Math.max(0, policy.lockoutThreshold - failures) },
      });
      if (lock) {
        await recordAudit(trx, actor, { action: 'auth.lockout', targetType: 'account', targetId: account.id, details: { minutes: policy.lockoutMinutes } });
      }
    });
    if (lock) throw this.lockedNowError(policy, lockedUntil);
    if (reason === 'bad_totp') throw new AppError(401, 'TOTP_INVALID', '动态验证码错误或已使用');
    throw invalidCredentials();
  }

  async logout(caller: SessionAccount, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('sessions').set({ revoked_at: clock.now() }).where('id', '=', caller.sessionId).execute();
      await recordAudit(trx, actor, { action: 'auth.logout', targetType: 'account', targetId: caller.accountId });
    });
  }

  /** Changes the caller's password, revokes every session of the account and opens a fresh one for this client. */
  async changePassword(
    caller: SessionAccount,
    actor: Actor,
    input: { currentPassword: string; newPassword: string },
    meta: ClientMeta,
  ): Promise<{ token: string; expiresAt: Date }> {
    const account = await this.db.selectFrom('accounts').selectAll().where('id', '=', caller.accountId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
      await recordAuditAlone(this.db, actor, {
        action: 'account.password.change',
        result: 'failure',
        targetType: 'account',
        targetId: account.id,
        details: { reason: 'bad_current_password' },
      });
      throw new AppError(400, 'VALIDATION', '当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]);
    }
    const policy = await this.settings.securityPolicy();
    const problems = passwordProblems(input.newPassword, account.username, policy);
    if (input.newPassword === input.currentPassword) problems.push('新密码不得与当前密码相同');
    if (problems.length) {
      throw new AppError(
        400,
        'VALIDATION',
        `新密码不符合要求：${problems.join('；')}`,
        problems.map((message) => ({ path: 'newPassword', message })),
      );
    }
    const hash = await hashPassword(input.newPassword);
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ password_hash: hash, password_changed_at: clock.now(), must_change_password: false, updated_at: clock.now() })
        .where('id', '=', account.id)
        .execute();
      await revokeAllSessions(trx, account.id);
      const session = await createSession(trx, account.id, policy, meta);
      await recordAudit(trx, actor, { action: 'account.password.change', targetType: 'account', targetId: account.id });
      return session;
    });
  }

  /** Starts TOTP enrolment: a new secret is stored (not yet active) and returned once, with its QR code. */
  async startTotpEnrolment(caller: SessionAccount, actor: Actor): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
    if (caller.totpEnabled) throw new AppError(409, 'STATE', '已绑定动态验证码；如需更换，请联系系统管理员重置');
    const secret = newTotpSecret();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ totp_secret: this.crypto.encrypt(secret), totp_enabled: false })
        .where('id', '=', caller.accountId)
        .execute();
      await recordAudit(trx, actor, { action: 'account.totp.setup', targetType: 'account', targetId: caller.accountId });
    });
    const uri = totpUri(secret, caller.username);
    return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
  }

  async confirmTotpEnrolment(caller: SessionAccount, actor: Actor, code: string): Promise<void> {
    const account = await this.db.selectFrom('accounts').select(['totp_secret', 'totp_enabled']).where('id', '=', caller.accountId).executeTakeFirstOrThrow();
    if (account.totp_enabled) throw new AppError(409, 'STATE', '已绑定动态验证码');
    if (!account.totp_secret) throw new AppError(409, 'STATE', '请先生成绑定二维码');
    const step = checkTotp(this.crypto.decrypt(account.totp_secret), code.trim());
    if (step === null) {
      await recordAuditAlone(this.db, actor, { action: 'account.totp.enable', result: 'failure', targetType: 'account', targetId: caller.accountId });
      throw new AppError(400, 'VALIDATION', '动态验证码不正确，请核对手机时间后重试', [{ path: 'code', message: '动态验证码不正确' }]);
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('accounts').set({ totp_enabled: true, totp_last_step: step }).where('id', '=', caller.accountId).execute();
      await recordAudit(trx, actor, { action: 'account.totp.enable', targetType: 'account', targetId: caller.accountId });
    });
  }
}
