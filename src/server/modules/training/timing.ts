import type { Kysely } from 'kysely';
import { attendanceOpen, resultsOpen, type ResultKind } from '../../../domain/training-timing';
import type { DB } from '../../db/types';
import { stateError } from '../../errors';
import { clock } from '../../clock';

/** When the class's last session ends (null: no sessions). */
export async function lastSessionEnd(db: Kysely<DB>, classId: number): Promise<Date | null> {
  const row = await db
    .selectFrom('training_sessions')
    .select((eb) => eb.fn.max('ends_at').as('last'))
    .where('class_id', '=', classId)
    .executeTakeFirst();
  return row?.last ? new Date(row.last as Date) : null;
}

/** 409 with the moment results open, before the class's last session has ended (scores, certificates). */
export async function assertClassOver(db: Kysely<DB>, classId: number, kind: ResultKind): Promise<void> {
  const check = resultsOpen(await lastSessionEnd(db, classId), clock.now(), kind);
  if (!check.ok) throw stateError(check.message);
}

/** The reason no pass decision can be made yet, or null once the class is over (for `evaluateCompletion`). */
export function notYetOver(lastEnd: Date | null): string | null {
  const check = resultsOpen(lastEnd, clock.now(), 'completion');
  return check.ok ? null : check.message;
}

/** 409 before the session has started: attendance is recorded for sessions that took place. */
export function assertSessionStarted(startsAt: Date): void {
  const check = attendanceOpen(startsAt, clock.now());
  if (!check.ok) throw stateError(check.message);
}
