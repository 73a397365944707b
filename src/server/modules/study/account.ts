import { sql, type Kysely } from 'kysely';
import { annualTargetHours, minutesToStudyHours, STUDY_SOURCE_LABELS, STUDY_SOURCES, type StudySource } from '../../../domain/study-hours';
import { onlineSourcesFor } from '../policy/online-study-rules';
import { studyPace, type StudyPace } from '../../../domain/study-time';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import type { StudySettings } from '../settings/service';
import { clock } from '../../clock';

/**
 * One officer's annual account. Policy §五's target is for online self-study: the online minutes (the sources the
 * province counts online that year, `policy/online-study-rules.ts`) carry the pace against the target; every other
 * source is shown beside them as other learning. `totalMinutes` is both together.
 */
export async function studyAccount(db: Kysely<DB>, personId: number, year: number, settings: StudySettings, today = clock.today()) {
  const online = await onlineSourcesFor(db, year);
  const lines = await db
    .selectFrom('study_ledger_entries')
    .select(['id', 'source', 'source_ref', 'title', 'minutes', 'occurred_on', 'status', 'status_reason', 'online'])
    .where('person_id', '=', personId)
    .where('year', '=', year)
    .orderBy('occurred_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const credited = lines.filter((l) => l.status === 'credited');
  const totalMinutes = credited.reduce((n, l) => n + l.minutes, 0);
  const onlineMinutes = credited.filter((l) => l.online).reduce((n, l) => n + l.minutes, 0);
  const target = annualTargetHours(settings, year);
  const years = await db.selectFrom('study_ledger_entries').select('year').distinct().where('person_id', '=', personId).orderBy('year', 'desc').execute();
  return {
    year,
    targetHours: target,
    minutesPerHour: settings.minutesPerHour,
    onlineSources: online.sources,
    onlineMinutes,
    onlineHours: minutesToStudyHours(onlineMinutes, settings.minutesPerHour),
    otherMinutes: totalMinutes - onlineMinutes,
    otherHours: minutesToStudyHours(totalMinutes - onlineMinutes, settings.minutesPerHour),
    totalMinutes,
    hours: minutesToStudyHours(totalMinutes, settings.minutesPerHour),
    /** the pace of online self-study against the year's target */
    pace: studyPace(onlineMinutes, target, settings.minutesPerHour, year, today),
    bySource: STUDY_SOURCES.map((source) => {
      const sourceLines = credited.filter((l) => l.source === source);
      const minutes = sourceLines.reduce((n, l) => n + l.minutes, 0);
      const countsOnline = sourceLines.length > 0 ? sourceLines.some((l) => l.online) : online.sources.includes(source);
      return { source, label: STUDY_SOURCE_LABELS[source], minutes, hours: minutesToStudyHours(minutes, settings.minutesPerHour), online: countsOnline };
    }),
    lines: lines.map((l) => ({
      id: l.id,
      source: l.source,
      sourceLabel: STUDY_SOURCE_LABELS[l.source],
      online: l.online,
      title: l.title,
      minutes: l.minutes,
      occurredOn: l.occurred_on,
      status: l.status,
      statusReason: l.status_reason,
    })),
    years: [...new Set([year, ...years.map((y) => y.year)])].sort((a, b) => b - a),
  };
}

export interface OfficerStudyRow {
  personId: number;
  accountId: number | null;
  name: string;
  enterpriseId: number;
  enterpriseName: string;
  orgUnitId: number;
  orgUnitName: string;
  /** all credited minutes of the year */
  minutes: number;
  hours: number;
  /** online self-study minutes (policy §五's measure; the pace is theirs) */
  onlineMinutes: number;
  onlineHours: number;
  pace: StudyPace;
  bySource: Partial<Record<StudySource, number>>;
}

/**
 * Active officers (an active filing) whose filing lies in the caller's region, with their account for the year.
 * `regionPath` narrows to a sub-region (also checked against the caller's scope by the condition itself).
 */
export async function officersInScope(
  db: Kysely<DB>,
  caller: Pick<SessionAccount, 'role' | 'orgUnitPath'>,
  year: number,
  settings: StudySettings,
  today = clock.today(),
): Promise<OfficerStudyRow[]> {
  const rows = await db
    .selectFrom('filings as f')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
    .select([
      'p.id as personId',
      'p.account_id as accountId',
      'p.name',
      'e.id as enterpriseId',
      'e.name as enterpriseName',
      'o.id as orgUnitId',
      'o.name as orgUnitName',
    ])
    .where('f.status', '=', 'active')
    .where(scopeOf(caller).region('f.org_unit_id'))
    .orderBy('o.code')
    .orderBy('e.name')
    .execute();
  const ids = [...new Set(rows.map((r) => r.personId))];
  const minutes = new Map<number, { total: number; online: number; bySource: Partial<Record<StudySource, number>> }>();
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const sums = await db
      .selectFrom('study_ledger_entries')
      .select(['person_id', 'source', (eb) => eb.fn.sum<number>('minutes').as('m'), sql<number>`coalesce(sum(minutes) filter (where online), 0)`.as('om')])
      .where('year', '=', year)
      .where('status', '=', 'credited')
      .where('person_id', 'in', chunk)
      .groupBy(['person_id', 'source'])
      .execute();
    for (const s of sums) {
      const entry = minutes.get(s.person_id) ?? { total: 0, online: 0, bySource: {} };
      entry.total += Number(s.m);
      entry.online += Number(s.om);
      entry.bySource[s.source] = Number(s.m);
      minutes.set(s.person_id, entry);
    }
  }
  const target = annualTargetHours(settings, year);
  const seen = new Set<number>();
  return rows
    .filter((r) => (seen.has(r.personId) ? false : (seen.add(r.personId), true)))
    .map((r) => {
      const m = minutes.get(r.personId);
      const total = m?.total ?? 0;
      const online = m?.online ?? 0;
      return {
        ...r,
        minutes: total,
        hours: minutesToStudyHours(total, settings.minutesPerHour),
        onlineMinutes: online,
        onlineHours: minutesToStudyHours(online, settings.minutesPerHour),
        pace: studyPace(online, target, settings.minutesPerHour, year, today),
        bySource: m?.bySource ?? {},
      };
    });
}

