import { sql, type Kysely } from 'kysely';
import { addWorkingDays, type WorkingCalendar } from '../../../domain/working-days';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { DB } from '../../db/types';
import { versionOrConflict } from '../../db/versioned';
import { invalid } from '../../errors';
import { clock } from '../../clock';
import { assertOpenYear, closedYearMessage, isClosedYear } from './closed-year';

/** The calendar's exceptions between two dates (inclusive); a range without rows is weekends-only. */
export async function loadWorkingCalendar(db: Kysely<DB>, from: string, to: string): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('working_calendar_days').select(['day', 'kind']).where('day', '>=', from).where('day', '<=', to).execute();
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
  };
}

const plusDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** `days` working days after `date` by the official calendar (e.g. a filing's review deadline). */
export async function addOfficialWorkingDays(db: Kysely<DB>, date: string, days: number): Promise<string> {
  // the longest run of days off in a year is under three weeks, so twice the span plus a month always suffices
  return addWorkingDays(date, days, await loadWorkingCalendar(db, date, plusDays(date, days * 2 + 31)));
}

export interface CalendarDayInput {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export async function listCalendarYears(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('working_calendar_years as y')
    .select([
      'y.year',
      'y.source',
      'y.version',
      'y.updated_at',
      sql<number>`(select count(*)::int from working_calendar_days d where d.year = y.year and d.kind = 'holiday')`.as('holidays'),
      sql<number>`(select count(*)::int from working_calendar_days d where d.year = y.year and d.kind = 'workday')`.as('workdays'),
    ])
    .orderBy('y.year', 'desc')
    .execute();
  return rows.map((r) => ({
    year: r.year,
    source: r.source,
    version: r.version,
    updatedAt: r.updated_at,
    holidays: Number(r.holidays),
    workdays: Number(r.workdays),
    closedReason: isClosedYear(r.year) ? closedYearMessage(r.year) : null,
  }));
}

export async function calendarYear(db: Kysely<DB>, year: number) {
  const head = await db.selectFrom('working_calendar_years').select(['year', 'source', 'version', 'updated_at']).where('year', '=', year).executeTakeFirst();
  const days = await db.selectFrom('working_calendar_days').select(['day', 'kind', 'name']).where('year', '=', year).orderBy('day').execute();
  return {
    year,
    exists: Boolean(head),
    source: head?.source ?? null,
    version: head?.version ?? 0,
    updatedAt: head?.updated_at ?? null,
    closedReason: isClosedYear(year) ? closedYearMessage(year) : null,
    days,
  };
}

/**
 * Replaces a year's calendar (version 0: a new year). Holidays must fall on Monday–Friday and 调休 working days on a
 * weekend, each inside the year (or its preceding December); one bad day refuses the whole calendar, every bad day named.
 */
export async function saveCalendarYear(db: Kysely<DB>, actor: Actor, year: number, input: { source: string; days: CalendarDayInput[]; version: number }) {
  assertOpenYear(year, '工作日历：');
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const d of input.days) {
    const dow = new Date(`${d.day}T00:00:00Z`).getUTCDay();
    if (d.day < `${year - 1}-12-01` || d.day > `${year}-12-31`) problems.push(`${d.day} 不在 ${year} 年度内`);
    else if (seen.has(d.day)) problems.push(`${d.day} 重复`);
    else if (d.kind === 'holiday' && (dow === 0 || dow === 6)) problems.push(`${d.day} 是周末，无需列为放假日`);
    else if (d.kind === 'workday' && dow !== 0 && dow !== 6) problems.push(`${d.day} 是工作日，不能列为调休上班日`);
    seen.add(d.day);
  }
  if (problems.length > 0) throw invalid('days', `日历有误：${problems.join('；')}`);
  return db.transaction().execute(async (trx) => {
    let version: number;
    if (input.version === 0) {
      await trx.insertInto('working_calendar_years').values({ year, source: input.source, updated_by: actor.accountId }).execute();
      version = 1;
    } else {
      const row = await trx
        .updateTable('working_calendar_years')
        .set({ source: input.source, updated_by: actor.accountId, updated_at: clock.now(), version: sql<number>`version + 1` })
        .where('year', '=', year)
        .where('version', '=', input.version)
        .returning('version')
        .executeTakeFirst();
      version = await versionOrConflict(row, () => trx.selectFrom('working_calendar_years').select('version').where('year', '=', year).executeTakeFirst());
    }
    await trx.deleteFrom('working_calendar_days').where('year', '=', year).execute();
    if (input.days.length > 0)
      await trx
        .insertInto('working_calendar_days')
        .values(input.days.map((d) => ({ day: d.day, year, kind: d.kind, name: d.name })))
        .execute();
    await recordAudit(trx, actor, {
      action: 'calendar.year.save',
      targetType: 'working_calendar',
      targetId: year,
      details: {
        source: input.source,
        holidays: input.days.filter((d) => d.kind === 'holiday').length,
        workdays: input.days.filter((d) => d.kind === 'workday').length,
      },
    });
    return { year, version };
  });
}
