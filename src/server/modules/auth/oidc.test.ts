import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { IDP_REGISTRATION_MESSAGE, IDP_REQUIRED_MESSAGE, idpRefusalMessage } from '../../../domain/idp-sign-in';
import { usccCheckCharacter } from '../../../domain/uscc';
import { clock } from '../../clock';
import { loadConfig } from '../../config';
import { freePort } from '../../testing/free-port';
import { IdpBrowser, startTestIdp, type TestIdp } from '../../testing/oidc-provider';
import { cookieFrom, createTestApp, DEMO_PASSWORD, type TestApp } from '../../testing/test-app';
import { hashPassword, randomToken, sha256Hex } from '../../crypto/index';
import { requestLink } from '../identity/links';
import { OIDC_BACKCHANNEL_LOGOUT_PATH, OIDC_CALLBACK_PATH } from './oidc-routes';

/**
 * Sign-in through a real OpenID provider (oidc-provider on a free port): the relying party's redirect with PKCE,
 * state and nonce, the provider's login and consent forms, the callback, linking of people and enterprises, the
 * refusals, back-channel logout, and local password login refused for enterprise and officer accounts.
 */

let t: TestApp;
let idp: TestIdp;
let publicUrl: string;

const XRW = { 'x-requested-with': 'vitest' };
const idNumber = (body: string) => body + idNumberCheckCharacter(body);
const uscc = (body: string) => body + usccCheckCharacter(body);

