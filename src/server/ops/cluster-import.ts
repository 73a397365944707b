/**
 * The import part of the cluster test: a province-wide enterprise roster as a real .xlsx (the import template's
 * columns, written with the streaming writer), and what the database says about the import job afterwards.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import divisions from '../db/seed/jiangsu-divisions.json' with { type: 'json' };
import { IMPORT_COLUMNS } from '../modules/enterprises/excel';
import { makeUscc } from '../modules/enterprises/fixtures';

export const NAME_PREFIX = '江苏集群测试第';

/** Writes `rows` valid, distinct enterprises spread over every county of the province. */
export async function writeRoster(file: string, rows: number, year: number): Promise<void> {
  const counties = divisions.cities.flatMap((c) => c.counties.map((k) => k.code));
  const trades = ['34', '35', '36', '38', '39', '26', '29', '17', '14', '33'];
  const stream = fs.createWriteStream(file);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('企业名录');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < rows; i++) {
    const county = counties[i % counties.length] ?? '320583';
    const above = i % 10 === 0;
    const byField: Record<string, string | number> = {
      uscc: makeUscc(county, 20_000_000 + i),
      name: `${NAME_PREFIX}${i + 1}号制造有限公司`,
      orgUnitCode: county,
      address: `江苏省某市某区工业大道${(i % 999) + 1}号`,
      legalRepresentative: '张三',
      contactPerson: '李四',
      contactPhone: `138${String(i).padStart(8, '0')}`,
      industryCode: trades[i % trades.length] ?? '34',
      scale: above ? '中型' : '小型',
      ownership: '民营',
      aboveScale: above ? '是' : '否',
      aboveScaleYear: above ? year : '',
      status: '在营',
    };
    sheet.addRow(IMPORT_COLUMNS.map((c) => byField[c.input.field] ?? '')).commit();
  }
  sheet.commit();
  await book.commit();
  await new Promise<void>((resolve) => (stream.closed ? resolve() : stream.on('close', () => resolve())));
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
