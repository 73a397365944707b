import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { TestClock, useClock, type Clock } from '../clock';
import type { ZodApp } from '../http';
import { TEST_KEYS } from '../testing/keys';
import { createTestApp, type TestApp } from '../testing/test-app';

/** Two app nodes on one database (and a restarted one) share the login and public-endpoint limits. */
let t: TestApp;
let previous: Clock;
const nodes: ZodApp[] = [];

beforeAll(async () => {
  // frozen in the middle of a minute, so the fixed window cannot roll over during the test
  const start = new Date();
  start.setUTCSeconds(30, 0);
  previous = useClock(new TestClock(start, { frozen: true }));
  t = await createTestApp({ loginRatePerMinute: 3 });
});
afterAll(async () => {
  for (const node of nodes) await node.close();
  await t.close();
  useClock(previous);
});

const anotherNode = async (): Promise<ZodApp> => {
  const { app } = await buildApp({ config: t.ctx.config, db: t.db, dbKind: t.ctx.dbKind, keys: TEST_KEYS });
  await app.ready();
  nodes.push(app);
  return app;
};

const login = (app: ZodApp, ip: string, username = 'nobody-rl') =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    headers: { 'x-requested-with': 'x' },
    payload: { username, password: 'Wrong@password1' },
  });

describe('shared rate limits', { timeout: 120_000 }, () => {
  it('counts login attempts of one IP across two nodes and after a restart', async () => {
    const second = await anotherNode();
    const codes = [];
    for (const app of [t.app, second, t.app, second]) codes.push((await login(app, '198.51.100.7')).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    // a node started afterwards (a restart) still refuses
    const third = await anotherNode();
    const again = await login(third, '198.51.100.7');
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('RATE_LIMITED');
    // another IP has its own count
    expect((await login(third, '198.51.100.8')).statusCode).toBe(401);
  });

  it('keeps each route its own count (a public endpoint does not eat the login budget)', async () => {
    const second = nodes[0] ?? (await anotherNode());
    const verify = (app: ZodApp) => app.inject({ url: '/api/public/verify/NO-SUCH-SERIAL', remoteAddress: '198.51.100.9' });
    const codes = [];
    for (let i = 0; i < 31; i++) codes.push((await verify(i % 2 ? second : t.app)).statusCode);
    expect(codes.slice(0, 30)).not.toContain(429);
    expect(codes[30]).toBe(429);
    expect((await login(second, '198.51.100.9', 'nobody-else')).statusCode).toBe(401);
  });
});
