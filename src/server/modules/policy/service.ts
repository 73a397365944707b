import type { AwardConditionSpec, AwardLevel } from '../../../domain/award-eligibility';
import { STUDY_SOURCE_LABELS, STUDY_SOURCES, type StudySource } from '../../../domain/study-hours';
import type { Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { invalid } from '../../errors';
import { adoptScheme, listSchemes } from './award-conditions';
import { dutyStatistics } from './duty-statistics';
import { listOnlineStudyRules, saveOnlineStudyRule } from './online-study-rules';
import { calendarYear, listCalendarYears, saveCalendarYear, type CalendarDayInput } from './working-calendar';

/**
 * Policy measures the province keeps as data: which study sources count online, the working-day calendar, the
 * quality-award conditions, and the duty-record statistics by the five duties of policy 三.
 */
export class PolicyService {
  constructor(private readonly db: Database) {}

  /** The study sources, each year's online rule, and the earliest year whose rule can still be set. */
  async onlineStudyRules() {
    return {
      sources: STUDY_SOURCES.map((source) => ({ source, label: STUDY_SOURCE_LABELS[source] })),
      rules: await listOnlineStudyRules(this.db),
      firstOpenYear: clock.year(),
    };
  }

  async saveOnlineStudyRule(actor: Actor, year: number, input: { sources: StudySource[]; note?: string | null | undefined; version: number }) {
    const result = await saveOnlineStudyRule(this.db, actor, { year, sources: input.sources, note: input.note ?? null, version: input.version });
    return { year, ...result };
  }

  async calendarYears() {
    return { years: await listCalendarYears(this.db), firstOpenYear: clock.year() };
  }

  calendarYear(year: number) {
    return calendarYear(this.db, year);
  }

  saveCalendarYear(actor: Actor, year: number, input: { source: string; days: CalendarDayInput[]; version: number }) {
    return saveCalendarYear(this.db, actor, year, input);
  }

  async awardSchemes() {
    return { schemes: await listSchemes(this.db) };
  }

  /** Adopts a new version of a level's award conditions, in force from today or a later day. */
  async adoptAwardScheme(
    actor: Actor,
    level: AwardLevel,
    input: { conditions: AwardConditionSpec[]; note?: string | null | undefined; adoptedOn?: string | undefined },
  ) {
    const today = clock.today();
    const adoptedOn = input.adoptedOn ?? today;
    if (adoptedOn < today) throw invalid('adoptedOn', '生效日期不能早于今天（已作出的查询按当时的版本复核）');
    return adoptScheme(this.db, actor, level, { conditions: input.conditions, note: input.note ?? null, adoptedOn });
  }

  /** Duty records counted by duty, region and year (this year when not given). */
  dutyStatistics(caller: SessionAccount, year: number | undefined) {
    return dutyStatistics(this.db, caller, year ?? clock.year());
  }
}
