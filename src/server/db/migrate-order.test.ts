import { Migrator, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './database';
import { migrateToLatest, schemaStatus } from './migrate';
import { migrationProvider } from './migrations/index';

describe('migrations that land out of order', () => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openDatabase({});
  }, 120_000);
  afterAll(async () => {
    await opened.close();
  });

  it('a database that ran later migrations still gets an earlier one that landed after them', { timeout: 120_000 }, async () => {
    const all = await migrationProvider.getMigrations();
    const names = Object.keys(all).sort();
    const late = names[names.length - 3];
    if (!late) throw new Error('too few migrations');
    const without: Record<string, Migration> = Object.fromEntries(Object.entries(all).filter(([name]) => name !== late));
    // the database as a node that ran main before `late` landed left it
    const ran = await new Migrator({ db: opened.db, provider: { getMigrations: () => Promise.resolve(without) } }).migrateToLatest();
    expect(ran.error).toBeUndefined();
    expect((await schemaStatus(opened.db)).pending).toEqual([late]);

    await migrateToLatest(opened.db);
    expect(await schemaStatus(opened.db)).toMatchObject({ pending: [], unknown: [] });
  });
});
