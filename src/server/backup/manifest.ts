import crypto from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { CryptoService, type CryptoProfile, type Keys } from '../crypto/index';
import type { Database, DatabaseKind } from '../db/database';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'cqo-backup/1';

export type KeyName = 'data' | 'hash' | 'signing';
export const KEY_ENV: Record<KeyName, string> = { data: 'CQO_DATA_KEY', hash: 'CQO_HASH_KEY', signing: 'CQO_SIGNING_KEY' };
export const GM_KEY_ENV: Record<KeyName, string> = { data: 'CQO_GM_DATA_KEY', hash: 'CQO_GM_HASH_KEY', signing: 'CQO_GM_SIGNING_KEY' };

/** What identifies a key without revealing it: the id the system already writes (ciphertexts, signatures) and a fingerprint. */
export interface KeyIdentity {
  id: string;
  fingerprint: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  appVersion: string;
  /** The last migration applied to the backed-up database. */
  migration: string | null;
  database: { kind: DatabaseKind; file: string; sha256: string; bytes: number };
  files: { store: 'database' | 's3'; objects: number; bytes: number; directory: string | null };
  keys: Record<KeyName, KeyIdentity>;
  /** The profile the system wrote with (absent in backups made before the gm profile existed: `default`). */
  cryptoProfile?: CryptoProfile;
  /**
   * The 国密 keys, when configured (always with the gm profile): the ids are the ones written into SM4 envelopes,
   * `hmac-sm3.<id>.…` lookup hashes, SM2 signatures and the audit chain's `hash_key_id`.
   */
  gmKeys?: Record<KeyName, KeyIdentity>;
  counts: Record<string, number>;
}

/** A one-way, domain-separated SHA-256 of a key: equal keys give equal fingerprints, and it tells nothing of the key. */
const fingerprint = (name: KeyName | `gm-${KeyName}`, key: Buffer): string =>
  crypto.createHash('sha256').update(`cqo-key-fingerprint:${name}:`).update(key).digest('hex').slice(0, 32);

export function keyIdentities(keys: Keys): Record<KeyName, KeyIdentity> {
  const service = new CryptoService(keys);
  return {
    // the id in every `v1.aes-256-gcm.<keyId>.…` ciphertext
    data: { id: crypto.createHash('sha256').update(keys.dataKey).digest('hex').slice(0, 8), fingerprint: fingerprint('data', keys.dataKey) },
    hash: {
      id: crypto.createHash('sha256').update('cqo-hash-key-id:').update(keys.hashKey).digest('hex').slice(0, 8),
      fingerprint: fingerprint('hash', keys.hashKey),
    },
    // the id printed with every certificate signature
    signing: { id: service.signingKeyId, fingerprint: fingerprint('signing', keys.signingSeed) },
  };
}

/** The gm keys' identities (ids as the gm suite writes them), or undefined when they are not configured. */
export function gmKeyIdentities(keys: Keys): Record<KeyName, KeyIdentity> | undefined {
  if (!keys.gm) return undefined;
  const gm = new CryptoService(keys).suite('gm');
  return {
    data: { id: gm.dataKeyId, fingerprint: fingerprint('gm-data', keys.gm.dataKey) },
    hash: { id: gm.hashKeyId, fingerprint: fingerprint('gm-hash', keys.gm.hashKey) },
    signing: { id: gm.signingKeyId, fingerprint: fingerprint('gm-signing', keys.gm.signingKey) },
  };
}

/** The keys whose identity differs between a backup and the configured keys, as sentences naming them. */
export function keyMismatches(
  backup: Record<KeyName, KeyIdentity>,
  configured: Record<KeyName, KeyIdentity>,
  env: Record<KeyName, string> = KEY_ENV,
): string[] {
  return (Object.keys(env) as KeyName[])
    .filter((name) => backup[name]?.fingerprint !== configured[name].fingerprint)
    .map((name) => `${env[name]}: the backup was written with key id ${backup[name]?.id ?? '(none)'}, the configured key has id ${configured[name].id}`);
}

/** Every key of a backup (the gm keys too, when it records them) that the configured keys lack or differ in. */
export function allKeyMismatches(manifest: Pick<Manifest, 'keys' | 'gmKeys'>, keys: Keys): string[] {
  const mismatched = keyMismatches(manifest.keys, keyIdentities(keys));
  if (manifest.gmKeys) {
    const gm = gmKeyIdentities(keys);
    if (!gm)
      mismatched.push(
        `${Object.values(GM_KEY_ENV).join(', ')}: the backup holds data of the gm profile (key ids ${Object.values(manifest.gmKeys)
          .map((k) => k.id)
          .join(', ')}), but no gm keys are configured`,
      );
    else mismatched.push(...keyMismatches(manifest.gmKeys, gm, GM_KEY_ENV));
  }
  return mismatched;
}

export function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function migrationLevel(db: Database): Promise<string | null> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  return rows.rows[0]?.name ?? null;
}

const COUNTED = ['accounts', 'org_units', 'enterprises', 'filings', 'certificates', 'training_materials', 'lessons', 'audit_events', 'stored_files'] as const;

/** Row counts of the main tables: compared after a restore. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const row = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(row.rows[0]?.n ?? 0);
  }
  return counts;
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
