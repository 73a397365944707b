import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueRotatingToken, verifyRotatingToken } from './rotating-token';

const key = Buffer.alloc(32, 7);
const t0 = Date.UTC(2026, 10, 28, 9, 0, 0);

describe('rotating sign-in token', () => {
  it('is accepted in its own step and the next, and refused after', () => {
    const { token } = issueRotatingToken(key, 'training', 's12', t0);
    expect(verifyRotatingToken(key, 'training', token, t0)).toMatchObject({ ok: true, subject: 's12' });
    expect(verifyRotatingToken(key, 'training', token, t0 + 30_000)).toMatchObject({ ok: true });
    expect(verifyRotatingToken(key, 'training', token, t0 + 60_000)).toEqual({ ok: false, reason: 'expired' });
  });
  it('refuses a token signed with another key, for another purpose, or altered', () => {
    const { token } = issueRotatingToken(key, 'training', 's12', t0);
    expect(verifyRotatingToken(Buffer.alloc(32, 8), 'training', token, t0)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyRotatingToken(key, 'event', token, t0)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyRotatingToken(key, 'training', token.replace('s12', 's13'), t0)).toEqual({ ok: false, reason: 'forged' });
    const [subject, step, mac] = token.split('.') as [string, string, string];
    expect(verifyRotatingToken(key, 'training', `${subject}.${String(Number(step) + 1)}.${mac}`, t0)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyRotatingToken(key, 'training', 'garbage', t0)).toEqual({ ok: false, reason: 'malformed' });
  });
  it('refuses a correctly signed token from the far future (clock tampering)', () => {
    const { token } = issueRotatingToken(key, 'training', 's12', t0 + 10 * 60_000);
    expect(verifyRotatingToken(key, 'training', token, t0)).toEqual({ ok: false, reason: 'future' });
  });
  it('with a gm profile key, the MAC is HMAC-SM3 and does not verify as HMAC-SHA-256', () => {
    const sm3Key = { key, digest: 'sm3' as const };
    const { token } = issueRotatingToken(sm3Key, 'training', 's12', t0);
    const [subject, step, mac] = token.split('.') as [string, string, string];
    expect(mac).toBe(crypto.createHmac('sm3', key).update(`training|${subject}|${step}`).digest().subarray(0, 16).toString('base64url'));
    expect(verifyRotatingToken(sm3Key, 'training', token, t0)).toMatchObject({ ok: true });
    expect(verifyRotatingToken(key, 'training', token, t0)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyRotatingToken({ key, digest: 'sha256' }, 'training', issueRotatingToken(key, 'training', 's12', t0).token, t0)).toMatchObject({ ok: true });
  });
});
