import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../src/domain/id-number';
import { usccCheckCharacter } from '../src/domain/uscc';
import { addTestIdpUser } from '../src/server/testing/oidc-provider';
import { baseUrl, idpIssuer, launch, newPage, screenshot, signIn } from './browser';

/**
 * Sign-in through the 政务服务网 (issue 20) in Chromium, against this worker's local OpenID provider (oidc-provider,
 * started by the global setup): the login page's 「政务服务网登录」, the redirect with state, nonce and PKCE, the
 * provider's login and consent pages, the callback, the linking, and the home the account lands on. The refusals
 * (wrong issuer, audience, nonce, expired token, state) are API tests: modules/auth/oidc-refusals-and-logout.test.ts.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const XRW = { 'x-requested-with': 'e2e' };
const idNumber = (body: string) => body + idNumberCheckCharacter(body);
const uscc = (body: string) => body + usccCheckCharacter(body);

interface Me {
  account: { id: number; username: string; role: string };
  enterpriseId: number | null;
}
const me = async (page: Page): Promise<Me> => (await (await page.request.get('/api/auth/me')).json()) as Me;

/**
 * From the login page through the provider as `user` (its login form, then its consent form) back to the home page;
 * checks the authorization request carries state, nonce and an S256 PKCE challenge, and the callback the state.
 */
async function signInThroughIdp(page: Page, user: string, shot?: string): Promise<void> {
  await page.goto('/login');
  const button = page.getByRole('link', { name: '政务服务网登录' });
  await button.waitFor();
  if (shot) await screenshot(page, `${shot}-login`);
  const authorization = page.waitForRequest((r) => r.url().startsWith(`${idpIssuer()}/auth`));
  await button.click();
  const authUrl = new URL((await authorization).url());
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authUrl.searchParams.get('redirect_uri')).toBe(`${baseUrl()}/api/auth/oidc/callback`);
  for (const p of ['state', 'nonce', 'code_challenge']) expect(authUrl.searchParams.get(p)).toBeTruthy();
  expect(authUrl.searchParams.get('scope')).toContain('zwfw');

  await page.getByRole('heading', { name: '政务服务网统一身份认证（测试）' }).waitFor();
  await page.getByLabel('用户').fill(user);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '授权确认（测试）' }).waitFor();
  if (shot) await screenshot(page, `${shot}-consent`);
  const callback = page.waitForRequest((r) => r.url().startsWith(`${baseUrl()}/api/auth/oidc/callback`));
  await page.getByRole('button', { name: '同意授权' }).click();
  const back = new URL((await callback).url());
  expect(back.searchParams.get('code')).toBeTruthy();
  expect(back.searchParams.get('state')).toBe(authUrl.searchParams.get('state'));
  await page.waitForURL((u) => u.origin === baseUrl() && u.pathname === '/');
  await page.locator('.welcome-title').waitFor();
}

describe('自然人: a person the enterprise entered signs in with the verified identity', () => {
  it('is linked by the ID number hash to the person the enterprise entered, and lands on the officer home', async () => {
    const number = idNumber('32058319920315271');
    const ent = await newPage(browser);
    try {
      await signIn(ent.page, 'ent-kunshan-1', undefined, false);
      const candidate = await ent.page.request.post('/api/candidates', {
        headers: XRW,
        data: { name: '沈实名', idNumber: number, education: 'master', qualityYears: 8, positionTitle: '质量总监', positionLevel: 'manager' },
      });
      expect(candidate.status()).toBe(201);
    } finally {
      await ent.context.close();
    }
    await addTestIdpUser(idpIssuer(), { id: 'shen-shiming', claims: { name: '沈实名', id_number: number } });
    let username: string | undefined;

    const { context, page } = await newPage(browser);
    try {
      await signInThroughIdp(page, 'shen-shiming', 'oidc-person');
      const who = await me(page);
      expect(who.account.role).toBe('officer');
      expect(who.account.username).toMatch(/^zwfw_/);
      username = who.account.username;
      await page.locator('.welcome-card').getByText('首席质量官', { exact: true }).waitFor();
      await screenshot(page, 'oidc-person-home');
      // the provider's proof of identity is what confirmed the link: no 身份待核验
      expect(((await (await page.request.get('/api/officers/me/identity')).json()) as { status: string }).status).toBe('linked');
      await page.goto('/me/profile');
      await page.getByText('沈实名').first().waitFor();
      await page.getByText('3205**********').first().waitFor();
      // an officer sees only their own record
      expect((await page.request.get('/api/enterprises')).status()).toBe(403);
    } finally {
      await context.close();
    }

    // the second sign-in (another browser, so the provider asks again) goes to the same account
    const again = await newPage(browser);
    try {
      await signInThroughIdp(again.page, 'shen-shiming');
      expect((await me(again.page)).account.username).toBe(username);
    } finally {
      await again.context.close();
    }
  });
});

