import { sql, type Kysely, type UpdateObject } from 'kysely';
import { versionConflict } from '../errors';
import type { DB } from './types';

/** Tables whose rows carry an `id` and a `version` for optimistic locking. */
export type VersionedTable = {
  [K in keyof DB]: DB[K] extends { id: unknown; version: unknown } ? K : never;
}[keyof DB];

/**
 * Optimistic locking, held by the database: `UPDATE … SET …, version = version + 1 WHERE id = $id AND version = $n
 * RETURNING version`. When no row matched, the row either does not exist (the caller has already checked scope, so
 * this is a concurrent delete: 404 comes from the caller's next read) or another editor saved first: 409
 * VERSION_CONFLICT carrying the current version. Returns the new version.
 */
export async function updateVersioned<TB extends VersionedTable>(
  db: Kysely<DB>,
  table: TB,
  id: number,
  expected: number,
  set: UpdateObject<DB, TB>,
): Promise<number> {
  // the generic table makes Kysely's column types unresolvable here; call sites are typed by `UpdateObject<DB, TB>`
  const loose = db as unknown as Kysely<{ row: { id: number; version: number } }>;
  const name = table as unknown as 'row';
  const row = await loose
    .updateTable(name)
    .set({ ...(set as Record<string, unknown>), version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expected)
    .returning('version')
    .executeTakeFirst();
  return versionOrConflict(row, () => loose.selectFrom(name).select('version').where('id', '=', id).executeTakeFirst());
}

/**
 * The new version of a versioned UPDATE that returned it, or 409 VERSION_CONFLICT with the version now stored
 * (for tables keyed otherwise than by `id`, which write their own `UPDATE … WHERE version = $n RETURNING version`).
 */
export async function versionOrConflict(updated: { version: number } | undefined, current: () => Promise<{ version: number } | undefined>): Promise<number> {
  if (updated) return updated.version;
  const now = await current();
  throw versionConflict(now?.version ?? 0);
}
