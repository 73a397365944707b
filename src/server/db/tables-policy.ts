import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './column-types';

/** Policy measures kept as data (migration 0030): online study rules, the working-day calendar, award conditions. */

export type StudySourceKey = 'self_study' | 'training' | 'offline' | 'community' | 'government_work';

export interface StudyOnlineRulesTable {
  /** the rule applies from this year until a later year has its own */
  year: number;
  sources: StudySourceKey[];
  note: string | null;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface WorkingCalendarYearsTable {
  year: number;
  /** the notice the calendar comes from */
  source: string;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface WorkingCalendarDaysTable {
  /** YYYY-MM-DD */
  day: string;
  year: number;
  kind: 'holiday' | 'workday';
  name: string;
}

export type AwardLevel = 'province' | 'city' | 'county';
export type AwardConditionKind = 'filed_officer' | 'not_blacklisted' | 'trained' | 'online_study' | 'tenure';

export interface AwardConditionSchemesTable {
  id: Generated<number>;
  award_level: AwardLevel;
  version: number;
  /** YYYY-MM-DD: checks on or after this day use this version (until a later one) */
  adopted_on: string;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface AwardConditionsTable {
  scheme_id: number;
  position: number;
  kind: AwardConditionKind;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** The yearly 考核 scheme (migration 0040); indicators and grades as `schemeInputSchema` in domain/assessment.ts. */
export interface AssessmentSchemesTable {
  id: Generated<number>;
  year: number;
  version: number;
  indicators: ColumnType<unknown[], string, string>;
  grades: ColumnType<unknown[], string, string>;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface PolicyTables {
  assessment_schemes: AssessmentSchemesTable;
  study_online_rules: StudyOnlineRulesTable;
  working_calendar_years: WorkingCalendarYearsTable;
  working_calendar_days: WorkingCalendarDaysTable;
  award_condition_schemes: AwardConditionSchemesTable;
  award_conditions: AwardConditionsTable;
}
