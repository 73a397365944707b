import { sql, type Kysely } from 'kysely';
import type { StudySource } from '../../../domain/study-hours';
import type { DB } from '../../db/types';
import { clock } from '../../clock';

/**
 * The one place that writes the annual study account (`study_ledger_entries`). Each source module owns its
 * lines, keyed by (person, year, source, sourceRef), and calls these inside its own transaction so the account
 * changes together with its basis (a certificate issued, a heartbeat accepted, a claim approved).
 */
export interface StudyLine {
  personId: number;
  year: number;
  source: StudySource;
  /** the basis of the line within its source, e.g. `training_class:12`, `course:5`, `offline_claim:9` */
  sourceRef: string;
  title: string;
  /** YYYY-MM-DD */
  occurredOn: string;
}

/** Sets a line to `minutes` (idempotent: crediting the same basis twice leaves one line) and re-credits a revoked one. */
export async function setStudyMinutes(trx: Kysely<DB>, line: StudyLine & { minutes: number }): Promise<void> {
  if (!Number.isInteger(line.minutes) || line.minutes < 0) throw new Error('study minutes must be a non-negative integer');
  await trx
    .insertInto('study_ledger_entries')
    .values({
      person_id: line.personId,
      year: line.year,
      source: line.source,
      source_ref: line.sourceRef,
      minutes: line.minutes,
      title: line.title,
      occurred_on: line.occurredOn,
    })
    .onConflict((oc) =>
      oc.columns(['person_id', 'year', 'source', 'source_ref']).doUpdateSet({
        minutes: (eb) => eb.ref('excluded.minutes'),
        title: (eb) => eb.ref('excluded.title'),
        occurred_on: (eb) => eb.ref('excluded.occurred_on'),
        status: 'credited',
        status_reason: null,
        updated_at: clock.now(),
      }),
    )
    .execute();
}

/** Adds `minutes` to a line (creating it), for sources that accrue in small steps such as tracked self-study. */
export async function addStudyMinutes(trx: Kysely<DB>, line: StudyLine & { minutes: number }): Promise<void> {
  if (!Number.isInteger(line.minutes) || line.minutes < 0) throw new Error('study minutes must be a non-negative integer');
  await trx
    .insertInto('study_ledger_entries')
    .values({
      person_id: line.personId,
      year: line.year,
      source: line.source,
      source_ref: line.sourceRef,
      minutes: line.minutes,
      title: line.title,
      occurred_on: line.occurredOn,
    })
    .onConflict((oc) =>
      oc.columns(['person_id', 'year', 'source', 'source_ref']).doUpdateSet({
        minutes: sql<number>`study_ledger_entries.minutes + excluded.minutes`,
        occurred_on: (eb) => eb.ref('excluded.occurred_on'),
        updated_at: clock.now(),
      }),
    )
    .execute();
}

/** Revokes every line of a basis (e.g. a revoked certificate); the line stays, with the reason, for the record. */
export async function revokeStudyLines(trx: Kysely<DB>, where: { source: StudySource; sourceRef: string; personId?: number }, reason: string): Promise<number> {
  let q = trx
    .updateTable('study_ledger_entries')
    .set({ status: 'revoked', status_reason: reason, updated_at: clock.now() })
    .where('source', '=', where.source)
    .where('source_ref', '=', where.sourceRef)
    .where('status', '=', 'credited');
  if (where.personId !== undefined) q = q.where('person_id', '=', where.personId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type StudyMinutesBySource = Partial<Record<StudySource, number>>;

/** Credited minutes per person and source for one year, with the online self-study minutes among them (`online`). */
export async function studyMinutesFor(
  db: Kysely<DB>,
  personIds: readonly number[],
  year: number,
): Promise<Map<number, { total: number; online: number; bySource: StudyMinutesBySource }>> {
  const result = new Map<number, { total: number; online: number; bySource: StudyMinutesBySource }>();
  if (personIds.length === 0) return result;
  const rows = await db
    .selectFrom('study_ledger_entries')
    .select([
      'person_id',
      'source',
      (eb) => eb.fn.sum<number>('minutes').as('minutes'),
      sql<number>`coalesce(sum(minutes) filter (where online), 0)`.as('online'),
    ])
    .where('year', '=', year)
    .where('status', '=', 'credited')
    .where('person_id', 'in', personIds)
    .groupBy(['person_id', 'source'])
    .execute();
  for (const row of rows) {
    const entry = result.get(row.person_id) ?? { total: 0, online: 0, bySource: {} };
    const minutes = Number(row.minutes);
    entry.bySource[row.source] = minutes;
    entry.total += minutes;
    entry.online += Number(row.online);
    result.set(row.person_id, entry);
  }
  return result;
}
