/**
 * The web app's first screens on a phone line: Chromium with network throttling (6 Mbit/s down and up, 150 ms
 * latency, cold cache) loads the login page, the officer's phone home, the coverage dashboard and a certificate's
 * /verify page from two real servers on one PostgreSQL database: the baseline with compression off
 * (CQO_HTTP_COMPRESSION=false: what every answer cost before) and the server as shipped. Prints, per page, the time
 * until it has drawn (its text is there, no spinner or skeleton left) and the bytes transferred until the network is
 * quiet, the median of RUNS cold loads, and the ratios.
 * Needs `npm run build` and PostgreSQL (DATABASE_URL or TEST_DATABASE_URL, default the local server).
 * Usage: npm run bench:web
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { chromium, type Browser, type Cookie } from 'playwright-core';
import { generateTotp } from '../src/server/auth/totp';
import { openDatabase } from '../src/server/db/database';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/server/demo/accounts';
import { createScratchDatabase } from '../src/server/testing/postgres';
import { freePort } from '../src/server/testing/free-port';
import { TEST_KEYS } from '../src/server/testing/keys';

const root = path.resolve(import.meta.dirname, '..');
const RUNS = 3;
const LINE = { offline: false, latency: 150, downloadThroughput: 6_000_000 / 8, uploadThroughput: 6_000_000 / 8 };

if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('Run `npm run build` first');

async function startServer(databaseUrl: string, extra: NodeJS.ProcessEnv): Promise<{ baseUrl: string; child: ChildProcess }> {
  const port = await freePort();
  const keys = {
    CQO_DATA_KEY: TEST_KEYS.dataKey.toString('base64'),
    CQO_HASH_KEY: TEST_KEYS.hashKey.toString('base64'),
    CQO_SIGNING_KEY: TEST_KEYS.signingSeed.toString('base64'),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...keys,
      ...extra,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      CQO_JOBS: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('server did not start');
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { baseUrl, child };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A session cookie for the account, from the API (the servers share the database, so it works on both). */
async function sessionFor(baseUrl: string, username: string, admin: boolean): Promise<Cookie> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'bench' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, ...(admin ? { totp: generateTotp(DEMO_TOTP_SECRET) } : {}) }),
  });
  if (!res.ok) throw new Error(`login of ${username}: ${res.status} ${await res.text()}`);
  const token = /cqo_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error(`no session cookie for ${username}`);
  return { name: 'cqo_sid', value: token, domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' };
}

interface Load {
  bytes: number;
  ms: number;
}

/** One cold load over the throttled line: ms until the page has drawn, and bytes on the wire until the network is quiet. */
async function load(browser: Browser, url: string, viewport: { width: number; height: number }, cookie: Cookie | null): Promise<Load> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  try {
    if (cookie) await context.addCookies([cookie]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', LINE);
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      bytes += event.encodedDataLength;
    });
    const started = performance.now();
    await page.goto(url, { timeout: 120_000 });
    // the page has drawn: its text is there and no spinner or skeleton is left
    await page.waitForFunction(
      () => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active').length === 0 && document.body.innerText.trim().length > 40,
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    const ms = performance.now() - started;
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    const landed = new URL(page.url()).pathname;
    if (landed !== new URL(url).pathname) throw new Error(`${url} ended at ${landed}: the page did not load as measured`);
    return { bytes, ms };
  } finally {
    await context.close();
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const testUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = await createScratchDatabase(testUrl, 'cqo_bench_web');
const children: ChildProcess[] = [];
let browser: Browser | null = null;
try {
  // the shipped server migrates and seeds the demo data; the baseline starts on the same database afterwards
  const shipped = await startServer(scratch.url, {});
  children.push(shipped.child);
  const baseline = await startServer(scratch.url, { CQO_HTTP_COMPRESSION: 'false', CQO_MIGRATE: 'false' });
  children.push(baseline.child);

  const opened = await openDatabase({ databaseUrl: scratch.url, poolSize: 1 });
  const serial = (await sql<{ serial: string }>`select serial from certificates where kind = 'filing_proof' order by id limit 1`.execute(opened.db)).rows[0]
    ?.serial;
  await opened.close();
  if (!serial) throw new Error('the demo data has no filing proof');

  const officer = await sessionFor(shipped.baseUrl, 'officer-kunshan-1', false);
  const province = await sessionFor(shipped.baseUrl, 'province', true);
  const phone = { width: 375, height: 812 };
  const desk = { width: 1280, height: 860 };
  const pages = [
    { name: '登录页 (phone)', path: '/login', viewport: phone, cookie: null },
    { name: '质量官首页 (phone)', path: '/', viewport: phone, cookie: officer },
    { name: '覆盖率看板 (1280)', path: '/coverage', viewport: desk, cookie: province },
    { name: '证书核验 (phone)', path: `/verify/${serial}`, viewport: phone, cookie: null },
  ];

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const rows = [];
  for (const p of pages) {
    const measure = async (baseUrl: string) => {
      const loads: Load[] = [];
      for (let i = 0; i < RUNS; i++) loads.push(await load(browser as Browser, `${baseUrl}${p.path}`, p.viewport, p.cookie));
      return { kb: median(loads.map((l) => l.bytes)) / 1024, ms: median(loads.map((l) => l.ms)) };
    };
    const before = await measure(baseline.baseUrl);
    const after = await measure(shipped.baseUrl);
    rows.push({
      page: p.name,
      'baseline KB': Math.round(before.kb),
      'shipped KB': Math.round(after.kb),
      'KB ratio': +(after.kb / before.kb).toFixed(2),
      'baseline ms': Math.round(before.ms),
      'shipped ms': Math.round(after.ms),
      'ms ratio': +(after.ms / before.ms).toFixed(2),
    });
  }
  console.log(
    `6 Mbit/s, ${LINE.latency} ms latency, cold cache, median of ${RUNS} loads; baseline = CQO_HTTP_COMPRESSION=false on the same build and database`,
  );
  console.table(rows);
} finally {
  await browser?.close();
  for (const child of children) {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
  await scratch.drop();
}
