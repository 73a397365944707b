import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

/** Organisations carry canJoin / canLeave, decided by the server's rule, so the pages do not test role names. */
let t: TestApp;
const h: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['kunshan', 'officer-kunshan-1', 'officer-kunshan-2', 'alliance-js']) h[u] = await t.as(u);
});
afterAll(async () => {
  await t.close();
});

interface Org {
  id: number;
  name: string;
  status: string;
  myStatus: string | null;
  canJoin: boolean;
  canLeave: boolean;
}
const orgs = async (u: string): Promise<Org[]> => {
  const res = await t.app.inject({ url: '/api/community/organisations', headers: h[u] });
  expect(res.statusCode).toBe(200);
  return res.json<Org[]>();
};

describe('canJoin and canLeave on GET /api/community/organisations', () => {
  it('a member may leave and not join again; bureaus and alliance admins do neither', async () => {
    const member = (await orgs('officer-kunshan-2')).filter((o) => o.myStatus === 'active');
    expect(member.length).toBeGreaterThan(0);
    for (const o of member) expect(o).toMatchObject({ canJoin: false, canLeave: true });
    for (const u of ['kunshan', 'alliance-js']) for (const o of await orgs(u)) expect(o).toMatchObject({ canJoin: false, canLeave: false });
  });

  it('an officer may apply where canJoin says so; afterwards it says no', async () => {
    const open = (await orgs('officer-kunshan-1')).find((o) => o.canJoin);
    expect(open).toBeDefined();
    const applied = await t.app.inject({ method: 'POST', url: `/api/community/organisations/${open?.id}/join`, headers: h['officer-kunshan-1'], payload: {} });
    expect(applied.statusCode).toBeLessThan(300);
    const after = (await orgs('officer-kunshan-1')).find((o) => o.id === open?.id);
    expect(after?.canJoin).toBe(false);
    // the route agrees with the flag
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/community/organisations/${open?.id}/join`, headers: h['officer-kunshan-1'], payload: {} })).statusCode,
    ).toBe(409);
  });
});
