import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { makeUscc } from '../../../domain/uscc';
import { enterpriseBody } from '../../testing/enterprise-factories';
import { expectStatus } from '../../testing/http';

/** The roster's enterprise records one at a time: the pinned API, its checks and scope, and the demo roster. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('pinned enterprise API', () => {
  it('creates with 201, reads back, and refuses a duplicate with 409', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: await t.as('kunshan'), payload: enterpriseBody() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: expect.any(Number) as unknown, orgUnitCode: '320583', industrySection: 'C', reviewFlags: [], source: 'entered' });
    const dup = await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: await t.as('kunshan'), payload: enterpriseBody({ name: '另一家' }) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0].path).toBe('uscc');
  });

  it('refuses a bad USCC with 400 naming the field and the expected check character', async () => {
    const good = makeUscc('320583', 1002);
    const bad = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const res = await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: await t.as('kunshan'), payload: enterpriseBody({ uscc: bad }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'uscc' });
    expect(res.json().error.fields[0].message).toContain(`应为“${good.slice(17)}”`);
  });

  it('names every bad field in Chinese', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: await t.as('kunshan'),
      payload: enterpriseBody({ uscc: makeUscc('320583', 1003), industryCode: '99', scale: 'huge', contactPhone: '123', aboveScaleYear: null }),
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .error.fields.map((f: { path: string }) => f.path)
      .sort();
    expect(paths).toEqual(['aboveScaleYear', 'contactPhone', 'industryCode', 'scale']);
    expect(res.json().error.message).toContain('行业大类');
  });

  it('refuses a unit outside the caller scope and flags a USCC registered elsewhere', async () => {
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: await t.as('kunshan'),
      payload: enterpriseBody({ uscc: makeUscc('320583', 1004), orgUnitCode: '320508' }),
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0].path).toBe('orgUnitCode');
    const flagged = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: await t.as('kunshan'),
      payload: enterpriseBody({ uscc: makeUscc('330100', 1005) }),
    });
    expect(flagged.statusCode).toBe(201);
    expect(flagged.json().reviewFlags.map((f: { code: string }) => f.code)).toEqual(['uscc_region_outside_jiangsu']);
    const cityRegistered = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: await t.as('kunshan'),
      payload: enterpriseBody({ uscc: makeUscc('320500', 1006) }),
    });
    expect(cityRegistered.json().reviewFlags).toEqual([]);
    const otherCounty = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: await t.as('kunshan'),
      payload: enterpriseBody({ uscc: makeUscc('320508', 1007) }),
    });
    expect(otherCounty.json().reviewFlags.map((f: { code: string }) => f.code)).toEqual(['uscc_region_outside_unit']);
  });

  it('answers 404 outside scope and lists only what the caller may see', async () => {
    const created = expectStatus(
      await t.app.inject({
        method: 'POST',
        url: '/api/enterprises',
        headers: await t.as('kunshan'),
        payload: enterpriseBody({ uscc: makeUscc('320583', 1008), name: '昆山专属企业' }),
      }),
      201,
    );
    const id: number = created.json().id;
    expect((await t.app.inject({ url: `/api/enterprises/${id}`, headers: await t.as('gusu') })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/enterprises/${id}`, headers: await t.as('nanjing') })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/enterprises/${id}`, headers: await t.as('suzhou') })).statusCode).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/enterprises/${id}`,
          headers: await t.as('gusu'),
          payload: enterpriseBody({ uscc: makeUscc('320583', 1008), version: 1 }),
        })
      ).statusCode,
    ).toBe(404);
    const list = await t.app.inject({ url: `/api/enterprises?q=${encodeURIComponent('昆山专属')}&page=1&pageSize=10`, headers: await t.as('kunshan') });
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    const none = await t.app.inject({ url: `/api/enterprises?q=${encodeURIComponent('昆山专属')}`, headers: await t.as('gusu') });
    expect(none.json().total).toBe(0);
    expect((await t.app.inject({ url: '/api/enterprises', headers: await t.as('auditadmin') })).statusCode).toBe(403);
  });

  it('keeps history of changes', async () => {
    const created = expectStatus(
      await t.app.inject({
        method: 'POST',
        url: '/api/enterprises',
        headers: await t.as('kunshan'),
        payload: enterpriseBody({ uscc: makeUscc('320583', 1009) }),
      }),
      201,
    );
    const id: number = created.json().id;
    const upd = await t.app.inject({
      method: 'PUT',
      url: `/api/enterprises/${id}`,
      headers: await t.as('kunshan'),
      payload: enterpriseBody({ uscc: makeUscc('320583', 1009), scale: 'large', name: '昆山改名有限公司', version: 1 }),
    });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ scale: 'large', name: '昆山改名有限公司', version: 2 });
    const history = await t.app.inject({ url: `/api/enterprises/${id}/history`, headers: await t.as('kunshan') });
    expect(history.json()[0]).toMatchObject({
      kind: 'update',
      actor: 'kunshan',
      changes: { scale: ['medium', 'large'], name: ['昆山测试精密机械有限公司', '昆山改名有限公司'] },
    });
  });
});

describe('demo roster', () => {
  it('has about 3,000 enterprises with valid USCCs for their region, about 10% 规上, and an enterprise account', async () => {
    const { parseUscc } = await import('../../../domain/uscc');
    const rows = await t.db
      .selectFrom('enterprises as e')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select(['e.uscc', 'e.above_scale', 'o.path', 'e.review_flags'])
      .where('e.source', '=', 'imported')
      .where('e.created_by', 'is', null)
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(2900);
    expect(rows.length).toBeLessThanOrEqual(3100);
    const share = rows.filter((r) => r.above_scale).length / rows.length;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.15);
    let flagged = 0;
    for (const r of rows) {
      const parsed = parseUscc(r.uscc);
      expect(parsed.ok).toBe(true);
      // registered within the unit's area, or flagged for the reviewer (moved in from elsewhere)
      if (parsed.ok && !r.path.split('.').includes(parsed.value.regionCode)) {
        expect(r.review_flags.length).toBe(1);
        flagged += 1;
      }
    }
    expect(flagged).toBeGreaterThan(10);
    expect(flagged).toBeLessThan(rows.length * 0.05);
    const account = await t.db.selectFrom('accounts').select(['role', 'enterprise_id']).where('username', '=', 'ent-kunshan-1').executeTakeFirstOrThrow();
    expect(account.role).toBe('enterprise');
    expect(account.enterprise_id).not.toBeNull();
  });
});

describe('department scope', () => {
  it('a department sees read-only its region and its industries', async () => {
    const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320500').executeTakeFirstOrThrow();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: await t.as('suzhou'),
      payload: { username: 'sz-gongxin', displayName: '苏州市工信局', role: 'department', orgUnitId: unit.id, industrySections: ['C'] },
    });
    expect(created.statusCode).toBe(201);
    // (its first-login password change is tested elsewhere)
    await t.db.updateTable('accounts').set({ must_change_password: false }).where('username', '=', 'sz-gongxin').execute();
    const dept = await t.as('sz-gongxin');
    const list = await t.app.inject({ url: '/api/enterprises?pageSize=200', headers: dept });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThan(0);
    for (const e of list.json().items as { industrySection: string; orgUnitCode: string }[]) {
      expect(e.industrySection).toBe('C');
      expect(e.orgUnitCode.startsWith('3205')).toBe(true);
    }
    const software = await t.db
      .selectFrom('enterprises as e')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select('e.id')
      .where('e.industry_section', '=', 'I')
      .where('o.code', '=', '320583')
      .executeTakeFirstOrThrow();
    expect((await t.app.inject({ url: `/api/enterprises/${software.id}`, headers: dept })).statusCode).toBe(404);
    const write = await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: dept, payload: enterpriseBody({ uscc: makeUscc('320583', 9001) }) });
    expect(write.statusCode).toBe(403);
  });
});
