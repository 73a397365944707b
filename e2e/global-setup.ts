import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { OIDC_BACKCHANNEL_LOGOUT_PATH, OIDC_CALLBACK_PATH } from '../src/server/modules/auth/oidc-routes';
import { freePort } from '../src/server/testing/free-port';
import { startTestIdp, type TestIdp } from '../src/server/testing/oidc-provider';
import { e2eWorkers } from './workers';

/** One server of the run: spec files of the vitest worker with pool id `index + 1` use it. */
export interface E2eServer {
  baseUrl: string;
  /** The server's data directory, also where its specs keep the TOTP ledger and the saved sessions. */
  dataDir: string;
  /** Issuer of the server's own local OpenID provider (the 政务服务网 stand-in; add users with `addTestIdpUser`). */
  idpIssuer: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    servers: E2eServer[];
    /** The seeded data directory fresh servers start from (see `seededTemplate`). */
    templateDir: string;
  }
}

const root = path.resolve(import.meta.dirname, '..');
/** The player's heartbeat interval on the e2e servers (production: 20 s; see CQO_STUDY_HEARTBEAT_SECONDS). */
const E2E_HEARTBEAT_SECONDS = '3';
/** Startup includes migrating a fresh embedded database and seeding the demo data: slow on a busy machine. */
const STARTUP_TIMEOUT_MS = 600_000;

export interface Started extends Omit<E2eServer, 'idpIssuer'> {
  process: ChildProcess;
}

/**
 * Starts one real server (built web app, embedded database with demo data) in a data directory of its own: a fresh
 * one (a copy of `template` when given, else migrated and seeded at start), or `dataDir` again after
 * `stop(server, { keepData: true })`. `env` adds variables, e.g. a later CQO_CLOCK_SHIFT_DAYS, so a spec can run its
 * own server and move its clock past a deadline by restarting it.
 */
export async function startServer(options: { dataDir?: string; template?: string; env?: Record<string, string>; port?: number } = {}): Promise<Started> {
  let dataDir = options.dataDir;
  if (!dataDir) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-e2e-'));
    if (options.template) fs.cpSync(options.template, dataDir, { recursive: true });
  }
  const port = options.port ?? (await freePort());
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      CQO_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // every browser logs in from 127.0.0.1: lift the per-IP login limit (its own test is in auth.test.ts)
      CQO_LOGIN_RATE_PER_MINUTE: '1000',
      // the study spec waits for heartbeats: a short interval, same crediting rules (heartbeat-interval.test.ts)
      CQO_STUDY_HEARTBEAT_SECONDS: E2E_HEARTBEAT_SECONDS,
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server on port ${port} exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      server.kill('SIGTERM');
      throw new Error(`server on port ${port} did not start`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!options.dataDir) fs.writeFileSync(path.join(dataDir, 'totp-steps.json'), '{}');
  return { baseUrl, dataDir, process: server };
}

interface Worker extends Started {
  idp: TestIdp;
  idpIssuer: string;
}

/**
 * A worker's server with its own local OpenID provider (oidc-provider, as in the API tests: testing/oidc-provider.ts)
 * on another free port: the server is configured for it like for the 政务服务网 (issuer, client, real-name scope),
 * and the provider takes test users from the spec files (`acceptUsers`). Local accounts keep working beside it.
 */
async function startWorker(template: string): Promise<Worker> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const idp = await startTestIdp({
    users: [],
    redirectUri: `${baseUrl}${OIDC_CALLBACK_PATH}`,
    backchannelLogoutUri: `${baseUrl}${OIDC_BACKCHANNEL_LOGOUT_PATH}`,
    acceptUsers: true,
  });
  try {
    const server = await startServer({
      port,
      template,
      env: {
        CQO_PUBLIC_URL: baseUrl,
        CQO_OIDC_ISSUER: idp.issuer,
        CQO_OIDC_CLIENT_ID: idp.clientId,
        CQO_OIDC_CLIENT_SECRET: idp.clientSecret,
        CQO_OIDC_SCOPES: idp.scopes,
      },
    });
    return { ...server, idp, idpIssuer: idp.issuer };
  } catch (err) {
    await idp.close();
    throw err;
  }
}

async function stopWorker(worker: Worker): Promise<void> {
  await stop(worker);
  await worker.idp.close();
}

export async function stop(server: Started, options: { keepData?: boolean } = {}): Promise<void> {
  if (server.process.exitCode === null) {
    const exited = new Promise((r) => server.process.once('exit', r));
    server.process.kill('SIGTERM');
    await exited;
  }
  if (!options.keepData) fs.rmSync(server.dataDir, { recursive: true, force: true });
}

/**
 * Starts one server per vitest worker (CQO_E2E_WORKERS, default 2): spec files on different workers never share
 * data; the spec files of one worker run one after another on its server, as they all did on one server before.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('Run `npm run build` before `npm run e2e`');
  const templateDir = await seededTemplate();
  project.provide('templateDir', templateDir);
  const results = await Promise.allSettled(Array.from({ length: e2eWorkers() }, () => startWorker(templateDir)));
  const servers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((s) => stopWorker(s)));
    throw failed.reason;
  }
  project.provide(
    'servers',
    servers.map(({ baseUrl, dataDir, idpIssuer }) => ({ baseUrl, dataDir, idpIssuer })),
  );
  return async () => {
    await Promise.all(servers.map((s) => stopWorker(s)));
    fs.rmSync(templateDir, { recursive: true, force: true });
  };
}

/**
 * Migrating a fresh embedded database and seeding the demo data is most of a server's start (about half a minute of
 * CPU): done once per run by a server that is then stopped, its data directory (database, keys, files) copied for
 * every server after it.
 */
async function seededTemplate(): Promise<string> {
  const seeded = await startServer();
  await stop(seeded, { keepData: true });
  return seeded.dataDir;
}
