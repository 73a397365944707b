// Builds the web app before `npm start` when dist/web is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const index = path.join(root, 'dist/web/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
const sourcesAt = Math.max(newest(path.join(root, 'src/web')), newest(path.join(root, 'src/domain')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs);
if (builtAt < sourcesAt) {
  console.log('Building the web app (dist/web)…');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // the .br/.gz copies the server sends to browsers that accept them (as `npm run build` writes them)
  const compressed = spawnSync(process.execPath, [path.join(root, 'scripts/compress-web.mjs')], { cwd: root, stdio: 'inherit' });
  process.exit(compressed.status ?? 1);
}
