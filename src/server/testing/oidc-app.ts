import { expect } from 'vitest';
import { loadConfig } from '../config';
import { OIDC_BACKCHANNEL_LOGOUT_PATH, OIDC_CALLBACK_PATH } from '../modules/auth/oidc-routes';
import { freePort } from './free-port';
import { IdpBrowser, startTestIdp, type TestIdp } from './oidc-provider';
import { cookieFrom, createTestApp, type TestApp } from './test-app';

/** What came back to the browser at the end of one sign-in through the provider. */
export interface Flow {
  status: number;
  location: string;
  sessionCookie: string | null;
}

/**
 * The application signing in through a real OpenID provider (oidc-provider on a free port), with the identity
 * provider required for enterprises and officers, listening so the provider can deliver back-channel logout tokens;
 * and the browser flow and the reads the oidc tests share.
 */
export class OidcTestApp {
  private constructor(
    readonly t: TestApp,
    readonly idp: TestIdp,
    readonly publicUrl: string,
  ) {}

  static async start(): Promise<OidcTestApp> {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const idp = await startTestIdp({
      users: [],
      redirectUri: `${publicUrl}${OIDC_CALLBACK_PATH}`,
      backchannelLogoutUri: `${publicUrl}${OIDC_BACKCHANNEL_LOGOUT_PATH}`,
    });
    const oidc = loadConfig({
      NODE_ENV: 'test',
      CQO_OIDC_ISSUER: idp.issuer,
      CQO_OIDC_CLIENT_ID: idp.clientId,
      CQO_OIDC_CLIENT_SECRET: idp.clientSecret,
      CQO_OIDC_SCOPES: idp.scopes,
      CQO_OIDC_REQUIRED: 'true',
    }).oidc;
    const t = await createTestApp({ publicUrl, oidc, loginRatePerMinute: 1000 });
    await t.app.listen({ port, host: '127.0.0.1' });
    return new OidcTestApp(t, idp, publicUrl);
  }

  async close(): Promise<void> {
    await this.t.close();
    await this.idp.close();
  }

  /** The whole browser flow: start at the relying party, log in and consent at the provider as `user`, come back. */
  async signIn(user: string, options: { localSession?: string; swapState?: string; invite?: string } = {}): Promise<Flow> {
    const { t, idp, publicUrl } = this;
    const startUrl = options.invite ? `/api/auth/oidc/start?invite=${encodeURIComponent(options.invite)}` : '/api/auth/oidc/start';
    const start = await t.app.inject({ url: startUrl, headers: options.localSession ? { cookie: options.localSession } : {} });
    expect(start.statusCode).toBe(302);
    const authUrl = new URL(String(start.headers.location));
    expect(authUrl.origin).toBe(idp.issuer);
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authUrl.searchParams.get(p)).toBeTruthy();
    const stateCookie = /cqo_oidc=([^;]+)/.exec(String(start.headers['set-cookie']))?.[1];
    expect(stateCookie).toBeTruthy();
    const back = await new IdpBrowser(idp.issuer, user).authorize(authUrl.href, `${publicUrl}${OIDC_CALLBACK_PATH}`);
    const callback = new URL(back);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const res = await t.app.inject({ url: callback.pathname + callback.search, headers: { cookie: `cqo_oidc=${options.swapState ?? stateCookie}` } });
    const setCookie = res.headers['set-cookie'];
    return { status: res.statusCode, location: String(res.headers.location), sessionCookie: /cqo_sid=/.test(String(setCookie)) ? cookieFrom(setCookie) : null };
  }

  async me(cookie: string) {
    return (await this.t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json() as {
      account: { id: number; username: string; role: string };
      enterpriseId: number | null;
    };
  }

  async sessionCount(): Promise<number> {
    return Number(
      (
        await this.t.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }

  async lastAudit(action: string) {
    return this.t.db
      .selectFrom('audit_events')
      .select(['result', 'details', 'actor_account_id'])
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
  }
}
