import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { IDP_REGISTRATION_MESSAGE, IDP_REQUIRED_MESSAGE, idpRefusalMessage } from '../../../domain/idp-sign-in';
import { usccCheckCharacter } from '../../../domain/uscc';
import { OidcTestApp, type Flow } from '../../testing/oidc-app';
import type { TestIdp } from '../../testing/oidc-provider';
import { DEMO_PASSWORD, type TestApp } from '../../testing/test-app';
import { OIDC_BACKCHANNEL_LOGOUT_PATH } from './oidc-routes';

/**
 * With the identity provider required: the tokens and callbacks a real OpenID provider's sign-in refuses (no session,
 * a Chinese message), self-registration and local password login refused for enterprises and officers, and
 * back-channel logout. The sign-in and linking that succeed are in oidc-sign-in.test.ts.
 */

let oidc: OidcTestApp;
let t: TestApp;
let idp: TestIdp;

const XRW = { 'x-requested-with': 'vitest' };
const idNumber = (body: string) => body + idNumberCheckCharacter(body);
const uscc = (body: string) => body + usccCheckCharacter(body);

beforeAll(async () => {
  oidc = await OidcTestApp.start();
  ({ t, idp } = oidc);
}, 60_000);
afterAll(async () => {
  await oidc.close();
});

describe('refusals: no session, a Chinese message', () => {
  const refused = async (reason: string, flow: Flow, before: number) => {
    expect(flow.status).toBe(302);
    expect(flow.location).toBe(`/login?idpError=${reason}`);
    expect(flow.sessionCookie).toBeNull();
    expect(await oidc.sessionCount()).toBe(before);
    expect(idpRefusalMessage(reason)).toMatch(/[\u4e00-\u9fa5]/);
    const audit = await oidc.lastAudit('auth.login.idp');
    expect(audit.result).toBe('failure');
    expect(audit.details).toMatchObject({ reason });
  };

  beforeAll(() => {
    idp.users.set('p-tamper', { id: 'p-tamper', claims: { name: '测试人', id_number: idNumber('32058319900101123') } });
  });

  const nowSeconds = () => Math.floor(Date.now() / 1000); // the provider's clock, not the application's

  for (const [reason, tamper] of [
    ['IDP_ISSUER', (c: Record<string, unknown>) => ({ ...c, iss: 'https://evil.example.com' })],
    ['IDP_AUDIENCE', (c: Record<string, unknown>) => ({ ...c, aud: 'another-client' })],
    ['IDP_NONCE', (c: Record<string, unknown>) => ({ ...c, nonce: 'not-the-nonce-we-sent' })],
    ['IDP_EXPIRED', (c: Record<string, unknown>) => ({ ...c, iat: nowSeconds() - 3600, exp: nowSeconds() - 600 })],
  ] as const) {
    it(`a token with ${reason.replace('IDP_', '').toLowerCase()} trouble is refused`, async () => {
      const before = await oidc.sessionCount();
      idp.tamper = tamper;
      try {
        await refused(reason, await oidc.signIn('p-tamper'), before);
      } finally {
        idp.tamper = null;
      }
    });
  }

  it('the same token untampered signs in (the tampering is what is refused)', async () => {
    const flow = await oidc.signIn('p-tamper');
    expect(flow.sessionCookie).not.toBeNull();
  });

  it('a callback with another flow’s state cookie, or none, is refused', async () => {
    const other = await t.app.inject({ url: '/api/auth/oidc/start' });
    const otherState = /cqo_oidc=([^;]+)/.exec(String(other.headers['set-cookie']))?.[1] ?? '';
    const before = await oidc.sessionCount();
    await refused('IDP_STATE', await oidc.signIn('p-tamper', { swapState: otherState }), before);
    await refused('IDP_STATE', await oidc.signIn('p-tamper', { swapState: 'garbage' }), before);
  });

  it('administrators and bureaus keep local accounts: an identity leading to one is refused', async () => {
    const bureau = await t.db.selectFrom('accounts').select('id').where('username', '=', 'kunshan').executeTakeFirstOrThrow();
    await t.db.insertInto('account_identities').values({ account_id: bureau.id, issuer: idp.issuer, subject: 'p-bureau', kind: 'person' }).execute();
    idp.users.set('p-bureau', { id: 'p-bureau', claims: { name: '局里人', id_number: idNumber('32058319750505123') } });
    const before = await oidc.sessionCount();
    await refused('LOCAL_ONLY_ROLE', await oidc.signIn('p-bureau'), before);
  });
});

