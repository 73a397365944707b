import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app';
import { ROUTES_WITHOUT_RESPONSE } from './testing/routes-without-response';

/**
 * Issue 21 item 1 (one contract): every /api route declares the schema of its answers (src/contract). Until all do,
 * the routes still without one are listed in testing/routes-without-response.ts: the list only shrinks, so this test
 * fails when a new route lacks a response schema and when a listed route gains one (then strike it from the list).
 */
describe('route response schemas', () => {
  const routes: RouteOptions[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { onRoute: (route) => routes.push(route) });
  });
  afterAll(async () => t.close());

  it('lists exactly the /api routes that have no response schema yet', () => {
    const without: string[] = [];
    for (const route of routes) {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
      if (!route.url.startsWith('/api/') || methods.length === 0) continue;
      const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
      if (response && Object.keys(response).length > 0) continue;
      for (const m of methods) without.push(`${m} ${route.url}`);
    }
    expect(routes.length).toBeGreaterThan(200);
    expect(without.sort()).toEqual([...ROUTES_WITHOUT_RESPONSE].sort());
  });
});
