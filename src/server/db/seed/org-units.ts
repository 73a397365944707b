import type { Kysely } from 'kysely';
import type { DB } from '../types';
import divisions from './jiangsu-divisions.json' with { type: 'json' };

interface Division {
  code: string;
  name: string;
}

/**
 * Seeds 江苏省, its 13 设区市 and 95 county-level divisions from the shipped GB/T 2260 data file.
 * Idempotent: existing codes are left alone, so restarts and upgrades never duplicate or rename.
 */
export async function seedOrgUnits(db: Kysely<DB>): Promise<number> {
  const existing = new Set((await db.selectFrom('org_units').select('code').execute()).map((r) => r.code));
  let added = 0;
  const insert = async (unit: Division, kind: 'province' | 'city' | 'county', parent: { id: number; path: string; depth: number } | null, sort: number) => {
    if (!existing.has(unit.code)) {
      await db
        .insertInto('org_units')
        .values({
          code: unit.code,
          name: unit.name,
          kind,
          parent_id: parent?.id ?? null,
          path: parent ? `${parent.path}.${unit.code}` : unit.code,
          depth: parent ? parent.depth + 1 : 0,
          source: 'gbt2260',
          sort,
        })
        .execute();
      added += 1;
    }
    return db.selectFrom('org_units').select(['id', 'path', 'depth']).where('code', '=', unit.code).executeTakeFirstOrThrow();
  };
  const province = await insert(divisions.province, 'province', null, 0);
  for (const [i, city] of divisions.cities.entries()) {
    const c = await insert(city, 'city', province, i);
    for (const [j, county] of city.counties.entries()) await insert(county, 'county', c, j);
  }
  return added;
}

export const DIVISIONS_SOURCE: string = divisions.source;
