import { Migrator, type MigrationResultSet } from 'kysely';
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

export async function migrateToLatest(db: Database): Promise<void> {
  check(await new Migrator({ db, provider: migrationProvider }).migrateToLatest());
}

/** Undo every migration (used by the migration round-trip test). */
export async function migrateDownAll(db: Database): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  for (;;) {
    const result = await migrator.migrateDown();
    check(result);
    if (!result.results?.length) return;
  }
}
