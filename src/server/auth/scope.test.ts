import type { RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWithinScope } from '../../domain/org-unit';
import type { OpenedDatabase } from '../db/database';
import { openTestDatabase } from '../testing/test-app';
import {
  ancestorOf,
  codeAtOrAbove,
  orgUnitAtOrAbove,
  orgUnitWithin,
  pathUnder,
  pathWithin,
  scopeOf,
  withinOrAbove,
  withinUnit,
  type RegionCaller,
} from './scope';
import type { SessionAccount } from './session-store';

/** The SQL builders of the scope module agree with the in-memory rule (`isWithinScope`) over the seeded org-unit tree. */
let opened: OpenedDatabase;
let units: { id: number; code: string; path: string }[];

beforeAll(async () => {
  opened = await openTestDatabase();
  units = await opened.db.selectFrom('org_units').select(['id', 'code', 'path']).orderBy('id').execute();
});
afterAll(async () => {
  await opened.close();
});

const unit = (code: string) => {
  const u = units.find((x) => x.code === code);
  if (!u) throw new Error(`no unit ${code}`);
  return u;
};
const idsWhere = (test: (path: string) => boolean) => units.filter((u) => test(u.path)).map((u) => u.id);
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('scope builders', () => {
  it('pathUnder joins every unit with its subtree, and nothing else', async () => {
    const rows = await opened.db
      .selectFrom('org_units as u')
      .innerJoin('org_units as x', (j) => j.on(pathUnder('x.path', 'u.path')))
      .select(['u.id as u', 'x.id as x'])
      .execute();
    const expected = units.flatMap((u) => units.filter((x) => isWithinScope(x.path, u.path)).map((x) => `${String(u.id)}-${String(x.id)}`));
    expect(rows.map((r) => `${String(r.u)}-${String(r.x)}`).sort()).toEqual(expected.sort());
    expect(rows.length).toBeGreaterThan(units.length);
  });

  it.each(['320000', '320500', '320583'])('withinUnit, pathWithin and orgUnitWithin give the subtree of %s, by id and by path', async (code) => {
    const u = unit(code);
    const expected = sorted(idsWhere((p) => isWithinScope(p, u.path)));
    const q = opened.db.selectFrom('org_units as o').select('o.id').orderBy('o.id');
    expect((await q.where(withinUnit('o.path', u.id)).execute()).map((r) => r.id)).toEqual(expected);
    expect((await q.where(withinUnit('o.path', u.path)).execute()).map((r) => r.id)).toEqual(expected);
    expect((await q.where(pathWithin('o.path', u.path)).execute()).map((r) => r.id)).toEqual(expected);
    expect((await q.where(orgUnitWithin('o.id', u.id)).execute()).map((r) => r.id)).toEqual(expected);
    expect((await q.where(orgUnitWithin('o.id', u.path)).execute()).map((r) => r.id)).toEqual(expected);
  });

  it('an unknown unit id matches nothing', async () => {
    const q = opened.db.selectFrom('org_units as o').select('o.id');
    expect(await q.where(withinUnit('o.path', -1)).execute()).toEqual([]);
    expect(await q.where(orgUnitWithin('o.id', -1)).execute()).toEqual([]);
  });

  it('ancestorOf keeps the unit and those above it; withinOrAbove adds the subtree', async () => {
    const county = unit('320583');
    const q = opened.db.selectFrom('org_units as o').select('o.id').orderBy('o.id');
    expect((await q.where(ancestorOf('o.path', county.path)).execute()).map((r) => r.id)).toEqual(sorted([unit('320000').id, unit('320500').id, county.id]));
    const city = unit('320500');
    expect((await q.where(withinOrAbove('o.path', city.path)).execute()).map((r) => r.id)).toEqual(
      sorted(idsWhere((p) => isWithinScope(p, city.path) || isWithinScope(city.path, p))),
    );
  });

  it.each(['320000', '320500', '320583'])('codeAtOrAbove and orgUnitAtOrAbove give %s and the units above it, by id and by path', async (code) => {
    const u = unit(code);
    const expected = sorted(idsWhere((p) => isWithinScope(u.path, p)));
    const q = opened.db.selectFrom('org_units as o').select('o.id').orderBy('o.id');
    expect((await q.where(ancestorOf('o.path', u.path)).execute()).map((r) => r.id)).toEqual(expected);
    for (const ref of [u.id, u.path]) {
      expect((await q.where(codeAtOrAbove('o.code', ref)).execute()).map((r) => r.id)).toEqual(expected);
      expect((await q.where(orgUnitAtOrAbove('o.id', ref)).execute()).map((r) => r.id)).toEqual(expected);
    }
  });

  it('scopeOf binds the region to a bureau and gives other roles nothing', async () => {
    const city = unit('320500');
    const bureau = { role: 'city_admin', orgUnitPath: city.path, accountId: 1, enterpriseId: null, industryScope: null } as unknown as SessionAccount;
    const enterprise = { ...bureau, role: 'enterprise' } as SessionAccount;
    const q = opened.db.selectFrom('org_units as o').select('o.id').orderBy('o.id');
    expect((await q.where(scopeOf(bureau).region('o.id')).execute()).map((r) => r.id)).toEqual(sorted(idsWhere((p) => isWithinScope(p, city.path))));
    expect(await q.where(scopeOf(enterprise).region('o.id')).execute()).toEqual([]);
  });

  it("scopeOf's unit conditions: the subtree and what lies above whatever the role; administered for the system administrator", async () => {
    const county = unit('320583');
    const officer: RegionCaller = { role: 'officer', orgUnitPath: county.path };
    const q = opened.db.selectFrom('org_units as o').select('o.id').orderBy('o.id');
    const ids = async (c: RawBuilder<boolean>) => (await q.where(c).execute()).map((r) => r.id);
    // a caller known by role and unit only (a job's snapshot) gets these without an enterprise or industries
    expect(await ids(scopeOf(officer).subtree('o.path'))).toEqual(sorted(idsWhere((p) => isWithinScope(p, county.path))));
    expect(await ids(scopeOf(officer).above('o.id'))).toEqual(sorted([unit('320000').id, unit('320500').id, county.id]));
    expect(await ids(scopeOf(officer).line('o.path'))).toEqual(sorted(idsWhere((p) => isWithinScope(p, county.path) || isWithinScope(county.path, p))));
    expect(await ids(scopeOf(officer).region('o.id'))).toEqual([]);
    expect(await ids(scopeOf(officer).administered('o.id'))).toEqual([]);
    const province = unit('320000');
    expect(await ids(scopeOf({ role: 'system_admin', orgUnitPath: province.path }).administered('o.id'))).toEqual(sorted(units.map((u) => u.id)));
    expect(await ids(scopeOf({ role: 'system_admin', orgUnitPath: province.path }).region('o.id'))).toEqual([]);
  });
});
