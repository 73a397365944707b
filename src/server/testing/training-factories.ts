import { sql } from 'kysely';
import { clock } from '../clock';
import { createCandidate, QUALITY_DIRECTOR } from './factories';
import { send } from './http';
import type { TestApp } from './test-app';

/**
 * Training classes made as the bureau, the officers, the enterprise and the trainer make them, for tests that each
 * build the class they assert on (`createClass`) instead of following one class through a whole file.
 */

type Headers = Record<string, string>;
const MIN = 60_000;

/** The body of `POST /api/training/classes`: a 2-seat 基础 class of 16 hours, its first session in 20 minutes, the second in two days. */
export function classBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '测试基础培训班',
    tier: 'basic',
    format: 'in_person',
    venue: '昆山市市场监督管理局培训室',
    capacity: 2,
    hours: 16,
    passMark: 60,
    minAttendancePercent: 50,
    sessions: [
      { title: '第一课', startsAt: new Date(clock.nowMs() + 20 * MIN).toISOString(), endsAt: new Date(clock.nowMs() + 200 * MIN).toISOString() },
      {
        title: '第二课',
        startsAt: new Date(clock.nowMs() + 2 * 24 * 60 * MIN).toISOString(),
        endsAt: new Date(clock.nowMs() + (2 * 24 * 60 + 180) * MIN).toISOString(),
      },
    ],
    ...over,
  };
}

/** The accounts the training tests act as (key → username); `otherTrainer` is made by `trainingAccounts`. */
export const TRAINING_ACCOUNTS = {
  kunshan: 'kunshan',
  gusu: 'gusu',
  suzhou: 'suzhou',
  nanjing: 'nanjing',
  province: 'province',
  officer: 'officer-kunshan-1',
  ent: 'ent-kunshan-1',
  trainer: 'trainer-suzhou',
  otherTrainer: 'trainer-other',
} as const;

export type TrainingAccount = keyof typeof TRAINING_ACCOUNTS;

/**
 * Headers for every account of `TRAINING_ACCOUNTS`, after adding `trainer-other`, a trainer of another institution
 * (its row is written directly with the demo trainer's password hash: no route creates trainer accounts for a test).
 */
export async function trainingAccounts(t: TestApp): Promise<Record<TrainingAccount, Headers>> {
  const trainer = await t.db.selectFrom('accounts').select(['password_hash', 'org_unit_id']).where('username', '=', 'trainer-suzhou').executeTakeFirstOrThrow();
  await t.db
    .insertInto('accounts')
    .values({
      username: 'trainer-other',
      display_name: '另一培训机构',
      role: 'trainer',
      org_unit_id: trainer.org_unit_id,
      password_hash: trainer.password_hash,
      must_change_password: false,
    })
    .execute();
  const h: Partial<Record<TrainingAccount, Headers>> = {};
  for (const [key, username] of Object.entries(TRAINING_ACCOUNTS)) h[key as TrainingAccount] = await t.as(username);
  return h as Record<TrainingAccount, Headers>;
}

/** The ids of the 苏州市 instructor pool, in id order. */
export async function suzhouInstructors(t: TestApp): Promise<number[]> {
  const rows = await t.db
    .selectFrom('training_instructors as i')
    .innerJoin('org_units as o', 'o.id', 'i.org_unit_id')
    .select('i.id')
    .where('o.code', '=', '320500')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => r.id);
}

export interface ClassOptions {
  /** The organising bureau's account; default the 昆山市 county bureau. */
  bureau?: string;
  /** The trainer running the class (an account name); default trainer-suzhou, `null` for none. */
  trainer?: string | null;
  /** More or other fields of the class (see `classBody`). */
  body?: Record<string, unknown>;
  /** Officers (account names) who enrol themselves, in order. */
  officers?: string[];
  /** How many new candidates of ent-kunshan-1 the enterprise enrols after the officers (past capacity they wait). */
  candidates?: number;
  /** Move the sessions back so that the last one ended a minute ago: attendance, scores and certificates are open. */
  ended?: boolean;
  /** With `ended`: the trainer records every enrolled person present at every session. */
  attended?: boolean;
}

export interface Enrolment {
  id: number;
  personId: number;
  status: 'enrolled' | 'waitlisted';
}

export interface MadeClass {
  id: number;
  sessionIds: number[];
  /** The officers' enrolments, then the candidates', in the order of the options. */
  enrolments: Enrolment[];
}

