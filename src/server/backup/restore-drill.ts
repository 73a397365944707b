/**
 * `npm run test:restore-drill`: the backup-and-restore procedure, end to end, on PostgreSQL (DRILL_DATABASE_URL, by
 * default postgres://postgres@127.0.0.1:5432/postgres, names the server; the drill creates and drops its own two
 * databases). A populated system (migrate + demo seed, a training material and a lesson video uploaded through the
 * API) is backed up with `npm run backup`; a restore with a wrong key must be refused naming it; `npm run restore`
 * brings it into a fresh database, where an officer logs in, the material and the video (whole and by range) download
 * byte for byte, a certificate verifies publicly and `npm run audit:verify` passes. Exit 0 only when all of it holds.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../app';
import { generateTotp } from '../auth/totp';
import { openAndPrepare } from '../bootstrap';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../demo/accounts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const VIDEO = path.join(ROOT, 'src/server/db/seed/media/demo-lesson.mp4');
const server = new URL(process.env.DRILL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const suffix = crypto.randomBytes(4).toString('hex');
const names = { source: `cqo_drill_src_${suffix}`, target: `cqo_drill_dst_${suffix}` };
const urlOf = (name: string) => Object.assign(new URL(server.href), { pathname: `/${name}` }).href;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-drill-'));
const keyEnv = {
  CQO_DATA_KEY: crypto.randomBytes(32).toString('base64'),
  CQO_HASH_KEY: crypto.randomBytes(32).toString('base64'),
  CQO_SIGNING_KEY: crypto.randomBytes(32).toString('base64'),
};
const envFor = (name: string) => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: urlOf(name),
  CQO_DATA_DIR: work,
  CQO_DEMO_DATA: 'true',
  CQO_FILE_STORE: 'database',
  ...keyEnv,
});
const timings: Record<string, number> = {};

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`DRILL FAILED: ${what}`);
  console.log(`  ✓ ${what}`);
}

async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[step] = Math.round(performance.now() - started) / 1000;
  }
}

/** Runs an npm script with the drill's environment; returns its exit code and output. */
async function npm(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', script, '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1048576,
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

function multipart(fields: Record<string, string>, filename: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----cqo${crypto.randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([...parts, head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Starts the app on a database and logs in through the API (password + TOTP), as the city bureau of 苏州. */
async function appOn(name: string, options: { seed: boolean }) {
  const config = loadConfig(envFor(name));
  const opened = await openAndPrepare(config, options);
  const { app } = await buildApp({ config, db: opened.db, dbKind: opened.kind, keys: opened.keys });
  await app.ready();
  await opened.db.updateTable('accounts').set({ totp_last_step: null }).where('username', '=', 'suzhou').execute();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-requested-with': 'drill' },
    payload: { username: 'suzhou', password: DEMO_PASSWORD, totp: generateTotp(DEMO_TOTP_SECRET) },
  });
  const cookie = /cqo_sid=([^;]+)/.exec(String(login.headers['set-cookie'] ?? ''))?.[1];
  const headers = { cookie: `cqo_sid=${cookie ?? ''}`, 'x-requested-with': 'drill' };
  return { app, db: opened.db, loginStatus: login.statusCode, headers, close: async () => (await app.close(), await opened.close()) };
}

async function populate(): Promise<{ materialId: number; material: Buffer; lessonId: number; video: Buffer; serial: string }> {
  const system = await appOn(names.source, { seed: true });
  try {
    check(system.loginStatus === 200, 'source: 苏州 logs in');
    const material = Buffer.concat([fs.readFileSync(path.join(ROOT, 'src/server/db/seed/media/demo-document.pdf')), Buffer.from(`\n% drill ${suffix}\n`)]);
    const body = multipart({ title: `恢复演练资料 ${suffix}`, tier: 'basic', moduleId: '', description: '备份恢复演练' }, 'drill.pdf', material);
    const up = await system.app.inject({
      method: 'POST',
      url: '/api/training-materials',
      headers: { ...system.headers, ...body.headers },
      payload: body.payload,
    });
    check(up.statusCode === 201, `source: training material uploaded (${up.statusCode} ${up.statusCode === 201 ? '' : up.body})`);
    const course = await system.app.inject({
      method: 'POST',
      url: '/api/study/courses',
      headers: system.headers,
      payload: { title: `恢复演练课程 ${suffix}`, level: 'basic', creditHours: 1 },
    });
    check(course.statusCode === 201, 'source: course created');
    const lesson = await system.app.inject({
      method: 'POST',
      url: `/api/study/courses/${course.json<{ id: number }>().id}/lessons`,
      headers: system.headers,
      payload: { title: '演练视频课时', kind: 'video' },
    });
    check(lesson.statusCode === 201, 'source: video lesson added');
    const lessonId = lesson.json<{ id: number }>().id;
    const video = fs.readFileSync(VIDEO);
    const media = multipart({}, 'lesson.mp4', video);
    const put = await system.app.inject({
      method: 'PUT',
      url: `/api/study/lessons/${lessonId}/media`,
      headers: { ...system.headers, ...media.headers },
      payload: media.payload,
    });
    check(put.statusCode === 200, `source: lesson video uploaded (${(video.length / 1048576).toFixed(1)} MB)`);
    const cert = await system.db.selectFrom('certificates').select('serial').orderBy('id').executeTakeFirstOrThrow();
    return { materialId: up.json<{ id: number }>().id, material, lessonId, video, serial: cert.serial };
  } finally {
    await system.close();
  }
}

async function verifyRestored(expected: Awaited<ReturnType<typeof populate>>): Promise<void> {
  const system = await appOn(names.target, { seed: false });
  try {
    check(system.loginStatus === 200, 'restored: 苏州 logs in (password + TOTP)');
    const material = await system.app.inject({ url: `/api/training-materials/${expected.materialId}/download`, headers: system.headers });
    check(material.statusCode === 200 && material.rawPayload.equals(expected.material), 'restored: the training material downloads byte for byte');
    const video = await system.app.inject({ url: `/api/study/lessons/${expected.lessonId}/media`, headers: system.headers });
    check(video.statusCode === 200 && video.rawPayload.equals(expected.video), 'restored: the lesson video downloads byte for byte');
    const range = await system.app.inject({ url: `/api/study/lessons/${expected.lessonId}/media`, headers: { ...system.headers, range: 'bytes=1000-600000' } });
    check(range.statusCode === 206 && range.rawPayload.equals(expected.video.subarray(1000, 600001)), 'restored: a byte range of the video (206) matches');
    const verify = await system.app.inject({ url: `/api/public/verify/${expected.serial}` });
    const result = verify.json<{ status?: string; signatureValid?: boolean }>();
    check(
      verify.statusCode === 200 && result.signatureValid === true,
      `restored: certificate ${expected.serial} verifies publicly (${String(result.status)}, signature valid)`,
    );
  } finally {
    await system.close();
  }
}

const admin = await openDatabase({ databaseUrl: server.href, poolSize: 1 });
const started = performance.now();
try {
  for (const name of Object.values(names)) await sql.raw(`create database ${name}`).execute(admin.db);
  console.log(`Restore drill on ${server.host}: ${names.source} → ${names.target}`);
  const expected = await timed('populate', populate);
  const out = path.join(work, 'backup');
  const backup = await timed('backup', () => npm('backup', ['--out', out], envFor(names.source)));
  check(backup.code === 0, `npm run backup (${backup.out.trim().split('\n').at(-1) ?? ''})`);
  const manifest = fs.readFileSync(path.join(out, 'manifest.json'), 'utf8');
  check(!Object.values(keyEnv).some((key) => manifest.includes(key)), 'the manifest holds key ids and fingerprints, never the keys');
  const wrongKey = await npm('restore', ['--from', out], { ...envFor(names.target), CQO_HASH_KEY: crypto.randomBytes(32).toString('base64') });
  check(
    wrongKey.code === 2 && wrongKey.out.includes('CQO_HASH_KEY') && !wrongKey.out.includes('CQO_DATA_KEY:'),
    'restore with another hash key is refused, naming CQO_HASH_KEY',
  );
  const restored = await timed('restore', () => npm('restore', ['--from', out], envFor(names.target)));
  check(restored.code === 0, `npm run restore (${restored.out.trim().split('\n').at(-1) ?? ''})`);
  await timed('verify', () => verifyRestored(expected));
  const audit = await timed('audit', () => npm('audit:verify', [], envFor(names.target)));
  check(audit.code === 0, `npm run audit:verify on the restored database (${audit.out.trim().split('\n').at(-1) ?? ''})`);
  const seconds = Math.round(performance.now() - started) / 1000;
  console.log(
    `DRILL PASSED in ${seconds} s (${Object.entries(timings)
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')})`,
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  for (const name of Object.values(names)) await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
  await admin.close();
  fs.rmSync(work, { recursive: true, force: true });
}
