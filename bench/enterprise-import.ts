/**
 * Enterprise import at province scale: generates an N-row .xlsx (default 100,000), then in separate processes
 *  1. parses it with the plain exceljs streaming reader (the baseline),
 *  2. imports it through the real route and job on PGlite,
 *  3. imports it on PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a
 *     database is created and dropped),
 * and prints seconds, rows/s, peak RSS and the ratio of each import to the bare parse.
 * Usage: npm run bench:import [-- --rows 100000] [-- --skip-pglite]
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app';
import { clock } from '../src/server/clock';
import { openAndPrepare } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { createSession } from '../src/server/auth/session-store';
import { openDatabase } from '../src/server/db/database';
import { readXlsxRecords } from '../src/server/excel/workbook';
import { multipartBody } from '../src/server/testing/files';
import { writeRosterWorkbook } from '../src/server/testing/enterprise-factories';
import { DEFAULT_SECURITY_POLICY } from '../src/domain/password-policy';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    mode: { type: 'string' },
    file: { type: 'string' },
    db: { type: 'string' },
    'skip-pglite': { type: 'boolean', default: false },
  },
});

function peakRssMb(): number {
  const kb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function parseOnly(file: string) {
  const started = performance.now();
  let rows = 0;
  for await (const _ of readXlsxRecords(file, { limits: { maxInflatedBytes: loadConfig({}).importMaxInflatedBytes } })) rows += 1;
  return { seconds: (performance.now() - started) / 1000, rows, peakRssMb: peakRssMb() };
}

async function importOnce(file: string, databaseUrl: string | undefined) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-bench-import-'));
  const config = {
    ...loadConfig({
      ...process.env,
      CQO_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'development',
      CQO_DEMO_DATA: 'false',
      DATABASE_URL: databaseUrl ?? '',
    }),
    runJobs: false,
  };
  const opened = await openAndPrepare(config);
  // an administrator at the province, so every county is in scope
  const province = await opened.db.selectFrom('org_units').select('id').where('code', '=', '320000').executeTakeFirstOrThrow();
  const account = await opened.db
    .insertInto('accounts')
    .values({
      username: 'bench',
      display_name: '基准',
      role: 'province_admin',
      org_unit_id: province.id,
      password_hash: 'x',
      must_change_password: false,
      totp_enabled: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await createSession(opened.db, account.id, DEFAULT_SECURITY_POLICY, { ip: '127.0.0.1', userAgent: 'bench' });
  const { app, ctx } = await buildApp({ config, db: opened.db, dbKind: opened.kind, keys: opened.keys });
  await app.ready();
  const started = performance.now();
  const { payload, headers } = multipartBody('bench.xlsx', fs.readFileSync(file));
  const res = await app.inject({
    method: 'POST',
    url: '/api/enterprises/imports',
    headers: { ...headers, cookie: `cqo_sid=${token}`, 'x-requested-with': 'bench' },
    payload,
  });
  if (res.statusCode !== 202) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  while (await ctx.jobs.runOnce()) {
    /* run the import job to the end */
  }
  const seconds = (performance.now() - started) / 1000;
  const job = await opened.db
    .selectFrom('jobs')
    .select(['status', 'result', 'error', 'result_file'])
    .where('id', '=', (res.json() as { jobId: number }).jobId)
    .executeTakeFirstOrThrow();
  if (job.result_file) {
    let shown = 0;
    for await (const [rowNo, record] of readXlsxRecords(await ctx.files.read(job.result_file), {
      limits: { maxInflatedBytes: ctx.config.importMaxInflatedBytes },
    })) {
      if (record['错误说明'] && shown++ < 5) console.error(`row ${rowNo}: ${record['错误说明']}`);
    }
  }
  const count = Number((await sql<{ n: number }>`select count(*) as n from enterprises`.execute(opened.db)).rows[0]?.n);
  await app.close();
  await opened.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (job.status !== 'succeeded' || !(job.result as { ok?: boolean }).ok) throw new Error(`import failed: ${JSON.stringify(job)}`);
  return { seconds, rows: count, peakRssMb: peakRssMb(), result: job.result };
}

if (values.mode) {
  // child process: one measurement, printed as JSON on the last line
  const file = values.file ?? '';
  const out = values.mode === 'parse' ? await parseOnly(file) : await importOnce(file, values.db || undefined);
  console.log(JSON.stringify(out));
  process.exit(0);
}

const rows = Number(values.rows);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-bench-xlsx-'));
const file = path.join(dir, 'enterprises.xlsx');
let t = performance.now();
await writeRosterWorkbook(file, rows, { year: clock.year(), namePrefix: '江苏基准测试第', serialStart: 10_000_000, phonePrefix: '139' });
console.log(`generated ${rows} rows, ${(fs.statSync(file).size / 1048576).toFixed(1)} MB, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const run = (args: string[]) => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/enterprise-import.ts', ...args, '--file', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (child.status !== 0) throw new Error(child.stderr || child.stdout);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; rows: number; peakRssMb: number };
};

const results: { run: string; seconds: number; rows: number; peakRssMb: number }[] = [];
const parse = run(['--mode', 'parse']);
results.push({ run: 'bare exceljs streaming parse (baseline)', ...parse });
if (!values['skip-pglite']) results.push({ run: 'import on PGlite', ...run(['--mode', 'import']) });

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `cqo_bench_${crypto.randomBytes(4).toString('hex')}`;
const admin = await openDatabase({ databaseUrl: base, poolSize: 1 });
await sql.raw(`create database ${dbName}`).execute(admin.db);
try {
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  t = performance.now();
  results.push({ run: 'import on PostgreSQL', ...run(['--mode', 'import', '--db', u.toString()]) });
} finally {
  await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
  await admin.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

console.table(
  results.map((r) => ({
    run: r.run,
    seconds: r.seconds.toFixed(1),
    'rows/s': Math.round(r.rows / r.seconds),
    'peak RSS MB': r.peakRssMb,
    '× parse': (r.seconds / parse.seconds).toFixed(2),
  })),
);
