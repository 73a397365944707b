import { createHash } from 'node:crypto';

/**
 * The reproducible part of a random expert draw (policy 三.5): a seed and a pool give one order, on any machine.
 *
 * PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counter, 128-bit state, passes PractRand), seeded with the first
 * 16 bytes of SHA-256(seed) and warmed up by 12 rounds as its reference implementation does. Order: the pool sorted
 * ascending, then a Fisher–Yates shuffle from the end. Changing any of this changes past draws' re-runs: the
 * known-answer test in expert-draws.test.ts pins it.
 */
export function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export function seededRandom(seed: string): () => number {
  const h = createHash('sha256').update(seed, 'utf8').digest();
  const next = sfc32(h.readUInt32BE(0), h.readUInt32BE(4), h.readUInt32BE(8), h.readUInt32BE(12));
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** The whole pool in the seed's order: the first N are drawn, replacements take the next ones. */
export function seededOrder(seed: string, pool: readonly number[]): number[] {
  const order = [...pool].sort((x, y) => x - y);
  const next = seededRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const held = order[i] as number;
    order[i] = order[j] as number;
    order[j] = held;
  }
  return order;
}

/** Fingerprint of what the draw was taken from (pool and avoided members), kept with the batch and in the audit log. */
export function poolHash(pool: readonly number[], excluded: readonly { memberId: number; reason: string }[]): string {
  // canonical form: jsonb does not keep an object's key order, so the fingerprint is taken over sorted tuples
  const avoided = excluded.map((e) => [e.memberId, e.reason] as const).sort((x, y) => x[0] - y[0]);
  return createHash('sha256')
    .update(JSON.stringify({ pool: [...pool].sort((x, y) => x - y), avoided }), 'utf8')
    .digest('hex');
}
