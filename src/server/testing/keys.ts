import type { Keys } from '../crypto/index';

/**
 * Fixed keys for tests, so a template database seeded in one process decrypts in every worker. Both profiles'
 * keys are loaded; `CQO_CRYPTO_PROFILE=gm` makes the gm suite write (the CI step that runs the crypto tests with gm).
 */
export const TEST_KEYS: Keys = {
  dataKey: Buffer.alloc(32, 7),
  hashKey: Buffer.alloc(32, 9),
  signingSeed: Buffer.alloc(32, 11),
  gm: { dataKey: Buffer.alloc(32, 13), hashKey: Buffer.alloc(32, 15), signingKey: Buffer.alloc(32, 17) },
  profile: process.env.CQO_CRYPTO_PROFILE === 'gm' ? 'gm' : 'default',
};
