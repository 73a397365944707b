import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { dayFromToday } from '../../testing/dates';
import { seededOrder } from './seeded-order';

let t: TestApp;
const h: Record<string, Record<string, string>> = {};
/** members added here: county code → member ids (with their enterprise) */
const byCounty: Record<string, { memberId: number; enterpriseId: number }[]> = { '320583': [], '320508': [], '320506': [] };

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['province', 'suzhou', 'kunshan', 'gusu', 'nanjing', 'ent-kunshan-1', 'officer-kunshan-1']) h[u] = await t.as(u);
  const suzhou = await t.db.selectFrom('accounts').select('id').where('username', '=', 'suzhou').executeTakeFirstOrThrow();
  // three officers in office in each of three Suzhou counties join the pool (those the demo data put there stay)
  for (const code of Object.keys(byCounty)) {
    const filings = await t.db
      .selectFrom('filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select(['f.person_id', 'f.enterprise_id', 'e.org_unit_id'])
      .where('o.code', '=', code)
      .where('f.status', '=', 'active')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('expert_pool_members as m').select('m.id').whereRef('m.person_id', '=', 'f.person_id'))))
      .orderBy('f.id')
      .limit(3)
      .execute();
    for (const f of filings) {
      const m = await t.db
        .insertInto('expert_pool_members')
        .values({
          person_id: f.person_id,
          org_unit_id: f.org_unit_id,
          fields: ['质量诊断', '质量奖评审'],
          industry_section: 'C',
          status: 'active',
          nominated_by: suzhou.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      byCounty[code]?.push({ memberId: m.id, enterpriseId: f.enterprise_id });
    }
  }
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, headers: Record<string, string> | undefined, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers?: Record<string, string>) => t.app.inject({ url, headers });
type Batch = {
  id: number;
  seed: string;
  pool: { memberId: number }[];
  excluded: { memberId: number; reason: string }[];
  draws: { id: number; memberId: number; position: number; status: string; replacesDrawId: number | null; refusalReason: string | null }[];
};

