import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { buildApp, type BuildOptions } from '../app';
import { TestClock, useClock } from '../clock';
import { createSession } from '../auth/session-store';
import { generateTotp } from '../auth/totp';
import { loadConfig, type Config } from '../config';
import { DEFAULT_SECURITY_POLICY } from '../../domain/password-policy';
import { openDatabase, type Database, type OpenedDatabase } from '../db/database';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../demo/accounts';
import type { AppContext } from '../context';
import type { ZodApp } from '../http';
import type { CryptoProfile } from '../crypto/index';
import { TEST_KEYS } from './keys';
import { adminUrl, databaseUrlFor } from './postgres';

export { DEMO_PASSWORD, DEMO_TOTP_SECRET };

let template: Uint8Array | null = null;
/** The PGlite template's bytes, read once per worker (workers keep their modules between files). */
function templateBytes(): Uint8Array {
  template ??= fs.readFileSync(inject('pgliteTemplate'));
  return template;
}

/** A database of this test file's own, copied from the migrated and seeded template. */
export async function openTestDatabase(): Promise<OpenedDatabase> {
  const testUrl = process.env.TEST_DATABASE_URL;
  const template = inject('pgTemplateDb');
  if (testUrl && template) {
    const name = `cqo_t_${crypto.randomBytes(5).toString('hex')}`;
    const admin = await openDatabase({ databaseUrl: adminUrl(testUrl), poolSize: 1 });
    await sql.raw(`create database ${name} template ${template}`).execute(admin.db);
    const opened = await openDatabase({ databaseUrl: databaseUrlFor(testUrl, name), poolSize: 5 });
    return {
      ...opened,
      close: async () => {
        await opened.close();
        await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
        await admin.close();
      },
    };
  }
  return openDatabase({ pgliteTemplate: templateBytes() });
}

export interface TestApp {
  app: ZodApp;
  ctx: AppContext;
  db: Database;
  /** The file's TestClock when `createTestApp(…, { now })` installed one. */
  clock: TestClock | null;
  close: () => Promise<void>;
  /** A session for a seeded or created account, made directly (tests of login itself use the route). */
  sessionCookie: (username: string) => Promise<string>;
  /** Headers for a request as that account: cookie plus the CSRF header. */
  as: (username: string) => Promise<Record<string, string>>;
}

/**
 * A real app on this file's own database. `now` installs a TestClock for the file (ticking from that
 * moment; `t.clock.set()` / `advance()` move it); without it the process's clock is used, which CI
 * also runs shifted two years ahead. `profile` makes that crypto profile write (default: the run's, testing/keys.ts).
 */
export async function createTestApp(
  overrides: Partial<Config> = {},
  options: { now?: Date | string; webDir?: string; onRoute?: BuildOptions['onRoute']; profile?: CryptoProfile } = {},
): Promise<TestApp> {
  const testClock = options.now === undefined ? null : new TestClock(options.now);
  const previousClock = testClock ? useClock(testClock) : null;
  const opened = await openTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-files-'));
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    dataDir,
    auditCheckpointDir: path.join(dataDir, 'audit-checkpoints'),
    ...overrides,
  };
  const { app, ctx } = await buildApp({
    config,
    db: opened.db,
    dbKind: opened.kind,
    keys: options.profile ? { ...TEST_KEYS, profile: options.profile } : TEST_KEYS,
    ...(options.webDir ? { webDir: options.webDir } : {}),
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
  });
  await app.ready();
  const sessionCookie = async (username: string) => {
    const account = await opened.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    const { token } = await createSession(opened.db, account.id, DEFAULT_SECURITY_POLICY, { ip: '127.0.0.1', userAgent: 'vitest' });
    return `cqo_sid=${token}`;
  };
  return {
    app,
    ctx,
    db: opened.db,
    clock: testClock,
    sessionCookie,
    as: async (username) => ({ cookie: await sessionCookie(username), 'x-requested-with': 'vitest' }),
    close: async () => {
      await app.close();
      await opened.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (previousClock) useClock(previousClock);
    },
  };
}

/** A TOTP code for the demo secret at a time step not yet used by the account. */
export async function freshTotp(db: Database, username: string, secret = DEMO_TOTP_SECRET): Promise<string> {
  await db.updateTable('accounts').set({ totp_last_step: null }).where('username', '=', username).execute();
  return generateTotp(secret);
}

/** The Set-Cookie session token of a login response, as a Cookie header value. */
export function cookieFrom(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie.join(';') : (setCookie ?? '');
  const match = /cqo_sid=([^;]+)/.exec(header);
  if (!match?.[1]) throw new Error(`no session cookie in ${header}`);
  return `cqo_sid=${match[1]}`;
}
