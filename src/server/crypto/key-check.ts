import crypto from 'node:crypto';
import type { Database } from '../db/database';
import type { CryptoService, Keys } from './index';

/**
 * Start-up check that the loaded keys are the ones the database was written with. `key_fingerprints` holds, per
 * key, a one-way fingerprint and the short key id (never the key); a node whose keys differ refuses to start and
 * names the key. The first node that finds no row records its keys, after probing any data already written
 * (an upgrade of a populated database): a ciphertext must decrypt, its keyed hash must match, and the newest
 * certificate must carry the signing key's id.
 */

export type KeyName = 'data' | 'hash' | 'signing';

const LABELS: Record<KeyName, string> = {
  data: 'data key (CQO_DATA_KEY / keys.json dataKey)',
  hash: 'hash key (CQO_HASH_KEY / keys.json hashKey)',
  signing: 'signing key (CQO_SIGNING_KEY / keys.json signingKey)',
};

export interface KeyFingerprint {
  name: KeyName;
  fingerprint: string;
  keyId: string;
}

export class KeyMismatchError extends Error {
  constructor(readonly keys: KeyName[], detail: string) {
    super(`${keys.map((k) => `The ${LABELS[k]}`).join('; ')} does not match the key this database was written with (${detail}). Start the node with the keys the database was written with; see docs/OPERATIONS.md "Keys".`);
    this.name = 'KeyMismatchError';
  }
}

const digest = (label: string, material: Buffer): string => crypto.createHash('sha256').update(`cqo-key-fingerprint:v1:${label}:`).update(material).digest('hex');

export function keyFingerprints(keys: Keys, service: CryptoService): KeyFingerprint[] {
  const hash = digest('hash', keys.hashKey);
  return [
    { name: 'data', fingerprint: digest('data', keys.dataKey), keyId: service.dataKeyId },
    { name: 'hash', fingerprint: hash, keyId: hash.slice(0, 8) },
    // the signing key's public half: the id certificates record
    { name: 'signing', fingerprint: digest('signing', Buffer.from(service.signingPublicKeyPem)), keyId: service.signingKeyId },
  ];
}

/** Keys whose fingerprints are missing, checked against data already in the database; returns the ones that fail. */
async function probeWrittenData(db: Database, service: CryptoService, names: KeyName[]): Promise<KeyName[]> {
  const failed = new Set<KeyName>();
  if (names.includes('data') || names.includes('hash')) {
    const person = await db.selectFrom('persons').select(['id_number_enc', 'id_number_hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (person) {
      let plain: string | null = null;
      try {
        plain = service.decrypt(person.id_number_enc);
      } catch {
        failed.add('data');
      }
      if (plain !== null && service.keyedHash(plain) !== person.id_number_hash) failed.add('hash');
    }
  }
  if (names.includes('signing')) {
    const cert = await db.selectFrom('certificates').select('signing_key_id').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (cert && cert.signing_key_id !== service.signingKeyId) failed.add('signing');
  }
  return names.filter((n) => failed.has(n));
}

/**
 * Compares the loaded keys with `key_fingerprints`; with `record`, stores the fingerprints that are missing
 * (a read-only node only compares). Throws KeyMismatchError naming each key that differs.
 */
export async function checkKeys(db: Database, keys: Keys, service: CryptoService, options: { record: boolean }): Promise<void> {
  const current = keyFingerprints(keys, service);
  const compare = async () => {
    const stored = new Map((await db.selectFrom('key_fingerprints').select(['name', 'fingerprint', 'key_id']).execute()).map((r) => [r.name, r]));
    const wrong = current.filter((c) => stored.has(c.name) && stored.get(c.name)?.fingerprint !== c.fingerprint);
    if (wrong.length) {
      throw new KeyMismatchError(
        wrong.map((w) => w.name),
        wrong.map((w) => `${w.name}: database ${stored.get(w.name)?.key_id ?? '?'}, loaded ${w.keyId}`).join('; '),
      );
    }
    return current.filter((c) => !stored.has(c.name));
  };
  const missing = await compare();
  if (!missing.length || !options.record) return;
  const failed = await probeWrittenData(db, service, missing.map((m) => m.name));
  if (failed.length) throw new KeyMismatchError(failed, 'data already in the database cannot be read or verified with it');
  await db
    .insertInto('key_fingerprints')
    .values(missing.map((m) => ({ name: m.name, fingerprint: m.fingerprint, key_id: m.keyId })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  // another node may have recorded different keys at the same moment
  await compare();
}
