import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { HeartbeatBatches } from './heartbeat-batch';
import { clock } from '../../clock';

/** Counts the statements sent through the database it is plugged into. */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

let t: TestApp;
const sessionIds: number[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.db.selectFrom('org_units').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow();
  const course = await t.db
    .insertInto('courses')
    .values({
      title: '批量心跳课程',
      org_unit_id: province.id,
      level: 'basic',
      credit_hours: 1,
      status: 'published',
      published_at: clock.now(),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lesson = await t.db
    .insertInto('lessons')
    .values({
      course_id: course.id,
      sort: 1,
      title: '批量心跳课时',
      kind: 'video',
      duration_seconds: 600,
      media_key: null,
      page_count: null,
      quiz: JSON.stringify(null),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const persons = await t.db.selectFrom('persons').select(['id']).orderBy('id').limit(3).execute();
  const account = await t.db.selectFrom('accounts').select('id').where('username', '=', 'officer-kunshan-1').executeTakeFirstOrThrow();
  for (const p of persons) {
    const s = await t.db
      .insertInto('study_sessions')
      .values({
        account_id: account.id,
        person_id: p.id,
        lesson_id: lesson.id,
        course_id: course.id,
        kind: 'video',
        duration_seconds: 600,
        lesson_completed: false,
        credited_before: 0,
        last_beat_at: new Date(clock.nowMs() - 20_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`insert into study_leases (person_id, session_id) values (${p.id}, ${s.id}) on conflict (person_id) do update set session_id = excluded.session_id`.execute(
      t.db,
    );
    sessionIds.push(s.id);
  }
});
afterAll(async () => {
  await t.close();
});

const write = (sessionId: number, lastSeq: number, creditedSeconds: number) => ({
  sessionId,
  creditedSeconds,
  lastBeatAtMs: clock.nowMs(),
  lastSeq,
  lastPosition: 20,
  readSeq: 0,
  readCompleted: false,
});

describe('heartbeat batches', () => {
  it('reads the sessions of one turn in one statement, each with its lease', async () => {
    const counter = new StatementCounter();
    const batches = new HeartbeatBatches(t.db.withPlugin(counter));
    const rows = await Promise.all([...sessionIds, 987654321].map((id) => batches.read(id)));
    expect(counter.count).toBe(1);
    expect(rows.slice(0, 3).map((r) => r?.id)).toEqual(sessionIds);
    expect(rows.every((r, i) => (i < 3 ? r?.holds === true && r.last_seq === 0 : r === null))).toBe(true);
  });

  it('writes the beats of one turn in one statement, and of two beats computed from the same state only one lands', async () => {
    const counter = new StatementCounter();
    const batches = new HeartbeatBatches(t.db.withPlugin(counter));
    const [a, c, d] = sessionIds as [number, number, number];
    const results = await Promise.all([
      batches.write(write(a, 1, 20)),
      batches.write(write(a, 2, 20)),
      batches.write(write(c, 1, 15)),
      batches.write(write(d, 1, 5)),
    ]);
    expect(counter.count).toBe(1);
    expect(results.slice(0, 2).filter(Boolean)).toHaveLength(1);
    expect(results.slice(2)).toEqual([true, true]);
    const rows = await t.db.selectFrom('study_sessions').select(['id', 'credited_seconds', 'last_seq']).where('id', 'in', sessionIds).orderBy('id').execute();
    expect(rows.map((r) => r.credited_seconds)).toEqual([20, 15, 5]);
    // the landed beat is the one the answer says
    expect(rows[0]?.last_seq).toBe(results[0] ? 1 : 2);
    // a second write from the now stale state is refused
    expect(await batches.write(write(c, 2, 30))).toBe(false);
  });

  it('refuses a write for a session that has lost its lease or whose lesson was completed', async () => {
    const batches = new HeartbeatBatches(t.db);
    const [, e, f] = sessionIds as [number, number, number];
    await sql`delete from study_leases where session_id = ${e}`.execute(t.db);
    await t.db.updateTable('study_sessions').set({ lesson_completed: true }).where('id', '=', f).execute();
    const results = await Promise.all([batches.write({ ...write(e, 2, 40), readSeq: 1 }), batches.write({ ...write(f, 2, 40), readSeq: 1 })]);
    expect(results).toEqual([false, false]);
  });
});
