import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_USE_NOTE } from '../../../domain/contact';
import { createTestApp, type TestApp } from '../../testing/test-app';

/** The contact page: own mobile and e-mail for official notices, the enterprise's contact; validated, audited, versioned. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = async (url: string, username: string) => t.app.inject({ url, headers: await t.as(username) });
const put = async (url: string, username: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PUT', url, headers: await t.as(username), payload });
const audits = (action: string) => t.db.selectFrom('audit_events').select(['target_id', 'details']).where('action', '=', action).execute();

describe('an account holder’s contact', () => {
  it('reads and edits the mobile and e-mail notices go to; a field not sent is kept, null clears it; audited without the values', async () => {
    const first = await get('/api/account/contact', 'officer-kunshan-2');
    expect(first.statusCode).toBe(200);
    const loaded = first.json<{ version: number; phoneUse: string }>();
    expect(loaded.phoneUse).toBe(PHONE_USE_NOTE);
    const saved = await put('/api/account/contact', 'officer-kunshan-2', { phone: '139 1234 5678', email: 'Li.Ming@Example.com', version: loaded.version });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ phone: '13912345678', email: 'li.ming@example.com', smsReachable: true, version: loaded.version + 1 });
    const onlyMail = await put('/api/account/contact', 'officer-kunshan-2', { email: null, version: loaded.version + 1 });
    expect(onlyMail.json()).toMatchObject({ phone: '13912345678', email: null, version: loaded.version + 2 });
    const row = await t.db.selectFrom('accounts').select(['phone', 'email']).where('username', '=', 'officer-kunshan-2').executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: '13912345678', email: null });
    const trail = await audits('account.contact.update');
    expect(trail.map((a) => a.details)).toEqual([{ fields: ['phone', 'email'] }, { fields: ['email'] }]);
    expect(JSON.stringify(trail)).not.toContain('13912345678');
  });

  it('a second editor with the version it loaded gets 409 and changes nothing; so does the holder after an administrator changed the phone', async () => {
    const { version } = (await get('/api/account/contact', 'gusu')).json<{ version: number }>();
    expect((await put('/api/account/contact', 'gusu', { phone: '13800001111', version })).statusCode).toBe(200);
    const stale = await put('/api/account/contact', 'gusu', { phone: '13800002222', version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', current: version + 1 });
    expect((await get('/api/account/contact', 'gusu')).json().phone).toBe('13800001111');

    // the city changes the county account's phone in account management: the page the holder loaded before is stale
    const account = await t.db.selectFrom('accounts').select('id').where('username', '=', 'gusu').executeTakeFirstOrThrow();
    const admin = await t.app.inject({ method: 'PATCH', url: `/api/accounts/${account.id}`, headers: await t.as('suzhou'), payload: { phone: '13800003333' } });
    expect(admin.statusCode, admin.body).toBe(200);
    expect((await put('/api/account/contact', 'gusu', { phone: '13800004444', version: version + 1 })).statusCode).toBe(409);
    expect((await get('/api/account/contact', 'gusu')).json()).toMatchObject({ phone: '13800003333', version: version + 2 });
  });

  it('tells an officer without a phone of its own where its SMS go: the phone on its person record, masked', async () => {
    const account = await t.db.selectFrom('accounts').select('id').where('username', '=', 'officer-kunshan-1').executeTakeFirstOrThrow();
    const person = await t.db.selectFrom('persons').select('phone').where('account_id', '=', account.id).executeTakeFirstOrThrow();
    await t.db.updateTable('accounts').set({ phone: null }).where('id', '=', account.id).execute();
    const seen = (await get('/api/account/contact', 'officer-kunshan-1')).json<{ phone: string | null; fallbackPhone: string | null }>();
    expect(seen.phone).toBeNull();
    expect(seen.fallbackPhone).toBe(person.phone ? `${person.phone.slice(0, 3)}****${person.phone.slice(7)}` : null);
    expect((await get('/api/account/contact', 'kunshan')).json().fallbackPhone).toBeNull();
  });

  it('refuses a landline, a bad address and a missing version in Chinese, naming the field, and changes nothing', async () => {
    const before = (await get('/api/account/contact', 'officer-kunshan-1')).json<{ version: number; phone: string | null }>();
    const landline = await put('/api/account/contact', 'officer-kunshan-1', { phone: '025-83000000', version: before.version });
    expect(landline.statusCode).toBe(400);
    expect(landline.json().error.message).toContain('手机号码');
    expect(landline.json().error.fields[0].path).toBe('phone');
    const mail = await put('/api/account/contact', 'officer-kunshan-1', { email: 'not-an-address', version: before.version });
    expect(mail.statusCode).toBe(400);
    expect(mail.json().error.message).toContain('电子邮箱');
    expect((await put('/api/account/contact', 'officer-kunshan-1', { phone: '13912340000' })).json().error.message).toContain('版本');
    expect((await get('/api/account/contact', 'officer-kunshan-1')).json()).toMatchObject({ version: before.version, phone: before.phone });
    expect((await t.app.inject({ url: '/api/account/contact' })).statusCode).toBe(401);
  });
});

describe('an enterprise’s contact', () => {
  it('reads and edits its contact person, phone and e-mail under the enterprise’s version; a landline is kept but SMS cannot reach it', async () => {
    const loaded = (await get('/api/enterprises/mine/contact', 'ent-kunshan-1')).json<{ version: number; contactPerson: string | null }>();
    const saved = await put('/api/enterprises/mine/contact', 'ent-kunshan-1', {
      contactPhone: '0512-57000000',
      contactEmail: 'QA@corp.example.cn',
      version: loaded.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      contactPerson: loaded.contactPerson,
      contactPhone: '0512-57000000',
      contactEmail: 'qa@corp.example.cn',
      smsReachable: false,
      version: loaded.version + 1,
    });
    const ent = await t.db
      .selectFrom('enterprises as e')
      .innerJoin('accounts as a', 'a.enterprise_id', 'e.id')
      .select(['e.id', 'e.contact_phone', 'e.contact_email'])
      .where('a.username', '=', 'ent-kunshan-1')
      .executeTakeFirstOrThrow();
    expect(ent).toMatchObject({ contact_phone: '0512-57000000', contact_email: 'qa@corp.example.cn' });
    expect((await audits('enterprise.contact.update')).at(-1)).toEqual({ target_id: String(ent.id), details: { fields: ['contactPhone', 'contactEmail'] } });
    // the bureau sees the phone change in the enterprise's history with the old value, as for an edit of 本企业信息
    const history = await t.db
      .selectFrom('enterprise_changes')
      .select(['kind', 'changes'])
      .where('enterprise_id', '=', ent.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const changes = (typeof history.changes === 'string' ? JSON.parse(history.changes) : history.changes) as Record<string, unknown>;
    expect(history.kind).toBe('update');
    expect(Object.keys(changes)).toEqual(['contact_phone']);
    expect((changes.contact_phone as unknown[])[1]).toBe('0512-57000000');

    const stale = await put('/api/enterprises/mine/contact', 'ent-kunshan-1', { contactPhone: '13900000000', version: loaded.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const bad = await put('/api/enterprises/mine/contact', 'ent-kunshan-1', { contactPhone: '12345', contactEmail: 'x@', version: loaded.version + 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('联系电话');
    expect(bad.json().error.message).toContain('联系邮箱');
    expect((await get('/api/enterprises/mine/contact', 'ent-kunshan-1')).json()).toMatchObject({ contactPhone: '0512-57000000', version: loaded.version + 1 });
  });

  it('is the enterprise’s own: an officer or a bureau has no enterprise contact to edit', async () => {
    expect((await get('/api/enterprises/mine/contact', 'officer-kunshan-1')).statusCode).toBe(403);
    expect((await put('/api/enterprises/mine/contact', 'kunshan', { contactPhone: '13900000000', version: 1 })).statusCode).toBe(403);
  });
});
