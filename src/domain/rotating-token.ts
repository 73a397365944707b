import crypto from 'node:crypto';

/**
 * Rotating sign-in tokens for QR attendance (training sessions, community events): the trainer's screen shows
 * a token that changes every `stepSeconds` and is MAC-signed, so a photo sent to a colleague stops working
 * within a step or two, and a token cannot be made up for another session or time.
 *
 * Token: `<subject>.<step>.<mac>` where mac = HMAC(key, `${purpose}|${subject}|${step}`) (base64url, 16 bytes), over
 * SHA-256, or SM3 when the key comes from the gm crypto profile (`CryptoService.macKey`). A bare Buffer is an
 * HMAC-SHA-256 key.
 */
export interface MacKey {
  key: Buffer;
  digest: 'sha256' | 'sm3';
}

export interface RotatingTokenOptions {
  /** seconds each token is shown for */
  stepSeconds: number;
  /** how many earlier steps are still accepted (a phone scanning just as the code changes) */
  graceSteps: number;
}

export const DEFAULT_ROTATING_TOKEN_OPTIONS: RotatingTokenOptions = { stepSeconds: 30, graceSteps: 1 };

export const tokenStep = (nowMs: number, stepSeconds: number): number => Math.floor(nowMs / 1000 / stepSeconds);

const mac = (key: MacKey | Buffer, purpose: string, subject: string, step: number): string =>
  (Buffer.isBuffer(key) ? crypto.createHmac('sha256', key) : crypto.createHmac(key.digest, key.key))
    .update(`${purpose}|${subject}|${String(step)}`, 'utf8')
    .digest()
    .subarray(0, 16)
    .toString('base64url');

export function issueRotatingToken(
  key: MacKey | Buffer,
  purpose: string,
  subject: string,
  nowMs: number,
  options = DEFAULT_ROTATING_TOKEN_OPTIONS,
): { token: string; step: number; expiresAtMs: number } {
  if (!/^[A-Za-z0-9_-]+$/.test(subject)) throw new Error('token subject must be url-safe');
  const step = tokenStep(nowMs, options.stepSeconds);
  return { token: `${subject}.${String(step)}.${mac(key, purpose, subject, step)}`, step, expiresAtMs: (step + 1) * options.stepSeconds * 1000 };
}

export type RotatingTokenCheck = { ok: true; subject: string; step: number } | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'future' };

export function verifyRotatingToken(
  key: MacKey | Buffer,
  purpose: string,
  token: string,
  nowMs: number,
  options = DEFAULT_ROTATING_TOKEN_OPTIONS,
): RotatingTokenCheck {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [subject = '', stepText = '', given = ''] = parts;
  if (!/^[A-Za-z0-9_-]+$/.test(subject) || !/^\d{1,12}$/.test(stepText) || !/^[A-Za-z0-9_-]{22}$/.test(given)) return { ok: false, reason: 'malformed' };
  const step = Number(stepText);
  const expected = Buffer.from(mac(key, purpose, subject, step));
  if (!crypto.timingSafeEqual(expected, Buffer.from(given))) return { ok: false, reason: 'forged' };
  const current = tokenStep(nowMs, options.stepSeconds);
  if (step > current + 1) return { ok: false, reason: 'future' };
  if (step < current - options.graceSteps) return { ok: false, reason: 'expired' };
  return { ok: true, subject, step };
}
