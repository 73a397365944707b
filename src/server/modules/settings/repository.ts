import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { clock } from '../../clock';

export async function readSetting(db: Kysely<DB>, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Kysely<DB>, key: string, value: unknown, accountId: number | null): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_by: accountId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_by: accountId, updated_at: clock.now() }))
    .execute();
}
