import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { attachLetter, demoPair } from '../../testing/factories';
import { enterpriseAccountIn } from '../../testing/enterprise-factories';
import { clock } from '../../clock';
import { dayFromToday } from '../../testing/dates';
import { expectStatus } from '../../testing/http';

let t: TestApp;
let pair: Awaited<ReturnType<typeof demoPair>>;
/** The enterprise's candidate id for the demo officer (the enterprise names persons only so). */
const candidateOf = async (enterpriseId: number) =>
  (await t.db.selectFrom('candidates').select('id').where('enterprise_id', '=', enterpriseId).where('person_id', '=', pair.personId).executeTakeFirstOrThrow())
    .id;
const h: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  t = await createTestApp();
  pair = await demoPair(t);
  for (const u of ['province', 'suzhou', 'kunshan', 'gusu', 'nanjing', 'ent-kunshan-1', 'officer-kunshan-1']) h[u] = await t.as(u);
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, headers: Record<string, string> | undefined, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });
const get = (url: string, headers?: Record<string, string>) => t.app.inject({ url, headers });
/** An accident some months ago and a three-year ban from shortly after it, relative to the clock. */
const INCIDENT = dayFromToday(-85);
const BAN_START = dayFromToday(-66);
const BAN_END = dayFromToday(1029);
const proposal = (over: Record<string, unknown> = {}) => ({
  kind: 'blacklist',
  filingId: pair.filingId,
  incidentTitle: '批量电动车电池起火事故',
  incidentDate: INCIDENT,
  incidentDescription: '出厂检验缺失，批量产品电池起火造成人员受伤',
  reason: '首席质量官履职不到位，未行使质量安全一票否决，造成重大质量安全事故',
  banStart: BAN_START,
  banEnd: BAN_END,
  ...over,
});
const sanctionCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('sanctions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('warnings and blacklist', () => {
  let blacklistId = 0;

  it('refuses bad input with a Chinese message naming the field, and changes nothing', async () => {
    const before = await sanctionCount();
    const noPeriod = await post('/api/sanctions', h.kunshan, proposal({ banStart: undefined, banEnd: undefined }));
    expect(noPeriod.statusCode).toBe(400);
    expect(noPeriod.json().error.message).toContain('禁入开始日期');
    expect(noPeriod.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['banStart', 'banEnd']);
    const shortReason = await post('/api/sanctions', h.kunshan, proposal({ reason: '差' }));
    expect(shortReason.statusCode).toBe(400);
    expect(shortReason.json().error.message).toContain('理由');
    const future = await post('/api/sanctions', h.kunshan, proposal({ incidentDate: '2099-01-01' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toMatchObject({ path: 'incidentDate', message: '事故日期不能晚于今天' });
    expect(await sanctionCount()).toBe(before);
  });

  it('only county and city bureaus propose, and only for filings in their region', async () => {
    expect((await post('/api/sanctions', h['ent-kunshan-1'], proposal())).statusCode).toBe(403);
    expect((await post('/api/sanctions', h['officer-kunshan-1'], proposal())).statusCode).toBe(403);
    expect((await post('/api/sanctions', h.province, proposal())).statusCode).toBe(403);
    expect((await post('/api/sanctions', h.gusu, proposal())).statusCode).toBe(404);
    expect((await post('/api/sanctions', h.nanjing, proposal())).statusCode).toBe(404);
  });

  it('a proposal with evidence goes to the province; other regions cannot see it', async () => {
    const res = await post('/api/sanctions', h.kunshan, proposal());
    expect(res.statusCode).toBe(201);
    blacklistId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'proposed', kind: 'blacklist', banStart: BAN_START, banEnd: BAN_END, noticeNo: null });
    const again = await post('/api/sanctions', h.kunshan, proposal());
    expect(again.statusCode).toBe(409);
    const { multipartBody } = await import('../../testing/files');
    const { LETTER_PDF } = await import('../../testing/files');
    const { payload, headers } = multipartBody('事故调查报告.pdf', LETTER_PDF);
    const up = await t.app.inject({ method: 'POST', url: `/api/sanctions/${blacklistId}/evidence`, headers: { ...h.kunshan, ...headers }, payload });
    expect(up.statusCode).toBe(200);
    const attachmentId = up.json().attachments[0].id as number;
    expect((await get(`/api/sanctions/${blacklistId}/evidence/${attachmentId}`, h.province)).headers['content-type']).toBe('application/pdf');
    expect((await get(`/api/sanctions/${blacklistId}/evidence/${attachmentId}`, h.gusu)).statusCode).toBe(404);
    for (const u of ['suzhou', 'province', 'kunshan']) expect((await get(`/api/sanctions/${blacklistId}`, h[u])).statusCode, u).toBe(200);
    for (const u of ['gusu', 'nanjing']) expect((await get(`/api/sanctions/${blacklistId}`, h[u])).statusCode, u).toBe(404);
    expect((await get('/api/sanctions', h.gusu)).json().items.map((s: { id: number }) => s.id)).not.toContain(blacklistId);
    expect((await get('/api/sanctions', h['ent-kunshan-1'])).statusCode).toBe(403);
    // the officer does not see a proposal, only decisions
    expect((await get(`/api/sanctions/${blacklistId}`, h['officer-kunshan-1'])).statusCode).toBe(404);
    const note = await t.db
      .selectFrom('notifications as n')
      .innerJoin('accounts as a', 'a.id', 'n.account_id')
      .select('n.title')
      .where('a.username', '=', 'province')
      .where('n.kind', '=', 'sanction.proposed')
      .execute();
    expect(note.length).toBeGreaterThan(0);
  });

  it('only the province decides', async () => {
    expect((await post(`/api/sanctions/${blacklistId}/approve`, h.kunshan, {})).statusCode).toBe(403);
    expect((await post(`/api/sanctions/${blacklistId}/approve`, h.suzhou, {})).statusCode).toBe(403);
    expect((await post(`/api/sanctions/${blacklistId}/approve`, h['ent-kunshan-1'], {})).statusCode).toBe(403);
    expect((await get(`/api/sanctions/${blacklistId}`, h.kunshan)).json().status).toBe('proposed');
  });

  it('approval ends the active filing and its proof, publishes the masked notice and notifies, in one go', async () => {
    const res = await post(`/api/sanctions/${blacklistId}/approve`, h.province, { remarks: '经调查属实' });
    expect(res.statusCode).toBe(200);
    const noticeNo = res.json().noticeNo as string;
    expect(noticeNo).toMatch(/^苏质黑〔\d{4}〕\d+号$/);
    expect(res.json().status).toBe('in_force');
    const filing = await t.db.selectFrom('filings').selectAll().where('id', '=', pair.filingId).executeTakeFirstOrThrow();
    expect(filing).toMatchObject({ status: 'ended', end_kind: 'blacklisted', end_reason: `列入首席质量官黑名单（${noticeNo}）` });
    const proof = await t.db
      .selectFrom('certificates')
      .select(['status', 'status_reason', 'serial'])
      .where('subject_type', '=', 'filing')
      .where('subject_id', '=', pair.filingId)
      .executeTakeFirstOrThrow();
    expect(proof.status).toBe('ended');
    expect((await get(`/api/public/verify/${proof.serial}`)).json()).toMatchObject({ status: 'ended', statusReason: `列入首席质量官黑名单（${noticeNo}）` });
    const ent = await t.db.selectFrom('enterprises').select('has_active_officer').where('id', '=', pair.enterpriseId).executeTakeFirstOrThrow();
    expect(ent.has_active_officer).toBe(false);
    const notified = await t.db
      .selectFrom('notifications as n')
      .innerJoin('accounts as a', 'a.id', 'n.account_id')
      .select(['a.username', 'n.kind'])
      .where('n.kind', 'in', ['sanction.blacklist', 'filing.blacklisted'])
      .execute();
    expect(notified).toEqual(
      expect.arrayContaining([
        { username: 'officer-kunshan-1', kind: 'sanction.blacklist' },
        { username: 'ent-kunshan-1', kind: 'sanction.blacklist' },
        { username: 'ent-kunshan-1', kind: 'filing.blacklisted' },
      ]),
    );
    const notices = await get(`/api/public/blacklist-notices?q=${encodeURIComponent(pair.enterpriseName)}`);
    expect(notices.statusCode).toBe(200);
    expect(notices.json().items[0]).toMatchObject({
      noticeNo,
      personNameMasked: '陈*量',
      enterpriseName: pair.enterpriseName,
      banStart: BAN_START,
      banEnd: BAN_END,
      status: 'in_force',
    });
    expect(notices.body).not.toContain('陈质量');
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('action', 'in', ['sanction.approve', 'filing.end'])
      .orderBy('seq', 'desc')
      .limit(2)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['filing.end', 'sanction.approve']);
    // decided once
    expect((await post(`/api/sanctions/${blacklistId}/approve`, h.province, {})).statusCode).toBe(409);
    // the officer now sees it
    expect((await get(`/api/sanctions/${blacklistId}`, h['officer-kunshan-1'])).json()).toMatchObject({ status: 'in_force', canAppeal: true });
  });

  it('bans the person across enterprises: another enterprise in another city cannot file them (409 with the reason)', async () => {
    const other = await enterpriseAccountIn(t, '320102', 'ent-xuanwu-test');
    const idNumber = t.ctx.crypto.decrypt(pair.idNumberEnc);
    const cand = await post('/api/candidates', other.headers, {
      name: '陈质量',
      idNumber,
      education: 'bachelor',
      qualityYears: 10,
      positionTitle: '副总经理',
      positionLevel: 'deputyGeneralManager',
    });
    expect(cand.statusCode).toBe(201);
    expect(Object.keys(cand.json() as object)).toEqual(['id']);
    expect(cand.json().id).not.toBe(pair.personId);
    const body = { candidateId: cand.json().id as number, appointmentDate: dayFromToday(-16), reportsToGeneralManager: true, vetoRight: true };
    const refused = await post('/api/filings', other.headers, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('黑名单');
    expect(refused.json().error.message).toContain(BAN_END);
    expect(refused.json().error.fields[0].path).toBe('candidateId');
    expect(await t.db.selectFrom('filings').select('id').where('enterprise_id', '=', other.enterpriseId).execute()).toEqual([]);
    // nor the same enterprise
    expect((await post('/api/filings', h['ent-kunshan-1'], { ...body, candidateId: await candidateOf(pair.enterpriseId) })).statusCode).toBe(409);
  });

  it('refuses submission and approval of a filing drafted before the ban', async () => {
    const other = await enterpriseAccountIn(t, '320508', 'ent-gusu-test');
    const cand = await post('/api/candidates', other.headers, {
      name: '陈质量',
      idNumber: t.ctx.crypto.decrypt(pair.idNumberEnc),
      education: 'bachelor',
      qualityYears: 10,
      positionTitle: '副总经理',
      positionLevel: 'deputyGeneralManager',
    });
    expect(cand.statusCode).toBe(201);
    // a draft made while the ban was not in force (simulated by its status), then the ban applies again
    await t.db.updateTable('sanctions').set({ status: 'removed' }).where('id', '=', blacklistId).execute();
    const draft = await post('/api/filings', other.headers, {
      candidateId: cand.json().id as number,
      appointmentDate: dayFromToday(-16),
      reportsToGeneralManager: true,
      vetoRight: true,
    });
    expect(draft.statusCode).toBe(201);
    await attachLetter(t, other.headers, draft.json().id);
    await t.db.updateTable('sanctions').set({ status: 'in_force' }).where('id', '=', blacklistId).execute();
    const submit = await post(`/api/filings/${draft.json().id}/submit`, other.headers);
    expect(submit.statusCode).toBe(409);
    expect(submit.json().error.message).toContain('黑名单');
    await t.db.updateTable('filings').set({ status: 'submitted', round: 1 }).where('id', '=', draft.json().id).execute();
    await t.db
      .insertInto('filing_rounds')
      .values({ filing_id: draft.json().id, round: 1, submitted_at: clock.now(), snapshot: '{}', eligibility: '{}' })
      .execute();
    const approve = await post(`/api/filings/${draft.json().id}/approve`, h.gusu, {});
    expect(approve.statusCode).toBe(409);
    expect((await t.db.selectFrom('filings').select('status').where('id', '=', draft.json().id).executeTakeFirstOrThrow()).status).toBe('submitted');
    await t.db.updateTable('filings').set({ status: 'withdrawn' }).where('id', '=', draft.json().id).execute();
  });

  it('records the appeal, one at a time; the province answers it', async () => {
    expect((await post(`/api/sanctions/${blacklistId}/appeals`, h.kunshan, { reason: '我要申诉' })).statusCode).toBe(403);
    const appeal = await post(`/api/sanctions/${blacklistId}/appeals`, h['officer-kunshan-1'], {
      reason: '事故系供应商原材料问题，本人已多次书面提出否决意见',
    });
    expect(appeal.statusCode).toBe(201);
    expect(appeal.json()).toMatchObject({ canAppeal: false, appeals: [{ status: 'pending' }] });
    expect((await post(`/api/sanctions/${blacklistId}/appeals`, h['officer-kunshan-1'], { reason: '再次申诉，请尽快处理' })).statusCode).toBe(409);
    const appealId = appeal.json().appeals[0].id as number;
    expect((await post(`/api/sanction-appeals/${appealId}/decide`, h.kunshan, { upheld: false, response: '维持' })).statusCode).toBe(403);
    const dismissed = await post(`/api/sanction-appeals/${appealId}/decide`, h.province, { upheld: false, response: '证据不足，维持原决定' });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: 'in_force', appeals: [{ status: 'dismissed', response: '证据不足，维持原决定' }] });
    expect((await post(`/api/sanction-appeals/${appealId}/decide`, h.province, { upheld: true, response: '改判' })).statusCode).toBe(409);
  });

  it('removal by the province lifts the ban and marks the public notice; the enterprise can file again', async () => {
    expect((await post(`/api/sanctions/${blacklistId}/remove`, h.kunshan, { reason: '复核撤销' })).statusCode).toBe(403);
    expect((await post(`/api/sanctions/${blacklistId}/remove`, h.province, { reason: '' })).statusCode).toBe(400);
    const removed = await post(`/api/sanctions/${blacklistId}/remove`, h.province, { reason: '经复核，事故责任不在本人' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ status: 'removed', removalReason: '经复核，事故责任不在本人' });
    const notices = (await get('/api/public/blacklist-notices')).json();
    expect(notices.items.find((n: { noticeNo: string }) => n.noticeNo === removed.json().noticeNo)).toMatchObject({
      status: 'removed',
      withdrawnReason: '经复核，事故责任不在本人',
    });
    const refile = await post('/api/filings', h['ent-kunshan-1'], {
      candidateId: await candidateOf(pair.enterpriseId),
      appointmentDate: dayFromToday(-16),
      reportsToGeneralManager: true,
      vetoRight: true,
    });
    expect(refile.statusCode).toBe(201);
  });

  it('a ban holds from the decision even when its period starts later, and ends by itself at the end of its period', async () => {
    const other = await enterpriseAccountIn(t, '320102', 'ent-xuanwu-test2');
    // a second, expired blacklisting of the same person
    const s = await t.db
      .insertInto('sanctions')
      .values({
        kind: 'blacklist',
        person_id: pair.personId,
        enterprise_id: pair.enterpriseId,
        org_unit_id: (await t.db.selectFrom('enterprises').select('org_unit_id').where('id', '=', pair.enterpriseId).executeTakeFirstOrThrow()).org_unit_id,
        incident_title: '旧事故',
        incident_date: '2020-01-01',
        incident_description: '旧事故经过说明',
        reason: '旧的处理理由说明',
        ban_start: '2020-02-01',
        ban_end: '2023-01-31',
        status: 'in_force',
        proposed_by: (await t.db.selectFrom('accounts').select('id').where('username', '=', 'kunshan').executeTakeFirstOrThrow()).id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(s.id).toBeGreaterThan(0);
    // a decided ban whose period has not begun already blocks
    const later = await t.db
      .insertInto('sanctions')
      .values({
        kind: 'blacklist',
        person_id: pair.personId,
        enterprise_id: pair.enterpriseId,
        org_unit_id: (await t.db.selectFrom('enterprises').select('org_unit_id').where('id', '=', pair.enterpriseId).executeTakeFirstOrThrow()).org_unit_id,
        incident_title: '新事故',
        incident_date: dayFromToday(-300),
        incident_description: '新事故经过说明',
        reason: '新的处理理由说明',
        ban_start: '2099-01-01',
        ban_end: '2099-12-31',
        status: 'in_force',
        proposed_by: (await t.db.selectFrom('accounts').select('id').where('username', '=', 'kunshan').executeTakeFirstOrThrow()).id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cand = expectStatus(
      await post('/api/candidates', other.headers, {
        name: '陈质量',
        idNumber: t.ctx.crypto.decrypt(pair.idNumberEnc),
        education: 'bachelor',
        qualityYears: 10,
        positionTitle: '副总经理',
        positionLevel: 'deputyGeneralManager',
      }),
      201,
    );
    const blocked = await post('/api/filings', other.headers, {
      candidateId: cand.json().id as number,
      appointmentDate: dayFromToday(-16),
      reportsToGeneralManager: true,
      vetoRight: true,
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toContain('2099-01-01 至 2099-12-31');
    await t.db.updateTable('sanctions').set({ status: 'removed' }).where('id', '=', later.id).execute();
    // the expired one no longer blocks
    const res = await post('/api/filings', other.headers, {
      candidateId: cand.json().id as number,
      appointmentDate: dayFromToday(-16),
      reportsToGeneralManager: true,
      vetoRight: true,
    });
    expect(res.statusCode).toBe(201);
  });

  it('a warning is decided by the province without ending the filing or publishing a notice; rejection keeps the reason', async () => {
    const active = await t.db
      .selectFrom('filings as f')
      .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
      .select(['f.id', 'f.person_id'])
      .where('o.code', '=', '320583')
      .where('f.status', '=', 'active')
      .orderBy('f.id')
      .executeTakeFirstOrThrow();
    const warning = await post('/api/sanctions', h.suzhou, proposal({ kind: 'warning', filingId: active.id, banStart: undefined, banEnd: undefined }));
    expect(warning.statusCode).toBe(201);
    const notices = (await get('/api/public/blacklist-notices')).json().total as number;
    const approved = await post(`/api/sanctions/${warning.json().id}/approve`, h.province, {});
    expect(approved.json()).toMatchObject({ status: 'in_force', kind: 'warning', noticeNo: null });
    expect((await t.db.selectFrom('filings').select('status').where('id', '=', active.id).executeTakeFirstOrThrow()).status).toBe('active');
    expect((await get('/api/public/blacklist-notices')).json().total).toBe(notices);
    const second = await post('/api/sanctions', h.kunshan, proposal({ filingId: active.id }));
    expect(second.statusCode).toBe(201);
    const rejected = await post(`/api/sanctions/${second.json().id}/reject`, h.province, { reason: '事故与履职无直接关联' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: '事故与履职无直接关联' });
    expect((await t.db.selectFrom('filings').select('status').where('id', '=', active.id).executeTakeFirstOrThrow()).status).toBe('active');
  });
});
