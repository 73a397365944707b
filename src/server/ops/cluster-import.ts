/**
 * The import part of the cluster test: a province-wide enterprise roster as a real .xlsx (the import template's
 * columns, written with the streaming writer), and what the database says about the import job afterwards.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { writeRosterWorkbook } from '../testing/enterprise-factories';

export const NAME_PREFIX = '江苏集群测试第';

/** Writes `rows` valid, distinct enterprises spread over every county of the province. */
export function writeRoster(file: string, rows: number, year: number): Promise<void> {
  return writeRosterWorkbook(file, rows, { year, namePrefix: NAME_PREFIX, serialStart: 20_000_000, phonePrefix: '138' });
}

export interface ImportJobState {
  status: string;
  attempts: number;
  lockedBy: string | null;
  phase: string | null;
  staged: number;
  loaded: number;
}

export async function importJobState(db: Database, jobId: number): Promise<ImportJobState> {
  const job = await db.selectFrom('jobs').select(['status', 'attempts', 'locked_by', 'checkpoint']).where('id', '=', jobId).executeTakeFirstOrThrow();
  const cp = (job.checkpoint ?? null) as { phase?: string; staged?: number; loaded?: number } | null;
  return { status: job.status, attempts: job.attempts, lockedBy: job.locked_by, phase: cp?.phase ?? null, staged: cp?.staged ?? 0, loaded: cp?.loaded ?? 0 };
}

export interface ImportOutcome {
  status: string;
  attempts: number;
  result: unknown;
  error: string | null;
  enterprises: number;
  distinctUscc: number;
  stagingRowsLeft: number;
  runningJobs: number;
}

/** What the database holds after the import: the job, the imported enterprises, leftovers. */
export async function importOutcome(db: Database, jobId: number): Promise<ImportOutcome> {
  const job = await db.selectFrom('jobs').select(['status', 'attempts', 'result', 'error']).where('id', '=', jobId).executeTakeFirstOrThrow();
  const counts = await sql<{ n: number; d: number }>`
    select count(*)::int as n, count(distinct uscc)::int as d from enterprises where name like ${`${NAME_PREFIX}%`}`.execute(db);
  const staging = await sql<{ n: number }>`select count(*)::int as n from enterprise_import_rows where job_id = ${jobId}`.execute(db);
  const running = await sql<{ n: number }>`select count(*)::int as n from jobs where status = 'running'`.execute(db);
  return {
    status: job.status,
    attempts: job.attempts,
    result: job.result,
    error: job.error,
    enterprises: counts.rows[0]?.n ?? 0,
    distinctUscc: counts.rows[0]?.d ?? 0,
    stagingRowsLeft: staging.rows[0]?.n ?? 0,
    runningJobs: running.rows[0]?.n ?? 0,
  };
}