describe('法人: an enterprise signs in with its USCC', () => {
  it('an enterprise in the roster with an account lands on that account’s enterprise home', async () => {
    const ent = await newPage(browser);
    let own: { uscc: string; name: string; id: number };
    try {
      await signIn(ent.page, 'ent-kunshan-1', undefined, false);
      own = ((await (await ent.page.request.get('/api/enterprises/mine')).json()) as { enterprise: { uscc: string; name: string; id: number } }).enterprise;
    } finally {
      await ent.context.close();
    }
    await addTestIdpUser(idpIssuer(), { id: 'ent-kunshan-1-legal', claims: { name: '经办人', uscc: own.uscc, enterprise_name: own.name } });
    const { context, page } = await newPage(browser);
    try {
      await signInThroughIdp(page, 'ent-kunshan-1-legal', 'oidc-enterprise');
      const who = await me(page);
      expect(who.account.username).toBe('ent-kunshan-1');
      expect(who.enterpriseId).toBe(own.id);
      await page.locator('.welcome-card').getByText('企业', { exact: true }).waitFor();
      await page.locator('.shortcut-label').first().waitFor();
      expect(await page.getByText('注册申请已提交，等待主管局确认').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('an enterprise not in the roster starts a registration; once the county confirms it, it signs in as that enterprise', async () => {
    const code = uscc('91320583MA27E2E5K');
    await addTestIdpUser(idpIssuer(), { id: 'new-legal', claims: { name: '韩经办', uscc: code, enterprise_name: '昆山实名新材料有限公司' } });
    const first = await newPage(browser);
    try {
      await signInThroughIdp(first.page, 'new-legal');
      expect((await me(first.page)).enterpriseId).toBeNull();
      await first.page.getByText('注册申请已提交，等待主管局确认').waitFor();
      await screenshot(first.page, 'oidc-registration-pending');
    } finally {
      await first.context.close();
    }

    const county = await newPage(browser);
    try {
      await signIn(county.page, 'kunshan');
      const list = (await (await county.page.request.get('/api/enterprise-registrations?status=pending&pageSize=200')).json()) as {
        items: { id: number; uscc: string; name: string }[];
      };
      const registration = list.items.find((r) => r.uscc === code);
      expect(registration?.name).toBe('昆山实名新材料有限公司');
      const confirmed = await county.page.request.post(`/api/enterprise-registrations/${String(registration?.id)}/confirm`, {
        headers: XRW,
        data: { industryCode: '39', scale: 'small', ownership: 'private' },
      });
      expect(confirmed.status()).toBe(200);
    } finally {
      await county.context.close();
    }

    const second = await newPage(browser);
    try {
      await signInThroughIdp(second.page, 'new-legal');
      const who = await me(second.page);
      expect(who.account.role).toBe('enterprise');
      expect(who.enterpriseId).not.toBeNull();
      const mine = (await (await second.page.request.get('/api/enterprises/mine')).json()) as { enterprise: { uscc: string } | null };
      expect(mine.enterprise?.uscc).toBe(code);
      await second.page.locator('.shortcut-label').first().waitFor();
      expect(await second.page.getByText('注册申请已提交，等待主管局确认').count()).toBe(0);
      await screenshot(second.page, 'oidc-enterprise-confirmed-home');
    } finally {
      await second.context.close();
    }
  });
});
