/**
 * The study-heartbeat part of the cluster test: officers beat once a second, alternately to each node, the way a
 * load balancer spreads them; a beat whose node died on the way is sent again (same sequence number) to a live
 * node, as the player does on its next try. Afterwards every session's credited seconds in the database are
 * compared with what the crediting rules (src/domain/study-time.ts) allow for exactly the beats that were sent,
 * measured with the server clock reported in each answer: the difference is seconds lost or credited twice.
 */
import { applyHeartbeat, studyTimePolicy, type Heartbeat, type StudySessionState } from '../../domain/study-time';
import { DEFAULT_SECURITY_POLICY } from '../../domain/password-policy';
import { createSession } from '../auth/session-store';
import { clock } from '../clock';
import type { Database } from '../db/database';
import type { AppNode } from './cluster-nodes';

const HEADERS = { 'x-requested-with': 'cluster-test' };
const LESSON_SECONDS = 3600;

interface Officer {
  cookie: string;
  sessionId: number;
}

interface BeatRecord {
  beat: Heartbeat;
  node: string;
  accepted: boolean;
  reason: string;
  creditSeconds: number;
  serverTime: number;
  /** Sent again to another node because the first one died with the request in flight. */
  retried: boolean;
  /** performance.now() when the answer arrived. */
  answeredAt: number;
}

export interface HeartbeatFigures {
  officers: number;
  beats: number;
  /** Beats whose first node died with the request in flight (then sent to the survivor). */
  inFlightAtKill: number;
  /** Accepted beats answered by the survivor after the kill. */
  afterKill: number;
  creditedSeconds: number;
  expectedSeconds: number;
  lostSeconds: number;
  doubledSeconds: number;
  /** Seconds credited by beats whose answer never came (the node died after committing). */
  committedUnanswered: number;
}

