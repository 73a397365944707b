import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEYS } from '../testing/keys';
import { databaseUrlFor } from '../testing/postgres';
import { TEST_PROFILE } from '../testing/profile';
import { createTestApp, type TestApp } from '../testing/test-app';

/**
 * `npm run crypto:migrate` as an operator runs it, on a copy of the demo database: progress per table, killed
 * (SIGKILL) after its first batch and run again, it continues with what is left; both directions; bad arguments.
 * The CLI reaches the test's database by DATABASE_URL, so this runs in the PostgreSQL pass only (an embedded test
 * database lives in the test's process); profile-migration.test.ts covers the same migration in both passes.
 */
const testUrl = process.env.TEST_DATABASE_URL;
const other = TEST_PROFILE === 'gm' ? 'default' : 'gm';

describe.skipIf(!testUrl)('npm run crypto:migrate', { timeout: 300_000 }, () => {
  let t: TestApp;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  beforeAll(async () => {
    t = await createTestApp();
    const name = (await sql<{ db: string }>`select current_database() as db`.execute(t.db)).rows[0]?.db ?? '';
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-crypto-cli-'));
    const b64 = (key: Buffer | undefined) => key?.toString('base64') ?? '';
    env = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrlFor(testUrl ?? '', name),
      CQO_DATA_DIR: dataDir,
      CQO_DATA_KEY: b64(TEST_KEYS.dataKey),
      CQO_HASH_KEY: b64(TEST_KEYS.hashKey),
      CQO_SIGNING_KEY: b64(TEST_KEYS.signingSeed),
      CQO_GM_DATA_KEY: b64(TEST_KEYS.gm?.dataKey),
      CQO_GM_HASH_KEY: b64(TEST_KEYS.gm?.hashKey),
      CQO_GM_SIGNING_KEY: b64(TEST_KEYS.gm?.signingKey),
    };
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs the command; with `killAfter`, kills it (SIGKILL) as soon as its output matches. */
  const cli = (args: string[], killAfter?: RegExp) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli/crypto-migrate.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const take = (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (killAfter?.test(out)) child.kill('SIGKILL');
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.on('close', (code) => resolve({ code, out }));
    });
  const progressOf = (out: string, step: string) =>
    [...out.matchAll(new RegExp(`^${step}: (\\d+)/(\\d+)$`, 'gm'))].map((m) => ({ done: Number(m[1]), total: Number(m[2]) }));
  const personsIn = async (cipher: string) =>
    Number((await sql<{ n: number }>`select count(*)::int as n from persons where id_number_enc like ${`v1.${cipher}.%`}`.execute(t.db)).rows[0]?.n);
  const cipherOf = (profile: string) => (profile === 'gm' ? 'sm4-ctr-hmac-sm3' : 'aes-256-gcm');

  it('refuses bad arguments with the usage', async () => {
    const bad = await cli(['--to', 'sm9']);
    expect(bad.code).toBe(64);
    expect(bad.out).toContain('用法');
    expect((await cli(['--to', 'gm', '--batch', '0'])).code).toBe(64);
  });

  it(`killed after its first batch, a second run continues; then everything is in the ${other} profile`, async () => {
    const persons = Number((await sql<{ n: number }>`select count(*)::int as n from persons`.execute(t.db)).rows[0]?.n);
    const killed = await cli(['--to', other, '--batch', '20'], /^persons: 20\//m);
    expect(killed.code).toBeNull();
    const first = progressOf(killed.out, 'persons');
    expect(first[0]).toEqual({ done: 20, total: persons });
    const converted = await personsIn(cipherOf(other));
    expect(converted).toBeGreaterThanOrEqual(20);

    const resumed = await cli(['--to', other, '--batch', '20']);
    expect(resumed.code).toBe(0);
    const rest = progressOf(resumed.out, 'persons');
    // it counts only what is left, and finishes it
    if (converted < persons) expect(rest.at(-1)).toEqual({ done: persons - converted, total: persons - converted });
    expect(resumed.out).toMatch(/^certificates: (\d+)\/\1$/m);
    expect(resumed.out).toContain(`Done: profile ${other}`);
    expect(await personsIn(cipherOf(other))).toBe(persons);
    const certificates = await sql<{ alg: string }>`select distinct signature_algorithm as alg from certificates`.execute(t.db);
    expect(certificates.rows).toEqual([{ alg: other === 'gm' ? 'sm2-sm3' : 'ed25519' }]);

    const again = await cli(['--to', other]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('重新加密 0 项，重新签名 0 张证书');
  });

  it(`and back to the ${TEST_PROFILE} profile`, async () => {
    const back = await cli(['--to', TEST_PROFILE, '--batch', '500']);
    expect(back.code).toBe(0);
    const persons = Number((await sql<{ n: number }>`select count(*)::int as n from persons`.execute(t.db)).rows[0]?.n);
    expect(await personsIn(cipherOf(TEST_PROFILE))).toBe(persons);
    expect(
      (
        await t.app.inject({
          url: '/api/public/verify/' + String((await t.db.selectFrom('certificates').select('serial').orderBy('id').executeTakeFirstOrThrow()).serial),
        })
      ).json(),
    ).toMatchObject({ signatureValid: true });
  });
});
