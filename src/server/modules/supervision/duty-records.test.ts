import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LETTER_PDF, multipartBody } from '../../testing/files';
import { demoPair } from '../../testing/factories';
import { dayFromToday } from '../../testing/dates';
import { expectStatus } from '../../testing/http';

let t: TestApp;
let pair: Awaited<ReturnType<typeof demoPair>>;
/** duty records the demo data already holds for the demo officer */
let seeded = 0;
const h: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  t = await createTestApp();
  pair = await demoPair(t);
  seeded = Number(
    (
      await t.db
        .selectFrom('duty_records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('person_id', '=', pair.personId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  // the demo data nominates the demo officer already; these tests start from a person outside the pool
  await t.db.deleteFrom('expert_pool_members').where('person_id', '=', pair.personId).execute();
  for (const u of ['province', 'suzhou', 'kunshan', 'gusu', 'nanjing', 'xuanwu', 'ent-kunshan-1', 'officer-kunshan-1', 'sysadmin']) h[u] = await t.as(u);
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, headers: Record<string, string> | undefined, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });
const get = (url: string, headers?: Record<string, string>) => t.app.inject({ url, headers });
const record = (over: Record<string, unknown> = {}) => ({
  kind: 'veto',
  occurredOn: dayFromToday(0),
  title: '否决不合格批次放行',
  description: '发现第 3 批次焊点强度不合格，行使一票否决，停止出厂',
  outcome: '批次返工，避免质量事故',
  ...over,
});
const count = async () =>
  Number(
    (
      await t.db
        .selectFrom('duty_records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('duty records', () => {
  let officerRecord = 0;
  let enterpriseRecord = 0;
  let governmentWork = 0;

  it('the officer and the enterprise record duties under the active filing', async () => {
    const a = await post('/api/duty-records', h['officer-kunshan-1'], record());
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({
      kind: 'veto',
      filingId: pair.filingId,
      personId: pair.personId,
      enterpriseId: pair.enterpriseId,
      createdByRole: 'officer',
      canEdit: true,
    });
    officerRecord = a.json().id;
    const b = await post(
      '/api/duty-records',
      h['ent-kunshan-1'],
      record({ kind: 'quality_management', projectType: 'comparison', title: '与行业标杆开展质量比对', description: '选取三项关键指标与标杆企业比对分析' }),
    );
    expect(b.statusCode).toBe(201);
    expect(b.json()).toMatchObject({ projectType: 'comparison', createdByRole: 'enterprise' });
    enterpriseRecord = b.json().id;
    const c = expectStatus(
      await post(
        '/api/duty-records',
        h['officer-kunshan-1'],
        record({ kind: 'government_work', title: '参加市局质量提升诊断', description: '作为专家参加昆山市局组织的质量诊断' }),
      ),
      201,
    );
    governmentWork = c.json().id;
  });

  it('refuses bad input with the field named, and changes nothing', async () => {
    const before = await count();
    const noType = await post('/api/duty-records', h['officer-kunshan-1'], record({ kind: 'quality_management' }));
    expect(noType.statusCode).toBe(400);
    expect(noType.json().error.fields[0]).toMatchObject({ path: 'projectType' });
    expect(noType.json().error.message).toContain('三.4 类履职请选择具体事项');
    const future = await post('/api/duty-records', h['officer-kunshan-1'], record({ occurredOn: '2099-01-01' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toMatchObject({ path: 'occurredOn', message: '发生日期不能晚于今天' });
    const early = await post('/api/duty-records', h['officer-kunshan-1'], record({ occurredOn: '1999-01-01' }));
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('聘任日期');
    const badKind = await post('/api/duty-records', h['officer-kunshan-1'], record({ kind: 'party' }));
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.message).toContain('类型');
    // bureaus do not write an officer's duty record
    expect((await post('/api/duty-records', h.kunshan, record())).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('bureaus see records in their region only; the enterprise and the officer their own', async () => {
    for (const u of ['kunshan', 'suzhou', 'province']) {
      const list = (await get('/api/duty-records?pageSize=200', h[u])).json();
      expect(
        list.items.map((r: { id: number }) => r.id),
        u,
      ).toEqual(expect.arrayContaining([officerRecord, enterpriseRecord]));
      expect((await get(`/api/duty-records/${officerRecord}`, h[u])).statusCode, u).toBe(200);
    }
    for (const u of ['gusu', 'nanjing', 'xuanwu']) {
      expect(
        (await get('/api/duty-records', h[u])).json().items.map((r: { id: number }) => r.id),
        u,
      ).not.toContain(officerRecord);
      expect((await get(`/api/duty-records/${officerRecord}`, h[u])).statusCode, u).toBe(404);
    }
    expect((await get('/api/duty-records', h.sysadmin)).statusCode).toBe(403);
    expect(seeded).toBeGreaterThan(0);
    expect((await get('/api/duty-records', h['ent-kunshan-1'])).json().total).toBe(seeded + 3);
    expect((await get('/api/duty-records', h['officer-kunshan-1'])).json().total).toBe(seeded + 3);
    const filtered = (await get('/api/duty-records?kind=quality_management&projectType=comparison&pageSize=200', h.kunshan)).json();
    expect(filtered.items.map((r: { id: number }) => r.id)).toContain(enterpriseRecord);
    expect(filtered.items.every((r: { kind: string; projectType: string }) => r.kind === 'quality_management' && r.projectType === 'comparison')).toBe(true);
    const veto = (await get('/api/duty-records?kind=veto&pageSize=200', h.kunshan)).json();
    expect(veto.items.map((r: { id: number }) => r.id)).not.toContain(enterpriseRecord);
    expect((await get('/api/duty-records?q=焊点', h.kunshan)).json().items.map((r: { id: number }) => r.id)).toEqual([officerRecord]);
  });

  it('evidence attachments are uploaded by the author side and read by those who see the record', async () => {
    const { payload, headers } = multipartBody('否决记录.pdf', LETTER_PDF);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/duty-records/${officerRecord}/attachments`,
      headers: { ...h['officer-kunshan-1'], ...headers },
      payload,
    });
    expect(up.statusCode).toBe(200);
    const attachmentId = up.json().attachments[0].id as number;
    const bad = multipartBody('x.pdf', Buffer.from('not a pdf at all'));
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/duty-records/${officerRecord}/attachments`,
          headers: { ...h['officer-kunshan-1'], ...bad.headers },
          payload: bad.payload,
        })
      ).statusCode,
    ).toBe(400);
    const other = multipartBody('x.pdf', LETTER_PDF);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/duty-records/${officerRecord}/attachments`,
          headers: { ...h.gusu, ...other.headers },
          payload: other.payload,
        })
      ).statusCode,
    ).toBe(404);
    expect((await get(`/api/duty-records/${officerRecord}/attachments/${attachmentId}`, h.suzhou)).headers['content-type']).toBe('application/pdf');
    expect((await get(`/api/duty-records/${officerRecord}/attachments/${attachmentId}`, h.nanjing)).statusCode).toBe(404);
  });

  it('bureaus in scope export to Excel; others may not', async () => {
    const res = await get('/api/duty-records/export?kind=veto', h.kunshan);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await get('/api/duty-records/export', h['ent-kunshan-1'])).statusCode).toBe(403);
    expect((await get('/api/duty-records/export', h['officer-kunshan-1'])).statusCode).toBe(403);
  });

  it('a bureau confirms government quality work and credits the study account once', async () => {
    expect((await post(`/api/duty-records/${governmentWork}/confirm`, h['ent-kunshan-1'], { hours: 2 })).statusCode).toBe(403);
    expect((await post(`/api/duty-records/${governmentWork}/confirm`, h.gusu, { hours: 2 })).statusCode).toBe(404);
    expect((await post(`/api/duty-records/${governmentWork}/confirm`, h.kunshan, { hours: 100 })).statusCode).toBe(400);
    expect((await post(`/api/duty-records/${officerRecord}/confirm`, h.kunshan, { hours: 2 })).statusCode).toBe(409);
    const ok = await post(`/api/duty-records/${governmentWork}/confirm`, h.kunshan, { hours: 2 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ creditedMinutes: 90, canEdit: false });
    const lines = await t.db.selectFrom('study_ledger_entries').selectAll().where('source_ref', '=', `duty_record:${governmentWork}`).execute();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      person_id: pair.personId,
      year: Number(dayFromToday(0).slice(0, 4)),
      source: 'government_work',
      minutes: 90,
      status: 'credited',
    });
    expect((await post(`/api/duty-records/${governmentWork}/confirm`, h.kunshan, { hours: 3 })).statusCode).toBe(409);
    // a confirmed record stays
    expect((await t.app.inject({ method: 'DELETE', url: `/api/duty-records/${governmentWork}`, headers: h['officer-kunshan-1'] })).statusCode).toBe(409);
  });

  it('the author side deletes an unconfirmed record; a bureau cannot', async () => {
    expect((await t.app.inject({ method: 'DELETE', url: `/api/duty-records/${enterpriseRecord}`, headers: h.kunshan })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/duty-records/${enterpriseRecord}`, headers: h['ent-kunshan-1'] })).statusCode).toBe(200);
    expect((await get(`/api/duty-records/${enterpriseRecord}`, h.kunshan)).statusCode).toBe(404);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'duty_record')
      .where('target_id', '=', String(enterpriseRecord))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['duty_record.create', 'duty_record.delete']);
  });
});

