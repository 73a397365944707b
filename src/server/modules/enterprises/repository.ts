import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { scopeOf, withinUnit, type ScopeCaller } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB, EnterpriseRow } from '../../db/types';

export interface EnterpriseFilter {
  q?: string | undefined;
  orgUnitId?: number | undefined;
  industrySection?: string | undefined;
  industryDivision?: string | undefined;
  scale?: string | undefined;
  ownership?: string | undefined;
  aboveScale?: boolean | undefined;
  status?: string | undefined;
  hasOfficer?: boolean | undefined;
  flagged?: boolean | undefined;
}

export type EnterpriseSort = 'name' | 'uscc' | 'updatedAt' | 'createdAt';

type Scoped = SelectQueryBuilder<DB & { e: DB['enterprises']; o: DB['org_units'] }, 'e' | 'o', object>;

const likeEscape = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Enterprises the caller may see, with the filters applied: the base of the list, the count and the export. */
export function scopedEnterprises(db: Kysely<DB>, caller: ScopeCaller, f: EnterpriseFilter): Scoped {
  let q = db.selectFrom('enterprises as e').innerJoin('org_units as o', 'o.id', 'e.org_unit_id').where(scopeOf(caller).enterprise('e')) as unknown as Scoped;
  if (f.q) {
    const term = f.q.trim();
    const like = `%${likeEscape(term)}%`;
    q = q.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.uscc', 'like', `${likeEscape(term.toUpperCase())}%`)]));
  }
  if (f.orgUnitId) {
    q = q.where(withinUnit('o.path', f.orgUnitId));
  }
  if (f.industrySection) q = q.where('e.industry_section', '=', f.industrySection);
  if (f.industryDivision) q = q.where('e.industry_division', '=', f.industryDivision);
  if (f.scale) q = q.where('e.scale', '=', f.scale as EnterpriseRow['scale']);
  if (f.ownership) q = q.where('e.ownership', '=', f.ownership as EnterpriseRow['ownership']);
  if (f.aboveScale !== undefined) q = q.where('e.above_scale', '=', f.aboveScale);
  if (f.status) q = q.where('e.status', '=', f.status as EnterpriseRow['status']);
  if (f.hasOfficer !== undefined) q = q.where('e.has_active_officer', '=', f.hasOfficer);
  if (f.flagged !== undefined) q = q.where(f.flagged ? sql<boolean>`cardinality(e.review_flags) > 0` : sql<boolean>`cardinality(e.review_flags) = 0`);
  return q;
}

export const enterpriseColumns = [
  'e.id',
  'e.uscc',
  'e.name',
  'e.org_unit_id',
  'e.address',
  'e.legal_representative',
  'e.contact_person',
  'e.contact_phone',
  'e.industry_section',
  'e.industry_division',
  'e.scale',
  'e.ownership',
  'e.above_scale',
  'e.above_scale_year',
  'e.status',
  'e.source',
  'e.roster_status',
  'e.review_flags',
  'e.has_active_officer',
  'e.version',
  'e.created_at',
  'e.updated_at',
  'o.code as org_unit_code',
  'o.name as org_unit_name',
] as const;

const SORTS: Record<EnterpriseSort, 'e.name' | 'e.uscc' | 'e.updated_at' | 'e.created_at'> = {
  name: 'e.name',
  uscc: 'e.uscc',
  updatedAt: 'e.updated_at',
  createdAt: 'e.created_at',
};

export async function listEnterprises(
  db: Kysely<DB>,
  caller: SessionAccount,
  f: EnterpriseFilter,
  page: number,
  pageSize: number,
  sort: EnterpriseSort = 'name',
  order: 'asc' | 'desc' = 'asc',
) {
  const base = scopedEnterprises(db, caller, f);
  const [{ total }, items] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(enterpriseColumns)
      .orderBy(SORTS[sort], order)
      .orderBy('e.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items, total: Number(total) };
}

export type EnterpriseListRow = Awaited<ReturnType<typeof listEnterprises>>['items'][number];

export function findEnterpriseInScope(db: Kysely<DB>, caller: SessionAccount, id: number) {
  return scopedEnterprises(db, caller, {}).select(enterpriseColumns).where('e.id', '=', id).executeTakeFirst();
}

/** Keyset pages of the filtered list, for streaming exports. */
export async function* iterateEnterprises(db: Kysely<DB>, caller: ScopeCaller, f: EnterpriseFilter, chunk = 2000): AsyncGenerator<EnterpriseListRow[]> {
  let after = 0;
  for (;;) {
    const rows = await scopedEnterprises(db, caller, f).select(enterpriseColumns).where('e.id', '>', after).orderBy('e.id').limit(chunk).execute();
    if (rows.length) yield rows;
    if (rows.length < chunk) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

export function enterpriseHistory(db: Kysely<DB>, enterpriseId: number) {
  return db
    .selectFrom('enterprise_changes')
    .select(['id', 'changed_at', 'actor_username', 'kind', 'changes'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}