/** Officers with a session each, a published 1-hour video lesson, and a study session opened through the nodes. */
export async function prepareOfficers(
  db: Database,
  nodes: AppNode[],
  count: number,
): Promise<{ officers: Officer[]; initial: Map<number, StudySessionState> }> {
  const province = await db.selectFrom('org_units').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow();
  const accounts = await db
    .insertInto('accounts')
    .values(
      Array.from({ length: count }, (_, i) => ({
        username: `cluster-officer-${i}`,
        display_name: `集群学员${i}`,
        role: 'officer' as const,
        org_unit_id: province.id,
        password_hash: 'x',
        must_change_password: false,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('persons')
    .values(
      accounts.map((a, i) => ({
        name: `集群学员${i}`,
        id_number_enc: 'x',
        id_number_hash: `cluster-${i}`,
        id_number_masked: 'x',
        gender: 'male' as const,
        birth_date: '1980-01-01',
        account_id: a.id,
      })),
    )
    .execute();
  const course = await db
    .insertInto('courses')
    .values({
      title: '集群测试课程',
      org_unit_id: province.id,
      level: 'basic',
      credit_hours: 1,
      status: 'published',
      published_at: clock.now(),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lesson = await db
    .insertInto('lessons')
    .values({
      course_id: course.id,
      sort: 1,
      title: '集群测试课时',
      kind: 'video',
      duration_seconds: LESSON_SECONDS,
      media_key: null,
      page_count: null,
      quiz: JSON.stringify(null),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const officers: Officer[] = [];
  for (const [i, a] of accounts.entries()) {
    const cookie = `cqo_sid=${(await createSession(db, a.id, DEFAULT_SECURITY_POLICY, { ip: '127.0.0.1', userAgent: 'cluster-test' })).token}`;
    const node = nodes[i % nodes.length] as AppNode;
    const res = await fetch(`${node.base}/api/study/lessons/${lesson.id}/sessions`, { method: 'POST', headers: { ...HEADERS, cookie } });
    if (res.status !== 201) throw new Error(`opening a study session on ${node.name}: ${res.status} ${await res.text()}`);
    officers.push({ cookie, sessionId: ((await res.json()) as { sessionId: number }).sessionId });
  }
  const rows = await db.selectFrom('study_sessions').select(['id', 'last_beat_at', 'last_position', 'credited_before']).execute();
  const initial = new Map(
    rows.map((s): [number, StudySessionState] => [
      s.id,
      {
        kind: 'video',
        durationSeconds: LESSON_SECONDS,
        creditedBeforeSeconds: s.credited_before,
        creditedSeconds: 0,
        lastBeatAtMs: s.last_beat_at.getTime(),
        lastSeq: 0,
        lastPosition: s.last_position,
        lessonCompleted: false,
      },
    ]),
  );
  return { officers, initial };
}

/** Sends beats until `stop()`; `killed()` tells when the kill happened (beats answered after it are counted). */
export function streamHeartbeats(nodes: AppNode[], officers: Officer[]) {
  const records = officers.map((): BeatRecord[] => []);
  let running = true;
  let killedAt = Number.POSITIVE_INFINITY;
  const started = performance.now();

  const send = async (node: AppNode, officer: Officer, beat: Heartbeat) => {
    const res = await fetch(`${node.base}/api/study/sessions/${officer.sessionId}/heartbeats`, {
      method: 'POST',
      headers: { ...HEADERS, cookie: officer.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(beat),
    });
    if (res.status !== 200) throw new Error(`heartbeat on ${node.name}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { accepted: boolean; reason: string; creditSeconds: number; serverTime: number };
  };

  const loop = async (i: number) => {
    const officer = officers[i] as Officer;
    let seq = 0;
    let turn = i;
    // officers start spread over the first second
    await new Promise((r) => setTimeout(r, (1000 * i) / officers.length));
    while (running) {
      const due = performance.now() + 1000;
      seq += 1;
      const beat: Heartbeat = { seq, position: Math.round(((performance.now() - started) / 1000) * 10) / 10, visible: true, active: true };
      const live = nodes.filter((n) => !n.exited());
      const first = live[turn++ % live.length] as AppNode;
      let retried = false;
      let node = first;
      let answer;
      try {
        answer = await send(first, officer, beat);
      } catch (err) {
        // the node died with the beat in flight (connection refused or reset): the next live node gets it again
        for (let t = 0; t < 50 && !first.exited(); t++) await new Promise((r) => setTimeout(r, 100));
        const other = nodes.find((n) => n !== first && !n.exited());
        if (!other || !first.exited()) throw err;
        retried = true;
        node = other;
        answer = await send(other, officer, beat);
      }
      records[i]?.push({ beat, node: node.name, retried, answeredAt: performance.now(), ...answer });
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    }
  };
  const errors: string[] = [];
  const loops = officers.map((_, i) =>
    loop(i).catch((err: unknown) => {
      errors.push(`officer ${i}: ${err instanceof Error ? err.message : String(err)}`);
    }),
  );

  return {
    killed: () => {
      killedAt = performance.now();
    },
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return { records, killedAt, errors };
    },
  };
}

/** Credited seconds in the database against the rules applied to the beats sent and answered. */
export async function reconcileHeartbeats(
  db: Database,
  officers: Officer[],
  initial: Map<number, StudySessionState>,
  result: Awaited<ReturnType<ReturnType<typeof streamHeartbeats>['stop']>>,
  heartbeatSeconds: number,
): Promise<HeartbeatFigures> {
  const policy = studyTimePolicy(heartbeatSeconds);
  const credited = new Map((await db.selectFrom('study_sessions').select(['id', 'credited_seconds']).execute()).map((s) => [s.id, s.credited_seconds]));
  const figures: HeartbeatFigures = {
    officers: officers.length,
    beats: 0,
    inFlightAtKill: 0,
    afterKill: 0,
    creditedSeconds: 0,
    expectedSeconds: 0,
    lostSeconds: 0,
    doubledSeconds: 0,
    committedUnanswered: 0,
  };
  for (const [i, officer] of officers.entries()) {
    let state = initial.get(officer.sessionId);
    if (!state) throw new Error(`study session ${officer.sessionId} missing`);
    let expected = 0;
    let answered = 0;
    for (const r of result.records[i] ?? []) {
      figures.beats += 1;
      if (r.retried) figures.inFlightAtKill += 1;
      answered += r.creditSeconds;
      // a retried beat the first node had committed comes back 'replayed': the next beat's credit covers its time
      const verdict = applyHeartbeat(state, r.beat, r.serverTime, true, policy);
      if (r.accepted && verdict.accepted) {
        state = verdict.next;
        expected += verdict.creditSeconds;
        if (r.answeredAt > result.killedAt) figures.afterKill += 1;
      }
    }
    const actual = credited.get(officer.sessionId) ?? 0;
    figures.creditedSeconds += actual;
    figures.expectedSeconds += expected;
    figures.lostSeconds += Math.max(0, expected - actual);
    figures.doubledSeconds += Math.max(0, actual - expected);
    figures.committedUnanswered += actual - answered;
  }
  return figures;
}