/** A training class with its sessions, made by the bureau, optionally with enrolments, ended and attended. */
export async function createClass(t: TestApp, options: ClassOptions = {}): Promise<MadeClass> {
  const trainerName = options.trainer === undefined ? 'trainer-suzhou' : options.trainer;
  const trainer = trainerName === null ? null : await t.db.selectFrom('accounts').select('id').where('username', '=', trainerName).executeTakeFirstOrThrow();
  const body = classBody({ ...(trainer ? { trainerAccountId: trainer.id } : {}), ...options.body });
  const bureau = await t.as(options.bureau ?? 'kunshan');
  const { id } = await send<{ id: number }>(t, { method: 'POST', url: '/api/training/classes', headers: bureau, payload: body }, 201);
  const detail = await send<{ sessions: { id: number }[] }>(t, { method: 'GET', url: `/api/training/classes/${String(id)}`, headers: bureau }, 200);
  const made: MadeClass = { id, sessionIds: detail.sessions.map((s) => s.id), enrolments: [] };
  for (const officer of options.officers ?? []) made.enrolments.push(await enrolOfficer(t, id, officer));
  for (let i = 0; i < (options.candidates ?? 0); i += 1) made.enrolments.push(await enrolCandidate(t, id));
  if (options.ended) await endClass(t, id);
  if (options.ended && options.attended) {
    for (const sessionId of made.sessionIds) {
      for (const e of made.enrolments) if (e.status === 'enrolled') await recordAttendance(t, sessionId, e.id, 'present', trainerName ?? 'trainer-suzhou');
    }
  }
  return made;
}

/** The officer enrols in the class (201); returns the enrolment. */
export async function enrolOfficer(t: TestApp, classId: number, officer = 'officer-kunshan-1'): Promise<Enrolment> {
  const e = await send<{ id: number; status: Enrolment['status'] }>(
    t,
    { method: 'POST', url: `/api/training/classes/${String(classId)}/enrolments`, headers: await t.as(officer), payload: {} },
    201,
  );
  const person = await t.db
    .selectFrom('persons as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select('p.id')
    .where('a.username', '=', officer)
    .executeTakeFirstOrThrow();
  return { id: e.id, personId: person.id, status: e.status };
}

/** The enterprise (default ent-kunshan-1) makes a new candidate and enrols it (201); returns the enrolment. */
export async function enrolCandidate(t: TestApp, classId: number, enterprise = 'ent-kunshan-1', name = '林培训'): Promise<Enrolment> {
  const headers = await t.as(enterprise);
  const personId = await createCandidate(t, { enterprise: headers, name, fields: QUALITY_DIRECTOR });
  const e = await send<{ id: number; status: Enrolment['status'] }>(
    t,
    { method: 'POST', url: `/api/training/classes/${String(classId)}/enrolments`, headers, payload: { candidateId: personId } },
    201,
  );
  return { id: e.id, personId, status: e.status };
}

/** Moves the class's sessions back in time so that `moment` (one of their times) is `clock.now()` + `plusMs`. */
export async function shiftClassTo(t: TestApp, classId: number, moment: Date, plusMs = 0): Promise<void> {
  const ms = new Date(moment).getTime() - clock.nowMs() + plusMs;
  const by = sql`(${ms / 1000})::float8 * interval '1 second'`;
  await sql`update training_sessions set starts_at = starts_at - ${by}, ends_at = ends_at - ${by} where class_id = ${classId}`.execute(t.db);
}

/** The class took place: its last session ended a minute ago. */
export async function endClass(t: TestApp, classId: number): Promise<void> {
  const last = await t.db
    .selectFrom('training_sessions')
    .select((eb) => eb.fn.max('ends_at').as('end'))
    .where('class_id', '=', classId)
    .executeTakeFirstOrThrow();
  await shiftClassTo(t, classId, new Date(last.end as Date), MIN);
}

/** The trainer records (or corrects) a person's attendance at a session that has begun (200). */
export async function recordAttendance(
  t: TestApp,
  sessionId: number,
  enrolmentId: number,
  status: 'present' | 'late' | 'absent' = 'present',
  trainer = 'trainer-suzhou',
): Promise<void> {
  await send(
    t,
    {
      method: 'PUT',
      url: `/api/training/sessions/${String(sessionId)}/attendance/${String(enrolmentId)}`,
      headers: await t.as(trainer),
      payload: { status, reason: '现场签到表核对' },
    },
    200,
  );
}

/** The trainer enters scores (and make-up scores) of the ended class (200). */
export async function enterScores(
  t: TestApp,
  classId: number,
  entries: { enrolmentId: number; score?: number; makeupScore?: number }[],
  trainer = 'trainer-suzhou',
): Promise<void> {
  await send(t, { method: 'PUT', url: `/api/training/classes/${String(classId)}/scores`, headers: await t.as(trainer), payload: { entries } }, 200);
}

/** The trainer issues the enrolment's certificate (201); returns its id and serial. */
export async function issueCertificate(t: TestApp, enrolmentId: number, trainer = 'trainer-suzhou'): Promise<{ id: number; serial: string }> {
  return send<{ id: number; serial: string }>(
    t,
    { method: 'POST', url: `/api/training/enrolments/${String(enrolmentId)}/certificate`, headers: await t.as(trainer) },
    201,
  );
}
