import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAITLIST_RULE } from '../../../domain/training';
import { createCandidate, idNumberFrom, QUALITY_DIRECTOR } from '../../testing/factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { clock } from '../../clock';

let t: TestApp;
let kunshan: Record<string, string>;
let officer: Record<string, string>;
let ent: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  kunshan = await t.as('kunshan');
  officer = await t.as('officer-kunshan-1');
  ent = await t.as('ent-kunshan-1');
});
afterAll(async () => {
  await t.close();
});

const MIN = 60_000;
const enrol = (classId: number, headers: Record<string, string>, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/enrolments`, headers, payload });

type RosterItem = { id: number; name: string; status: string; priority: number; priorityLabel: string; waitlistPosition: number | null };

describe('四 岗位基本待遇: 同等条件下，首席质量官享有参加质量继续教育的优先待遇', () => {
  it('puts a filed CQO ahead of earlier candidates on the waiting list of a full class, promotes them first and shows the rule', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/training/classes',
      headers: kunshan,
      payload: {
        name: '优先候补测试班',
        tier: 'basic',
        format: 'in_person',
        venue: '昆山市市场监督管理局培训室',
        capacity: 1,
        hours: 8,
        passMark: 60,
        minAttendancePercent: 50,
        waivePrerequisite: true,
        sessions: [
          {
            title: '第一课',
            startsAt: new Date(clock.nowMs() + 3 * 24 * 60 * MIN).toISOString(),
            endsAt: new Date(clock.nowMs() + (3 * 24 * 60 + 180) * MIN).toISOString(),
          },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const classId = created.json<{ id: number }>().id;
    const first = await createCandidate(t, { enterprise: ent, name: '韩先报', idNumber: idNumberFrom('32058319850505111'), fields: QUALITY_DIRECTOR });
    const second = await createCandidate(t, { enterprise: ent, name: '杨后报', idNumber: idNumberFrom('32058319860606222'), fields: QUALITY_DIRECTOR });
    // the first candidate takes the only seat, the second waits; the filed CQO enrols last and still waits ahead of the second
    expect((await enrol(classId, ent, { candidateId: first })).json()).toMatchObject({ status: 'enrolled' });
    expect((await enrol(classId, ent, { candidateId: second })).json()).toMatchObject({ status: 'waitlisted' });
    const officerEnrol = await enrol(classId, officer, {});
    expect(officerEnrol.json()).toMatchObject({ status: 'waitlisted' });

    const aboveScale = await t.db
      .selectFrom('accounts as a')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .select('e.above_scale')
      .where('a.username', '=', 'ent-kunshan-1')
      .executeTakeFirstOrThrow();
    const roster = (await t.app.inject({ url: `/api/training/classes/${classId}/roster`, headers: kunshan })).json<{
      waitlistRule: string;
      items: RosterItem[];
    }>();
    expect(roster.waitlistRule).toBe(WAITLIST_RULE);
    const waiting = roster.items.filter((i) => i.status === 'waitlisted');
    expect(waiting.map((i) => [i.id, i.priority, i.waitlistPosition])).toEqual([
      [officerEnrol.json<{ id: number }>().id, aboveScale.above_scale ? 0 : 1, 1],
      [expect.any(Number), 2, 2],
    ]);
    expect(waiting[0]?.priorityLabel).toContain('在任首席质量官');

    // the seat frees up: the filed CQO is promoted, not the candidate who enrolled earlier
    const firstEnrolment = roster.items.find((i) => i.status === 'enrolled');
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/training/enrolments/${firstEnrolment?.id}/cancel`,
      headers: ent,
      payload: { reason: '工作冲突' },
    });
    expect(cancel.statusCode).toBe(200);
    const rows = await t.db.selectFrom('training_enrolments').select(['id', 'person_id', 'status']).where('class_id', '=', classId).orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'waitlisted', 'enrolled']);
    expect(rows[2]?.id).toBe(officerEnrol.json<{ id: number }>().id);
    const secondPerson = await t.db.selectFrom('candidates').select('person_id').where('id', '=', second).executeTakeFirstOrThrow();
    expect(rows[1]?.person_id).toBe(secondPerson.person_id);
  });
});
