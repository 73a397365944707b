import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import {
  hmacSm3,
  sm2PrivateKeyPem,
  sm2PublicKeyHex,
  sm2Sign,
  sm2SpkiPem,
  sm2Verify,
  sm3Hex,
  sm4CtrOpen,
  sm4CtrSeal,
  sm4EncryptBlock,
  splitDataKey,
  SM2_DEFAULT_ID,
} from './gm';

/** The published examples of the standards, checked against the primitives the gm profile uses. */

describe('SM3 (GB/T 32905-2016, appendix A)', () => {
  it('hashes "abc" and the 512-bit message as the standard prints', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('HMAC-SM3 is RFC 2104 HMAC over SM3 (64-byte block)', () => {
    const key = Buffer.from('cqo-test-key');
    const inner = crypto
      .createHash('sm3')
      .update(Buffer.concat([Buffer.alloc(64, 0x36).map((b, i) => b ^ (key[i] ?? 0)), Buffer.from('data')]))
      .digest();
    const outer = crypto
      .createHash('sm3')
      .update(Buffer.concat([Buffer.alloc(64, 0x5c).map((b, i) => b ^ (key[i] ?? 0)), inner]))
      .digest();
    expect(hmacSm3(key, 'data').toString('hex')).toBe(outer.toString('hex'));
  });
});

describe('SM4 (GB/T 32907-2016, appendix A)', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');

  it('encrypts example 1 (key = plaintext) to 681edf34…', () => {
    expect(sm4EncryptBlock(key, key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('encrypts example 2: the same block 1,000,000 times gives 595298c7…', { timeout: 60_000 }, () => {
    const cipher = crypto.createCipheriv('sm4-ecb', key, null);
    cipher.setAutoPadding(false);
    let block = key;
    for (let i = 0; i < 1_000_000; i += 1) block = cipher.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });

  it('SM4-CTR + HMAC-SM3 round-trips and refuses a changed ciphertext, IV, AAD or key', () => {
    const keys = splitDataKey(Buffer.alloc(32, 3));
    const sealed = sm4CtrSeal(keys, Buffer.from('320102199001011234'), 'persons.id_number');
    expect(sm4CtrOpen(keys, sealed, 'persons.id_number').toString()).toBe('320102199001011234');
    const flipped = Buffer.from(sealed.body);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => sm4CtrOpen(keys, { ...sealed, body: flipped }, 'persons.id_number')).toThrow(/MAC/);
    expect(() => sm4CtrOpen(keys, { ...sealed, iv: crypto.randomBytes(16) }, 'persons.id_number')).toThrow(/MAC/);
    expect(() => sm4CtrOpen(keys, sealed, 'accounts.totp')).toThrow(/MAC/);
    expect(() => sm4CtrOpen(splitDataKey(Buffer.alloc(32, 4)), sealed, 'persons.id_number')).toThrow(/MAC/);
  });
});

/** GB/T 32918.5-2017 appendix A (= GM/T 0003.5-2012): signature example on the recommended curve. */
const STANDARD = {
  d: Buffer.from('3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8', 'hex'),
  publicKey: '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: Buffer.from('message digest'),
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};
const derOf = (r: string, s: string): Buffer => Buffer.from(`3046022100${r}022100${s}`, 'hex');

describe('SM2 signatures (GB/T 32918.2, example of GB/T 32918.5 / GM/T 0003.5)', () => {
  it('derives the standard public key and verifies the standard signature with ID 1234567812345678', () => {
    expect(sm2PublicKeyHex(STANDARD.d)).toBe(STANDARD.publicKey);
    expect(sm2Verify(STANDARD.publicKey, STANDARD.message, derOf(STANDARD.r, STANDARD.s))).toBe(true);
    expect(sm2Verify(STANDARD.publicKey, Buffer.from('message digesT'), derOf(STANDARD.r, STANDARD.s))).toBe(false);
    expect(sm2.doVerifySignature(STANDARD.message, `${STANDARD.r}${STANDARD.s}`, STANDARD.publicKey, { hash: true, userId: 'ALICE123@YAHOO.COM' })).toBe(false);
  });

  it("signs with the standard nonce k to exactly the standard r and s (kG computed by Node's OpenSSL)", () => {
    const ecdh = crypto.createECDH('SM2');
    ecdh.setPrivateKey(Buffer.from(STANDARD.k, 'hex'));
    const x1 = ecdh.getPublicKey('hex').slice(2, 66);
    const signature = sm2.doSignature(STANDARD.message, STANDARD.d.toString('hex'), {
      hash: true,
      userId: SM2_DEFAULT_ID,
      pointPool: [{ k: BigInt(`0x${STANDARD.k}`), x1: BigInt(`0x${x1}`) }],
    });
    expect(signature).toBe(`${STANDARD.r}${STANDARD.s}`);
  });

  it('interoperates with the openssl CLI (-sigopt distid:1234567812345678) in both directions', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-sm2-'));
    try {
      const key = crypto.randomBytes(32);
      fs.writeFileSync(path.join(dir, 'pub.pem'), sm2SpkiPem(sm2PublicKeyHex(key)));
      fs.writeFileSync(path.join(dir, 'key.pem'), sm2PrivateKeyPem(key), { mode: 0o600 });
      fs.writeFileSync(path.join(dir, 'msg'), '备案证明 payload');
      fs.writeFileSync(path.join(dir, 'ours.sig'), sm2Sign(key, fs.readFileSync(path.join(dir, 'msg'))));
      const verify = (sig: string) =>
        execFileSync('openssl', ['dgst', '-sm3', '-verify', 'pub.pem', '-sigopt', `distid:${SM2_DEFAULT_ID}`, '-signature', sig, 'msg'], {
          cwd: dir,
          encoding: 'utf8',
        });
      expect(verify('ours.sig')).toContain('Verified OK');
      execFileSync('openssl', ['dgst', '-sm3', '-sign', 'key.pem', '-sigopt', `distid:${SM2_DEFAULT_ID}`, '-out', 'theirs.sig', 'msg'], { cwd: dir });
      expect(sm2Verify(sm2PublicKeyHex(key), fs.readFileSync(path.join(dir, 'msg')), fs.readFileSync(path.join(dir, 'theirs.sig')))).toBe(true);
      // the standard's signature, checked by openssl with the standard's public key
      fs.writeFileSync(path.join(dir, 'std.pem'), sm2SpkiPem(STANDARD.publicKey));
      fs.writeFileSync(path.join(dir, 'std-msg'), STANDARD.message);
      fs.writeFileSync(path.join(dir, 'std.sig'), derOf(STANDARD.r, STANDARD.s));
      expect(
        execFileSync('openssl', ['dgst', '-sm3', '-verify', 'std.pem', '-sigopt', `distid:${SM2_DEFAULT_ID}`, '-signature', 'std.sig', 'std-msg'], {
          cwd: dir,
          encoding: 'utf8',
        }),
      ).toContain('Verified OK');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
