import { describe, expect, it } from 'vitest';
import { CryptoService, type Keys } from '../crypto/index';
import { TEST_KEYS } from '../testing/keys';
import { allKeyMismatches, gmKeyIdentities, keyIdentities } from './manifest';

/** The backup manifest names the gm keys (ids as written into the data, fingerprints), and a restore checks them. */
const withGm: Keys = { ...TEST_KEYS, profile: 'gm' };
const { gm: _gm, ...withoutGm } = { ...TEST_KEYS, profile: 'default' as const };

describe('backup manifest keys', () => {
  it('records the gm key ids the data carries: SM4 envelopes, HMAC-SM3 hashes and the audit chain, SM2 signatures', () => {
    const ids = gmKeyIdentities(withGm);
    const gm = new CryptoService(withGm).suite('gm');
    expect(ids).toMatchObject({ data: { id: gm.dataKeyId }, hash: { id: gm.hashKeyId }, signing: { id: gm.signingKeyId } });
    expect(new CryptoService(withGm).encrypt('x')).toContain(`.${String(ids?.data.id)}.`);
    // fingerprints identify, never reveal: not the key, and not the default key's
    for (const name of ['data', 'hash', 'signing'] as const) {
      expect(ids?.[name].fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(ids?.[name].fingerprint).not.toBe(keyIdentities(withGm)[name].fingerprint);
    }
    expect(gmKeyIdentities(withoutGm)).toBeUndefined();
  });

  it('a restore refuses, naming the key, when the gm keys are missing or differ, and accepts the same keys', () => {
    const manifest = { keys: keyIdentities(withGm), gmKeys: gmKeyIdentities(withGm) };
    expect(allKeyMismatches(manifest, withGm)).toEqual([]);
    expect(allKeyMismatches(manifest, withoutGm)).toEqual([
      expect.stringContaining('CQO_GM_DATA_KEY, CQO_GM_HASH_KEY, CQO_GM_SIGNING_KEY: the backup holds data of the gm profile') as unknown,
    ]);
    if (!withGm.gm) throw new Error('the test keys include gm keys');
    const otherDataKey: Keys = { ...withGm, gm: { ...withGm.gm, dataKey: Buffer.alloc(32, 99) } };
    expect(allKeyMismatches(manifest, otherDataKey)).toEqual([
      expect.stringMatching(/^CQO_GM_DATA_KEY: the backup was written with key id [0-9a-f]{8}/) as unknown,
    ]);
    // a backup of the default profile does not ask for gm keys
    expect(allKeyMismatches({ keys: keyIdentities(withoutGm) }, withoutGm)).toEqual([]);
  });
});
