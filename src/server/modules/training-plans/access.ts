import { isTrainingBureau } from '../../../domain/abilities';
import { sql, type RawBuilder } from 'kysely';
import { hasPermission, ROLE_SCOPE } from '../../../domain/permissions';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import { forbidden } from '../../errors';

/** The bureau roles that file plans, curricula and materials for their own unit. */
export const BUREAU_ROLES = new Set(['province_admin', 'city_admin', 'county_admin']);

export function isBureau(caller: SessionAccount): boolean {
  return isTrainingBureau(caller.role);
}

/** Plans and overviews are read by bureaus and departments (region scope) only. */
export function assertRegionReader(caller: Pick<SessionAccount, 'role'>): void {
  if (ROLE_SCOPE[caller.role] !== 'region' || !hasPermission(caller.role, 'training:read')) throw forbidden('无权查看培训计划');
}

export function assertBureau(caller: SessionAccount, what: string): void {
  if (!isBureau(caller)) throw forbidden(`只有市场监管部门可以${what}`);
}

/** Rows whose org unit is on the caller's own path: its unit and the units above it (its city, the province). */
export function onCallerPath(caller: SessionAccount, orgUnitColumn: string): RawBuilder<boolean> {
  return scopeOf(caller).above(orgUnitColumn);
}

/**
 * Curricula and materials: everyone with training:read sees those of the units on their path (an officer or a
 * trainer in 昆山 those of 苏州 and the province); bureaus and departments also those of their subtree.
 */
export function curriculumVisibility(caller: SessionAccount, orgUnitColumn: string): RawBuilder<boolean> {
  if (!hasPermission(caller.role, 'training:read')) return sql<boolean>`false`;
  const path = onCallerPath(caller, orgUnitColumn);
  if (ROLE_SCOPE[caller.role] !== 'region') return path;
  return sql<boolean>`(${path} or ${scopeOf(caller).region(orgUnitColumn)})`;
}
