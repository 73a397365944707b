import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import type { OrgUnitNode } from './service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const unitId = async (code: string) => (await t.db.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const count = (nodes: OrgUnitNode[]): number => nodes.reduce((n, x) => n + 1 + count(x.children), 0);

describe('org units', () => {
  it('seeds 江苏省 with its 13 cities and 95 county-level divisions with materialized paths', async () => {
    const rows = await t.db.selectFrom('org_units').select(['code', 'name', 'kind', 'path']).where('source', '=', 'gbt2260').execute();
    expect(rows.filter((r) => r.kind === 'province')).toEqual([{ code: '320000', name: '江苏省', kind: 'province', path: '320000' }]);
    expect(rows.filter((r) => r.kind === 'city')).toHaveLength(13);
    expect(rows.filter((r) => r.kind === 'county')).toHaveLength(95);
    expect(rows.find((r) => r.code === '320583')).toMatchObject({ name: '昆山市', path: '320000.320500.320583' });
    for (const r of rows) expect(r.path.endsWith(r.code)).toBe(true);
  });

  it('gives each bureau its own subtree', async () => {
    const province = await t.app.inject({ url: '/api/org-units/tree', headers: await t.as('province') });
    expect(count(province.json())).toBe(109);
    const suzhou = await t.app.inject({ url: '/api/org-units/tree', headers: await t.as('suzhou') });
    expect(suzhou.json()[0]).toMatchObject({ code: '320500', name: '苏州市' });
    expect(count(suzhou.json())).toBe(10);
    const gusu = await t.app.inject({ url: '/api/org-units/tree', headers: await t.as('gusu') });
    expect(count(gusu.json())).toBe(1);
  });

  it('lets a city admin add a 开发区 under its county, not under another city', async () => {
    const suzhou = await t.as('suzhou');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: suzhou,
      payload: { parentId: await unitId('320583'), name: '昆山经济技术开发区' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'zone', path: expect.stringMatching(/^320000\.320500\.320583\.320583Z\d{3}$/) as unknown });
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: suzhou,
      payload: { parentId: await unitId('320583'), name: '昆山经济技术开发区' },
    });
    expect(dup.statusCode).toBe(409);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: suzhou,
      payload: { parentId: await unitId('320102'), name: '玄武园区' },
    });
    expect(other.statusCode).toBe(404);
    // the zone is now in the county's subtree and visible to the county bureau
    const kunshan = await t.app.inject({ url: '/api/org-units/tree', headers: await t.as('kunshan') });
    expect(kunshan.json()[0].children.map((c: OrgUnitNode) => c.name)).toEqual(['昆山经济技术开发区']);
  });

  it('refuses zone creation to county admins and under the province itself', async () => {
    const county = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: await t.as('gusu'),
      payload: { parentId: await unitId('320508'), name: '姑苏园区' },
    });
    expect(county.statusCode).toBe(403);
    const top = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: await t.as('province'),
      payload: { parentId: await unitId('320000'), name: '省级园区' },
    });
    expect(top.statusCode).toBe(422);
    expect(top.json().error.fields[0].path).toBe('parentId');
  });

  it('keeps GB/T 2260 names official', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/org-units/${await unitId('320508')}`,
      headers: await t.as('suzhou'),
      payload: { name: '新名字' },
    });
    expect(res.statusCode).toBe(422);
  });
});
