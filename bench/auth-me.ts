/**
 * Requests/s of GET /api/auth/me with a real session against a bare Fastify route in the same process and run.
 * Usage: npm run bench [-- --seconds 10 --connections 20]   (DATABASE_URL=… to measure on PostgreSQL)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../src/server/app';
import { openAndPrepare } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { createSession } from '../src/server/auth/session-store';
import { DEFAULT_SECURITY_POLICY } from '../src/domain/password-policy';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' } } });
const duration = Number(values.seconds);
const connections = Number(values.connections);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-bench-'));
const config = { ...loadConfig({ ...process.env, CQO_DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development' }), port: 0, runJobs: false };
const opened = await openAndPrepare(config);
const { app } = await buildApp({ config, db: opened.db, dbKind: opened.kind, keys: opened.keys });
app.get('/bench/bare', () => ({ account: { id: 1, username: 'bare' } }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no port');
const base = `http://127.0.0.1:${address.port}`;

const account = await opened.db.selectFrom('accounts').select('id').where('username', '=', 'province').executeTakeFirstOrThrow();
const { token } = await createSession(opened.db, account.id, DEFAULT_SECURITY_POLICY, { ip: '127.0.0.1', userAgent: 'bench' });

async function run(title: string, url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections, duration, headers });
  if (result.non2xx > 0) throw new Error(`${title}: ${result.non2xx} non-2xx responses`);
  return { title, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

await run('warm-up', `${base}/api/auth/me`, { cookie: `cqo_sid=${token}` });
const bare = await run('bare Fastify route', `${base}/bench/bare`);
const me = await run('GET /api/auth/me (session)', `${base}/api/auth/me`, { cookie: `cqo_sid=${token}` });

console.log(`\ndatabase: ${opened.kind}; ${connections} connections, ${duration} s each; node ${process.version}, ${os.cpus().length} cores`);
console.table([bare, me].map((r) => ({ route: r.title, 'req/s': Math.round(r.rps), 'p50 ms': r.p50, 'p99 ms': r.p99 })));
console.log(`ratio /api/auth/me ÷ bare route: ${(me.rps / bare.rps).toFixed(3)}`);

await app.close();
await opened.close();
fs.rmSync(dataDir, { recursive: true, force: true });
