/**
 * First start on an empty data directory and a restart on the same one: time until /api/health answers
 * and the server's peak RSS (VmHWM). Baseline: a bare Node process that listens on a port, in the same run.
 * Usage: npm run bench:startup
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function startAndMeasure(args: string[], env: NodeJS.ProcessEnv, url: string): Promise<{ ms: number; rssMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const res = await fetch(url);
        if (res.ok) break;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const ms = Math.round(performance.now() - started);
    if (child.pid === undefined) throw new Error('no pid');
    return { ms, rssMb: peakRssMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-startup-'));
const port = 3900 + Math.floor(Math.random() * 50);
const env = { ...process.env, CQO_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' };
const server = ['--import', 'tsx', 'src/server/main.ts'];
const health = `http://127.0.0.1:${port}/api/health`;

const bareScript = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
const bare = await startAndMeasure(['-e', bareScript], env, health);
const first = await startAndMeasure(server, env, health);
const restart = await startAndMeasure(server, env, health);
fs.rmSync(dataDir, { recursive: true, force: true });

console.table([
  { run: 'bare node http server (baseline)', 'ms to ready': bare.ms, 'peak RSS MB': bare.rssMb },
  { run: 'first start, empty data dir (PGlite init + migrate + seed)', 'ms to ready': first.ms, 'peak RSS MB': first.rssMb },
  { run: 'restart, same data dir', 'ms to ready': restart.ms, 'peak RSS MB': restart.rssMb },
]);
console.log(`ratio first start ÷ baseline: ${(first.ms / bare.ms).toFixed(1)}×; restart ÷ baseline: ${(restart.ms / bare.ms).toFixed(1)}×`);
