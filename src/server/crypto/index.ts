import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';

import type { MacKey } from '../../domain/rotating-token';
import { isValidSm2PrivateKey } from './gm';
import { suiteFor, type CryptoProfile, type Suite } from './suites';

export { signingKeyFromSeed } from './suites';
export type { CryptoProfile } from './suites';

/**
 * All cryptography of the server in one place. `CQO_CRYPTO_PROFILE` picks the suite that writes (default:
 * AES-256-GCM, HMAC-SHA-256, Ed25519; gm: SM4, HMAC-SM3, SM2 — crypto/suites.ts). Every ciphertext, keyed hash
 * and signature names its algorithm and key id, and any loaded suite reads what it made, so one database can
 * hold both profiles while `npm run crypto:migrate` moves it from one to the other.
 */

export interface GmKeys {
  /** 32 bytes; the SM4 key and the HMAC-SM3 key of encrypt-then-MAC are derived from it. */
  dataKey: Buffer;
  hashKey: Buffer;
  /** The SM2 private key d (32 bytes, 1 <= d <= n - 2). */
  signingKey: Buffer;
}

export interface Keys {
  dataKey: Buffer;
  hashKey: Buffer;
  /** Ed25519 seed (32 bytes) for certificate signatures. */
  signingSeed: Buffer;
  /** The 国密 keys, when configured (required by the gm profile, optional otherwise: they read gm data). */
  gm?: GmKeys;
  /** Which suite writes; `default` when absent. */
  profile?: CryptoProfile;
}

