import { sql, type RawBuilder } from 'kysely';
import { ROLE_SCOPE } from '../../domain/permissions';
import type { SessionAccount } from './session-store';

/** Rows whose materialized path is `scopePath` or lies under it (parenthesised: safe beside other conditions). */
export function pathWithin(pathColumn: string, scopePath: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(pathColumn)} = ${scopePath} or ${sql.ref(pathColumn)} like ${`${scopePath}.%`})`;
}

/**
 * The one data-scope mechanism: a condition that keeps rows whose org unit lies in the caller's subtree.
 * Every repository of region-scoped data passes its org-unit column through this; roles whose scope is not
 * a region (enterprise, officer, 三员 without data) get a condition that matches nothing here.
 */
export function inRegionScope(caller: Pick<SessionAccount, 'role' | 'orgUnitPath'>, orgUnitColumn: string): RawBuilder<boolean> {
  if (ROLE_SCOPE[caller.role] !== 'region') return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(orgUnitColumn)} in (select id from org_units where ${pathWithin('path', caller.orgUnitPath)})`;
}

/**
 * Accounts and org units a caller may administer: a bureau its region (as its data scope), the system
 * administrator its unit's subtree (the province), although its data scope is none (三员: no business data).
 */
export function inAdministeredRegion(caller: Pick<SessionAccount, 'role' | 'orgUnitPath'>, orgUnitColumn: string): RawBuilder<boolean> {
  if (caller.role !== 'system_admin') return inRegionScope(caller, orgUnitColumn);
  return sql<boolean>`${sql.ref(orgUnitColumn)} in (select id from org_units where ${pathWithin('path', caller.orgUnitPath)})`;
}

/**
 * Which enterprises a caller may see, as a condition on an `enterprises` alias: bureaus their region,
 * departments their region and industries, an enterprise account itself, everyone else nothing.
 */
export function enterpriseScope(caller: SessionAccount, alias = 'e'): RawBuilder<boolean> {
  const scope = ROLE_SCOPE[caller.role];
  if (scope === 'enterprise') {
    return caller.enterpriseId === null ? sql<boolean>`false` : sql<boolean>`${sql.ref(`${alias}.id`)} = ${caller.enterpriseId}`;
  }
  if (scope !== 'region') return sql<boolean>`false`;
  return sql<boolean>`(${inRegionScope(caller, `${alias}.org_unit_id`)} and ${inIndustryScope(caller, alias)})`;
}

/** A department with an industry scope sees the enterprises (alias `alias`) of those industries only; others: all. */
export function inIndustryScope(caller: Pick<SessionAccount, 'role' | 'industryScope'>, alias = 'e'): RawBuilder<boolean> {
  if (caller.role === 'department' && caller.industryScope) return sql<boolean>`${sql.ref(`${alias}.industry_section`)} = any(${caller.industryScope})`;
  return sql<boolean>`true`;
}
