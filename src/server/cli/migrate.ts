/**
 * `npm run migrate`: migrates the configured database to this version's latest migration, records or checks the
 * key fingerprints and seeds the reference (and, unless disabled, demo) data, then exits. Nodes started with
 * CQO_MIGRATE=false (the production default on PostgreSQL) run nothing of this and refuse an old schema; run
 * this once per release before starting them. Holds the migration advisory lock, so it may run beside a node
 * that migrates at start.
 */
import { openAndPrepare } from '../bootstrap';
import { loadConfig } from '../config';
import { schemaStatus } from '../db/migrate';

const config = loadConfig();
if (config.readOnly) {
  console.error('CQO_READ_ONLY is set: a read-only node never migrates. Run `npm run migrate` against the primary.');
  process.exit(1);
}
try {
  const started = performance.now();
  const opened = await openAndPrepare({ ...config, migrate: true });
  try {
    const { applied } = await schemaStatus(opened.db);
    console.log(
      `数据库已迁移至 ${applied[applied.length - 1] ?? '—'}（${opened.kind}，${Math.round(performance.now() - started)} ms）。 Migrated and seeded: ${applied.length} migrations applied.`,
    );
  } finally {
    await opened.close();
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
