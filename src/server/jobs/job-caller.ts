import type { Kysely } from 'kysely';
import { hasPermission, type Permission, type Role } from '../../domain/permissions';
import type { SessionAccount } from '../auth/session-store';
import type { DB } from '../db/types';
import { PermanentJobError } from './errors';

/** The account a job acts for, as it stands when the job runs: what `scopeOf(caller)` and the modules' checks read. */
export type JobCaller = Pick<
  SessionAccount,
  'accountId' | 'username' | 'displayName' | 'role' | 'orgUnitId' | 'orgUnitPath' | 'enterpriseId' | 'industryScope'
>;

/**
 * The caller of a job that acts in its owner's scope, loaded from the account (the job's `owner_account_id`) each time
 * the job runs, never kept in its params: a job queued by an account whose unit, role or industries changed since acts
 * on the account's present scope (`scopeOf(caller)`), and one whose account is disabled or no longer holds
 * `permission` fails without acting (not retried).
 */
export async function jobCaller(db: Kysely<DB>, accountId: number | null, permission: Permission): Promise<JobCaller> {
  const row =
    accountId === null
      ? undefined
      : await db
          .selectFrom('accounts as a')
          .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
          .select(['a.id', 'a.username', 'a.display_name', 'a.role', 'a.status', 'a.enterprise_id', 'a.industry_scope', 'o.id as orgUnitId', 'o.path'])
          .where('a.id', '=', accountId)
          .executeTakeFirst();
  if (!row || row.status !== 'active') throw new PermanentJobError('提交任务的账户已停用或不存在，任务未执行');
  const role = row.role as Role;
  if (!hasPermission(role, permission)) throw new PermanentJobError('提交任务的账户已不再具有该项权限，任务未执行');
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.display_name,
    role,
    orgUnitId: row.orgUnitId,
    orgUnitPath: row.path,
    enterpriseId: row.enterprise_id,
    industryScope: row.industry_scope,
  };
}

/** Whether two states of a job's owner scope alike: the same role, unit, enterprise and industries. */
export function sameScope(a: JobCaller, b: JobCaller): boolean {
  return (
    a.role === b.role &&
    a.orgUnitPath === b.orgUnitPath &&
    a.enterpriseId === b.enterpriseId &&
    JSON.stringify(a.industryScope) === JSON.stringify(b.industryScope)
  );
}