describe('三.5 random expert draw (参与政府部门质量诊断、质量评审: the bureau draws experts at random, avoiding conflicts)', () => {
  it('三.5: the same seed gives the same order on any run (sfc32 over SHA-256 of the seed, Fisher–Yates; pinned)', () => {
    const pool = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const once = seededOrder('三.5', pool);
    expect(seededOrder('三.5', [...pool].reverse())).toEqual(once);
    expect([...once].sort((a, b) => a - b)).toEqual(pool);
    expect(once).toEqual([9, 1, 6, 2, 10, 7, 8, 4, 3, 5]);
    expect(seededOrder('三.5-other', pool)).not.toEqual(once);
  });

  let batch: Batch;
  it('三.5: draws N from the filtered pool, avoiding the same enterprise, the same county and a declared conflict; the seed and candidates are in the audit log', async () => {
    const kunshan = byCounty['320583'] ?? [];
    const gusu = byCounty['320508'] ?? [];
    const subject = kunshan[0];
    const conflicted = gusu[0];
    if (!subject || !conflicted) throw new Error('demo data lacks officers in office in 昆山 or 姑苏');
    const res = await post('/api/expert-draws', h.suzhou, {
      taskKind: 'review',
      taskTitle: '苏州市市长质量奖现场评审',
      taskDate: dayFromToday(7),
      count: 3,
      subjectEnterpriseId: subject.enterpriseId,
      field: '质量奖',
      conflicts: [{ memberId: conflicted.memberId, reason: '曾为该企业提供咨询' }],
    });
    expect(res.statusCode).toBe(201);
    batch = res.json();
    const excluded = new Map(batch.excluded.map((e) => [e.memberId, e.reason]));
    expect(excluded.get(subject.memberId)).toBe('与被诊断（评审）企业为同一企业');
    for (const m of kunshan.slice(1)) expect(excluded.get(m.memberId)).toBe('与被诊断（评审）企业在同一县（市、区）');
    expect(excluded.get(conflicted.memberId)).toBe('申报利益冲突：曾为该企业提供咨询');
    const pool = batch.pool.map((p) => p.memberId);
    for (const id of excluded.keys()) expect(pool).not.toContain(id);
    expect(batch.draws).toHaveLength(3);
    const drawn = batch.draws.map((d) => d.memberId);
    for (const id of drawn) expect(excluded.has(id)).toBe(false);
    expect(drawn).toEqual(seededOrder(batch.seed, pool).slice(0, 3));
    expect(batch.draws.map((d) => d.position)).toEqual([1, 2, 3]);

    const logged = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'expert.draw.random')
      .where('target_id', '=', String(batch.id))
      .executeTakeFirstOrThrow();
    expect(logged.details).toMatchObject({ seed: batch.seed, pool, drawn, excluded: batch.excluded.map((e) => ({ memberId: e.memberId, reason: e.reason })) });
    expect(batch.seed).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){5}$/);
    const verified = (await get(`/api/expert-draws/${batch.id}/verify`, h.suzhou)).json();
    expect(verified).toMatchObject({ consistent: true, problems: [], seed: batch.seed, checked: 3 });
  });

  it('三.5: a refusal is recorded and the next member of the seeded order replaces it; the re-run still checks out', async () => {
    const first = batch.draws[0];
    if (!first) throw new Error('no draw');
    const bad = await post(`/api/expert-draw-items/${first.id}/refuse`, h.suzhou, { reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('谢绝原因');
    expect((await post(`/api/expert-draw-items/${first.id}/refuse`, h.gusu, { reason: '出差' })).statusCode).toBe(404);
    const res = await post(`/api/expert-draw-items/${first.id}/refuse`, h.suzhou, { reason: '评审当日出差' });
    expect(res.statusCode).toBe(200);
    const after: Batch = res.json();
    const refused = after.draws.find((d) => d.id === first.id);
    expect(refused).toMatchObject({ status: 'refused', refusalReason: '评审当日出差' });
    const replacement = after.draws.find((d) => d.replacesDrawId === first.id);
    expect(replacement).toMatchObject({
      position: 4,
      status: 'assigned',
      memberId: seededOrder(
        batch.seed,
        batch.pool.map((p) => p.memberId),
      )[3],
    });
    expect((await post(`/api/expert-draw-items/${first.id}/refuse`, h.suzhou, { reason: '评审当日出差' })).statusCode).toBe(409);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'expert.draw.refuse')
      .where('target_id', '=', String(batch.id))
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ drawId: first.id, reason: '评审当日出差', replacementMemberId: replacement?.memberId, position: 4 });
    expect((await get(`/api/expert-draws/${batch.id}/verify`, h.suzhou)).json()).toMatchObject({ consistent: true, checked: 4 });
  });

  it('others neither see nor draw; bad input names the field and changes nothing; too small a pool is refused', async () => {
    expect((await get(`/api/expert-draws/${batch.id}`, h.gusu)).statusCode).toBe(404);
    expect((await get(`/api/expert-draws/${batch.id}`, h.nanjing)).statusCode).toBe(404);
    expect((await get(`/api/expert-draws/${batch.id}`, h.province)).statusCode).toBe(200);
    expect((await get('/api/expert-draws', h['ent-kunshan-1'])).statusCode).toBe(403);
    expect(
      (await post('/api/expert-draws', h['officer-kunshan-1'], { taskKind: 'review', taskTitle: '评审', taskDate: dayFromToday(7), count: 1 })).statusCode,
    ).toBe(403);
    const before = await t.db
      .selectFrom('expert_draw_batches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const zero = await post('/api/expert-draws', h.suzhou, { taskKind: 'review', taskTitle: '评审', taskDate: dayFromToday(7), count: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields[0]).toMatchObject({ path: 'count', message: expect.stringContaining('抽取人数至少 1 人') });
    const nanjingEnterprise = await t.db
      .selectFrom('enterprises as e')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select('e.id')
      .where('o.code', '=', '320102')
      .executeTakeFirstOrThrow();
    const outside = await post('/api/expert-draws', h.suzhou, {
      taskKind: 'review',
      taskTitle: '评审',
      taskDate: dayFromToday(7),
      count: 1,
      subjectEnterpriseId: nanjingEnterprise.id,
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.fields[0].path).toBe('subjectEnterpriseId');
    const tooMany = await post('/api/expert-draws', h.kunshan, { taskKind: 'diagnosis', taskTitle: '小微企业质量诊断', taskDate: dayFromToday(7), count: 20 });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error.message).toContain('不足抽取人数 20 人');
    const after = await t.db
      .selectFrom('expert_draw_batches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('三.5: a draw changed after the fact no longer checks out against the audit log', async () => {
    const second = batch.draws[1];
    const other = batch.pool.find((p) => !batch.draws.some((d) => d.memberId === p.memberId));
    if (!second || !other) throw new Error('pool too small');
    await t.db.updateTable('expert_draws').set({ member_id: other.memberId }).where('id', '=', second.id).execute();
    const verified = (await get(`/api/expert-draws/${batch.id}/verify`, h.suzhou)).json();
    expect(verified.consistent).toBe(false);
    expect(verified.problems).toEqual([expect.stringContaining('第 2 位')]);
  });
});