describe('self-registration when the identity provider is required', () => {
  const accountCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('enterprise and officer registration answer 403 IDP_REQUIRED, whatever the body, and create nothing', async () => {
    const before = await accountCount();
    const bodies = {
      '/api/public/officer-registrations': {
        name: '自注册',
        idNumber: idNumber('32058319880808124'),
        phone: '13800004444',
        username: 'self-officer',
        password: 'Officer#2026ok',
      },
      '/api/public/enterprise-registrations': {
        uscc: uscc('91320583MA1XYW8K4'),
        name: '自注册公司',
        orgUnitId: 1,
        contactPerson: '张三',
        contactPhone: '13800005555',
        username: 'self-ent',
        password: 'Enterprise#2026ok',
      },
    };
    for (const [url, payload] of Object.entries(bodies)) {
      for (const body of [payload, {}]) {
        const res = await t.app.inject({ method: 'POST', url, headers: XRW, payload: body });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({ error: { code: 'IDP_REQUIRED', message: IDP_REGISTRATION_MESSAGE } });
      }
    }
    expect(await accountCount()).toBe(before);
  });
});

describe('local password login when the identity provider is required', () => {
  const login = (username: string, password = DEMO_PASSWORD) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', headers: XRW, payload: { username, password } });

  it('refuses enterprise and officer accounts with a Chinese message, and only after the right password', async () => {
    for (const username of ['ent-kunshan-1', 'officer-kunshan-1']) {
      const res = await login(username);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ error: { code: 'IDP_REQUIRED', message: IDP_REQUIRED_MESSAGE } });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect((await login('officer-kunshan-1', 'wrong-password')).statusCode).toBe(401);
  });

  it('bureaus still sign in locally', async () => {
    const res = await login('kunshan');
    expect(res.statusCode).not.toBe(403);
    expect((res.json() as { error?: { code: string } }).error?.code).not.toBe('IDP_REQUIRED');
  });
});

describe('back-channel logout', () => {
  beforeAll(async () => {
    const person = await t.db
      .selectFrom('filings as f')
      .innerJoin('persons as p', 'p.id', 'f.person_id')
      .select(['p.name', 'p.id_number_enc'])
      .where('f.status', '=', 'active')
      .where('p.account_id', 'is', null)
      .orderBy('f.id')
      .executeTakeFirstOrThrow();
    idp.users.set('p-cqo', { id: 'p-cqo', claims: { name: person.name, id_number: t.ctx.crypto.decrypt(person.id_number_enc) } });
  });

  it('a logout token from the provider ends the session of that provider session', async () => {
    const flow = await oidc.signIn('p-cqo');
    const cookie = flow.sessionCookie ?? '';
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const session = await t.db
      .selectFrom('sessions')
      .select(['idp_subject', 'idp_sid'])
      .where('revoked_at', 'is', null)
      .where('idp_subject', '=', 'p-cqo')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(session.idp_sid).toBeTruthy();
    await idp.backchannelLogout('p-cqo', session.idp_sid ?? '');
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await oidc.lastAudit('auth.logout.idp')).details).toMatchObject({ bySid: true, sessions: 1 });
  });

  it('a forged or unsigned logout token changes nothing', async () => {
    const flow = await oidc.signIn('p-cqo');
    const forged = [
      'eyJhbGciOiJub25lIn0',
      Buffer.from(
        JSON.stringify({
          iss: idp.issuer,
          aud: idp.clientId,
          sub: 'p-cqo',
          iat: 1,
          jti: 'x',
          events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
        }),
      ).toString('base64url'),
      '',
    ].join('.');
    const res = await t.app.inject({
      method: 'POST',
      url: OIDC_BACKCHANNEL_LOGOUT_PATH,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `logout_token=${forged}`,
    });
    expect(res.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: flow.sessionCookie ?? '' } })).statusCode).toBe(200);
  });
});
