import { Secret, TOTP } from 'otpauth';

/** RFC 6238 TOTP: 6 digits, 30-second period, SHA-1 (what every authenticator app supports). */
const ISSUER = '江苏省首席质量官系统';

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** Accepts the current code and one step either side for clock drift; returns the matched time step. */
export function checkTotp(secretBase32: string, token: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32, 'x').validate({ token, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 30000) + delta;
}

export const totpUri = (secretBase32: string, username: string): string => totpFor(secretBase32, username).toString();

export const generateTotp = (secretBase32: string, now = Date.now()): string => totpFor(secretBase32, 'x').generate({ timestamp: now });
