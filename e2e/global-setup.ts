import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** A file where spec files record which TOTP step each account used (spec files run in separate processes). */
    totpLedger: string;
  }
}

const root = path.resolve(import.meta.dirname, '..');

/** Starts the real server (built web app, fresh embedded database with demo data) for the e2e run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('Run `npm run build` before `npm run e2e`');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-e2e-'));
  const port = 3700 + Math.floor(Math.random() * 200);
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    // every browser logs in from 127.0.0.1: lift the per-IP login limit (its own test is in auth.test.ts)
    env: { ...process.env, CQO_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: '', CQO_LOGIN_RATE_PER_MINUTE: '1000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide('baseUrl', baseUrl);
  const ledger = path.join(dataDir, 'totp-steps.json');
  fs.writeFileSync(ledger, '{}');
  project.provide('totpLedger', ledger);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
