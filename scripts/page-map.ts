/**
 * The page → endpoint → module map for newcomers (docs/PAGE-MAP.md), made from the code:
 *
 *   npm run docs:page-map            writes docs/PAGE-MAP.md
 *   (src/web/page-map.test.ts fails when the file is not what this script makes)
 *
 * Pages are the entries of src/web/nav/*.tsx (path, label, the page component they load). A page's endpoints are the
 * `/api/…` paths written in its component and in the files under src/web/pages/ it imports, directly or through
 * others (shared components outside pages/ are left out: they serve every page). Each endpoint is matched with the
 * routes the server registers (methods and the module registering them, from buildApp's onRoute), a `${…}` in the
 * web's path standing for any one segment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RouteOptions } from 'fastify';

const ROOT = path.resolve(import.meta.dirname, '..');
const WEB = path.join(ROOT, 'src/web');
const NAV = path.join(WEB, 'nav');
const PAGES = path.join(WEB, 'pages');
/** The frame around every page (menu, header, session) and the HTTP client: their endpoints would be listed for every page. */
const SHARED = ['layout', 'nav', 'auth'].map((dir) => path.join(WEB, dir));
const HTTP_CLIENT = path.join(WEB, 'api/client.ts');

export interface ServerRoute {
  method: string;
  url: string;
  module: string;
}

interface NavPage {
  path: string;
  label: string;
  file: string;
  area: string;
}

/** The nav entries, in menu order within each area file. */
function navPages(): NavPage[] {
  const pages: NavPage[] = [];
  for (const name of fs
    .readdirSync(NAV)
    .filter((f) => f.endsWith('.tsx'))
    .sort()) {
    const source = fs.readFileSync(path.join(NAV, name), 'utf8');
    // one object literal per page: path, label and the lazily imported component, in that order
    const entry = /path:\s*'([^']+)',[\s\S]*?label:\s*'([^']+)',[\s\S]*?import\('\.\.\/pages\/([^']+)'\)/g;
    for (const m of source.matchAll(entry)) {
      const [, pagePath = '', label = '', file = ''] = m;
      pages.push({ path: pagePath, label, file: resolveModule(path.join(PAGES, file)), area: name.replace(/\.tsx$/, '') });
    }
  }
  return pages;
}

function resolveModule(base: string): string {
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, 'index.tsx'), path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`no module at ${base}`);
}

/** The file and what it imports from src/web, transitively, but for the shared components and the layout. */
function pageFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      const spec = m[1] ?? '';
      if (/\.(css|svg|png)$/.test(spec)) continue;
      const target = resolveModule(path.resolve(path.dirname(file), spec));
      if (target.startsWith(WEB + path.sep) && target !== HTTP_CLIENT && !SHARED.some((dir) => target.startsWith(dir + path.sep))) visit(target);
    }
  };
  visit(entry);
  return [...seen];
}

/** `/api/…` paths written in a file, a `${…}` as `:param`, without a query string. */
function apiPaths(source: string): string[] {
  const found = new Set<string>();
  // a `${…}` is taken whole, whatever it holds (`${filing?.id ?? 0}`: its `?` is not a query string's)
  for (const m of source.matchAll(/['"`](\/api\/(?:\$\{[^}]*\}|[^'"`?\s$])*)/g)) {
    const raw = (m[1] ?? '').replace(/\$\{[^}]*\}/g, ':param').replace(/\/$/, '');
    if (raw.includes(':param:param')) continue; // a path assembled from pieces, e.g. `${base}${rest}`
    found.add(raw);
  }
  return [...found].sort();
}

const segments = (url: string) => url.split('/').filter(Boolean);

/** Whether a web path (`:param` for any segment) names a server route (`:id` for any segment). */
function matches(webPath: string, routeUrl: string): boolean {
  const a = segments(webPath);
  const b = segments(routeUrl);
  return a.length === b.length && a.every((s, i) => s === ':param' || b[i]?.startsWith(':') || s === b[i]);
}

/** An `onRoute` for buildApp that collects the modules' API routes into `routes`. */
export function routeCollector(): { routes: ServerRoute[]; onRoute: (route: RouteOptions, module: string | null) => void } {
  const routes: ServerRoute[] = [];
  const onRoute = (route: RouteOptions, module: string | null) => {
    if (!route.url.startsWith('/api/') || module === null) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, module });
  };
  return { routes, onRoute };
}

/** The routes the server registers, with their module, from a real app on an empty embedded database. */
async function serverRoutes(): Promise<ServerRoute[]> {
  const { buildApp } = await import('../src/server/app');
  const { loadConfig } = await import('../src/server/config');
  const { openDatabase } = await import('../src/server/db/database');
  const { TEST_KEYS } = await import('../src/server/testing/keys');
  const { routes, onRoute } = routeCollector();
  const opened = await openDatabase({});
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-page-map-'));
  try {
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), dataDir };
    const { app } = await buildApp({ config, db: opened.db, dbKind: opened.kind, keys: TEST_KEYS, onRoute });
    await app.close();
  } finally {
    await opened.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return routes;
}

/** The map as Markdown. */
export function pageMap(routes: readonly ServerRoute[]): string {
  const lines = [
    '# Page → endpoint → module',
    '',
    'Made by `npm run docs:page-map` from src/web/nav (the pages), the `/api/…` paths in each page and the files under',
    'src/web/pages it imports, and the routes the server registers with their module (`src/server/modules/<module>`).',
    'A test fails when this file is not what the script makes. The frame every page has (layout, nav, auth, the HTTP',
    'client) is left out. Public pages outside the menu (login, registration, /verify, /public/…) are not listed.',
    '',
  ];
  let area = '';
  for (const page of navPages()) {
    if (page.area !== area) {
      area = page.area;
      lines.push(`## ${area} (src/web/nav/${area}.tsx)`, '', '| Page | Endpoints | Modules |', '|---|---|---|');
    }
    const endpoints: string[] = [];
    const modules = new Set<string>();
    const paths = new Set(pageFiles(page.file).flatMap((f) => apiPaths(fs.readFileSync(f, 'utf8'))));
    for (const p of [...paths].sort()) {
      const all = routes.filter((r) => matches(p, r.url));
      // `${id}` names a route's parameter rather than a fixed segment (`/api/org-units/:id`, not `…/tree`)
      const exact = all.filter((r) => segments(p).every((s, i) => (s === ':param') === (segments(r.url)[i] ?? '').startsWith(':')));
      const hits = exact.length > 0 ? exact : all;
      for (const url of [...new Set(hits.map((h) => h.url))]) {
        endpoints.push(
          `${hits
            .filter((h) => h.url === url)
            .map((h) => h.method)
            .join('/')} \`${url}\``,
        );
      }
      for (const h of hits) modules.add(h.module);
    }
    const file = path.relative(WEB, page.file).split(path.sep).join('/');
    lines.push(`| ${page.label} \`${page.path}\` (${file}) | ${endpoints.join('<br>') || '—'} | ${[...modules].sort().join(', ') || '—'} |`);
  }
  lines.push('');
  return lines.join('\n');
}

export const PAGE_MAP_FILE = path.join(ROOT, 'docs/PAGE-MAP.md');

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(PAGE_MAP_FILE, pageMap(await serverRoutes()));
  console.log(`wrote ${path.relative(ROOT, PAGE_MAP_FILE)}`);
}
