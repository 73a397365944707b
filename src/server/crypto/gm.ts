import crypto from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';

/**
 * The 国密 primitives: SM3 (GB/T 32905), SM4 (GB/T 32907) and SM2 signatures (GB/T 32918.2). SM3, HMAC-SM3 and
 * SM4 come from Node's OpenSSL. Node cannot set the SM2 distinguishing identifier (it signs with an empty one),
 * so SM2 signing and verification use sm-crypto-v2 (pinned; its curve arithmetic is @noble/curves), with the standard identifier "1234567812345678"
 * (GM/T 0009), which is also what `openssl … -sigopt distid:1234567812345678` uses. Tested against the
 * standards' vectors in gm.test.ts.
 */

/** The default distinguishing identifier of GM/T 0009-2012 (section 10), used in Z_A of every SM2 signature. */
export const SM2_DEFAULT_ID = '1234567812345678';

/** Order n of the SM2 recommended curve: a private key d must satisfy 1 <= d <= n - 2. */
const SM2_N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

export const sm3 = (data: string | Buffer): Buffer => crypto.createHash('sm3').update(data).digest();
export const sm3Hex = (data: string | Buffer): string => crypto.createHash('sm3').update(data).digest('hex');
export const hmacSm3 = (key: Buffer, data: string | Buffer): Buffer => crypto.createHmac('sm3', key).update(data).digest();

/** SM4 of one 16-byte block (ECB, no padding): the primitive the standard's examples check. */
export function sm4EncryptBlock(key: Buffer, block: Buffer): Buffer {
  const cipher = crypto.createCipheriv('sm4-ecb', key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

/** The two halves of a 32-byte gm data key: the SM4 key and the HMAC-SM3 key of encrypt-then-MAC (domain-separated). */
export function splitDataKey(dataKey: Buffer): { encKey: Buffer; macKey: Buffer } {
  return { encKey: hmacSm3(dataKey, 'cqo-sm4-ctr-enc').subarray(0, 16), macKey: hmacSm3(dataKey, 'cqo-sm4-ctr-mac') };
}

/**
 * SM4-CTR then HMAC-SM3 over `aad | iv | ciphertext` (encrypt-then-MAC): Node's OpenSSL has no SM4-GCM.
 * The 16-byte IV is random, so the counter never repeats under one key in practice (2^-64 per pair of values).
 */
export function sm4CtrSeal(keys: { encKey: Buffer; macKey: Buffer }, plaintext: Buffer, aad: string): { iv: Buffer; body: Buffer; mac: Buffer } {
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('sm4-ctr', keys.encKey, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, body, mac: macOf(keys.macKey, aad, iv, body) };
}

export function sm4CtrOpen(keys: { encKey: Buffer; macKey: Buffer }, sealed: { iv: Buffer; body: Buffer; mac: Buffer }, aad: string): Buffer {
  if (sealed.iv.length !== 16) throw new Error('SM4-CTR IV must be 16 bytes');
  const expected = macOf(keys.macKey, aad, sealed.iv, sealed.body);
  if (sealed.mac.length !== expected.length || !crypto.timingSafeEqual(sealed.mac, expected))
    throw new Error('Ciphertext MAC does not match (tampered or wrong key)');
  const decipher = crypto.createDecipheriv('sm4-ctr', keys.encKey, sealed.iv);
  return Buffer.concat([decipher.update(sealed.body), decipher.final()]);
}

function macOf(macKey: Buffer, aad: string, iv: Buffer, body: Buffer): Buffer {
  const aadBytes = Buffer.from(aad, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(aadBytes.length);
  return crypto.createHmac('sm3', macKey).update(length).update(aadBytes).update(iv).update(body).digest();
}

/** An SM2 private key (32 bytes, big-endian d) is usable when 1 <= d <= n - 2. */
export function isValidSm2PrivateKey(key: Buffer): boolean {
  if (key.length !== 32) return false;
  const d = BigInt(`0x${key.toString('hex')}`);
  return d >= 1n && d <= SM2_N - 2n;
}

/** A valid SM2 private key derived from arbitrary 32 bytes (rejection by re-hashing, never in practice). */
export function sm2PrivateKeyFrom(seed: Buffer): Buffer {
  let key = seed;
  while (!isValidSm2PrivateKey(key)) key = sm3(key);
  return key;
}

/** Uncompressed public point `04 || x || y` (hex) of a private key. */
export const sm2PublicKeyHex = (privateKey: Buffer): string => sm2.getPublicKeyFromPrivateKey(privateKey.toString('hex'));

/** SubjectPublicKeyInfo prefix for an EC key on the SM2 curve (id-ecPublicKey, 1.2.156.10197.1.301). */
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

export const sm2SpkiDer = (publicKeyHex: string): Buffer => Buffer.concat([SM2_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]);

export function sm2SpkiPem(publicKeyHex: string): string {
  const b64 = sm2SpkiDer(publicKeyHex).toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PUBLIC KEY-----\n`;
}

/** SEC1 private key PEM (what `openssl dgst -sign` reads); used by tests and key tooling, never written to disk by the server. */
export function sm2PrivateKeyPem(privateKey: Buffer): string {
  const publicPoint = Buffer.from(sm2PublicKeyHex(privateKey), 'hex');
  const der = Buffer.concat([Buffer.from('30770201010420', 'hex'), privateKey, Buffer.from('a00a06082a811ccf5501822da144034200', 'hex'), publicPoint]);
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'sec1' }).export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * A fresh nonce k and x1 of kG: k from Node's CSPRNG, kG by Node's OpenSSL (an ECDH key on the SM2 curve), which is
 * faster than the library's own point multiplication. Retried while k is outside [1, n - 1].
 */
function signaturePoint(): { k: bigint; x1: bigint } {
  for (;;) {
    const k = crypto.randomBytes(32);
    const kValue = BigInt(`0x${k.toString('hex')}`);
    if (kValue < 1n || kValue >= SM2_N) continue;
    const ecdh = crypto.createECDH('SM2');
    ecdh.setPrivateKey(k);
    return { k: kValue, x1: BigInt(`0x${ecdh.getPublicKey('hex').slice(2, 66)}`) };
  }
}

/** SM2 signature over SM3 with the default identifier: DER `SEQUENCE { r, s }`, as openssl writes and reads it. */
export function sm2Sign(privateKey: Buffer, message: Buffer, publicKeyHex = sm2PublicKeyHex(privateKey)): Buffer {
  return Buffer.from(
    sm2.doSignature(message, privateKey.toString('hex'), {
      der: true,
      hash: true,
      publicKey: publicKeyHex,
      userId: SM2_DEFAULT_ID,
      pointPool: [signaturePoint()],
    }),
    'hex',
  );
}

/** Public keys with precomputed multiples (verification of the server's own key is frequent: checkpoints, certificates). */
const precomputed = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>();

export function sm2Verify(publicKeyHex: string, message: Buffer, signature: Buffer): boolean {
  try {
    let point = precomputed.get(publicKeyHex);
    if (!point) {
      point = sm2.precomputePublicKey(publicKeyHex);
      if (precomputed.size < 16) precomputed.set(publicKeyHex, point);
    }
    return sm2.doVerifySignature(message, signature.toString('hex'), point, { der: true, hash: true, userId: SM2_DEFAULT_ID });
  } catch {
    return false;
  }
}
