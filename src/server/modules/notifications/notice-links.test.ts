import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every notice link the server writes (`link: '/…'` or `link: \`/…\``) opens a page the web app has: a route of
 * src/web/nav.tsx, its areas in src/web/nav/, or src/web/App.tsx. Catches a notice pointing at a path that was renamed (the 催报 notice once
 * linked /training/plans, the page is /training-plans).
 */
const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function webRoutes(): RegExp[] {
  const navAreas = readdirSync(join(root, 'web', 'nav')).map((name) => join('web', 'nav', name));
  const text = ['web/nav.tsx', 'web/App.tsx', ...navAreas].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  const paths = [...text.matchAll(/path(?::\s*|=)['"](\/[^'"]*)['"]/g)].map((m) => m[1] ?? '');
  return paths.map((p) => new RegExp(`^${p.replace(/:[A-Za-z]+/g, '[^/]+')}$`));
}

function noticeLinks(): { file: string; link: string }[] {
  return sources(join(root, 'server')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\blink: (?:'(\/[^']*)'|`(\/[^`]*)`)/g)].map((m) => ({
      file: file.slice(root.length + 1),
      link: m[1] ?? m[2] ?? '',
    })),
  );
}

describe('notice links', () => {
  it('every link a notice carries is a page of the web app', () => {
    const routes = webRoutes();
    expect(routes.length).toBeGreaterThan(50);
    const links = noticeLinks();
    expect(links.length).toBeGreaterThan(20);
    const broken = links.filter(({ link }) => {
      // a placeholder stands for one path segment; the query and the fragment do not choose the page
      const path = link.replace(/\$\{[^}]*\}/g, 'x').replace(/[?#].*$/, '');
      return !routes.some((r) => r.test(path));
    });
    expect(broken).toEqual([]);
  });
});
