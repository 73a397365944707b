import { sql, type Kysely } from 'kysely';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { forbidden } from '../../errors';
import { secondsToLedgerMinutes } from '../../../domain/study-time';
import { setStudyMinutes } from '../study-ledger/ledger';
import { clock } from '../../clock';
import { findPersonOfAccount } from '../../persons/repository';

/**
 * Who studies: a linked person, or an officer account whose identity the bureau has not confirmed yet (issue 16
 * item 1: such an account may study). The study rows of the latter carry `account_id` with `person_id` null
 * (migration 0033) and move to the person when the link is confirmed (`moveAccountStudyToPerson`). `mine` selects the
 * learner's rows in `study_sessions`, `study_leases`, `lesson_progress` and `quiz_attempts`.
 */
export type Learner = { personId: number | null; accountId: number; regionPath: string };

/** The learner behind an officer account; 403 for any other account. */
export async function learnerOf(db: Kysely<DB>, caller: SessionAccount): Promise<Learner> {
  if (caller.role !== 'officer') throw forbidden('仅首席质量官可以在线自学');
  const person = await findPersonOfAccount(db, caller.accountId);
  if (!person) return { personId: null, accountId: caller.accountId, regionPath: caller.orgUnitPath };
  return { personId: person.id, accountId: caller.accountId, regionPath: await appointmentRegion(db, person.id, caller.orgUnitPath) };
}

/** The region of the person's active appointment, which decides which city's courses it sees; else `fallback`. */
export async function appointmentRegion(db: Kysely<DB>, personId: number, fallback: string): Promise<string> {
  const region = await db
    .selectFrom('filings as f')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
    .select('o.path')
    .where('f.person_id', '=', personId)
    .where('f.status', '=', 'active')
    .orderBy('f.id', 'desc')
    .executeTakeFirst();
  return region?.path ?? fallback;
}

/** Is the learner linked to a person (its time reaches the study account)? */
export const linked = (l: Learner): l is Learner & { personId: number } => l.personId !== null;

/** The learner's rows of a study table (`alias.person_id = …`, or `alias.person_id is null and alias.account_id = …`). */
export function mine(l: Learner, alias: string) {
  const ref = (c: string) => sql.ref(`${alias}.${c}`);
  return l.personId !== null
    ? sql<boolean>`${ref('person_id')} = ${l.personId}`
    : sql<boolean>`(${ref('person_id')} is null and ${ref('account_id')} = ${l.accountId})`;
}

/** The columns that make a new lease, progress or attempt row the learner's. */
export const owner = (l: Learner) => (l.personId !== null ? { person_id: l.personId, account_id: null } : { person_id: null, account_id: l.accountId });

/** Sets the course's ledger line for the year to the whole minutes of its lessons the person completed that year. */
export async function rollIntoLedger(trx: Kysely<DB>, personId: number, courseId: number, title: string, year: number, today: string): Promise<number> {
  const total = await trx
    .selectFrom('lesson_progress')
    .select([(eb) => eb.fn.coalesce(eb.fn.sum<number>('credited_seconds'), sql<number>`0`).as('s')])
    .where('person_id', '=', personId)
    .where('course_id', '=', courseId)
    .where('status', '=', 'completed')
    .where('completed_year', '=', year)
    .executeTakeFirstOrThrow();
  const { minutes } = secondsToLedgerMinutes(Number(total.s));
  await setStudyMinutes(trx, {
    personId,
    year,
    source: 'self_study',
    sourceRef: `course:${courseId}`,
    title: `在线自学：${title}`,
    occurredOn: today,
    minutes,
  });
  return minutes;
}

/**
 * When the bureau confirms an account's identity (inside `bind`'s transaction): what the account studied while
 * unlinked becomes the person's — sessions, quiz attempts, the lease, lesson progress (merged with any the person
 * has: completed wins, best score, attempts added) — and the completed lessons reach the person's study account.
 * Exactly once: afterwards no row of the account is left unlinked, and the ledger lines are set (not added) to the
 * minutes of the person's completed lessons, so running it again changes nothing.
 */
export async function moveAccountStudyToPerson(trx: Kysely<DB>, accountId: number, personId: number): Promise<{ lessons: number; minutes: number }> {
  await trx.updateTable('study_sessions').set({ person_id: personId }).where('account_id', '=', accountId).where('person_id', 'is', null).execute();
  await trx.updateTable('quiz_attempts').set({ person_id: personId, account_id: null }).where('account_id', '=', accountId).execute();
  const personLease = await trx.selectFrom('study_leases').select('session_id').where('person_id', '=', personId).executeTakeFirst();
  if (personLease) await trx.deleteFrom('study_leases').where('account_id', '=', accountId).execute();
  else await trx.updateTable('study_leases').set({ person_id: personId, account_id: null }).where('account_id', '=', accountId).execute();

  const moved = await trx.deleteFrom('lesson_progress').where('account_id', '=', accountId).returningAll().execute();
  for (const p of moved) {
    await sql`
      insert into lesson_progress (person_id, lesson_id, course_id, status, best_score, attempts, credited_seconds, completed_at, completed_year, updated_at)
      values (${personId}, ${p.lesson_id}, ${p.course_id}, ${p.status}, ${p.best_score}, ${p.attempts}, ${p.credited_seconds}, ${p.completed_at}, ${p.completed_year}, ${p.updated_at})
      on conflict (person_id, lesson_id) do update set
        status = case when lesson_progress.status = 'completed' then 'completed' else excluded.status end,
        credited_seconds = case when lesson_progress.status = 'completed' then lesson_progress.credited_seconds else excluded.credited_seconds end,
        completed_at = coalesce(lesson_progress.completed_at, excluded.completed_at),
        completed_year = case when lesson_progress.status = 'completed' then lesson_progress.completed_year else excluded.completed_year end,
        best_score = greatest(lesson_progress.best_score, excluded.best_score),
        attempts = lesson_progress.attempts + excluded.attempts,
        updated_at = greatest(lesson_progress.updated_at, excluded.updated_at)`.execute(trx);
  }
  if (moved.length === 0) return { lessons: 0, minutes: 0 };
  // a completed lesson earns nothing more, whichever side completed it
  await sql`
    update study_sessions s set lesson_completed = true
      from lesson_progress p
     where s.person_id = ${personId} and p.person_id = ${personId} and p.lesson_id = s.lesson_id and p.status = 'completed'`.execute(trx);
  const years = await trx
    .selectFrom('lesson_progress as p')
    .innerJoin('courses as c', 'c.id', 'p.course_id')
    .select(['p.course_id', 'p.completed_year', 'c.title'])
    .distinct()
    .where('p.person_id', '=', personId)
    .where('p.status', '=', 'completed')
    .where('p.course_id', 'in', [...new Set(moved.map((p) => p.course_id))])
    .execute();
  let minutes = 0;
  for (const y of years) {
    if (y.completed_year === null) continue;
    minutes += await rollIntoLedger(trx, personId, y.course_id, y.title, y.completed_year, clock.today());
  }
  return { lessons: moved.length, minutes };
}
