import type { Keys } from '../crypto/index';

/** Fixed keys for tests, so a template database seeded in one process decrypts in every worker. */
export const TEST_KEYS: Keys = {
  dataKey: Buffer.alloc(32, 7),
  hashKey: Buffer.alloc(32, 9),
  signingSeed: Buffer.alloc(32, 11),
};
