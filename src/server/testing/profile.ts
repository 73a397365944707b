import type { CryptoProfile } from '../crypto/index';
import { TEST_KEYS } from './keys';

/**
 * The crypto profile this test run writes with (`CQO_CRYPTO_PROFILE=gm npm run test:gm` runs the tests of everything
 * that encrypts, hashes or signs with the 国密 suite), and the stored forms its suite writes: tests assert these on
 * the rows they make, so the gm run fails if anything still writes with the default suite (and the other way round).
 */
export const TEST_PROFILE: CryptoProfile = TEST_KEYS.profile ?? 'default';

export interface StoredForms {
  /** Start of every ciphertext envelope (`v1.<cipher>.`). */
  envelope: RegExp;
  /** A lookup hash as stored in `*_hash` columns. */
  lookupHash: RegExp;
  signatureAlgorithm: 'ed25519' | 'sm2-sm3';
  /** `audit_events.hash_alg` of new rows. */
  auditHash: 'hmac-sha256' | 'hmac-sm3';
}

export const STORED: StoredForms =
  TEST_PROFILE === 'gm'
    ? {
        envelope: /^v1\.sm4-ctr-hmac-sm3\.[0-9a-f]{8}\./,
        lookupHash: /^hmac-sm3\.[0-9a-f]{8}\.[0-9a-f]{64}$/,
        signatureAlgorithm: 'sm2-sm3',
        auditHash: 'hmac-sm3',
      }
    : { envelope: /^v1\.aes-256-gcm\.[0-9a-f]{8}\./, lookupHash: /^[0-9a-f]{64}$/, signatureAlgorithm: 'ed25519', auditHash: 'hmac-sha256' };
