import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { versionOrConflict } from '../../db/versioned';
import { clock } from '../../clock';

export async function readSetting(db: Kysely<DB>, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** The stored version of a setting; 0 while it has never been saved (its defaults apply). */
export async function settingVersion(db: Kysely<DB>, key: string): Promise<number> {
  const row = await db.selectFrom('settings').select('version').where('key', '=', key).executeTakeFirst();
  return row?.version ?? 0;
}

/**
 * Saves a setting if it still has the version the editor loaded (0: never saved), else 409 VERSION_CONFLICT with
 * the current version. Returns the new version.
 */
export async function writeSetting(db: Kysely<DB>, key: string, value: unknown, accountId: number | null, expectedVersion: number): Promise<number> {
  const json = JSON.stringify(value);
  const written =
    expectedVersion === 0
      ? await db
          .insertInto('settings')
          .values({ key, value: json, updated_by: accountId })
          .onConflict((oc) => oc.column('key').doNothing())
          .returning('version')
          .executeTakeFirst()
      : await db
          .updateTable('settings')
          .set({ value: json, updated_by: accountId, updated_at: clock.now(), version: sql<number>`version + 1` })
          .where('key', '=', key)
          .where('version', '=', expectedVersion)
          .returning('version')
          .executeTakeFirst();
  return versionOrConflict(written, async () => ({ version: await settingVersion(db, key) }));
}
