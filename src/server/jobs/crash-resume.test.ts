import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { createScratchDatabase } from '../testing/postgres';

/** A real crash: the worker process is SIGKILLed mid-job, a new process resumes from the checkpoint. */
const testUrl = process.env.TEST_DATABASE_URL;
let env: NodeJS.ProcessEnv;
let dataDir: string;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-crash-'));
  env = { ...process.env, CQO_DATA_DIR: dataDir, DATABASE_URL: '' };
  if (testUrl) {
    scratch = await createScratchDatabase(testUrl, 'cqo_crash');
    env.DATABASE_URL = scratch.url;
  }
});
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();
});

function worker(args: string[], killAtProgress?: number): Promise<{ out: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/testing/job-crash-worker.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const last = /progress (\d+)\s*$/.exec(out);
      if (killAtProgress !== undefined && last && Number(last[1]) >= killAtProgress) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ out, signal }));
  });
}

describe('job crash and resume', () => {
  it('resumes after SIGKILL without losing or repeating work', { timeout: 120_000 }, async () => {
    const first = await worker(['--enqueue'], 30);
    expect(first.signal).toBe('SIGKILL');
    expect(first.out).not.toContain('finished');

    const second = await worker([]);
    expect(second.out).toContain('finished');
    // the second process started where the first had committed, not from the beginning
    const firstProgress = Number(/progress (\d+)\s*$/.exec(first.out.trim())?.[1]);
    expect(second.out).not.toContain('progress 10\n');
    expect(second.out).toContain(`progress ${firstProgress + 10}`);

    const opened = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, pgliteDir: path.join(dataDir, 'pglite') });
    try {
      const items = await sql<{
        n: number;
        distinct: number;
        max: number;
      }>`select count(*)::int as n, count(distinct n)::int as distinct, max(n) as max from job_crash_items`.execute(opened.db);
      expect(items.rows[0]).toEqual({ n: 100, distinct: 100, max: 100 });
      const job = await opened.db.selectFrom('jobs').select(['status', 'attempts', 'progress_done']).executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'succeeded', attempts: 2, progress_done: 100 });
    } finally {
      await opened.close();
    }
  });
});
