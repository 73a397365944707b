import crypto from 'node:crypto';
import { hmacSm3, sm2PublicKeyHex, sm2Sign, sm2SpkiDer, sm2SpkiPem, sm2Verify, sm3Hex, sm4CtrOpen, sm4CtrSeal, splitDataKey, SM2_DEFAULT_ID } from './gm';

/**
 * The two cryptographic profiles as interchangeable suites. `default`: AES-256-GCM, HMAC-SHA-256, Ed25519.
 * `gm` (国密, CQO_CRYPTO_PROFILE=gm): SM4-CTR + HMAC-SM3 (encrypt-then-MAC), HMAC-SM3, SM2 over SM3 with the ID
 * 1234567812345678. Every output names its algorithm and key id, so both can live in one database.
 */

export type CryptoProfile = 'default' | 'gm';
export const CRYPTO_PROFILES: readonly CryptoProfile[] = ['default', 'gm'];

export type CipherAlgorithm = 'aes-256-gcm' | 'sm4-ctr-hmac-sm3';
export type KeyedHashAlgorithm = 'hmac-sha256' | 'hmac-sm3';
export type SignatureAlgorithm = 'ed25519' | 'sm2-sm3';

/** The three keys of one profile (32 bytes each): field encryption, keyed hashes and MACs, certificate signatures. */
export interface SuiteKeys {
  dataKey: Buffer;
  hashKey: Buffer;
  /** default: an Ed25519 seed; gm: the SM2 private key d. */
  signingKey: Buffer;
}

export interface Suite {
  readonly profile: CryptoProfile;
  readonly cipher: CipherAlgorithm;
  readonly dataKeyId: string;
  readonly hashAlgorithm: KeyedHashAlgorithm;
  readonly hashKeyId: string;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly signingKeyId: string;
  readonly publicKeyPem: string;
  /** The SM2 distinguishing identifier the signatures are made with (gm only). */
  readonly distinguishingId: string | null;
  /** `v1.<cipher>.<keyId>.<iv>.<tag|mac>.<ciphertext>` (base64url parts). */
  encrypt(plaintext: string): string;
  /** The parts after `v1.<cipher>.<keyId>.` of an envelope this suite made. */
  decrypt(iv: string, tag: string, body: string): string;
  /** Keyed hash for lookup and uniqueness, in the form stored in `*_hash` columns. */
  keyedHash(value: string): string;
  sign(payload: string): string;
  verify(payload: string, signature: string): boolean;
  /** A 32-byte key for one purpose (rotating tokens, the audit chain), derived from the hash key. */
  macKey(purpose: string): Buffer;
  /** The MAC of the audit chain rows (under `macKey('audit-chain')`, computed in audit/audit-log.ts). */
  readonly auditAlgorithm: 'hmac-sha256' | 'hmac-sm3';
}

/** PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410), so a 32-byte secret is the whole key. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
export const signingKeyFromSeed = (seed: Buffer): crypto.KeyObject =>
  crypto.createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });

const ENVELOPE_VERSION = 'v1';
const header = (cipher: CipherAlgorithm, keyId: string): string => `${ENVELOPE_VERSION}.${cipher}.${keyId}`;

export function defaultSuite(keys: SuiteKeys): Suite {
  const signingKey = signingKeyFromSeed(keys.signingKey);
  const publicKey = crypto.createPublicKey(signingKey);
  const dataKeyId = crypto.createHash('sha256').update(keys.dataKey).digest('hex').slice(0, 8);
  return {
    profile: 'default',
    cipher: 'aes-256-gcm',
    dataKeyId,
    hashAlgorithm: 'hmac-sha256',
    // as recorded in key_fingerprints since migration 0026
    hashKeyId: crypto.createHash('sha256').update('cqo-key-fingerprint:v1:hash:').update(keys.hashKey).digest('hex').slice(0, 8),
    signatureAlgorithm: 'ed25519',
    signingKeyId: crypto
      .createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex')
      .slice(0, 8),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    distinguishingId: null,
    encrypt(plaintext) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', keys.dataKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [header('aes-256-gcm', dataKeyId), iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(iv, tag, body) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', keys.dataKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    // bare hex: the form written before the gm profile existed, kept so lookups of existing rows still match
    keyedHash: (value) => crypto.createHmac('sha256', keys.hashKey).update(value, 'utf8').digest('hex'),
    sign: (payload) => crypto.sign(null, Buffer.from(payload, 'utf8'), signingKey).toString('base64url'),
    verify(payload, signature) {
      try {
        return crypto.verify(null, Buffer.from(payload, 'utf8'), publicKey, Buffer.from(signature, 'base64url'));
      } catch {
        return false;
      }
    },
    macKey: (purpose) => Buffer.from(crypto.hkdfSync('sha256', keys.hashKey, Buffer.alloc(0), `cqo-mac:${purpose}`, 32)),
    auditAlgorithm: 'hmac-sha256',
  };
}

/** The prefix of a gm lookup hash: `hmac-sm3.<hashKeyId>.<hex>`. */
export const GM_HASH_PREFIX = 'hmac-sm3.';

export function gmSuite(keys: SuiteKeys): Suite {
  const sealKeys = splitDataKey(keys.dataKey);
  const publicKeyHex = sm2PublicKeyHex(keys.signingKey);
  const dataKeyId = sm3Hex(Buffer.concat([Buffer.from('cqo-gm-data-key:'), keys.dataKey])).slice(0, 8);
  const hashKeyId = sm3Hex(Buffer.concat([Buffer.from('cqo-gm-hash-key:'), keys.hashKey])).slice(0, 8);
  return {
    profile: 'gm',
    cipher: 'sm4-ctr-hmac-sm3',
    dataKeyId,
    hashAlgorithm: 'hmac-sm3',
    hashKeyId,
    signatureAlgorithm: 'sm2-sm3',
    signingKeyId: sm3Hex(sm2SpkiDer(publicKeyHex)).slice(0, 8),
    publicKeyPem: sm2SpkiPem(publicKeyHex),
    distinguishingId: SM2_DEFAULT_ID,
    encrypt(plaintext) {
      const aad = header('sm4-ctr-hmac-sm3', dataKeyId);
      const sealed = sm4CtrSeal(sealKeys, Buffer.from(plaintext, 'utf8'), aad);
      return [aad, sealed.iv.toString('base64url'), sealed.mac.toString('base64url'), sealed.body.toString('base64url')].join('.');
    },
    decrypt(iv, mac, body) {
      const sealed = { iv: Buffer.from(iv, 'base64url'), mac: Buffer.from(mac, 'base64url'), body: Buffer.from(body, 'base64url') };
      return sm4CtrOpen(sealKeys, sealed, header('sm4-ctr-hmac-sm3', dataKeyId)).toString('utf8');
    },
    keyedHash: (value) => `${GM_HASH_PREFIX}${hashKeyId}.${hmacSm3(keys.hashKey, value).toString('hex')}`,
    sign: (payload) => sm2Sign(keys.signingKey, Buffer.from(payload, 'utf8'), publicKeyHex).toString('base64url'),
    verify: (payload, signature) => sm2Verify(publicKeyHex, Buffer.from(payload, 'utf8'), Buffer.from(signature, 'base64url')),
    macKey: (purpose) => Buffer.from(crypto.hkdfSync('sm3', keys.hashKey, Buffer.alloc(0), `cqo-mac:${purpose}`, 32)),
    auditAlgorithm: 'hmac-sm3',
  };
}

export const suiteFor = (profile: CryptoProfile, keys: SuiteKeys): Suite => (profile === 'gm' ? gmSuite(keys) : defaultSuite(keys));
