import http from 'node:http';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { freePort } from './free-port';

/**
 * A real OpenID provider (oidc-provider from npm) on a free local port, standing in for the provincial 政务服务网 in
 * tests and e2e. Its users are test people (name + ID number) and test enterprises (USCC + name). Interactions are a
 * tiny login form (type the user id) and a consent form, served by the same HTTP server.
 *
 * `acceptUsers`: the e2e servers' providers run in the e2e global setup, apart from the spec files that need test
 * users: with it, `POST /test-users` (JSON `{ id, claims }`, see `addTestIdpUser`) adds or replaces one.
 *
 * `tamper`: when set, the token endpoint's answer is taken from the real provider and its ID token's claims are
 * changed and signed again with the provider's own key, to prove the relying party refuses a wrong issuer,
 * audience, nonce or an expired token.
 */

export interface TestIdpUser {
  id: string;
  claims: Record<string, unknown>;
}

export interface TestIdp {
  issuer: string;
  provider: Provider;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The provider's users; tests may add some after start. */
  users: Map<string, TestIdpUser>;
  tamper: ((claims: JWTPayload) => JWTPayload) | null;
  /** Sends a back-channel logout token for the subject (and the provider session id) to the client, as the provider does at logout. */
  backchannelLogout: (sub: string, sid: string) => Promise<void>;
  close: () => Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTestIdp(options: {
  users: TestIdpUser[];
  redirectUri: string;
  backchannelLogoutUri?: string;
  clientId?: string;
  clientSecret?: string;
  acceptUsers?: boolean;
}): Promise<TestIdp> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = options.clientId ?? 'cqo-test';
  const clientSecret = options.clientSecret ?? 'cqo-test-secret-0123456789abcdef';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-idp-key', alg: 'RS256', use: 'sig' };
  const users = new Map(options.users.map((u) => [u.id, u]));

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        ...(options.backchannelLogoutUri ? { backchannel_logout_uri: options.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-idp-cookie-key-0123456789'] },
    claims: { openid: ['sub', 'sid'], profile: ['name'], zwfw: ['id_number', 'uscc', 'enterprise_name'] },
    scopes: ['openid', 'profile', 'zwfw'],
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, backchannelLogout: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    // fixed lifetimes (the provider warns about its defaults on every use)
    ttl: { AccessToken: 3600, AuthorizationCode: 600, IdToken: 3600, Interaction: 3600, Session: 86_400, Grant: 86_400 },
    // the relying party under test listens on 127.0.0.1, which the provider's SSRF guard would refuse for back-channel logout
    fetch: (url, init) => {
      const { dispatcher: _guard, ...rest } = init as RequestInit & { dispatcher?: unknown };
      return globalThis.fetch(url, rest);
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => {
      const user = users.get(id);
      if (!user) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...user.claims }) };
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  const idp: TestIdp = {
    issuer,
    provider,
    clientId,
    clientSecret,
    scopes: 'openid profile zwfw',
    users,
    tamper: null,
    backchannelLogout: async (sub, sid) => {
      const client = await provider.Client.find(clientId);
      if (!client) throw new Error('test client missing');
      await client.backchannelLogout(sub, sid);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // a browser keeps idle connections open, which would hold close() up
        server.closeAllConnections();
      }),
  };

  const interaction = async (req: http.IncomingMessage, res: http.ServerResponse, uid: string, action: string | undefined) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'GET') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (details.prompt.name === 'login') {
        res.end(
          page(
            '政务服务网统一身份认证（测试）',
            `<form method="post" action="/interaction/${uid}/login"><label>用户 <input name="login" autofocus></label><button type="submit">登录</button></form>`,
          ),
        );
      } else {
        res.end(
          page(
            '授权确认（测试）',
            `<p>${escapeHtml(String(details.params.client_id))} 申请获取您的实名信息</p><form method="post" action="/interaction/${uid}/confirm"><button type="submit">同意授权</button></form>`,
          ),
        );
      }
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    if (action === 'login') {
      const login = form.get('login') ?? '';
      if (!users.has(login)) {
        res.statusCode = 400;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(page('用户不存在', `<a href="/interaction/${uid}">返回</a>`));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      return;
    }
    const accountId = details.session?.accountId;
    if (!accountId) throw new Error('no session in consent');
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    if (!grant) throw new Error('grant missing');
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  };

  const tamperedToken = async (req: http.IncomingMessage, res: http.ServerResponse, tamper: (claims: JWTPayload) => JWTPayload) => {
    const body = await readBody(req);
    const answer = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': String(req.headers['content-type']), authorization: String(req.headers.authorization ?? ''), 'x-untampered': '1' },
      body,
    });
    const json = (await answer.json()) as Record<string, unknown>;
    if (typeof json.id_token === 'string') {
      const claims = tamper(decodeJwt(json.id_token));
      json.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid }).sign(privateKey);
    }
    res.statusCode = answer.status;
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify(json));
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const m = /^\/interaction\/([^/]+)(?:\/(login|confirm))?$/.exec(url.pathname);
    const handle = async () => {
      if (m?.[1]) return interaction(req, res, m[1], m[2]);
      if (options.acceptUsers && url.pathname === TEST_USERS_PATH && req.method === 'POST') {
        const user = JSON.parse(await readBody(req)) as TestIdpUser;
        users.set(user.id, { id: user.id, claims: user.claims });
        res.statusCode = 204;
        res.end();
        return;
      }
      if (idp.tamper && url.pathname === '/token' && !req.headers['x-untampered']) return tamperedToken(req, res, idp.tamper);
      return callback(req, res);
    };
    handle().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return idp;
}

const TEST_USERS_PATH = '/test-users';

/** Adds (or replaces) a user of a provider started with `acceptUsers`, from another process (an e2e spec file). */
export async function addTestIdpUser(issuer: string, user: TestIdpUser): Promise<void> {
  const res = await fetch(`${issuer}${TEST_USERS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  if (res.status !== 204) throw new Error(`the test provider answered ${res.status} to a new user`);
}

/** A cookie jar and a user agent that follows the provider's redirects and submits its forms (login as `user`, then consent). */
export class IdpBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly issuer: string,
    private readonly user: string,
  ) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async go(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    this.remember(res);
    return res;
  }

  /** From the provider's authorization URL to the address it sends the browser back to (the relying party's callback). */
  async authorize(authorizationUrl: string, until: string): Promise<string> {
    let url = authorizationUrl;
    for (let hop = 0; hop < 20; hop++) {
      if (url.startsWith(until)) return url;
      const res = await this.go(url);
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location') ?? '', url).href;
        continue;
      }
      const html = await res.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      if (res.status !== 200 || !action) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
      const body = html.includes('name="login"') ? new URLSearchParams({ login: this.user }) : new URLSearchParams();
      const posted = await this.go(new URL(action, this.issuer).href, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      if (posted.status < 300 || posted.status >= 400) throw new Error(`form post answered ${posted.status}: ${(await posted.text()).slice(0, 300)}`);
      url = new URL(posted.headers.get('location') ?? '', url).href;
    }
    throw new Error('too many redirects at the provider');
  }
}
