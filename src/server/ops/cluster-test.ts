/**
 * `npm run test:cluster`: two real app nodes on one PostgreSQL (and, through scripts/replica.sh, a streaming replica
 * for their reports), and one of them killed with SIGKILL in the middle of the work:
 *  (c) a file uploaded through either node downloads byte for byte through the other;
 *  (a) a 40,000-row enterprise import runs on one node, which is killed mid-way; the other node takes the job over
 *      and finishes it exactly once within 30 s of the kill (40,000 new enterprises, no duplicates, job succeeded,
 *      no job left running);
 *  (b) meanwhile officers send study heartbeats alternately to both nodes, and keep sending to the survivor; the
 *      credited seconds equal what the crediting rules allow for the beats sent (0 lost, 0 doubled).
 * Prints the figures and exits non-zero on any failure. TEST_DATABASE_URL names the PostgreSQL server (default
 * postgres://postgres@127.0.0.1:5432/postgres; the test creates and drops a database of its own);
 * REPLICA_DATABASE_URL, when set (scripts/replica.sh sets it), a streaming replica of it.
 * CLUSTER_ROWS (40000) and CLUSTER_KILL_PHASE (`load`, or `stage`: during validation) vary the run.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { DEFAULT_SECURITY_POLICY } from '../../domain/password-policy';
import { createSession } from '../auth/session-store';
import { clock } from '../clock';
import { openDatabase, type OpenedDatabase } from '../db/database';
import { multipartBody } from '../testing/files';
import { createScratchDatabase, databaseUrlFor } from '../testing/postgres';
import { prepareOfficers, reconcileHeartbeats, streamHeartbeats, type HeartbeatFigures } from './cluster-heartbeats';
import { importJobState, importOutcome, writeRoster } from './cluster-import';
import { startNode, type AppNode } from './cluster-nodes';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REPLICA = process.env.REPLICA_DATABASE_URL;
const ROWS = Number(process.env.CLUSTER_ROWS ?? 40_000);
const KILL_PHASE = process.env.CLUSTER_KILL_PHASE === 'stage' ? 'stage' : 'load';
const OFFICERS = 10;
const HEARTBEAT_SECONDS = 1;
const RESUME_LIMIT_S = 30;
const HEADERS = { 'x-requested-with': 'cluster-test' };

const failures: string[] = [];
function check(ok: boolean, what: string): void {
  console.log(`  ${ok ? '✓' : '✗'} ${what}`);
  if (!ok) failures.push(what);
}
const since = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the replica has replayed what the primary has written so far. */
async function replicaCaughtUp(primary: OpenedDatabase, replica: OpenedDatabase): Promise<void> {
  const lsn = (await sql<{ l: string }>`select pg_current_wal_lsn()::text as l`.execute(primary.db)).rows[0]?.l ?? '';
  for (let i = 0; i < 300; i++) {
    if ((await sql<{ ok: boolean }>`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as ok`.execute(replica.db)).rows[0]?.ok) return;
    await sleep(100);
  }
  throw new Error(`the replica did not replay ${lsn} within 30 s`);
}

