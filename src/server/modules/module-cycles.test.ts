import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_MODULES } from './index';

/**
 * Modules depend on each other in one direction only (docs/ARCHITECTURE.md, "Modules"): a module folder under
 * src/server/modules may import another only when that one does not, directly or through others, import it back.
 * Composition (the app wiring modules together, tests) is outside the rule; what one module lends another at start
 * goes through the modules' definitions (`searchSources` in community-cases/module.ts, lent to community's routes).
 */
const MODULES = path.resolve(import.meta.dirname);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** module → (module it imports → the first file and specifier that does) */
function moduleGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(MODULES)) {
    const from = path.relative(MODULES, file).split(path.sep)[0] ?? '';
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
      const target = path.relative(MODULES, path.resolve(path.dirname(file), match[1] ?? ''));
      if (target.startsWith('..')) continue;
      const to = target.split(path.sep)[0] ?? '';
      if (to === from || !fs.statSync(path.join(MODULES, to), { throwIfNoEntry: false })?.isDirectory()) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${path.relative(MODULES, file)} imports '${match[1] ?? ''}'`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Each cycle as the chain of modules and the import that closes it, found by a breadth-first search back. */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const found = new Set<string>();
  for (const [start, edges] of graph) {
    for (const [next, why] of edges) {
      const queue: string[][] = [[next]];
      const seen = new Set([next]);
      while (queue.length > 0) {
        const chain = queue.shift() ?? [];
        const last = chain[chain.length - 1] ?? '';
        if (last === start) {
          found.add(`${[start, ...chain].join(' → ')} (${why})`);
          break;
        }
        for (const onward of graph.get(last)?.keys() ?? []) {
          if (!seen.has(onward)) {
            seen.add(onward);
            queue.push([...chain, onward]);
          }
        }
      }
    }
  }
  return [...found];
}

describe('module dependencies', () => {
  it('have no cycles between module folders', () => {
    expect(cycles(moduleGraph())).toEqual([]);
  });

  it('the check sees a cycle when there is one', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts imports ../b/y']])],
      ['b', new Map([['c', 'b/y.ts imports ../c/z']])],
      ['c', new Map([['a', 'c/z.ts imports ../a/x']])],
    ]);
    expect(cycles(graph)).toContain('a → b → c → a (a/x.ts imports ../b/y)');
    expect(moduleGraph().get('filings')?.has('certificates')).toBe(true);
  });
});

describe('module registration', () => {
  const folders = fs
    .readdirSync(MODULES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it('every module folder has a module.ts and is listed, once, in src/server/modules/index.ts', () => {
    expect(folders.filter((name) => !fs.existsSync(path.join(MODULES, name, 'module.ts')))).toEqual([]);
    expect(SERVER_MODULES.map((m) => m.name).sort()).toEqual(folders);
  });

  it('job kinds are declared once', () => {
    const kinds = SERVER_MODULES.flatMap((m) => (m.jobs ?? []).map((j) => j.kind));
    expect(kinds.filter((kind, i) => kinds.indexOf(kind) !== i)).toEqual([]);
  });
});

describe('the database layer', () => {
  const SERVER = path.resolve(MODULES, '..');
  const DB = path.join(SERVER, 'db');

  /** Each import of src/server/db's own (non-test) sources that reaches a module or the test harness. */
  function upwardImports(): string[] {
    const found: string[] = [];
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
    for (const file of walk(DB).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
        const target = path.relative(SERVER, path.resolve(path.dirname(file), match[1] ?? ''));
        if (/^(modules|testing|demo)(\/|$)/.test(target.split(path.sep).join('/'))) found.push(`${path.relative(SERVER, file)} imports '${match[1] ?? ''}'`);
      }
    }
    return found;
  }

  it('imports nothing from the modules, the demo data or the test harness (src/server/db is below them)', () => {
    expect(upwardImports()).toEqual([]);
  });
});
