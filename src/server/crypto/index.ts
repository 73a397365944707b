import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';

/**
 * All cryptography of the server in one place, so a 国密 profile (SM4/SM3/SM2) can be switched on later
 * without touching callers. Every ciphertext records its algorithm and key id so keys can rotate.
 */

export interface Keys {
  dataKey: Buffer;
  hashKey: Buffer;
  /** Ed25519 seed (32 bytes) for certificate signatures. */
  signingSeed: Buffer;
}

/** PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410), so a 32-byte secret is the whole key. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
export const signingKeyFromSeed = (seed: Buffer): crypto.KeyObject =>
  crypto.createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });

const ENVELOPE_VERSION = 'v1';
const CIPHER = 'aes-256-gcm';

function decodeKey(name: string, value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`);
  return key;
}

/**
 * Keys come from the environment in production. In the embedded default they are generated once into
 * `<dataDir>/keys.json` (mode 0600), and only into an empty data directory: a data directory that already holds
 * a database or files but no (or an incomplete) keys.json is refused, since new keys could not read what is there.
 */
export function loadKeys(options: { dataKey?: string | undefined; hashKey?: string | undefined; signingKey?: string | undefined; dataDir?: string }): Keys {
  if (options.dataKey && options.hashKey && options.signingKey) {
    return {
      dataKey: decodeKey('CQO_DATA_KEY', options.dataKey),
      hashKey: decodeKey('CQO_HASH_KEY', options.hashKey),
      signingSeed: decodeKey('CQO_SIGNING_KEY', options.signingKey),
    };
  }
  if (!options.dataDir) throw new Error('Keys are missing and there is no data directory to keep generated ones');
  const file = path.join(options.dataDir, 'keys.json');
  let stored: { dataKey?: string; hashKey?: string; signingKey?: string };
  if (fs.existsSync(file)) {
    stored = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof stored;
    const missing = (['dataKey', 'hashKey', 'signingKey'] as const).filter((k) => !stored[k]);
    if (missing.length) {
      throw new Error(`${file} lacks ${missing.join(', ')}: refusing to generate a key into a data directory that already holds data. Restore keys.json from the backup or set CQO_DATA_KEY, CQO_HASH_KEY and CQO_SIGNING_KEY.`);
    }
  } else {
    const entries = fs.existsSync(options.dataDir) ? fs.readdirSync(options.dataDir) : [];
    if (entries.length) {
      throw new Error(
        `The data directory ${options.dataDir} is not empty (${entries.slice(0, 5).join(', ')}) but holds no keys.json: refusing to generate new keys, which could not read its data. ` +
          'Restore keys.json from the backup, set CQO_DATA_KEY, CQO_HASH_KEY and CQO_SIGNING_KEY, or start with an empty CQO_DATA_DIR.',
      );
    }
    stored = { dataKey: crypto.randomBytes(32).toString('base64'), hashKey: crypto.randomBytes(32).toString('base64'), signingKey: crypto.randomBytes(32).toString('base64') };
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    fs.chmodSync(file, 0o600);
  }
  return {
    dataKey: decodeKey(options.dataKey ? 'CQO_DATA_KEY' : 'keys.json dataKey', options.dataKey ?? stored.dataKey ?? ''),
    hashKey: decodeKey(options.hashKey ? 'CQO_HASH_KEY' : 'keys.json hashKey', options.hashKey ?? stored.hashKey ?? ''),
    signingSeed: decodeKey(options.signingKey ? 'CQO_SIGNING_KEY' : 'keys.json signingKey', options.signingKey ?? stored.signingKey ?? ''),
  };
}

export class CryptoService {
  /** Short id of the data key, as written into every ciphertext. */
  readonly dataKeyId: string;
  private readonly signingKey: crypto.KeyObject;
  private readonly signingPublicKey: crypto.KeyObject;
  readonly signingKeyId: string;

  constructor(private readonly keys: Keys) {
    this.dataKeyId = crypto.createHash('sha256').update(keys.dataKey).digest('hex').slice(0, 8);
    this.signingKey = signingKeyFromSeed(keys.signingSeed);
    this.signingPublicKey = crypto.createPublicKey(this.signingKey);
    this.signingKeyId = crypto.createHash('sha256').update(this.signingPublicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 8);
  }

  /** AES-256-GCM; returns `v1.aes-256-gcm.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). */
  encrypt(plaintext: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv(CIPHER, this.keys.dataKey, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [ENVELOPE_VERSION, CIPHER, this.dataKeyId, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(envelope: string): string {
    const [version, algorithm, keyId, iv, tag, body] = envelope.split('.');
    if (version !== ENVELOPE_VERSION || algorithm !== CIPHER || !iv || !tag || body === undefined) {
      throw new Error('Unsupported ciphertext envelope');
    }
    if (keyId !== this.dataKeyId) throw new Error(`Ciphertext was made with key ${String(keyId)}, which is not loaded`);
    const decipher = crypto.createDecipheriv(CIPHER, this.keys.dataKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Ed25519 signature (base64url) of a canonical payload, with the key id it was made with. */
  sign(payload: string): { signature: string; keyId: string; algorithm: 'ed25519' } {
    return { signature: crypto.sign(null, Buffer.from(payload, 'utf8'), this.signingKey).toString('base64url'), keyId: this.signingKeyId, algorithm: 'ed25519' };
  }

  verifySignature(payload: string, signature: string, keyId: string): boolean {
    if (keyId !== this.signingKeyId) return false;
    try {
      return crypto.verify(null, Buffer.from(payload, 'utf8'), this.signingPublicKey, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  }

  /** The public key (SPKI PEM), so anyone can check a certificate's signature offline. */
  get signingPublicKeyPem(): string {
    return this.signingPublicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** A 32-byte MAC key for one purpose (e.g. rotating sign-in tokens), derived from the hash key with HKDF-SHA256. */
  macKey(purpose: string): Buffer {
    return Buffer.from(crypto.hkdfSync('sha256', this.keys.hashKey, Buffer.alloc(0), `cqo-mac:${purpose}`, 32));
  }

  /** Keyed hash for lookup and uniqueness of personal data (HMAC-SHA256, hex). */
  keyedHash(value: string): string {
    return crypto.createHmac('sha256', this.keys.hashKey).update(value, 'utf8').digest('hex');
  }
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
