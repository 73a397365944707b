import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_MAP_FILE, pageMap, routeCollector, type ServerRoute } from '../../scripts/page-map';
import { createTestApp, type TestApp } from './testing/test-app';

/** docs/PAGE-MAP.md (page → endpoint → module, for newcomers) is what scripts/page-map.ts makes from today's code. */
let t: TestApp;
let routes: ServerRoute[];
beforeAll(async () => {
  const collector = routeCollector();
  t = await createTestApp({}, { onRoute: collector.onRoute });
  routes = collector.routes;
});
afterAll(async () => {
  await t.close();
});

describe('docs/PAGE-MAP.md', () => {
  it('is current (npm run docs:page-map rewrites it)', () => {
    expect(routes.length).toBeGreaterThan(250);
    expect(new Set(routes.map((r) => r.module)).size).toBeGreaterThan(20);
    expect(fs.readFileSync(PAGE_MAP_FILE, 'utf8')).toBe(pageMap(routes));
  });
});
