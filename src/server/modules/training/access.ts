import { sql, type Kysely, type RawBuilder } from 'kysely';
import { hasPermission, ROLE_SCOPE } from '../../../domain/permissions';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { forbidden, notFound } from '../../errors';

/**
 * Who sees and who runs a class:
 * - bureaus and departments: classes organised in their region (the province sees all);
 * - a trainer (承办机构): only the classes it is named on;
 * - officers and enterprises: classes organised by a bureau on their own unit's path (their county, city, the province),
 *   and any class they hold an enrolment in.
 */
export function classReadScope(caller: SessionAccount, personId: number | null, alias = 'c'): RawBuilder<boolean> {
  const scope = ROLE_SCOPE[caller.role];
  if (scope === 'region') return scopeOf(caller).region(`${alias}.org_unit_id`);
  if (scope === 'classes') return sql<boolean>`${sql.ref(`${alias}.trainer_account_id`)} = ${caller.accountId}`;
  if (scope === 'self' || scope === 'enterprise') {
    const onPath = scopeOf(caller).above(`${alias}.org_unit_id`);
    if (scope === 'self' && personId !== null) {
      return sql<boolean>`(${onPath} or exists (select 1 from training_enrolments te where te.class_id = ${sql.ref(`${alias}.id`)} and te.person_id = ${personId}))`;
    }
    if (scope === 'enterprise' && caller.enterpriseId !== null) {
      return sql<boolean>`(${onPath} or exists (select 1 from training_enrolments te where te.class_id = ${sql.ref(`${alias}.id`)} and te.enterprise_id = ${caller.enterpriseId}))`;
    }
    return onPath;
  }
  return sql<boolean>`false`;
}

/** Classes a caller runs: the organising bureau (and bureaus above it) with training:manage, or the class's trainer. */
export function classDeliverScope(caller: SessionAccount, alias = 'c'): RawBuilder<boolean> {
  if (hasPermission(caller.role, 'training:manage')) return scopeOf(caller).region(`${alias}.org_unit_id`);
  if (hasPermission(caller.role, 'training:deliver')) return sql<boolean>`${sql.ref(`${alias}.trainer_account_id`)} = ${caller.accountId}`;
  return sql<boolean>`false`;
}

export type ClassAccess = 'read' | 'deliver' | 'manage';

/** Refuses roles that can never do `mode` (403) before looking the class up (404 outside scope). */
export function assertCan(caller: SessionAccount, mode: ClassAccess): void {
  if (mode === 'manage' && !hasPermission(caller.role, 'training:manage')) throw forbidden('仅培训主办单位（市场监管部门）可执行此操作');
  if (mode === 'deliver' && !hasPermission(caller.role, 'training:manage') && !hasPermission(caller.role, 'training:deliver')) {
    throw forbidden('仅培训主办单位或承办机构可执行此操作');
  }
  if (mode === 'read' && !hasPermission(caller.role, 'training:read')) throw forbidden('无权查看培训');
}

/** The class row when the caller may act on it in `mode`; 404 otherwise. Locks it when asked (inside a transaction). */
export async function classFor(db: Kysely<DB>, caller: SessionAccount, classId: number, mode: ClassAccess, personId: number | null = null, lock = false) {
  assertCan(caller, mode);
  const scope = mode === 'read' ? classReadScope(caller, personId) : classDeliverScope(caller);
  let q = db.selectFrom('training_classes as c').selectAll('c').where('c.id', '=', classId).where(scope);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('培训班');
  return row;
}

/** Org units (ids) whose pools a caller may use: its own region and the units on its path (its city, the province). */
export function instructorScope(caller: SessionAccount, alias = 'i'): RawBuilder<boolean> {
  const onPath = scopeOf(caller).above(`${alias}.org_unit_id`);
  if (ROLE_SCOPE[caller.role] === 'region') return sql<boolean>`(${onPath} or ${scopeOf(caller).region(`${alias}.org_unit_id`)})`;
  if (ROLE_SCOPE[caller.role] === 'classes') {
    return sql<boolean>`(${onPath} or ${sql.ref(`${alias}.id`)} in (select ti.instructor_id from training_class_instructors ti join training_classes tc on tc.id = ti.class_id where tc.trainer_account_id = ${caller.accountId}))`;
  }
  return sql<boolean>`false`;
}