beforeAll(async () => {
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  idp = await startTestIdp({
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
  t = await createTestApp({ publicUrl, oidc, loginRatePerMinute: 1000 });
  // listening, so the provider can deliver back-channel logout tokens
  await t.app.listen({ port, host: '127.0.0.1' });
}, 60_000);
afterAll(async () => {
  await t.close();
  await idp.close();
});

interface Flow {
  status: number;
  location: string;
  sessionCookie: string | null;
}

/** The whole browser flow: start at the relying party, log in and consent at the provider as `user`, come back. */
async function signIn(user: string, options: { localSession?: string; swapState?: string; invite?: string } = {}): Promise<Flow> {
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

const me = async (cookie: string) =>
  (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json() as {
    account: { id: number; username: string; role: string };
    enterpriseId: number | null;
  };
const sessionCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const lastAudit = async (action: string) =>
  t.db
    .selectFrom('audit_events')
    .select(['result', 'details', 'actor_account_id'])
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();

/**
 * An officer account self-registered before CQO_OIDC_REQUIRED was switched on (the route refuses now): the account
 * and its pending link request, made by the same function the registration route uses.
 */
async function registeredBeforeIdpRequired(username: string, name: string, number: string): Promise<void> {
  const passwordHash = await hashPassword('Officer#2026ok');
  await t.db.transaction().execute(async (trx) => {
    const province = await trx.selectFrom('org_units').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow();
    const account = await trx
      .insertInto('accounts')
      .values({
        username,
        display_name: name,
        role: 'officer',
        org_unit_id: province.id,
        phone: '13800003333',
        password_hash: passwordHash,
        must_change_password: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await requestLink(trx, t.ctx.crypto, { accountId: account.id, name, idNumber: number, phone: '13800003333' });
  });
}

describe('login options', () => {
  it('tells the login page to show 政务服务网登录 and that enterprises and officers must use it', async () => {
    const res = await t.app.inject({ url: '/api/public/login-options' });
    expect(res.json()).toEqual({ idp: { label: '政务服务网登录', startUrl: '/api/auth/oidc/start' }, idpRequiredForRoles: ['enterprise', 'officer'] });
  });
});

describe('自然人 sign-in', () => {
  it('an active CQO without an account: a new officer account, linked to the person by the verified identity', async () => {
    const person = await t.db
      .selectFrom('filings as f')
      .innerJoin('persons as p', 'p.id', 'f.person_id')
      .select(['p.id', 'p.name', 'p.id_number_enc'])
      .where('f.status', '=', 'active')
      .where('p.account_id', 'is', null)
      .orderBy('f.id')
      .executeTakeFirstOrThrow();
    idp.users.set('p-cqo', { id: 'p-cqo', claims: { name: person.name, id_number: t.ctx.crypto.decrypt(person.id_number_enc) } });
    const flow = await signIn('p-cqo');
    expect(flow.status).toBe(302);
    expect(flow.location).toBe('/');
    expect(flow.sessionCookie).not.toBeNull();
    const who = await me(flow.sessionCookie ?? '');
    expect(who.account.role).toBe('officer');
    const linked = await t.db.selectFrom('persons').select(['account_id', 'account_link_basis']).where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(linked).toEqual({ account_id: who.account.id, account_link_basis: 'verified_identity' });
    const identity = await t.app.inject({ url: '/api/officers/me/identity', headers: { cookie: flow.sessionCookie ?? '' } });
    expect(identity.json()).toMatchObject({ status: 'linked' });
    expect((await lastAudit('auth.idp.link')).details).toMatchObject({ kind: 'person', how: 'created_officer' });
    expect((await lastAudit('auth.login.idp')).actor_account_id).toBe(who.account.id);
    // the second sign-in goes straight to the same account
    const again = await signIn('p-cqo');
    expect((await me(again.sessionCookie ?? '')).account.id).toBe(who.account.id);
  });

  it('a person who already keeps an account signs in to it', async () => {
    const own = await t.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select(['p.name', 'p.id_number_enc', 'a.id'])
      .where('a.username', '=', 'officer-kunshan-1')
      .executeTakeFirstOrThrow();
    idp.users.set('p-kunshan-1', { id: 'p-kunshan-1', claims: { name: own.name, id_number: t.ctx.crypto.decrypt(own.id_number_enc) } });
    const flow = await signIn('p-kunshan-1');
    expect((await me(flow.sessionCookie ?? '')).account.username).toBe('officer-kunshan-1');
  });

  it('confirms the pending link of the local account that started the sign-in, and only that one', async () => {
    const number = idNumber('32058319880808123');
    // someone else registered first with the same number: that request must stay pending
    await registeredBeforeIdpRequired('oidc-impostor', '待核验', number);
    await registeredBeforeIdpRequired('oidc-pending', '待核验', number);
    const account = await t.db.selectFrom('accounts').select('id').where('username', '=', 'oidc-pending').executeTakeFirstOrThrow();
    idp.users.set('p-pending', { id: 'p-pending', claims: { name: '待核验', id_number: number } });
    const flow = await signIn('p-pending', { localSession: await t.sessionCookie('oidc-pending') });
    expect((await me(flow.sessionCookie ?? '')).account.id).toBe(account.id);
    const requests = await t.db
      .selectFrom('person_link_requests as r')
      .innerJoin('accounts as a', 'a.id', 'r.account_id')
      .select(['a.username', 'r.status', 'r.decision_note'])
      .where('a.username', 'in', ['oidc-pending', 'oidc-impostor'])
      .orderBy('a.username')
      .execute();
    expect(requests).toEqual([
      { username: 'oidc-impostor', status: 'pending', decision_note: null },
      { username: 'oidc-pending', status: 'confirmed', decision_note: '实名核验：政务服务网' },
    ]);
    expect((await lastAudit('auth.idp.link')).details).toMatchObject({ how: 'confirmed_pending_link' });
  });

  it('an enterprise invitation opened before the sign-in is used when it names the verified person, and only then', async () => {
    const [invited, other] = await t.db
      .selectFrom('candidates as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .select(['c.person_id', 'c.enterprise_id', 'p.name', 'p.id_number_enc'])
      .where('p.account_id', 'is', null)
      .orderBy('c.id')
      .limit(2)
      .execute();
    if (!invited || !other || invited.person_id === other.person_id) throw new Error('the demo data has two unlinked candidates');
    const invite = async (personId: number, enterpriseId: number) => {
      const token = randomToken(24);
      const row = await t.db
        .insertInto('officer_invitations')
        .values({ token_hash: sha256Hex(token), person_id: personId, enterprise_id: enterpriseId, expires_at: new Date(clock.nowMs() + 86_400_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { token, id: row.id };
    };
    const used = async (id: number) =>
      (await t.db.selectFrom('officer_invitations').select('used_at').where('id', '=', id).executeTakeFirstOrThrow()).used_at !== null;
    const othersInvitation = await invite(other.person_id, other.enterprise_id);
    const ownInvitation = await invite(invited.person_id, invited.enterprise_id);
    idp.users.set('p-invited', { id: 'p-invited', claims: { name: invited.name, id_number: t.ctx.crypto.decrypt(invited.id_number_enc) } });
    // someone else's invitation: the sign-in proceeds, the invitation stays unused
    const first = await signIn('p-invited', { invite: othersInvitation.token });
    expect(first.sessionCookie).not.toBeNull();
    expect(await used(othersInvitation.id)).toBe(false);
    const flow = await signIn('p-invited', { invite: ownInvitation.token });
    const who = await me(flow.sessionCookie ?? '');
    expect(await used(ownInvitation.id)).toBe(true);
    const linked = await t.db.selectFrom('persons').select('account_id').where('id', '=', invited.person_id).executeTakeFirstOrThrow();
    expect(linked.account_id).toBe(who.account.id);
    const audit = await t.db.selectFrom('audit_events').select(['target_id', 'details']).where('action', '=', 'officer.invitation.accept').execute();
    expect(audit).toEqual([
      { target_id: String(ownInvitation.id), details: { personId: invited.person_id, enterpriseId: invited.enterprise_id, via: 'verified_identity' } },
    ]);
  });

  it('refuses an ID number that fails GB 11643, with no session', async () => {
    idp.users.set('p-bad', { id: 'p-bad', claims: { name: '错号', id_number: '320583198808081230' } });
    const before = await sessionCount();
    const flow = await signIn('p-bad');
    expect(flow.location).toBe('/login?idpError=BAD_ID_NUMBER');
    expect(flow.sessionCookie).toBeNull();
    expect(await sessionCount()).toBe(before);
  });
});

describe('法人 sign-in', () => {
  it('an enterprise with an account signs in to it', async () => {
    const ent = await t.db
      .selectFrom('accounts as a')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .select(['e.uscc', 'e.name', 'a.id'])
      .where('a.username', '=', 'ent-kunshan-1')
      .executeTakeFirstOrThrow();
    idp.users.set('e-kunshan-1', { id: 'e-kunshan-1', claims: { name: '经办人', uscc: ent.uscc, enterprise_name: ent.name } });
    const flow = await signIn('e-kunshan-1');
    const who = await me(flow.sessionCookie ?? '');
    expect(who.account.id).toBe(ent.id);
  });

  it('a roster enterprise without an account gets one, acting for it', async () => {
    const ent = await t.db
      .selectFrom('enterprises as e')
      .select(['e.id', 'e.uscc', 'e.name', 'e.org_unit_id'])
      .where((eb) => eb.not(eb.exists(eb.selectFrom('accounts as a').select('a.id').whereRef('a.enterprise_id', '=', 'e.id'))))
      .orderBy('e.id')
      .executeTakeFirstOrThrow();
    idp.users.set('e-roster', { id: 'e-roster', claims: { uscc: ent.uscc, enterprise_name: ent.name } });
    const flow = await signIn('e-roster');
    const who = await me(flow.sessionCookie ?? '');
    expect(who.account.role).toBe('enterprise');
    expect(who.enterpriseId).toBe(ent.id);
    expect((await lastAudit('auth.idp.link')).details).toMatchObject({ kind: 'enterprise', how: 'created_enterprise_account' });
  });

  it('an enterprise not in the roster starts a registration the county confirms', async () => {
    const code = uscc('91320583MA1XYW7K3');
    idp.users.set('e-new', { id: 'e-new', claims: { name: '王经办', uscc: code, enterprise_name: '昆山新注册精密有限公司' } });
    const flow = await signIn('e-new');
    const who = await me(flow.sessionCookie ?? '');
    expect(who.enterpriseId).toBeNull();
    const list = (await t.app.inject({ url: '/api/enterprise-registrations?status=pending&pageSize=200', headers: await t.as('kunshan') })).json() as {
      items: { uscc: string; username: string; name: string }[];
    };
    expect(list.items.find((r) => r.uscc === code)).toMatchObject({ username: who.account.username, name: '昆山新注册精密有限公司' });
    // another county does not see it
    const other = (await t.app.inject({ url: '/api/enterprise-registrations?status=pending&pageSize=200', headers: await t.as('gusu') })).json() as {
      items: { uscc: string }[];
    };
    expect(other.items.some((r) => r.uscc === code)).toBe(false);
  });
});

describe('refusals: no session, a Chinese message', () => {
  const refused = async (reason: string, flow: Flow, before: number) => {
    expect(flow.status).toBe(302);
    expect(flow.location).toBe(`/login?idpError=${reason}`);
    expect(flow.sessionCookie).toBeNull();
    expect(await sessionCount()).toBe(before);
    expect(idpRefusalMessage(reason)).toMatch(/[\u4e00-\u9fa5]/);
    const audit = await lastAudit('auth.login.idp');
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
      const before = await sessionCount();
      idp.tamper = tamper;
      try {
        await refused(reason, await signIn('p-tamper'), before);
      } finally {
        idp.tamper = null;
      }
    });
  }

  it('the same token untampered signs in (the tampering is what is refused)', async () => {
    const flow = await signIn('p-tamper');
    expect(flow.sessionCookie).not.toBeNull();
  });

  it('a callback with another flow’s state cookie, or none, is refused', async () => {
    const other = await t.app.inject({ url: '/api/auth/oidc/start' });
    const otherState = /cqo_oidc=([^;]+)/.exec(String(other.headers['set-cookie']))?.[1] ?? '';
    const before = await sessionCount();
    await refused('IDP_STATE', await signIn('p-tamper', { swapState: otherState }), before);
    await refused('IDP_STATE', await signIn('p-tamper', { swapState: 'garbage' }), before);
  });

  it('administrators and bureaus keep local accounts: an identity leading to one is refused', async () => {
    const bureau = await t.db.selectFrom('accounts').select('id').where('username', '=', 'kunshan').executeTakeFirstOrThrow();
    await t.db.insertInto('account_identities').values({ account_id: bureau.id, issuer: idp.issuer, subject: 'p-bureau', kind: 'person' }).execute();
    idp.users.set('p-bureau', { id: 'p-bureau', claims: { name: '局里人', id_number: idNumber('32058319750505123') } });
    const before = await sessionCount();
    await refused('LOCAL_ONLY_ROLE', await signIn('p-bureau'), before);
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
  it('a logout token from the provider ends the session of that provider session', async () => {
    const flow = await signIn('p-cqo');
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
    expect((await lastAudit('auth.logout.idp')).details).toMatchObject({ bySid: true, sessions: 1 });
  });

  it('a forged or unsigned logout token changes nothing', async () => {
    const flow = await signIn('p-cqo');
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
