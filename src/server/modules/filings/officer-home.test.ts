import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { clock } from '../../clock';
import * as m0029 from '../../db/migrations/0029_officer_home';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { attachLetter, createCandidate, QUALITY_DIRECTOR } from '../../testing/factories';
import { dayFromToday } from '../../testing/dates';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRatePerMinute: 1000 });
});
afterAll(async () => {
  await t.close();
});

const XRW = { 'x-requested-with': 'vitest' };
const MIN = 60_000;
const call = async (username: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: await t.as(username), ...(payload === undefined ? {} : { payload }) });
const homeOf = async (username: string) =>
  (
    await t.db
      .selectFrom('accounts as a')
      .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
      .select(['o.code', 'o.name'])
      .where('a.username', '=', username)
      .executeTakeFirstOrThrow()
  ).code;

/** The enterprise files the candidate, the filing is submitted and 昆山 approves it; returns the filing id. */
async function fileAndApprove(candidateId: number): Promise<number> {
  const ent = await t.as('ent-kunshan-1');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/filings',
    headers: ent,
    payload: { candidateId, appointmentDate: dayFromToday(-10), departmentsLed: '质量管理部', reportsToGeneralManager: true, vetoRight: true },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: number }>().id;
  await attachLetter(t, ent, id);
  expect((await t.app.inject({ method: 'POST', url: `/api/filings/${id}/submit`, headers: ent })).statusCode).toBe(200);
  const approved = await call('kunshan', 'POST', `/api/filings/${id}/approve`, {
    remarks: '予以备案',
    overrideReason: '企业质量管理成效显著，经集体研究同意破格',
  });
  expect(approved.statusCode, approved.body).toBe(200);
  return id;
}

/** An invited officer registers through the invitation and 昆山 confirms the link; returns the username. */
async function invitedOfficer(candidateId: number, username: string, idNumber: string, name: string): Promise<void> {
  const invite = await call('ent-kunshan-1', 'POST', `/api/candidates/${candidateId}/invitations`);
  expect(invite.statusCode, invite.body).toBe(201);
  const token = new URL(invite.json<{ url: string }>().url).searchParams.get('invite') ?? '';
  const reg = await t.app.inject({
    method: 'POST',
    url: '/api/public/officer-registrations',
    headers: XRW,
    payload: { username, name, idNumber, phone: '13800003333', password: 'Officer#2026ok', inviteToken: token },
  });
  expect(reg.statusCode, reg.body).toBe(201);
  // registered through an invitation the account starts at the province
  expect(await homeOf(username)).toBe('320000');
  const pending = (await call('kunshan', 'GET', '/api/identity/link-requests')).json<{ id: number; username: string }[]>();
  const mine = pending.find((r) => r.username === username);
  expect((await call('kunshan', 'POST', `/api/identity/link-requests/${mine?.id ?? 0}/confirm`, { note: '已核对聘任文件及身份证原件' })).statusCode).toBe(200);
}

describe('officers homed where they work', () => {
  it('an invited officer moves to the county when the filing is approved, sees and enrols in its 基础 class', async () => {
    const body = '32058319850707331';
    const idNumber = body + idNumberCheckCharacter(body);
    const candidateId = await createCandidate(t, { enterprise: await t.as('ent-kunshan-1'), name: '周质量', idNumber, fields: QUALITY_DIRECTOR });
    await invitedOfficer(candidateId, 'officer-zhou', idNumber, '周质量');
    // linked, but no active filing yet: still at the province
    expect(await homeOf('officer-zhou')).toBe('320000');

    // 昆山's 基础 class, open for enrolment
    const cls = await call('kunshan', 'POST', '/api/training/classes', {
      name: '昆山市首席质量官基础培训班（第二期）',
      tier: 'basic',
      format: 'in_person',
      venue: '昆山市市场监督管理局培训室',
      capacity: 30,
      hours: 16,
      passMark: 60,
      minAttendancePercent: 50,
      sessions: [
        {
          title: '第一课',
          startsAt: new Date(clock.nowMs() + 3 * 24 * 60 * MIN).toISOString(),
          endsAt: new Date(clock.nowMs() + (3 * 24 * 60 + 180) * MIN).toISOString(),
        },
      ],
    });
    expect(cls.statusCode, cls.body).toBe(201);
    const classId = cls.json<{ id: number }>().id;
    expect((await call('officer-zhou', 'GET', `/api/training/classes/${classId}`)).statusCode).toBe(404);

    const filingId = await fileAndApprove(candidateId);
    expect(await homeOf('officer-zhou')).toBe('320583');
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['actor_username', 'details'])
      .where('action', '=', 'account.officer_home')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_username: 'kunshan', details: { filingId } });

    expect((await call('officer-zhou', 'GET', `/api/training/classes/${classId}`)).statusCode).toBe(200);
    const enrol = await call('officer-zhou', 'POST', `/api/training/classes/${classId}/enrolments`, {});
    expect(enrol.statusCode, enrol.body).toBe(201);

    // ending the appointment keeps the home and the history
    const ended = await call('ent-kunshan-1', 'POST', `/api/filings/${filingId}/end`, {
      kind: 'resignation',
      cause: 'voluntary',
      reason: '个人原因辞任',
      date: dayFromToday(0),
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await homeOf('officer-zhou')).toBe('320583');
  });

  it('an officer whose filing was approved before the link moves when the bureau confirms the link', async () => {
    const body = '32058319860808442';
    const idNumber = body + idNumberCheckCharacter(body);
    const candidateId = await createCandidate(t, { enterprise: await t.as('ent-kunshan-1'), name: '吴质量', idNumber, fields: QUALITY_DIRECTOR });
    await fileAndApprove(candidateId);
    await invitedOfficer(candidateId, 'officer-wu', idNumber, '吴质量');
    expect(await homeOf('officer-wu')).toBe('320583');
  });

  it('migration 0029 re-homes approved officers still at the province, and no one else', async () => {
    const province = await t.db.selectFrom('org_units').select('id').where('code', '=', '320000').executeTakeFirstOrThrow();
    const officer = await t.db.selectFrom('accounts').select(['id', 'org_unit_id']).where('username', '=', 'officer-kunshan-2').executeTakeFirstOrThrow();
    await t.db.updateTable('accounts').set({ org_unit_id: province.id }).where('id', '=', officer.id).execute();
    // an officer account without an active filing stays at the province
    const template = await t.db.selectFrom('accounts').select('password_hash').where('id', '=', officer.id).executeTakeFirstOrThrow();
    const lone = await t.db
      .insertInto('accounts')
      .values({
        username: 'officer-unfiled',
        display_name: '待备案',
        role: 'officer',
        org_unit_id: province.id,
        password_hash: template.password_hash,
        must_change_password: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const beforeOthers = await t.db.selectFrom('accounts').select(['id', 'org_unit_id']).where('role', '!=', 'officer').orderBy('id').execute();
    await m0029.up(t.db as unknown as Kysely<unknown>);
    expect((await t.db.selectFrom('accounts').select('org_unit_id').where('id', '=', officer.id).executeTakeFirstOrThrow()).org_unit_id).toBe(
      officer.org_unit_id,
    );
    expect(await homeOf('officer-kunshan-2')).not.toBe('320000');
    expect(await homeOf('officer-unfiled')).toBe('320000');
    expect(lone.id).toBeGreaterThan(officer.id);
    expect(await t.db.selectFrom('accounts').select(['id', 'org_unit_id']).where('role', '!=', 'officer').orderBy('id').execute()).toEqual(beforeOthers);
  });
});
