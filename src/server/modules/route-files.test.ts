import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every file under src/server/modules that registers an HTTP route is named routes.ts or *-routes.ts, so the lint
 * rule for route files (eslint.config.js: no database handle, no query building, no kysely `sql`) applies to it and
 * cannot be dodged by a file name (issue 19, docs/ARCHITECTURE.md "Layers").
 */
const MODULES = path.resolve(import.meta.dirname);

/** `app.get('/api/…'`, `.post(\n '/api/…'`, `.route({ method, url: '/api/…' })`, with any quote. */
const REGISTERS_ROUTE = /\.(?:get|post|put|patch|delete|route)\(\s*(?:['"`]\/api\b|\{[^}]*?\burl\s*:\s*['"`]\/api\b)/;
/** …or a route whose path is a variable, on the Fastify instance a module is handed (`app: ZodApp`, `FastifyInstance`). */
const TAKES_APP = /\b(?:ZodApp|FastifyInstance)\b/;
const CALLS_APP = /\bapp\.(?:get|post|put|patch|delete|route)\(/;

const registersRoute = (source: string) => REGISTERS_ROUTE.test(source) || (TAKES_APP.test(source) && CALLS_APP.test(source));

const isRouteFile = (file: string) => path.basename(file) === 'routes.ts' || path.basename(file).endsWith('-routes.ts');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Files under src/server/modules, other than route files, that register an '/api' route. */
function misnamedRouteFiles(): string[] {
  return sourceFiles(MODULES)
    .filter((file) => !isRouteFile(file) && registersRoute(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(MODULES, file).split(path.sep).join('/'))
    .sort();
}

describe('route files', () => {
  it('only routes.ts and *-routes.ts register routes', () => {
    expect(misnamedRouteFiles()).toEqual([]);
  });

  it('the check sees a route registered in any form', () => {
    for (const source of [
      "app.get('/api/x', { config: { access: 'public' } }, () => 1);",
      'app.post(\n    `/api/accounts/:id/${path}`,',
      'app.delete("/api/x/:id", opts, handler)',
      "app.route({ method: 'GET', url: '/api/x', handler })",
    ]) {
      expect(registersRoute(source), source).toBe(true);
    }
    expect(registersRoute('export function qualificationRoutes(app: ZodApp) {\n  app.get(base, opts, handler);')).toBe(true);
    expect(registersRoute("await request.get('/health')")).toBe(false);
    expect(registersRoute('const n = counts.get(key);')).toBe(false);
    expect(isRouteFile('a/routes.ts') && isRouteFile('a/public-routes.ts') && !isRouteFile('a/public.ts') && !isRouteFile('a/routes-helper.ts')).toBe(true);
  });
});
