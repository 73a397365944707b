import crypto from 'node:crypto';
import type { Database } from '../db/database';
import type { CryptoService, Keys } from './index';
import type { Suite } from './suites';

/**
 * Start-up check that the loaded keys are the ones the database was written with. `key_fingerprints` holds, per
 * key, a one-way fingerprint and the short key id (never the key); a node whose keys differ refuses to start and
 * names the key. The first node that finds no row records its keys, after probing any data already written
 * (an upgrade of a populated database): a ciphertext must decrypt, its keyed hash must match, and the newest
 * certificate must carry the signing key's id.
 */

export type KeyName = 'data' | 'hash' | 'signing' | 'gm-data' | 'gm-hash' | 'gm-signing';

const LABELS: Record<KeyName, string> = {
  data: 'data key (CQO_DATA_KEY / keys.json dataKey)',
  hash: 'hash key (CQO_HASH_KEY / keys.json hashKey)',
  signing: 'signing key (CQO_SIGNING_KEY / keys.json signingKey)',
  'gm-data': 'gm data key (CQO_GM_DATA_KEY / keys.json gmDataKey)',
  'gm-hash': 'gm hash key (CQO_GM_HASH_KEY / keys.json gmHashKey)',
  'gm-signing': 'gm signing key (CQO_GM_SIGNING_KEY / keys.json gmSigningKey)',
};

type Role = 'data' | 'hash' | 'signing';
const nameOf = (suite: Suite, role: Role): KeyName => (suite.profile === 'gm' ? `gm-${role}` : role);

export interface KeyFingerprint {
  name: KeyName;
  fingerprint: string;
  keyId: string;
}

export class KeyMismatchError extends Error {
  constructor(
    readonly keys: KeyName[],
    detail: string,
  ) {
    super(
      `${keys.map((k) => `The ${LABELS[k]}`).join('; ')} does not match the key this database was written with (${detail}). Start the node with the keys the database was written with; see docs/OPERATIONS.md "Keys".`,
    );
    this.name = 'KeyMismatchError';
  }
}

const digest = (label: string, material: Buffer): string =>
  crypto.createHash('sha256').update(`cqo-key-fingerprint:v1:${label}:`).update(material).digest('hex');

export function keyFingerprints(keys: Keys, service: CryptoService): KeyFingerprint[] {
  const hash = digest('hash', keys.hashKey);
  const fingerprints: KeyFingerprint[] = [
    { name: 'data', fingerprint: digest('data', keys.dataKey), keyId: service.suite('default').dataKeyId },
    { name: 'hash', fingerprint: hash, keyId: hash.slice(0, 8) },
    // the signing key's public half: the id certificates record
    { name: 'signing', fingerprint: digest('signing', Buffer.from(service.suite('default').publicKeyPem)), keyId: service.suite('default').signingKeyId },
  ];
  if (keys.gm) {
    const gm = service.suite('gm');
    fingerprints.push(
      { name: 'gm-data', fingerprint: digest('gm-data', keys.gm.dataKey), keyId: gm.dataKeyId },
      { name: 'gm-hash', fingerprint: digest('gm-hash', keys.gm.hashKey), keyId: gm.hashKeyId },
      { name: 'gm-signing', fingerprint: digest('gm-signing', Buffer.from(gm.publicKeyPem)), keyId: gm.signingKeyId },
    );
  }
  return fingerprints;
}

/** Whether a stored lookup hash is in the form this suite writes. */
const hashIsOf = (suite: Suite, stored: string): boolean => (suite.profile === 'gm' ? stored.startsWith('hmac-sm3.') : /^[0-9a-f]{64}$/.test(stored));

/** Keys whose fingerprints are missing, checked against data each suite already wrote; returns the ones that fail. */
async function probeWrittenData(db: Database, service: CryptoService, names: KeyName[]): Promise<KeyName[]> {
  const failed = new Set<KeyName>();
  for (const suite of service.suites) {
    const [data, hash, signing] = (['data', 'hash', 'signing'] as const).map((role) => nameOf(suite, role)) as [KeyName, KeyName, KeyName];
    if (names.includes(data) || names.includes(hash)) {
      const person = await db
        .selectFrom('persons')
        .select(['id_number_enc', 'id_number_hash'])
        .where('id_number_enc', 'like', `v1.${suite.cipher}.%`)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (person) {
        let plain: string | null;
        try {
          plain = service.decryptingSuite(person.id_number_enc) === suite ? service.decrypt(person.id_number_enc) : null;
        } catch {
          plain = null;
        }
        if (plain === null) failed.add(data);
        else if (hashIsOf(suite, person.id_number_hash) && suite.keyedHash(plain) !== person.id_number_hash) failed.add(hash);
      }
    }
    if (names.includes(signing)) {
      const cert = await db
        .selectFrom('certificates')
        .select('signing_key_id')
        .where('signature_algorithm', '=', suite.signatureAlgorithm)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (cert && cert.signing_key_id !== suite.signingKeyId) failed.add(signing);
    }
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
  const failed = await probeWrittenData(
    db,
    service,
    missing.map((m) => m.name),
  );
  if (failed.length) throw new KeyMismatchError(failed, 'data already in the database cannot be read or verified with it');
  await db
    .insertInto('key_fingerprints')
    .values(missing.map((m) => ({ name: m.name, fingerprint: m.fingerprint, key_id: m.keyId })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  // another node may have recorded different keys at the same moment
  await compare();
}
