import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { usccCheckCharacter } from '../../../domain/uscc';
import { clock } from '../../clock';
import { OidcTestApp } from '../../testing/oidc-app';
import type { TestIdp } from '../../testing/oidc-provider';
import type { TestApp } from '../../testing/test-app';
import { hashPassword, randomToken, sha256Hex } from '../../crypto/index';
import { requestLink } from '../identity/links';

/**
 * Sign-in through a real OpenID provider (oidc-provider on a free port): the relying party's redirect with PKCE,
 * state and nonce, the provider's login and consent forms, the callback, and linking of people and enterprises.
 * The refusals, back-channel logout and local password login are in oidc-refusals-and-logout.test.ts.
 */

let oidc: OidcTestApp;
let t: TestApp;
let idp: TestIdp;

const idNumber = (body: string) => body + idNumberCheckCharacter(body);
const uscc = (body: string) => body + usccCheckCharacter(body);

beforeAll(async () => {
  oidc = await OidcTestApp.start();
  ({ t, idp } = oidc);
}, 60_000);
afterAll(async () => {
  await oidc.close();
});

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
    const flow = await oidc.signIn('p-cqo');
    expect(flow.status).toBe(302);
    expect(flow.location).toBe('/');
    expect(flow.sessionCookie).not.toBeNull();
    const who = await oidc.me(flow.sessionCookie ?? '');
    expect(who.account.role).toBe('officer');
    const linked = await t.db.selectFrom('persons').select(['account_id', 'account_link_basis']).where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(linked).toEqual({ account_id: who.account.id, account_link_basis: 'verified_identity' });
    const identity = await t.app.inject({ url: '/api/officers/me/identity', headers: { cookie: flow.sessionCookie ?? '' } });
    expect(identity.json()).toMatchObject({ status: 'linked' });
    expect((await oidc.lastAudit('auth.idp.link')).details).toMatchObject({ kind: 'person', how: 'created_officer' });
    expect((await oidc.lastAudit('auth.login.idp')).actor_account_id).toBe(who.account.id);
    // the second sign-in goes straight to the same account
    const again = await oidc.signIn('p-cqo');
    expect((await oidc.me(again.sessionCookie ?? '')).account.id).toBe(who.account.id);
  });

  it('a person who already keeps an account signs in to it', async () => {
    const own = await t.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select(['p.name', 'p.id_number_enc', 'a.id'])
      .where('a.username', '=', 'officer-kunshan-1')
      .executeTakeFirstOrThrow();
    idp.users.set('p-kunshan-1', { id: 'p-kunshan-1', claims: { name: own.name, id_number: t.ctx.crypto.decrypt(own.id_number_enc) } });
    const flow = await oidc.signIn('p-kunshan-1');
    expect((await oidc.me(flow.sessionCookie ?? '')).account.username).toBe('officer-kunshan-1');
  });

  it('confirms the pending link of the local account that started the sign-in, and only that one', async () => {
    const number = idNumber('32058319880808123');
    // someone else registered first with the same number: that request must stay pending
    await registeredBeforeIdpRequired('oidc-impostor', '待核验', number);
    await registeredBeforeIdpRequired('oidc-pending', '待核验', number);
    const account = await t.db.selectFrom('accounts').select('id').where('username', '=', 'oidc-pending').executeTakeFirstOrThrow();
    idp.users.set('p-pending', { id: 'p-pending', claims: { name: '待核验', id_number: number } });
    const flow = await oidc.signIn('p-pending', { localSession: await t.sessionCookie('oidc-pending') });
    expect((await oidc.me(flow.sessionCookie ?? '')).account.id).toBe(account.id);
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
    expect((await oidc.lastAudit('auth.idp.link')).details).toMatchObject({ how: 'confirmed_pending_link' });
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
    const first = await oidc.signIn('p-invited', { invite: othersInvitation.token });
    expect(first.sessionCookie).not.toBeNull();
    expect(await used(othersInvitation.id)).toBe(false);
    const flow = await oidc.signIn('p-invited', { invite: ownInvitation.token });
    const who = await oidc.me(flow.sessionCookie ?? '');
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
    const before = await oidc.sessionCount();
    const flow = await oidc.signIn('p-bad');
    expect(flow.location).toBe('/login?idpError=BAD_ID_NUMBER');
    expect(flow.sessionCookie).toBeNull();
    expect(await oidc.sessionCount()).toBe(before);
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
    const flow = await oidc.signIn('e-kunshan-1');
    const who = await oidc.me(flow.sessionCookie ?? '');
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
    const flow = await oidc.signIn('e-roster');
    const who = await oidc.me(flow.sessionCookie ?? '');
    expect(who.account.role).toBe('enterprise');
    expect(who.enterpriseId).toBe(ent.id);
    expect((await oidc.lastAudit('auth.idp.link')).details).toMatchObject({ kind: 'enterprise', how: 'created_enterprise_account' });
  });

  it('an enterprise not in the roster starts a registration the county confirms', async () => {
    const code = uscc('91320583MA1XYW7K3');
    idp.users.set('e-new', { id: 'e-new', claims: { name: '王经办', uscc: code, enterprise_name: '昆山新注册精密有限公司' } });
    const flow = await oidc.signIn('e-new');
    const who = await oidc.me(flow.sessionCookie ?? '');
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