describe('expert pool', () => {
  let memberId = 0;

  it('a bureau nominates an active officer in its region; duplicates and other regions are refused', async () => {
    const bad = await post('/api/expert-pool', h.kunshan, { filingId: pair.filingId, fields: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('专业领域');
    expect((await post('/api/expert-pool', h.gusu, { filingId: pair.filingId, fields: ['焊接质量'] })).statusCode).toBe(404);
    expect((await post('/api/expert-pool', h['ent-kunshan-1'], { filingId: pair.filingId, fields: ['焊接质量'] })).statusCode).toBe(403);
    const res = await post('/api/expert-pool', h.kunshan, { filingId: pair.filingId, fields: ['焊接质量', '质量诊断'], industrySection: 'C' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'nominated', fields: ['焊接质量', '质量诊断'], industrySection: 'C', personName: '陈质量' });
    memberId = res.json().id;
    expect((await post('/api/expert-pool', h.suzhou, { filingId: pair.filingId, fields: ['焊接质量'] })).statusCode).toBe(409);
    const note = await t.db
      .selectFrom('notifications as n')
      .innerJoin('accounts as a', 'a.id', 'n.account_id')
      .select('n.kind')
      .where('a.username', '=', 'officer-kunshan-1')
      .where('n.kind', '=', 'expert.nominated')
      .execute();
    expect(note).toHaveLength(1);
  });

  it('only accepted members can be drawn; the officer accepts', async () => {
    const early = await post(`/api/expert-pool/${memberId}/draws`, h.kunshan, {
      taskKind: 'diagnosis',
      taskTitle: '小微企业质量诊断',
      taskDate: dayFromToday(-1),
    });
    expect(early.statusCode).toBe(409);
    expect((await post(`/api/expert-pool/${memberId}/respond`, h.kunshan, { accept: true })).statusCode).toBe(403);
    const accepted = await post(`/api/expert-pool/${memberId}/respond`, h['officer-kunshan-1'], { accept: true });
    expect(accepted.json().status).toBe('active');
    expect((await post(`/api/expert-pool/${memberId}/respond`, h['officer-kunshan-1'], { accept: true })).statusCode).toBe(409);
  });

  it('bureaus in scope search and draw; others do not see the member', async () => {
    expect((await get('/api/expert-pool?q=焊接', h.suzhou)).json().items.map((m: { id: number }) => m.id)).toEqual([memberId]);
    expect((await get('/api/expert-pool?q=焊接', h.gusu)).json().total).toBe(0);
    expect((await get('/api/expert-pool?q=焊接', h.nanjing)).json().total).toBe(0);
    expect((await get(`/api/expert-pool/${memberId}`, h.nanjing)).statusCode).toBe(404);
    expect((await get('/api/expert-pool', h['ent-kunshan-1'])).statusCode).toBe(403);
    expect(
      (await post(`/api/expert-pool/${memberId}/draws`, h.gusu, { taskKind: 'review', taskTitle: '质量奖评审', taskDate: dayFromToday(-1) })).statusCode,
    ).toBe(404);
    const bad = await post(`/api/expert-pool/${memberId}/draws`, h.suzhou, { taskKind: 'review', taskTitle: '质量奖评审', taskDate: '12/05' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('任务日期');
    const drawn = await post(`/api/expert-pool/${memberId}/draws`, h.suzhou, {
      taskKind: 'review',
      taskTitle: '苏州市质量奖现场评审',
      taskDate: dayFromToday(-1),
    });
    expect(drawn.statusCode).toBe(201);
    expect(drawn.json()).toMatchObject({ drawCount: 1, draws: [{ taskKind: 'review', taskTitle: '苏州市质量奖现场评审', orgUnitName: '苏州市' }] });
    const mine = (await get('/api/expert-pool/mine', h['officer-kunshan-1'])).json();
    expect(mine[0]).toMatchObject({ id: memberId, status: 'active', drawCount: 1 });
    expect((await get('/api/expert-pool/mine', h.kunshan)).statusCode).toBe(403);
  });

  it('a bureau withdraws a member; the officer may also decline later', async () => {
    const w = await post(`/api/expert-pool/${memberId}/withdraw`, h.kunshan, { reason: '工作调动' });
    expect(w.json()).toMatchObject({ status: 'withdrawn', note: '工作调动' });
    expect(
      (await post(`/api/expert-pool/${memberId}/draws`, h.kunshan, { taskKind: 'review', taskTitle: '评审', taskDate: dayFromToday(-1) })).statusCode,
    ).toBe(409);
    expect((await post(`/api/expert-pool/${memberId}/respond`, h['officer-kunshan-1'], { accept: false })).statusCode).toBe(409);
  });
});
