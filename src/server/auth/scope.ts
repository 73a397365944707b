import { sql, type RawBuilder } from 'kysely';
import { ROLE_SCOPE } from '../../domain/permissions';
import type { SessionAccount } from './session-store';

/*
 * The one scope module. Org units form a tree held as materialized paths (`320000.320500.320583`); every
 * "in this subtree" and "on this unit's line" condition of the server is built here, as small SQL conditions
 * that queries compose with `.where(…)`. Columns are passed as references (`'o.path'`, `'e.org_unit_id'`), so a
 * builder fits any alias. The TypeScript form of the rule, for paths already in memory, is `isWithinScope` in
 * src/domain/org-unit.ts. Lint (SCOPE_RULES in eslint.config.js) forbids writing the subtree test anywhere else
 * in src/server.
 */

/** A unit given by id (looked up in `org_units`) or by its materialized path. */
export type UnitRef = number | string;

/**
 * The path in `pathColumn` is the path in `ancestorColumn` or lies under it; both are column references, for joins
 * of units with units (`unitUnder('x.path', 'u.path')`: every unit `x` of `u`'s subtree).
 */
export function pathUnder(pathColumn: string, ancestorColumn: string): RawBuilder<boolean> {
  const path = sql.ref(pathColumn);
  const ancestor = sql.ref(ancestorColumn);
  return sql<boolean>`(${path} = ${ancestor} or ${path} like ${ancestor} || '.%')`;
}

/** Rows whose materialized path is `scopePath` or lies under it (parenthesised: safe beside other conditions). */
export function pathWithin(pathColumn: string, scopePath: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(pathColumn)} = ${scopePath} or ${sql.ref(pathColumn)} like ${`${scopePath}.%`})`;
}

/**
 * Rows whose path (`pathColumn`) lies in the subtree of `unit`: by path, or by id (the unit's path read in a
 * subquery; an unknown id matches nothing).
 */
export function withinUnit(pathColumn: string, unit: UnitRef): RawBuilder<boolean> {
  if (typeof unit === 'string') return pathWithin(pathColumn, unit);
  return sql<boolean>`exists (select 1 from org_units scope_unit where scope_unit.id = ${unit} and ${pathUnder(pathColumn, 'scope_unit.path')})`;
}

/** Rows whose org unit (an id column, `orgUnitColumn`) lies in the subtree of `unit` (by id or by path). */
export function orgUnitWithin(orgUnitColumn: string, unit: UnitRef): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(orgUnitColumn)} in (select scoped.id from org_units scoped where ${withinUnit('scoped.path', unit)})`;
}

/**
 * The reverse form: rows whose unit (path in `pathColumn`) is `path`'s unit or one above it — the province, the city
 * and the county of a county path. What a unit may use from above: courses, trainers.
 */
export function ancestorOf(pathColumn: string, path: string): RawBuilder<boolean> {
  return sql<boolean>`(${path} = ${sql.ref(pathColumn)} or ${path} like ${sql.ref(pathColumn)} || '.%')`;
}

/**
 * The same by code: rows whose unit code (`codeColumn`) is one of the codes of `unit`'s path (by path, or by id: its
 * path read in a subquery) — the unit itself and every unit above it.
 */
export function codeAtOrAbove(codeColumn: string, unit: UnitRef): RawBuilder<boolean> {
  const path = typeof unit === 'string' ? sql`${unit}` : sql`(select path from org_units where id = ${unit})`;
  return sql<boolean>`${sql.ref(codeColumn)} = any(string_to_array(${path}, '.'))`;
}

