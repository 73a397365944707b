import { Migrator, sql, type MigrationResultSet } from 'kysely';
import type { Database } from './database';
import { migrationProvider } from './migrations/index';

function check(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
}

/**
 * Migrations are numbered when their work starts, and parallel work lands in any order: a database that already ran
 * 0030 still gets a 0029 that landed after it (each migration stands alone and never assumes a later one ran).
 */
export async function migrateToLatest(db: Database): Promise<void> {
  check(await new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true }).migrateToLatest());
}

/** Undo every migration (used by the migration round-trip test). */
export async function migrateDownAll(db: Database): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
  for (;;) {
    const result = await migrator.migrateDown();
    check(result);
    if (!result.results?.length) return;
  }
}

/** Which of this code's migrations the database has applied, and which it lacks or has that the code does not know. */
export async function schemaStatus(db: Database): Promise<{ applied: string[]; pending: string[]; unknown: string[] }> {
  const known = Object.keys(await migrationProvider.getMigrations()).sort();
  const exists = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db);
  const applied = exists.rows[0]?.t ? (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name) : [];
  return { applied, pending: known.filter((n) => !applied.includes(n)), unknown: applied.filter((n) => !known.includes(n)) };
}

/** A node that does not migrate starts only on a database at exactly this code's latest migration. */
export async function assertSchemaCurrent(db: Database): Promise<void> {
  const { applied, pending, unknown } = await schemaStatus(db);
  if (pending.length) {
    throw new Error(
      `The database schema is not current: ${applied.length ? `it is at ${applied[applied.length - 1]}` : 'it has no migrations'}, this version needs ${pending.join(', ')}. ` +
        'Run `npm run migrate` once (or start one node with CQO_MIGRATE=true), then start this node.',
    );
  }
  if (unknown.length) {
    throw new Error(
      `The database has migrations this version does not know (${unknown.join(', ')}): it was migrated by a newer version. Deploy that version on this node.`,
    );
  }
}

/** Arbitrary constant: the PostgreSQL advisory lock every node takes around migrate + seed. */
export const MIGRATION_LOCK_KEY = 7_262_026;

/**
 * Runs `work` (migrate and seed) holding a session advisory lock on its own pooled connection, so nodes started
 * together take turns: the second waits, then finds nothing left to do. PGlite has one process by nature.
 * The pool needs at least two connections (the lock holder and the work).
 */
export async function withMigrationLock<T>(db: Database, kind: 'pglite' | 'postgres', work: () => Promise<T>): Promise<T> {
  if (kind !== 'postgres') return work();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}
