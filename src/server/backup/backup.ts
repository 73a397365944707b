import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { clock } from '../clock';
import { keyOptions, type Config } from '../config';
import { loadKeys, type Keys } from '../crypto/index';
import { openDatabase, type OpenedDatabase } from '../db/database';
import { openFileStore } from '../storage/open-file-store';
import { appVersion, gmKeyIdentities, keyIdentities, MANIFEST_FILE, MANIFEST_FORMAT, migrationLevel, sha256File, tableCounts, type Manifest } from './manifest';

export const run = promisify(execFile);

export const PG_DUMP_FILE = 'database.dump';
export const PGLITE_DUMP_FILE = 'pglite-data.tar';
export const FILES_DIR = 'files';

export class BackupRefused extends Error {}

export const pgliteDir = (config: Config): string => path.join(config.dataDir, 'pglite');

/** The configured keys, never generated here: a backup or restore with no keys at all is refused. */
export function configuredKeys(config: Config): Keys {
  const fromEnv = config.dataKey && config.hashKey && config.signingKey;
  if (!fromEnv && !fs.existsSync(path.join(config.dataDir, 'keys.json'))) {
    throw new BackupRefused(`No keys: set CQO_DATA_KEY, CQO_HASH_KEY and CQO_SIGNING_KEY, or put keys.json in ${config.dataDir}`);
  }
  return loadKeys(keyOptions(config));
}

/** Opens the configured database as it is: no migration, no seed. */
export async function openExisting(config: Config): Promise<OpenedDatabase> {
  if (!config.databaseUrl && !fs.existsSync(pgliteDir(config))) throw new BackupRefused(`No database: neither DATABASE_URL nor ${pgliteDir(config)}`);
  return openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: pgliteDir(config), poolSize: 2 });
}

/**
 * `npm run backup -- --out <dir>`: the database (pg_dump custom format of DATABASE_URL, or the PGlite data
 * directory as a tarball), then — with the S3 file store — every object of the bucket under `<dir>/files/<key>`,
 * and last `manifest.json` (key ids and fingerprints, never the keys; app version; migration level; counts). With the
 * database file store the dump already holds every file. Files are copied after the dump, so every file the dump
 * refers to is in the backup.
 */
export async function backup(config: Config, out: string): Promise<Manifest> {
  fs.mkdirSync(out, { recursive: true });
  if (fs.existsSync(path.join(out, MANIFEST_FILE))) throw new BackupRefused(`${out} already holds a backup; choose an empty directory`);
  const keys = configuredKeys(config);
  const opened = await openExisting(config);
  try {
    const migration = await migrationLevel(opened.db);
    const counts = await tableCounts(opened.db);
    let dumpFile: string;
    if (opened.kind === 'postgres') {
      dumpFile = path.join(out, PG_DUMP_FILE);
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dumpFile}`, `--dbname=${config.databaseUrl ?? ''}`]);
    } else {
      dumpFile = path.join(out, PGLITE_DUMP_FILE);
      const dump = await opened.dumpDataDir?.();
      if (!dump) throw new Error('PGlite did not dump its data directory');
      await fs.promises.writeFile(dumpFile, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    }
    const store = openFileStore(config.files, opened.db, opened.kind);
    let objects = 0;
    let bytes = 0;
    if (store.kind === 's3') {
      for await (const object of store.list()) {
        const target = path.join(out, FILES_DIR, ...object.key.split('/'));
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await pipeline(await store.read(object.key), fs.createWriteStream(target, { mode: 0o600 }));
        objects += 1;
        bytes += object.bytes;
      }
    } else {
      for await (const file of store.list()) {
        objects += 1;
        bytes += file.bytes;
      }
    }
    const gmKeys = gmKeyIdentities(keys);
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      createdAt: clock.now().toISOString(),
      appVersion: appVersion(),
      migration,
      database: { kind: opened.kind, file: path.basename(dumpFile), sha256: await sha256File(dumpFile), bytes: (await fs.promises.stat(dumpFile)).size },
      files: { store: store.kind, objects, bytes, directory: store.kind === 's3' ? FILES_DIR : null },
      keys: keyIdentities(keys),
      cryptoProfile: keys.profile ?? 'default',
      ...(gmKeys ? { gmKeys } : {}),
      counts,
    };
    await fs.promises.writeFile(path.join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return manifest;
  } finally {
    await opened.close();
  }
}
