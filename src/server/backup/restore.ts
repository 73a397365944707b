import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { openFileStore } from '../storage/open-file-store';
import { BackupRefused, configuredKeys, FILES_DIR, openExisting, pgliteDir, run } from './backup';
import { allKeyMismatches, MANIFEST_FILE, MANIFEST_FORMAT, migrationLevel, sha256File, tableCounts, type Manifest } from './manifest';

export interface RestoreResult {
  manifest: Manifest;
  migration: string | null;
  counts: Record<string, number>;
  filesRestored: number;
}

export function readManifest(from: string): Manifest {
  const file = path.join(from, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new BackupRefused(`${from} holds no ${MANIFEST_FILE}: not a complete backup`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== MANIFEST_FORMAT) throw new BackupRefused(`Unknown backup format ${String(manifest.format)} (expected ${MANIFEST_FORMAT})`);
  return manifest;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

async function restoreDatabase(config: Config, manifest: Manifest, dump: string, clean: boolean): Promise<void> {
  if (manifest.database.kind === 'postgres') {
    if (!config.databaseUrl) throw new BackupRefused('This backup is of PostgreSQL: set DATABASE_URL to the database to restore into');
    const target = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
    try {
      const used = (await sql<{ t: string | null }>`select to_regclass('public.kysely_migration')::text as t`.execute(target.db)).rows[0]?.t;
      if (used && !clean) throw new BackupRefused('The target database is not empty; restore into a new database, or pass --clean to replace its contents');
    } finally {
      await target.close();
    }
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      ...(clean ? ['--clean', '--if-exists'] : []),
      `--dbname=${config.databaseUrl}`,
      dump,
    ]);
    return;
  }
  if (config.databaseUrl) throw new BackupRefused('This backup is of the embedded database (PGlite): unset DATABASE_URL to restore it into CQO_DATA_DIR');
  const dir = pgliteDir(config);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    if (!clean) throw new BackupRefused(`${dir} is not empty; restore into a new CQO_DATA_DIR, or pass --clean to replace it`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = new PGlite({ dataDir: dir, loadDataDir: new Blob([await fs.promises.readFile(dump)]) });
  await pglite.waitReady;
  await pglite.close();
}

/**
 * `npm run restore -- --from <dir> [--clean]`: checks the manifest (format, dump checksum) and that the configured
 * keys are the backup's keys — refusing and naming each key that differs, since data encrypted, hashed or signed
 * with another key would be unreadable — then restores the database (pg_restore into DATABASE_URL, which must be
 * empty unless --clean; or the PGlite data directory) and, for an S3 backup, uploads the files into the configured
 * bucket. Finally compares the migration level and table counts with the manifest.
 */
export async function restore(config: Config, from: string, options: { clean: boolean }): Promise<RestoreResult> {
  const manifest = readManifest(from);
  const mismatched = allKeyMismatches(manifest, configuredKeys(config));
  if (mismatched.length) throw new BackupRefused(`The configured keys are not the keys of this backup:\n  ${mismatched.join('\n  ')}`);
  if (manifest.files.store !== config.files.kind) {
    throw new BackupRefused(
      `This backup's files are in the ${manifest.files.store} store, but CQO_FILE_STORE is ${config.files.kind}; restore with the same store, then move files`,
    );
  }
  const dump = path.join(from, manifest.database.file);
  if (!fs.existsSync(dump) || (await sha256File(dump)) !== manifest.database.sha256)
    throw new BackupRefused(`${dump} is missing or does not match the manifest's checksum`);

  await restoreDatabase(config, manifest, dump, options.clean);

  const opened = await openExisting(config);
  try {
    let filesRestored = 0;
    if (manifest.files.store === 's3') {
      const store = openFileStore(config.files, opened.db, opened.kind);
      const root = path.join(from, manifest.files.directory ?? FILES_DIR);
      if (fs.existsSync(root)) {
        for await (const file of walk(root)) {
          const key = path.relative(root, file).split(path.sep).join('/');
          const size = (await fs.promises.stat(file)).size;
          if ((await store.stat(key))?.bytes !== size) await store.putAt(key, fs.createReadStream(file));
          filesRestored += 1;
        }
      }
      if (filesRestored !== manifest.files.objects) throw new Error(`Restored ${filesRestored} files, the manifest lists ${manifest.files.objects}`);
    }
    const migration = await migrationLevel(opened.db);
    const counts = await tableCounts(opened.db);
    const differing = Object.entries(manifest.counts).filter(([table, n]) => counts[table] !== n);
    if (migration !== manifest.migration || differing.length) {
      throw new Error(
        `Restored database differs from the manifest: migration ${String(migration)} vs ${String(manifest.migration)}; ${differing.map(([t, n]) => `${t} ${counts[t]} vs ${n}`).join(', ')}`,
      );
    }
    return { manifest, migration, counts, filesRestored };
  } finally {
    await opened.close();
  }
}
