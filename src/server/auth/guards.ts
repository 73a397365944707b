import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasPermission, isAdminRole, type Permission } from '../../domain/permissions';
import type { SecurityPolicy } from '../../domain/password-policy';
import { AppError } from '../errors';
import type { Actor } from '../audit/audit-log';
import type { SessionAccount } from './session-store';
import { clock } from '../clock';

/**
 * Every API route declares who may call it in `config.access`:
 *  'public'        anyone, no session;
 *  'session'       any signed-in caller, even one who still has to change the password or enrol TOTP;
 *  'complete'      a signed-in caller with no pending action (the handler checks the role and the record);
 *  a permission    a signed-in caller whose role holds it and who has no pending action.
 * A route without `access` fails at start-up, so no route can be added unguarded.
 */
export type Access = 'public' | 'session' | 'complete' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: SessionAccount | null;
  }
}

export type PendingAction = 'changePassword' | 'enrolTotp';

export function pendingActions(account: SessionAccount, policy: SecurityPolicy): PendingAction[] {
  const actions: PendingAction[] = [];
  const ageDays = (clock.nowMs() - account.passwordChangedAt.getTime()) / 86_400_000;
  if (account.mustChangePassword || (policy.passwordMaxAgeDays > 0 && ageDays > policy.passwordMaxAgeDays)) {
    actions.push('changePassword');
  }
  if (isAdminRole(account.role) && !account.totpEnabled) actions.push('enrolTotp');
  return actions;
}

export function registerAccessGuard(app: FastifyInstance, policy: () => Promise<SecurityPolicy>): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access`);
  });

  // before validation, so an anonymous or unauthorised caller learns nothing from validation errors
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const auth = request.auth;
    if (!auth) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
    if (access === 'session') return;
    const pending = pendingActions(auth, await policy());
    if (pending.includes('changePassword')) throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改密码');
    if (pending.includes('enrolTotp')) throw new AppError(403, 'TOTP_ENROLMENT_REQUIRED', '管理员账户须先绑定动态验证码');
    if (access === 'complete') return;
    if (!hasPermission(auth.role, access)) throw new AppError(403, 'FORBIDDEN', '无权执行此操作');
  });
}

/** The signed-in caller of a guarded route (the guard has already refused anonymous calls). */
export function callerOf(request: FastifyRequest): SessionAccount {
  if (!request.auth) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  return request.auth;
}

export function actorOf(request: FastifyRequest): Actor {
  const auth = request.auth;
  return {
    accountId: auth?.accountId ?? null,
    username: auth?.username ?? null,
    role: auth?.role ?? null,
    ip: request.ip,
  };
}
