/**
 * A separate process for the job crash test: runs the `test.count` job on the database given by
 * DATABASE_URL or CQO_DATA_DIR, one chunk of 10 rows per step, slowly, printing progress as it goes.
 * The test SIGKILLs it mid-way and starts another one, which must finish the job without repeating a row.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { JobRunner } from '../jobs/runner';

const opened = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, pgliteDir: path.join(process.env.CQO_DATA_DIR ?? '.', 'pglite') });
await migrateToLatest(opened.db);
await sql`create table if not exists job_crash_items (n integer primary key)`.execute(opened.db);

const runner = new JobRunner(opened.db, { leaseMs: 1500 });
runner.register('test.crash', async (ctx) => {
  let next = (ctx.checkpoint as { next: number } | null)?.next ?? 1;
  while (next <= 100) {
    const from = next;
    await ctx.step(async (trx) => {
      for (let n = from; n < from + 10; n++) await sql`insert into job_crash_items (n) values (${n})`.execute(trx);
      return { done: from + 9, total: 100, checkpoint: { next: from + 10 } };
    });
    console.log(`progress ${from + 9}`);
    next = from + 10;
    await new Promise((r) => setTimeout(r, 150));
  }
  return { ok: true };
});

if (process.argv.includes('--enqueue')) await runner.enqueue(opened.db, { kind: 'test.crash' });
// wait for a claimable job (the killed worker's lease must run out first)
for (let i = 0; i < 100 && !(await runner.runOnce()); i++) await new Promise((r) => setTimeout(r, 200));
console.log('finished');
await opened.close();
