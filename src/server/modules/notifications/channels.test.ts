import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { startSmsGateway, startSmtpServer } from '../../testing/notice-servers';
import { Notifier } from './notifier';
import { expectStatus } from '../../testing/http';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  gateway = await startSmsGateway();
  t = await createTestApp({
    sms: { url: gateway.url, account: 'cqo-js', password: 'gateway-pass', signature: '江苏省市场监管局', templateId: 'TPL_NOTICE_01' },
    mail: { smtpUrl: smtp.url, from: 'cqo@amr.jiangsu.example' },
    noticeDailyCap: 3,
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await gateway.close();
});

async function runJobs(): Promise<void> {
  for (let i = 0; i < 50 && (await t.ctx.jobs.runOnce()); i++) {
    /* run what is queued */
  }
}

/** Makes retried jobs due now (the runner's backoff is real time). */
async function retryNow(): Promise<void> {
  await sql`update jobs set run_after = now() where status = 'queued'`.execute(t.db);
}

const PHONE = '13912345678';

describe('notices beyond the in-app centre', () => {
  let enterprise: { id: number; name: string };

  it('a worklist reminder reaches an enterprise without an account by SMS and e-mail; the bureau audits it, another county cannot see it', async () => {
    enterprise = await t.db
      .selectFrom('enterprises as e')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select(['e.id', 'e.name'])
      .where('o.code', '=', '320583')
      .where('e.has_active_officer', '=', false)
      .where('e.status', '=', 'operating')
      .where('e.roster_status', '=', 'confirmed')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('accounts').select('id').whereRef('accounts.enterprise_id', '=', 'e.id'))))
      .orderBy('e.id')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('enterprises').set({ contact_phone: PHONE, contact_email: 'Zhang.Li@Example.com' }).where('id', '=', enterprise.id).execute();

    const kunshan = await t.as('kunshan');
    const remind = await t.app.inject({
      method: 'POST',
      url: '/api/coverage/worklists/uncovered/reminders',
      headers: kunshan,
      payload: { q: enterprise.name },
    });
    expect(remind.statusCode).toBe(202);
    await runJobs();
    const job = await t.db.selectFrom('jobs').select(['status', 'result']).where('id', '=', remind.json<{ jobId: number }>().jobId).executeTakeFirstOrThrow();
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ sms: 1, email: 1, unreached: 0 });

    expect(gateway.received).toHaveLength(1);
    expect(gateway.received[0]).toMatchObject({
      account: 'cqo-js',
      password: 'gateway-pass',
      sign: '江苏省市场监管局',
      templateId: 'TPL_NOTICE_01',
      mobile: PHONE,
      params: { title: '请尽快设立首席质量官' },
    });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['zhang.li@example.com']);
    expect(smtp.received[0]?.subject).toBe('请尽快设立首席质量官');
    expect(smtp.received[0]?.text).toContain('请贵企业尽快聘任首席质量官');
    expect(smtp.received[0]?.text).toContain('http://localhost:3000/my-filings');

    const log = await t.app.inject({ url: `/api/notifications/deliveries?q=${encodeURIComponent(enterprise.name)}`, headers: kunshan });
    expect(log.statusCode).toBe(200);
    const items = log.json<{ items: { channel: string; status: string; attempts: number; address: string }[] }>().items;
    expect(items.map((i) => [i.channel, i.status, i.attempts, i.address]).sort()).toEqual([
      ['email', 'sent', 1, 'z***@example.com'],
      ['sms', 'sent', 1, '139****5678'],
    ]);
    expect(log.body).not.toContain(PHONE);
    // another county sees none of it; an enterprise cannot read the bureau's log
    const gusu = await t.app.inject({ url: `/api/notifications/deliveries?q=${encodeURIComponent(enterprise.name)}`, headers: await t.as('gusu') });
    expect(gusu.json().total).toBe(0);
    expect((await t.app.inject({ url: '/api/notifications/deliveries', headers: await t.as('ent-kunshan-1') })).statusCode).toBe(403);

    const audit = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'coverage.remind')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ enterprises: 1, sms: 1, email: 1 });
    const everyAudit = await t.db.selectFrom('audit_events').select('details').execute();
    expect(JSON.stringify(everyAudit)).not.toContain(PHONE);
  });

  it('a failed send is retried by the job runner, and the day’s cap per address holds', async () => {
    const kunshan = await t.as('kunshan');
    gateway.failNext(1);
    expectStatus(
      await t.app.inject({ method: 'POST', url: '/api/coverage/worklists/uncovered/reminders', headers: kunshan, payload: { q: enterprise.name } }),
      202,
    );
    await runJobs();
    const pending = await t.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('enterprise_id', '=', enterprise.id)
      .where('channel', '=', 'sms')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, last_error: '短信网关返回 HTTP 500' });
    expect(gateway.received).toHaveLength(1);
    await retryNow();
    await runJobs();
    const retried = await t.db.selectFrom('notification_deliveries').selectAll().where('id', '=', pending.id).executeTakeFirstOrThrow();
    expect(retried).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(gateway.received).toHaveLength(2);
    // the e-mail of that notice went out once, on the first run
    expect(smtp.received).toHaveLength(2);

    // third notice today: still under the cap of 3; the fourth is recorded as capped and not sent
    for (let i = 0; i < 2; i++)
      await t.app.inject({ method: 'POST', url: '/api/coverage/worklists/uncovered/reminders', headers: kunshan, payload: { q: enterprise.name } });
    await runJobs();
    expect(gateway.received).toHaveLength(3);
    expect(smtp.received).toHaveLength(3);
    const rows = await t.db
      .selectFrom('notification_deliveries')
      .select(['channel', 'status'])
      .where('enterprise_id', '=', enterprise.id)
      .orderBy('id')
      .execute();
    expect(
      rows
        .filter((r) => r.status === 'capped')
        .map((r) => r.channel)
        .sort(),
    ).toEqual(['email', 'sms']);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(6);
  });

  it('a delivery that keeps failing is marked failed after the last attempt', async () => {
    const account = await t.db.selectFrom('accounts').select(['id']).where('username', '=', 'gusu').executeTakeFirstOrThrow();
    await t.db.updateTable('accounts').set({ phone: '13700001111', email: null }).where('id', '=', account.id).execute();
    gateway.failNext(10);
    await t.db
      .transaction()
      .execute((trx) =>
        new Notifier().notify(trx, [account.id], { kind: 'filing.overdue', title: '聘任备案逾期未审', body: '有 1 份聘任备案已超过审核期限。' }),
      );
    for (let i = 0; i < 4; i++) {
      await runJobs();
      await retryNow();
    }
    const row = await t.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('account_id', '=', account.id)
      .where('channel', '=', 'sms')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 4, last_error: '短信网关返回 HTTP 500' });
    gateway.failNext(0);
  });

  it('an account gets official notices in-app, by SMS and by e-mail and sees them under 我的通知; community notices stay in-app', async () => {
    const officer = await t.db.selectFrom('accounts').select(['id']).where('username', '=', 'officer-kunshan-1').executeTakeFirstOrThrow();
    await t.db.updateTable('accounts').set({ phone: '13600002222', email: 'officer@example.com' }).where('id', '=', officer.id).execute();
    const before = { sms: gateway.received.length, mail: smtp.received.length };
    await t.db.transaction().execute(async (trx) => {
      await new Notifier().notify(trx, [officer.id], { kind: 'study.behind', title: '年度学时进度落后', body: '请及时学习。', link: '/study/account' });
      await new Notifier().notify(trx, [officer.id], { kind: 'community.mention', title: '有人在帖子中提到了您', body: '苏州市首席质量官之家' });
    });
    await runJobs();
    expect(gateway.received.slice(before.sms).map((r) => [r.mobile, r.params.title])).toEqual([['13600002222', '年度学时进度落后']]);
    expect(smtp.received.slice(before.mail).map((m) => [m.to[0], m.subject])).toEqual([['officer@example.com', '年度学时进度落后']]);

    const mine = await t.app.inject({ url: '/api/notifications/deliveries/mine', headers: await t.as('officer-kunshan-1') });
    const items = mine.json<{ items: { title: string; channel: string; status: string }[] }>().items;
    expect(
      items
        .filter((i) => i.title === '年度学时进度落后')
        .map((i) => i.channel)
        .sort(),
    ).toEqual(['email', 'in_app', 'sms']);
    expect(items.filter((i) => i.title === '有人在帖子中提到了您').map((i) => i.channel)).toEqual(['in_app']);
    const other = await t.app.inject({ url: '/api/notifications/deliveries/mine', headers: await t.as('officer-kunshan-2') });
    expect(other.json<{ items: { title: string }[] }>().items.some((i) => i.title === '年度学时进度落后')).toBe(false);
  });

  it('a rolled-back change sends nothing', async () => {
    const before = gateway.received.length;
    const officer = await t.db.selectFrom('accounts').select(['id']).where('username', '=', 'officer-kunshan-1').executeTakeFirstOrThrow();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await new Notifier().notify(trx, [officer.id], { kind: 'filing.returned', title: '退回', body: '退回' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await runJobs();
    expect(gateway.received.length).toBe(before);
  });

  it('a bureau log holds official notices only; an enterprise sees what reached the enterprise itself, not its officers or other accounts', async () => {
    const ent = await t.db
      .selectFrom('accounts')
      .select(['id', 'enterprise_id', 'org_unit_id'])
      .where('username', '=', 'ent-kunshan-1')
      .executeTakeFirstOrThrow();
    const officer = await t.db
      .selectFrom('accounts as a')
      .innerJoin('persons as p', 'p.account_id', 'a.id')
      .select(['a.id', 'p.id as person_id'])
      .where('a.username', '=', 'officer-kunshan-1')
      .executeTakeFirstOrThrow();
    const row = (title: string, extra: { official?: boolean; account_id?: number | null; person_id?: number | null }) => ({
      kind: extra.official === false ? 'community.mention' : 'study.behind',
      title,
      body: title,
      link: null,
      official: extra.official ?? true,
      channel: 'in_app' as const,
      account_id: extra.account_id ?? null,
      enterprise_id: ent.enterprise_id,
      person_id: extra.person_id ?? null,
      org_unit_id: ent.org_unit_id,
      recipient_name: '测试',
      address: null,
      last_error: null,
      job_id: null,
      day: '2000-01-01',
      created_at: new Date(),
      sent_at: null,
    });
    await t.db
      .insertInto('notification_deliveries')
      .values([
        row('会员板块里的提及', { official: false, account_id: officer.id }),
        row('发给质量官本人', { person_id: officer.person_id }),
        row('发给企业联系人', {}),
      ])
      .execute();
    const titles = async (url: string, username: string) =>
      (await t.app.inject({ url: `${url}?pageSize=100`, headers: await t.as(username) })).json<{ items: { title: string }[] }>().items.map((i) => i.title);
    const bureau = await titles('/api/notifications/deliveries', 'kunshan');
    expect(bureau).toContain('发给企业联系人');
    expect(bureau).not.toContain('会员板块里的提及');
    const mine = await titles('/api/notifications/deliveries/mine', 'ent-kunshan-1');
    expect(mine).toContain('发给企业联系人');
    expect(mine).not.toContain('发给质量官本人');
    expect(mine).not.toContain('会员板块里的提及');
  });
});