function decodeKey(name: string, value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`);
  return key;
}

function decodeSm2Key(name: string, value: string): Buffer {
  const key = decodeKey(name, value);
  if (!isValidSm2PrivateKey(key)) throw new Error(`${name} is not a valid SM2 private key (1 <= d <= n - 2)`);
  return key;
}

/** A new SM2 private key (random, retried in the 2^-32 case of an invalid one). */
export function newSm2PrivateKey(): Buffer {
  for (;;) {
    const key = crypto.randomBytes(32);
    if (isValidSm2PrivateKey(key)) return key;
  }
}

export interface KeyOptions {
  dataKey?: string | undefined;
  hashKey?: string | undefined;
  signingKey?: string | undefined;
  gmDataKey?: string | undefined;
  gmHashKey?: string | undefined;
  gmSigningKey?: string | undefined;
  profile?: CryptoProfile | undefined;
  dataDir?: string;
}

interface StoredKeys {
  dataKey?: string;
  hashKey?: string;
  signingKey?: string;
  gmDataKey?: string;
  gmHashKey?: string;
  gmSigningKey?: string;
}

const GM_ENV = ['CQO_GM_DATA_KEY', 'CQO_GM_HASH_KEY', 'CQO_GM_SIGNING_KEY'] as const;

/**
 * Keys come from the environment in production. In the embedded default they are generated once into
 * `<dataDir>/keys.json` (mode 0600), and only into an empty data directory: a data directory that already holds
 * a database or files but no (or an incomplete) keys.json is refused, since new keys could not read what is there.
 * The gm keys (CQO_GM_*, keys.json gm*) are added to an existing keys.json when the gm profile first needs them:
 * nothing was written with keys that did not exist, and the start-up key check records them.
 */
export function loadKeys(options: KeyOptions): Keys {
  const profile = options.profile ?? 'default';
  const gmEnv = [options.gmDataKey, options.gmHashKey, options.gmSigningKey];
  if (gmEnv.some(Boolean) && !gmEnv.every(Boolean)) {
    throw new Error(`Set all of ${GM_ENV.join(', ')} or none of them`);
  }
  const gmFromEnv = (): GmKeys | undefined =>
    options.gmDataKey && options.gmHashKey && options.gmSigningKey
      ? {
          dataKey: decodeKey('CQO_GM_DATA_KEY', options.gmDataKey),
          hashKey: decodeKey('CQO_GM_HASH_KEY', options.gmHashKey),
          signingKey: decodeSm2Key('CQO_GM_SIGNING_KEY', options.gmSigningKey),
        }
      : undefined;
  if (options.dataKey && options.hashKey && options.signingKey && (gmFromEnv() || profile === 'default' || !options.dataDir)) {
    const gm = gmFromEnv();
    if (profile === 'gm' && !gm) throw new Error(`CQO_CRYPTO_PROFILE=gm needs ${GM_ENV.join(', ')}`);
    return {
      dataKey: decodeKey('CQO_DATA_KEY', options.dataKey),
      hashKey: decodeKey('CQO_HASH_KEY', options.hashKey),
      signingSeed: decodeKey('CQO_SIGNING_KEY', options.signingKey),
      ...(gm ? { gm } : {}),
      profile,
    };
  }
  if (!options.dataDir) throw new Error('Keys are missing and there is no data directory to keep generated ones');
  const file = path.join(options.dataDir, 'keys.json');
  let stored: StoredKeys;
  if (fs.existsSync(file)) {
    stored = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredKeys;
    const missing = (['dataKey', 'hashKey', 'signingKey'] as const).filter((k) => !stored[k] && !options[k]);
    if (missing.length) {
      throw new Error(
        `${file} lacks ${missing.join(', ')}: refusing to generate a key into a data directory that already holds data. Restore keys.json from the backup or set CQO_DATA_KEY, CQO_HASH_KEY and CQO_SIGNING_KEY.`,
      );
    }
    if (profile === 'gm' && !gmFromEnv() && !(stored.gmDataKey && stored.gmHashKey && stored.gmSigningKey)) {
      stored = { ...stored, ...newGmStored() };
      writeKeysFile(file, stored);
    }
  } else {
    const entries = fs.existsSync(options.dataDir) ? fs.readdirSync(options.dataDir) : [];
    if (entries.length) {
      throw new Error(
        `The data directory ${options.dataDir} is not empty (${entries.slice(0, 5).join(', ')}) but holds no keys.json: refusing to generate new keys, which could not read its data. ` +
          'Restore keys.json from the backup, set CQO_DATA_KEY, CQO_HASH_KEY and CQO_SIGNING_KEY, or start with an empty CQO_DATA_DIR.',
      );
    }
    stored = {
      dataKey: crypto.randomBytes(32).toString('base64'),
      hashKey: crypto.randomBytes(32).toString('base64'),
      signingKey: crypto.randomBytes(32).toString('base64'),
      ...(profile === 'gm' ? newGmStored() : {}),
    };
    fs.mkdirSync(options.dataDir, { recursive: true });
    writeKeysFile(file, stored);
  }
  const gm =
    gmFromEnv() ??
    (stored.gmDataKey && stored.gmHashKey && stored.gmSigningKey
      ? {
          dataKey: decodeKey('keys.json gmDataKey', stored.gmDataKey),
          hashKey: decodeKey('keys.json gmHashKey', stored.gmHashKey),
          signingKey: decodeSm2Key('keys.json gmSigningKey', stored.gmSigningKey),
        }
      : undefined);
  return {
    dataKey: decodeKey(options.dataKey ? 'CQO_DATA_KEY' : 'keys.json dataKey', options.dataKey ?? stored.dataKey ?? ''),
    hashKey: decodeKey(options.hashKey ? 'CQO_HASH_KEY' : 'keys.json hashKey', options.hashKey ?? stored.hashKey ?? ''),
    signingSeed: decodeKey(options.signingKey ? 'CQO_SIGNING_KEY' : 'keys.json signingKey', options.signingKey ?? stored.signingKey ?? ''),
    ...(gm ? { gm } : {}),
    profile,
  };
}

const newGmStored = (): StoredKeys => ({
  gmDataKey: crypto.randomBytes(32).toString('base64'),
  gmHashKey: crypto.randomBytes(32).toString('base64'),
  gmSigningKey: newSm2PrivateKey().toString('base64'),
});

function writeKeysFile(file: string, stored: StoredKeys): void {
  fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

export interface PublicSigningKey {
  keyId: string;
  algorithm: Suite['signatureAlgorithm'];
  publicKeyPem: string;
  distinguishingId: string | null;
}

export class CryptoService {
  readonly profile: CryptoProfile;
  /** The suite that writes. */
  readonly active: Suite;
  /** Every loaded suite, the active one first: each reads and verifies what it made. */
  readonly suites: readonly Suite[];

  constructor(keys: Keys) {
    this.profile = keys.profile ?? 'default';
    const loaded: Suite[] = [suiteFor('default', { dataKey: keys.dataKey, hashKey: keys.hashKey, signingKey: keys.signingSeed })];
    if (keys.gm) loaded.push(suiteFor('gm', keys.gm));
    const active = loaded.find((s) => s.profile === this.profile);
    if (!active) throw new Error(`The ${this.profile} crypto profile needs its keys (CQO_GM_DATA_KEY, CQO_GM_HASH_KEY, CQO_GM_SIGNING_KEY)`);
    this.active = active;
    this.suites = [active, ...loaded.filter((s) => s !== active)];
  }

  /** The loaded suite of a profile (for `crypto:migrate`); throws when its keys are not configured. */
  suite(profile: CryptoProfile): Suite {
    const found = this.suites.find((s) => s.profile === profile);
    if (!found) throw new Error(`The keys of the ${profile} crypto profile are not configured`);
    return found;
  }

  /** Short id of the active data key, as written into every ciphertext. */
  get dataKeyId(): string {
    return this.active.dataKeyId;
  }

  get signingKeyId(): string {
    return this.active.signingKeyId;
  }

  /** `v1.<cipher>.<keyId>.<iv>.<tag>.<ciphertext>` with the active suite. */
  encrypt(plaintext: string): string {
    return this.active.encrypt(plaintext);
  }

  /** Decrypts an envelope of any loaded suite, chosen by its cipher and key id. */
  decrypt(envelope: string): string {
    return this.decryptingSuite(envelope).decrypt(...envelopeParts(envelope));
  }

  /** The suite whose cipher and key made this envelope (throws when none is loaded). */
  decryptingSuite(envelope: string): Suite {
    const [version, algorithm, keyId] = envelope.split('.');
    if (version !== 'v1') throw new Error('Unsupported ciphertext envelope');
    const suite = this.suites.find((s) => s.cipher === algorithm);
    if (!suite) throw new Error('Unsupported ciphertext envelope');
    if (keyId !== suite.dataKeyId) throw new Error(`Ciphertext was made with key ${String(keyId)}, which is not loaded`);
    return suite;
  }

  /** Signature (base64url) of a canonical payload with the active suite, with its algorithm and key id. */
  sign(payload: string): { signature: string; keyId: string; algorithm: Suite['signatureAlgorithm'] } {
    return { signature: this.active.sign(payload), keyId: this.active.signingKeyId, algorithm: this.active.signatureAlgorithm };
  }

  /** Verifies with the loaded key of that id (and algorithm, when given); an unknown key id does not verify. */
  verifySignature(payload: string, signature: string, keyId: string, algorithm?: string): boolean {
    const suite = this.suites.find((s) => s.signingKeyId === keyId && (algorithm === undefined || s.signatureAlgorithm === algorithm));
    return suite ? suite.verify(payload, signature) : false;
  }

  /** The active public key (SPKI PEM), so anyone can check a certificate's signature offline. */
  get signingPublicKeyPem(): string {
    return this.active.publicKeyPem;
  }

  /** Every loaded signing key, the active one first (certificates signed before a migration name the other). */
  publicSigningKeys(): PublicSigningKey[] {
    return this.suites.map((s) => ({
      keyId: s.signingKeyId,
      algorithm: s.signatureAlgorithm,
      publicKeyPem: s.publicKeyPem,
      distinguishingId: s.distinguishingId,
    }));
  }

  /**
   * A MAC key for one purpose (rotating sign-in tokens), derived from the active hash key (HKDF), with the digest
   * of the active profile's HMAC: SHA-256, or SM3 in the gm profile. The tokens live seconds, so nothing stored
   * depends on it across a profile change.
   */
  macKey(purpose: string): MacKey {
    return { key: this.active.macKey(purpose), digest: this.active.hashAlgorithm === 'hmac-sm3' ? 'sm3' : 'sha256' };
  }

  /** Keyed hash for lookup and uniqueness of personal data (default: HMAC-SHA256 hex; gm: `hmac-sm3.<keyId>.<hex>`). */
  keyedHash(value: string): string {
    return this.active.keyedHash(value);
  }

  /** What the audit chain needs: the algorithm and key new rows are written with, and the keys of every loaded suite. */
  auditChain(purpose: string): AuditChainKeys {
    const keys: AuditChainKeys['keys'] = {};
    for (const s of this.suites) keys[s.auditAlgorithm] = { key: s.macKey(purpose), keyId: s.hashKeyId };
    return { write: this.active.auditAlgorithm, keys };
  }
}

export interface AuditChainKeys {
  write: 'hmac-sha256' | 'hmac-sm3';
  keys: Partial<Record<'hmac-sha256' | 'hmac-sm3', { key: Buffer; keyId: string }>>;
}

function envelopeParts(envelope: string): [string, string, string] {
  const [, , , iv, tag, body] = envelope.split('.');
  if (!iv || !tag || body === undefined) throw new Error('Unsupported ciphertext envelope');
  return [iv, tag, body];
}

/** Unkeyed digest, e.g. of session tokens and audit chain rows. */
export const sha256Hex = (value: string): string => crypto.createHash('sha256').update(value, 'utf8').digest('hex');

export const randomToken = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url');

/** argon2id with the OWASP-recommended minimum parameters (19 MiB, t=2, p=1). */
const ARGON2_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */ as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => argonHash(password, ARGON2_OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argonVerify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword(randomToken()));

export function timingSafeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