export interface PaceGroup {
  id: number;
  name: string;
  officers: number;
  done: number;
  onTrack: number;
  behind: number;
  /** share of officers done or on track, 0–1 */
  shareOnTrack: number;
}

/** Groups officers by a key (region or enterprise) into counts and the share on track. */
export function groupByPace(rows: readonly OfficerStudyRow[], key: (r: OfficerStudyRow) => { id: number; name: string }): PaceGroup[] {
  const groups = new Map<number, PaceGroup>();
  for (const r of rows) {
    const k = key(r);
    const g = groups.get(k.id) ?? { id: k.id, name: k.name, officers: 0, done: 0, onTrack: 0, behind: 0, shareOnTrack: 0 };
    g.officers += 1;
    if (r.pace === 'done') g.done += 1;
    else if (r.pace === 'on_track') g.onTrack += 1;
    else g.behind += 1;
    groups.set(k.id, g);
  }
  return [...groups.values()].map((g) => ({ ...g, shareOnTrack: g.officers === 0 ? 0 : (g.done + g.onTrack) / g.officers }));
}

/** Active officer accounts with fewer than `belowMinutes` of online self-study credited in the year (the whole province). */
export async function officerAccountsBelow(db: Kysely<DB>, year: number, belowMinutes: number): Promise<number[]> {
  const rows = await sql<{ account_id: number }>`
    select distinct p.account_id from filings f join persons p on p.id = f.person_id join accounts a on a.id = p.account_id
    where f.status = 'active' and a.status = 'active'
      and coalesce((select sum(minutes) from study_ledger_entries l where l.person_id = p.id and l.year = ${year} and l.status = 'credited' and l.online), 0) < ${belowMinutes}
    order by p.account_id`.execute(db);
  return rows.rows.map((r) => r.account_id);
}
