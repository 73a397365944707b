import { sql, type Kysely } from 'kysely';
import type { OrgUnitKind } from '../../../domain/org-unit';
import { basicTierDelivererOf, filingReviewUnitOf, mayReviewFilingOf, type ChainUnit } from '../../../domain/training-delegation';
import { codeAtOrAbove } from '../../auth/scope';
import type { DB } from '../../db/types';

/**
 * Server helpers around 合并至市级, for every module that needs them (filings review, notifications, the class
 * side deciding who organises 基础 classes for a county). Each takes a database or a transaction.
 */

/** The unit and every unit above it, with each county's merge flag. */
export async function orgUnitChain(db: Kysely<DB>, orgUnitId: number): Promise<ChainUnit[]> {
  const rows = await sql<{ id: number; path: string; kind: OrgUnitKind; merged: boolean | null }>`
    select o.id, o.path, o.kind, s.merged_into_city as merged
    from org_units o left join county_training_settings s on s.org_unit_id = o.id
    where ${codeAtOrAbove('o.code', orgUnitId)}`.execute(db);
  return rows.rows.map((r) => ({ id: Number(r.id), path: r.path, kind: r.kind, mergedIntoCity: r.merged === true }));
}

/** True when the county (or the county a zone lies in) is merged into its city for training and filing review. */
export async function isMergedIntoCity(db: Kysely<DB>, countyOrgUnitId: number): Promise<boolean> {
  const chain = await orgUnitChain(db, countyOrgUnitId);
  return chain.some((u) => u.kind === 'county' && u.mergedIntoCity);
}

/** The org unit whose bureau delivers the 基础 tier for a unit: its county, or its city when merged. */
export async function basicTierDeliverer(db: Kysely<DB>, orgUnitId: number): Promise<{ id: number; path: string; kind: OrgUnitKind }> {
  const chain = await orgUnitChain(db, orgUnitId);
  if (chain.length === 0) throw new Error(`org unit ${orgUnitId} not found`);
  const { id, path, kind } = basicTierDelivererOf(chain);
  return { id, path, kind };
}

/** The org unit whose bureau reviews filings of enterprises in a unit (the city when the county is merged). */
export async function filingReviewUnit(db: Kysely<DB>, orgUnitId: number): Promise<{ id: number; path: string }> {
  const chain = await orgUnitChain(db, orgUnitId);
  if (chain.length === 0) throw new Error(`org unit ${orgUnitId} not found`);
  const { id, path } = filingReviewUnitOf(chain);
  return { id, path };
}

/** May a bureau at `callerPath` decide filings of enterprises in the unit? */
export async function mayReviewFilingsOf(db: Kysely<DB>, callerPath: string, orgUnitId: number): Promise<boolean> {
  return mayReviewFilingOf(callerPath, await orgUnitChain(db, orgUnitId));
}