/** Rows whose org unit (an id column, `orgUnitColumn`) is `unit` or one above it: pools, plans and classes from above. */
export function orgUnitAtOrAbove(orgUnitColumn: string, unit: UnitRef): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(orgUnitColumn)} in (select line.id from org_units line where ${codeAtOrAbove('line.code', unit)})`;
}

/** Rows whose unit (path in `pathColumn`) is on `path`'s line: in its subtree or above it. */
export function withinOrAbove(pathColumn: string, path: string): RawBuilder<boolean> {
  return sql<boolean>`(${pathWithin(pathColumn, path)} or ${ancestorOf(pathColumn, path)})`;
}

/*
 * The caller's data scope. These builders stay private to this module: module code reaches them through
 * `scopeOf(caller)` (below), so a role check cannot be skipped by passing the caller's path to a path builder
 * (lint: SCOPE_RULES forbids `….orgUnitPath` as an argument of the builders above outside this file).
 */

/**
 * The one data-scope mechanism: a condition that keeps rows whose org unit lies in the caller's subtree.
 * Every repository of region-scoped data passes its org-unit column through this; roles whose scope is not
 * a region (enterprise, officer, 三员 without data) get a condition that matches nothing here.
 */
function inRegionScope(caller: Pick<SessionAccount, 'role' | 'orgUnitPath'>, orgUnitColumn: string): RawBuilder<boolean> {
  if (ROLE_SCOPE[caller.role] !== 'region') return sql<boolean>`false`;
  return orgUnitWithin(orgUnitColumn, caller.orgUnitPath);
}

/**
 * Accounts and org units a caller may administer: a bureau its region (as its data scope), the system
 * administrator its unit's subtree (the province), although its data scope is none (三员: no business data).
 */
function inAdministeredRegion(caller: Pick<SessionAccount, 'role' | 'orgUnitPath'>, orgUnitColumn: string): RawBuilder<boolean> {
  if (caller.role !== 'system_admin') return inRegionScope(caller, orgUnitColumn);
  return orgUnitWithin(orgUnitColumn, caller.orgUnitPath);
}

/**
 * Which enterprises a caller may see, as a condition on an `enterprises` alias: bureaus their region,
 * departments their region and industries, an enterprise account itself, everyone else nothing.
 */
function enterpriseScope(caller: ScopeCaller, alias = 'e'): RawBuilder<boolean> {
  const scope = ROLE_SCOPE[caller.role];
  if (scope === 'enterprise') {
    return caller.enterpriseId === null ? sql<boolean>`false` : sql<boolean>`${sql.ref(`${alias}.id`)} = ${caller.enterpriseId}`;
  }
  if (scope !== 'region') return sql<boolean>`false`;
  return sql<boolean>`(${inRegionScope(caller, `${alias}.org_unit_id`)} and ${inIndustryScope(caller, alias)})`;
}

/** A department with an industry scope sees the enterprises (alias `alias`) of those industries only; others: all. */
function inIndustryScope(caller: Pick<SessionAccount, 'role' | 'industryScope'>, alias = 'e'): RawBuilder<boolean> {
  if (caller.role === 'department' && caller.industryScope) return sql<boolean>`${sql.ref(`${alias}.industry_section`)} = any(${caller.industryScope})`;
  return sql<boolean>`true`;
}

/** The caller fields the region conditions depend on (`region`, `administered`, `line`). */
export type RegionCaller = Pick<SessionAccount, 'role' | 'orgUnitPath'>;
/** The caller fields every condition depends on (a session, or a snapshot of one kept in a job's params). */
export type ScopeCaller = RegionCaller & Pick<SessionAccount, 'enterpriseId' | 'industryScope'>;

/** The conditions of a caller known by role and unit only (a job that kept just those): its region, its unit's subtree and line. */
export interface RegionScope {
  /** rows whose org unit (id column) is in the caller's region; nothing for roles without a region scope */
  region(orgUnitColumn: string): RawBuilder<boolean>;
  /** rows whose org unit (id column) the caller administers (accounts, org units) */
  administered(orgUnitColumn: string): RawBuilder<boolean>;
  /** rows whose unit (path column) is on the caller's unit's line: its subtree or the units above it */
  line(pathColumn: string): RawBuilder<boolean>;
  /**
   * org units (path column) of the caller's unit's subtree, whatever the role: the units a caller may look at or pick
   * (the coverage tree, the org-unit pages), not a data scope
   */
  subtree(pathColumn: string): RawBuilder<boolean>;
  /** rows whose org unit (id column) is the caller's unit or one above it (its city, the province): pools, plans, classes from above */
  above(orgUnitColumn: string): RawBuilder<boolean>;
}

/** A caller's scope, bound once, whose conditions a query composes (`.where(scope.region('c.org_unit_id'))`). */
export interface CallerScope extends RegionScope {
  /** enterprises (alias) the caller may see */
  enterprise(alias?: string): RawBuilder<boolean>;
  /** enterprises (alias) of the caller's industries (departments with an industry scope); others: all */
  industry(alias?: string): RawBuilder<boolean>;
}

/**
 * The one way module code reaches the caller's data scope: `scopeOf(caller).region('c.org_unit_id')`,
 * `.enterprise('e')`, `.industry('e')`, `.administered('a.org_unit_id')`, `.line('o.path')`, `.subtree('o.path')`,
 * `.above('i.org_unit_id')`. A caller given by role and unit only gets the unit conditions (the enterprise and
 * industry ones need its enterprise and industries).
 */
export function scopeOf(caller: ScopeCaller): CallerScope;
export function scopeOf(caller: RegionCaller): RegionScope;
export function scopeOf(caller: RegionCaller | ScopeCaller): CallerScope | RegionScope {
  return {
    region: (orgUnitColumn: string) => inRegionScope(caller, orgUnitColumn),
    administered: (orgUnitColumn: string) => inAdministeredRegion(caller, orgUnitColumn),
    line: (pathColumn: string) => withinOrAbove(pathColumn, caller.orgUnitPath),
    subtree: (pathColumn: string) => pathWithin(pathColumn, caller.orgUnitPath),
    above: (orgUnitColumn: string) => orgUnitAtOrAbove(orgUnitColumn, caller.orgUnitPath),
    // reachable only through the first overload, whose caller carries its enterprise and industries
    enterprise: (alias = 'e') => enterpriseScope(caller as ScopeCaller, alias),
    industry: (alias = 'e') => inIndustryScope(caller as ScopeCaller, alias),
  };
}
