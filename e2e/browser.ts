import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { generateTotp } from '../src/server/auth/totp';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/server/demo/accounts';

export { DEMO_PASSWORD };

/**
 * The server of this spec file's worker: vitest numbers its workers 1…maxWorkers (VITEST_POOL_ID), and the global
 * setup started one server per worker, so spec files on different workers never share data.
 */
function server(): { baseUrl: string; dataDir: string; idpIssuer: string } {
  const servers = inject('servers');
  const index = (Number(process.env.VITEST_POOL_ID ?? '1') - 1) % servers.length;
  const found = servers[index];
  if (!found) throw new Error('no e2e server for this worker');
  return found;
}

export const baseUrl = (): string => server().baseUrl;
/** The local OpenID provider (政务服务网 stand-in) this worker's server signs in through. */
export const idpIssuer = (): string => server().idpIssuer;
export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * How long a locator or navigation waits before failing (Playwright's default is 30 s). CI runs this suite beside
 * both test suites, lint and the other suites on two cores, where a page that answers in a second alone has taken
 * over 30 s; a wait is a safety net, never a measure of speed (bench/web measures that).
 */
export const E2E_WAIT_MS = 90_000;

/**
 * The context every spec's pages open in: Chinese, China's time zone, and less motion asked for (the app then leaves
 * out its transitions and animations, src/web/components/reduced-motion.ts): no test waits on one, and an animating
 * page kept Chromium busy all the while a spec waited on the server (an idle officer home: 0.23 → 0.08 s of CPU per
 * 10 s).
 */
export const CONTEXT_OPTIONS = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' } as const;

export async function newPage(browser: Browser, viewport = { width: 1366, height: 860 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...CONTEXT_OPTIONS, viewport, baseURL: baseUrl() });
  context.setDefaultTimeout(E2E_WAIT_MS);
  const page = await context.newPage();
  return { context, page };
}

/**
 * A full-page screenshot in e2e/screenshots/ for a person to look at. CI sets CQO_E2E_SCREENSHOTS=0: nobody opens
 * them there, and the 116 full-page PNGs cost CPU the suites beside it need.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.CQO_E2E_SCREENSHOTS === '0') return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * A TOTP code not used yet by this account: the server refuses a code reused within its 30-second step,
 * so wait for the next step when the account logged in during the current one (in any spec file on this server:
 * the steps used are kept in a ledger file in its data directory, as spec files run in separate processes).
 */
export async function totpFor(username: string): Promise<string> {
  const ledgerFile = path.join(server().dataDir, 'totp-steps.json');
  const ledger = JSON.parse(fs.readFileSync(ledgerFile, 'utf8')) as Record<string, number>;
  let step = Math.floor(Date.now() / 30000);
  if ((ledger[username] ?? -1) >= step) {
    await new Promise((r) => setTimeout(r, (step + 1) * 30000 - Date.now() + 200));
    step = Math.floor(Date.now() / 30000);
  }
  ledger[username] = step;
  fs.writeFileSync(ledgerFile, JSON.stringify(ledger));
  return generateTotp(DEMO_TOTP_SECRET);
}

/**
 * Logs in through the login page, answering the TOTP step for administrators. For specs about logging in;
 * elsewhere use `signIn`, which reuses the account's session.
 */
export async function loginThroughUi(page: Page, username: string, password = DEMO_PASSWORD, admin = true): Promise<void> {
  await page.goto('/login');
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  if (admin) {
    const totp = page.getByPlaceholder('动态验证码');
    const refusal = page.locator('.ant-alert-error');
    // whichever shows first; the other wait ends quietly on its own timeout
    const outcome = await Promise.race([
      totp.waitFor().then(
        () => 'totp' as const,
        () => 'timeout' as const,
      ),
      refusal.waitFor().then(
        () => 'refused' as const,
        () => 'timeout' as const,
      ),
    ]);
    if (outcome !== 'totp') throw new Error(`login of ${username} refused: ${outcome === 'refused' ? await refusal.innerText() : 'no TOTP step'}`);
    await totp.fill(await totpFor(username));
    await page.getByRole('button', { name: /验\s*证/ }).click();
  }
}

const SESSION_COOKIE = 'cqo_sid';

type SavedSession = Awaited<ReturnType<BrowserContext['cookies']>>[number];

const sessionsFile = (): string => path.join(server().dataDir, 'e2e-sessions.json');

function savedSessions(): Record<string, SavedSession> {
  try {
    return JSON.parse(fs.readFileSync(sessionsFile(), 'utf8')) as Record<string, SavedSession>;
  } catch {
    return {};
  }
}

/**
 * Signs `username` in for a spec that is not about logging in: reuses the session saved after the account's first
 * login through the login page on this server when the server still accepts it (/api/auth/me answers 200), else
 * logs in through the login page and saves the new session. Either way the page ends on the home page ('/'),
 * where a login through the page lands. Spares administrators the wait for a fresh TOTP step.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, admin = true): Promise<void> {
  const context = page.context();
  const saved = savedSessions()[username];
  if (saved) {
    await context.addCookies([saved]);
    const me = await context.request.get('/api/auth/me');
    if (me.status() === 200 && ((await me.json()) as { account?: { username?: string } }).account?.username === username) {
      await page.goto('/');
      return;
    }
    await context.clearCookies({ name: SESSION_COOKIE });
  }
  await loginThroughUi(page, username, password, admin);
  await page.waitForURL((u) => u.pathname === '/');
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`no session cookie after ${username} logged in`);
  const sessions = savedSessions();
  sessions[username] = cookie;
  const temporary = `${sessionsFile()}.${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify(sessions));
  fs.renameSync(temporary, sessionsFile());
}
