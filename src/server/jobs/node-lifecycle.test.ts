import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { TEST_KEYS } from '../testing/keys';
import { freePort } from '../testing/free-port';
import { createScratchDatabase } from '../testing/postgres';

/**
 * A real node (`src/server/main.ts`) started on a database holding poisoned import jobs — one whose file is
 * gone, one that already used its attempts and whose lease ran out (what crashed both nodes on every restart):
 * the node serves, fails both jobs with Chinese messages, and exits promptly on SIGTERM.
 */
const testUrl = process.env.TEST_DATABASE_URL;
let dataDir: string;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
let env: NodeJS.ProcessEnv;

const open = (): Promise<OpenedDatabase> =>
  openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, poolSize: 1 } : { pgliteDir: path.join(dataDir, 'pglite') });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-node-'));
  // the keys come from the environment: the data directory holds a database before the node first starts
  const keys = {
    CQO_DATA_KEY: TEST_KEYS.dataKey.toString('base64'),
    CQO_HASH_KEY: TEST_KEYS.hashKey.toString('base64'),
    CQO_SIGNING_KEY: TEST_KEYS.signingSeed.toString('base64'),
  };
  env = {
    ...process.env,
    ...keys,
    NODE_ENV: 'development',
    CQO_DATA_DIR: dataDir,
    DATABASE_URL: '',
    CQO_DEMO_DATA: 'false',
    LOG_LEVEL: 'info',
    CQO_JOB_SHUTDOWN_GRACE_SECONDS: '1',
  };
  if (testUrl) {
    scratch = await createScratchDatabase(testUrl, 'cqo_node');
    env.DATABASE_URL = scratch.url;
  }
}, 120_000);
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();
});

describe('an app node', () => {
  it('serves despite poisoned jobs, fails them in Chinese, and exits promptly on SIGTERM', { timeout: 240_000 }, async () => {
    const before = await open();
    await migrateToLatest(before.db);
    const params = (key: string) => JSON.stringify({ fileKey: key, fileName: '名录.xlsx', actor: { accountId: null, username: 'x', role: null, ip: null } });
    const missing = 'imports/2026-01/00000000000000000000000000000000.xlsx';
    const { rows } = await sql<{ id: number }>`
      insert into jobs (kind, params, checkpoint, result, max_attempts, status, attempts, locked_by, lease_until)
      values ('enterprise.import', ${params(missing)}::jsonb, 'null', 'null', 3, 'queued', 0, null, null),
             ('enterprise.import', ${params(missing)}::jsonb, 'null', 'null', 3, 'running', 3, 'dead-node', now() - interval '1 minute')
      returning id`.execute(before.db);
    await before.close();
    const [queued, exhausted] = rows.map((r) => Number(r.id));

    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => out.includes('ready on'), { timeout: 180_000, interval: 250 }).toBe(true);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      // give the runner a few polls to settle both jobs, still serving
      await new Promise((r) => setTimeout(r, 3000));
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    } finally {
      const t0 = performance.now();
      child.kill('SIGTERM');
      const code = await exited;
      console.log(`SIGTERM → exit ${code} in ${Math.round(performance.now() - t0)} ms`);
      expect(code).toBe(0);
      expect(performance.now() - t0).toBeLessThan(15_000);
    }

    const after = await open();
    try {
      const jobs = await after.db
        .selectFrom('jobs')
        .select(['id', 'status', 'attempts', 'error'])
        .where('id', 'in', [queued ?? 0, exhausted ?? 0])
        .orderBy('id')
        .execute();
      expect(jobs[0]).toMatchObject({ status: 'failed', attempts: 1 });
      expect(jobs[0]?.error).toContain('导入文件已不存在');
      expect(jobs[1]).toMatchObject({ status: 'failed', attempts: 3 });
      expect(jobs[1]?.error).toContain('不再重试');
      const daily = await after.db.selectFrom('jobs').select('singleton_key').where('singleton_key', 'is not', null).execute();
      // the periodic duties, once each; the calendar reminder only while this or next year's calendar is missing
      const kinds = daily.map((d) => (d.singleton_key ?? '').split(':')[0]).sort();
      expect(kinds.filter((k) => k !== 'policy.calendar-reminder')).toEqual([
        'files.cleanup-incomplete',
        'filings.remind-overdue',
        'study.reminders',
        'training-plans.chase',
      ]);
      expect(kinds.filter((k) => k === 'policy.calendar-reminder').length).toBeLessThanOrEqual(1);
    } finally {
      await after.close();
    }
  });
});
