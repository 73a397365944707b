import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import type { ZodApp } from './http';
import { redactUrl } from './log-redaction';
import { TEST_KEYS } from './testing/keys';
import { createTestApp, type TestApp } from './testing/test-app';

/** Invitation tokens in URLs do not reach the request log (issue 17, finding #15). */
let t: TestApp;
let logged: ZodApp;
let log = '';
beforeAll(async () => {
  t = await createTestApp();
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => (log += chunk.toString()));
  ({ app: logged } = await buildApp({ config: { ...t.ctx.config, logLevel: 'info' }, db: t.db, dbKind: t.ctx.dbKind, keys: TEST_KEYS, logStream: stream }));
  await logged.ready();
});
afterAll(async () => {
  await logged.close();
  await t.close();
});

describe('request log redaction', { timeout: 60_000 }, () => {
  it('redacts the invitation path segment and token query parameters', () => {
    expect(redactUrl('/api/public/officer-invitations/AbC123_secret?x=1')).toBe('/api/public/officer-invitations/[已隐去]?x=1');
    expect(redactUrl('/register/officer?invite=AbC123&lang=zh')).toBe('/register/officer?invite=[已隐去]&lang=zh');
    expect(redactUrl('/community/check-in?t=ev1.2.abc')).toBe('/community/check-in?t=[已隐去]');
    expect(redactUrl('/api/enterprises?page=2')).toBe('/api/enterprises?page=2');
  });

  it('a real request with a token leaves only the redacted URL in the log', async () => {
    await logged.inject({ url: '/api/public/officer-invitations/TOPSECRETTOKEN1' });
    await logged.inject({ url: '/register/officer?invite=TOPSECRETTOKEN2' });
    await new Promise((r) => setTimeout(r, 50));
    expect(log).toContain('/api/public/officer-invitations/[已隐去]');
    expect(log).toContain('invite=[已隐去]');
    expect(log).not.toContain('TOPSECRETTOKEN');
  });
});
