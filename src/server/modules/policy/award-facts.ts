import { sql, type Kysely } from 'kysely';
import type { AwardFacts } from '../../../domain/award-eligibility';
import { annualTargetHours } from '../../../domain/study-hours';
import type { DB } from '../../db/types';
import type { SettingsService } from '../settings/service';

/**
 * The facts an award check (policy §八) reads about an enterprise, as they stood at the end of `day`: the filing in
 * force that day, a training certificate valid that day, the officer's online self-study of that year and the year
 * before as recorded by then, and blacklist bans in force that day. A check of a past day reads the same whatever
 * was recorded later, so it can be reproduced with the award-condition version of that day.
 */
export async function awardFactsOn(
  db: Kysely<DB>,
  settings: SettingsService,
  enterpriseId: number,
  day: string,
): Promise<{ facts: AwardFacts; personId: number | null }> {
  const next = sql<string>`(${day}::date + 1)`;
  const filing = await db
    .selectFrom('filings')
    .select(['person_id', 'appointment_date'])
    .where('enterprise_id', '=', enterpriseId)
    .where('status', 'in', ['active', 'ended'])
    .where(sql<boolean>`decided_at < ${next}`)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb(sql<string>`ended_at`, '>', day)]))
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const personId = filing?.person_id ?? null;
  let trained = false;
  const study: AwardFacts['study'] = [];
  if (personId !== null) {
    const cert = await db
      .selectFrom('certificates')
      .select('id')
      .where('kind', '=', 'training_certificate')
      .where('person_id', '=', personId)
      .where(sql<boolean>`issued_at < ${next}`)
      .where(sql<boolean>`(status = 'valid' or status_changed_at >= ${next})`)
      .where(sql<boolean>`(expires_at is null or expires_at >= ${next})`)
      .executeTakeFirst();
    trained = Boolean(cert);
    const s = await settings.studySettings();
    const year = Number(day.slice(0, 4));
    for (const y of [year, year - 1]) {
      const row = await db
        .selectFrom('study_ledger_entries')
        .select(sql<number>`coalesce(sum(minutes), 0)::int`.as('minutes'))
        .where('person_id', '=', personId)
        .where('year', '=', y)
        .where('online', '=', true)
        .where(sql<boolean>`created_at < ${next}`)
        .where(sql<boolean>`(status = 'credited' or updated_at >= ${next})`)
        .executeTakeFirst();
      study.push({ year: y, onlineMinutes: Number(row?.minutes ?? 0), minutesPerHour: s.minutesPerHour, targetHours: annualTargetHours(s, y) });
    }
  }
  const bans = await db
    .selectFrom('sanctions as s')
    .leftJoin('blacklist_notices as n', 'n.sanction_id', 's.id')
    .select(['s.person_id', 's.ban_end', 'n.notice_no'])
    .where('s.kind', '=', 'blacklist')
    .where('s.status', 'in', ['in_force', 'removed'])
    .where(sql<boolean>`s.decided_at < ${next}`)
    .where(sql<boolean>`(s.removed_at is null or s.removed_at >= ${next})`)
    .where('s.ban_end', '>=', day)
    .where((eb) =>
      personId === null ? eb('s.enterprise_id', '=', enterpriseId) : eb.or([eb('s.enterprise_id', '=', enterpriseId), eb('s.person_id', '=', personId)]),
    )
    .execute();
  return {
    personId,
    facts: {
      today: day,
      officer: filing ? { appointmentDate: filing.appointment_date } : null,
      trained,
      study,
      bans: bans.map((b) => ({ noticeNo: b.notice_no, banEnd: b.ban_end ?? day, currentOfficer: personId !== null && b.person_id === personId })),
    },
  };
}