/** A training material (a PDF padded past three 512 KB chunks) uploaded through `from`, downloaded through `to`. */
async function fileAcross(from: AppNode, to: AppNode, cookie: string): Promise<boolean> {
  const pdf = fs.readFileSync(path.join(ROOT, 'src/server/db/seed/media/demo-document.pdf'));
  const padding = Array.from({ length: 12_000 }, () => `% ${crypto.randomBytes(64).toString('hex')}`).join('\n');
  const content = Buffer.concat([pdf, Buffer.from(`\n${padding}\n`)]);
  const boundary = `----cqo${crypto.randomBytes(8).toString('hex')}`;
  const fields = { title: `集群测试资料（${from.name} 上传）`, tier: 'advanced', moduleId: '', description: '集群测试' };
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cluster.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const body = Buffer.concat([...parts, head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const up = await fetch(`${from.base}/api/training-materials`, {
    method: 'POST',
    headers: { ...HEADERS, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  if (up.status !== 201) throw new Error(`upload through ${from.name}: ${up.status} ${await up.text()}`);
  const { id } = (await up.json()) as { id: number };
  const down = await fetch(`${to.base}/api/training-materials/${id}/download`, { headers: { ...HEADERS, cookie } });
  const bytes = Buffer.from(await down.arrayBuffer());
  return down.status === 200 && bytes.equals(content) && content.length > 3 * 512 * 1024;
}

async function run(work: string): Promise<void> {
  const scratch = await createScratchDatabase(SERVER, 'cqo_cluster');
  const nodes: AppNode[] = [];
  let db: OpenedDatabase | undefined;
  let replica: OpenedDatabase | undefined;
  try {
    const keys = {
      CQO_DATA_KEY: crypto.randomBytes(32).toString('base64'),
      CQO_HASH_KEY: crypto.randomBytes(32).toString('base64'),
      CQO_SIGNING_KEY: crypto.randomBytes(32).toString('base64'),
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...keys,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: scratch.url,
      DATABASE_REPLICA_URL: REPLICA ? databaseUrlFor(REPLICA, scratch.name) : '',
      CQO_DATA_DIR: work,
      CQO_DEMO_DATA: 'false',
      CQO_FILE_STORE: 'database',
      CQO_STUDY_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS),
      CQO_JOB_SHUTDOWN_GRACE_SECONDS: '1',
    };
    console.log(
      `Cluster test on ${new URL(SERVER).host} (${scratch.name})${REPLICA ? `, replica ${new URL(REPLICA).host}` : ', no replica (REPLICA_DATABASE_URL unset)'}`,
    );
    const t0 = performance.now();
    const rosterFile = path.join(work, 'roster.xlsx');
    // node A migrates and seeds (CQO_MIGRATE=true); node B only checks that the schema is current
    const [nodeA] = await Promise.all([startNode(ROOT, 'A', { ...env, CQO_MIGRATE: 'true' }, work), writeRoster(rosterFile, ROWS, clock.year())]);
    nodes.push(nodeA);
    const nodeB = await startNode(ROOT, 'B', { ...env, CQO_MIGRATE: 'false' }, work);
    nodes.push(nodeB);
    console.log(
      `  two nodes serving (A pid ${nodeA.pid} on :${nodeA.port}, B pid ${nodeB.pid} on :${nodeB.port}) and a ${ROWS}-row roster written in ${since(t0)} s`,
    );

    db = await openDatabase({ databaseUrl: scratch.url, poolSize: 4 });
    const province = await db.db.selectFrom('org_units').select('id').where('code', '=', '320000').executeTakeFirstOrThrow();
    const admin = await db.db
      .insertInto('accounts')
      .values({
        username: 'cluster-admin',
        display_name: '集群测试管理员',
        role: 'province_admin',
        org_unit_id: province.id,
        password_hash: 'x',
        must_change_password: false,
        totp_enabled: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const adminCookie = `cqo_sid=${(await createSession(db.db, admin.id, DEFAULT_SECURITY_POLICY, { ip: '127.0.0.1', userAgent: 'cluster-test' })).token}`;

    if (REPLICA) {
      replica = await openDatabase({ databaseUrl: databaseUrlFor(REPLICA, scratch.name), poolSize: 1, readOnly: true });
      await replicaCaughtUp(db, replica);
      for (const node of nodes) {
        const res = await fetch(`${node.base}/api/coverage/overview`, { headers: { ...HEADERS, cookie: adminCookie } });
        check(res.status === 200, `node ${node.name} answers the coverage overview from the replica (${res.status})`);
      }
    }

    console.log('(c) files through either node');
    check(await fileAcross(nodeA, nodeB, adminCookie), 'a 1.6 MB training material uploaded through A downloads byte for byte through B');
    check(await fileAcross(nodeB, nodeA, adminCookie), 'a 1.6 MB training material uploaded through B downloads byte for byte through A');

    console.log(`(a)+(b) a ${ROWS}-row import and ${OFFICERS} officers' heartbeats; the node running the import is killed in its ${KILL_PHASE} phase`);
    const { officers, initial } = await prepareOfficers(db.db, nodes, OFFICERS);
    const stream = streamHeartbeats(nodes, officers);
    const { payload, headers } = multipartBody('集群测试名录.xlsx', fs.readFileSync(rosterFile));
    const upload = await fetch(`${nodeA.base}/api/enterprises/imports`, {
      method: 'POST',
      headers: { ...HEADERS, ...headers, cookie: adminCookie },
      body: new Uint8Array(payload),
    });
    if (upload.status !== 202) throw new Error(`import upload: ${upload.status} ${await upload.text()}`);
    const { jobId } = (await upload.json()) as { jobId: number };
    const uploaded = performance.now();

    // wait for the job to be half-way through the chosen phase, then kill whichever node holds it
    let victim: AppNode | undefined;
    let atKill = await importJobState(db.db, jobId);
    while (!victim) {
      if (performance.now() - uploaded > 180_000) throw new Error(`the import did not reach half-way in 3 minutes: ${JSON.stringify(atKill)}`);
      atKill = await importJobState(db.db, jobId);
      const half = KILL_PHASE === 'load' ? atKill.phase === 'load' && atKill.loaded >= ROWS / 2 : atKill.phase === 'stage' && atKill.staged >= ROWS / 2;
      if (atKill.status !== 'running' && atKill.status !== 'queued') throw new Error(`the import ended before the kill: ${JSON.stringify(atKill)}`);
      if (half && atKill.status === 'running') victim = nodes.find((n) => atKill.lockedBy?.startsWith(`${n.pid}-`));
      else await sleep(50);
    }
    const survivor = victim === nodeA ? nodeB : nodeA;
    stream.killed();
    await victim.kill9();
    const killed = performance.now();
    console.log(
      `  kill -9 node ${victim.name} ${since(uploaded)} s after the upload (checkpoint: ${atKill.phase}, staged ${atKill.staged}, loaded ${atKill.loaded})`,
    );

    let resumedAfter: number | undefined;
    let doneAfter: number | undefined;
    for (;;) {
      const state = await importJobState(db.db, jobId);
      if (resumedAfter === undefined && state.status === 'running' && state.lockedBy?.startsWith(`${survivor.pid}-`)) resumedAfter = since(killed);
      if (state.status !== 'running' && state.status !== 'queued') {
        doneAfter = since(killed);
        break;
      }
      if (performance.now() - killed > 120_000) break;
      await sleep(100);
    }
    // a few more beats on the survivor alone, then the accounts are closed
    await sleep(2500);
    const beats = await stream.stop();
    const outcome = await importOutcome(db.db, jobId);
    const result = (outcome.result ?? {}) as { ok?: boolean; inserted?: number; rows?: number };

    console.log('import:');
    check(resumedAfter !== undefined, `node ${survivor.name} took the job over ${resumedAfter ?? '—'} s after the kill`);
    check(
      doneAfter !== undefined && doneAfter <= RESUME_LIMIT_S,
      `the import finished ${doneAfter ?? 'never (120 s)'} s after the kill (limit ${RESUME_LIMIT_S} s)`,
    );
    check(
      outcome.status === 'succeeded' && result.ok === true,
      `job ${jobId} succeeded (${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}) after ${outcome.attempts} attempts`,
    );
    check(outcome.attempts === 2, 'exactly one takeover (attempts = 2)');
    check(
      outcome.enterprises === ROWS && outcome.distinctUscc === ROWS,
      `${outcome.enterprises} enterprises imported, ${outcome.distinctUscc} distinct USCCs (expected ${ROWS} of each)`,
    );
    check(result.inserted === ROWS && result.rows === ROWS, `the job reports ${result.rows ?? '?'} rows, ${result.inserted ?? '?'} inserted`);
    check(outcome.stagingRowsLeft === 0, `no staged rows left behind (${outcome.stagingRowsLeft})`);
    check(outcome.runningJobs === 0, `no job left running (${outcome.runningJobs})`);
    check((await fetch(`${survivor.base}/api/health`)).status === 200, `node ${survivor.name} is healthy`);

    console.log('heartbeats:');
    for (const e of beats.errors) check(false, e);
    const figures: HeartbeatFigures = await reconcileHeartbeats(db.db, officers, initial, beats, HEARTBEAT_SECONDS);
    check(
      figures.afterKill >= OFFICERS,
      `${figures.beats} beats from ${figures.officers} officers, ${figures.inFlightAtKill} in flight to the killed node (sent again to the survivor), ${figures.afterKill} answered by the survivor after the kill`,
    );
    check(
      figures.lostSeconds === 0 && figures.doubledSeconds === 0 && figures.creditedSeconds === figures.expectedSeconds,
      `credited ${figures.creditedSeconds} s, the rules allow ${figures.expectedSeconds} s for the beats sent: lost ${figures.lostSeconds} s, doubled ${figures.doubledSeconds} s` +
        ` (${figures.committedUnanswered} s committed by the killed node without an answer)`,
    );

    console.log(
      `FIGURES: kill→takeover ${resumedAfter ?? '—'} s, kill→import finished ${doneAfter ?? '—'} s, rows imported ${outcome.enterprises} (distinct ${outcome.distinctUscc}), ` +
        `study seconds lost ${figures.lostSeconds}, doubled ${figures.doubledSeconds} (credited ${figures.creditedSeconds} of ${figures.expectedSeconds})`,
    );
    if (failures.length) for (const n of nodes) console.error(`--- node ${n.name} log (last lines)\n${n.tail()}`);
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await replica?.close();
    await db?.close();
    await scratch.drop();
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-cluster-'));
const started = performance.now();
try {
  await run(work);
} catch (err) {
  failures.push(err instanceof Error ? err.message : String(err));
  console.error(err);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(failures.length ? `CLUSTER TEST FAILED (${failures.length}) in ${since(started)} s` : `CLUSTER TEST PASSED in ${since(started)} s`);
process.exit(failures.length ? 1 : 0);
