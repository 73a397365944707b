import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from './app';
import { loadConfig } from './config';
import { createTestApp, openTestDatabase, type TestApp } from './testing/test-app';
import { TEST_KEYS } from './testing/keys';

/**
 * Issue 21 item 1 (one contract): every /api route declares the schema of its answers (src/contract); buildApp
 * refuses a route without one when it is registered, as it refuses one without `config.access`.
 */
describe('route response schemas', () => {
  const routes: RouteOptions[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { onRoute: (route) => routes.push(route) });
  });
  afterAll(async () => t.close());

  it('every /api route declares a response schema', () => {
    const without: string[] = [];
    for (const route of routes) {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
      if (!route.url.startsWith('/api/') || methods.length === 0) continue;
      const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
      if (response && Object.keys(response).length > 0) continue;
      for (const m of methods) without.push(`${m} ${route.url}`);
    }
    expect(routes.length).toBeGreaterThan(200);
    expect(without).toEqual([]);
  });

  /** Builds a fresh app, registers one more route on it and answers what `ready()` did. */
  async function withExtraRoute(register: (app: Awaited<ReturnType<typeof buildApp>>['app']) => void): Promise<unknown> {
    const opened = await openTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-files-'));
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), dataDir, auditCheckpointDir: path.join(dataDir, 'audit-checkpoints') };
    const { app } = await buildApp({ config, db: opened.db, dbKind: opened.kind, keys: TEST_KEYS });
    try {
      register(app);
      await app.ready();
      return 'ready';
    } catch (err) {
      return err;
    } finally {
      await app.close().catch(() => undefined);
      await opened.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }

  it('refuses to start an /api route without a response schema', async () => {
    const outcome = await withExtraRoute((app) => app.get('/api/no-answer-declared', { config: { access: 'public' } }, () => ({ ok: true })));
    expect(String(outcome)).toContain('Route GET /api/no-answer-declared declares no response schema (src/contract)');
  });

  it('refuses to start a route whose config.audit names an action no module declares (issue 19 item 4)', async () => {
    const response = { 200: z.object({ ok: z.boolean() }) };
    const undeclared = await withExtraRoute((app) =>
      app.get('/api/undeclared-audit', { config: { access: 'public', audit: { action: 'filing.teleport' } }, schema: { response } }, () => ({ ok: true })),
    );
    expect(String(undeclared)).toContain('Route GET /api/undeclared-audit audits as filing.teleport, which no module declares');
    // the same route with a declared action starts
    expect(
      await withExtraRoute((app) =>
        app.get('/api/declared-audit', { config: { access: 'public', audit: 'filing.export' }, schema: { response } }, () => ({ ok: true })),
      ),
    ).toBe('ready');
  });
});
