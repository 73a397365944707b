/**
 * The annual study account (年度学时账户): policy §五 asks every officer to study at least 50 学时 a year.
 * Every source of study time writes one ledger line per (person, year, source, sourceRef); the account is their sum.
 */
export const STUDY_SOURCES = ['self_study', 'training', 'offline', 'community', 'government_work'] as const;
export type StudySource = (typeof STUDY_SOURCES)[number];

export const STUDY_SOURCE_LABELS: Record<StudySource, string> = {
  self_study: '在线自学',
  training: '培训班',
  offline: '线下学习',
  community: '交流分享',
  government_work: '政府质量工作',
};

/** 1 学时 = 45 minutes unless the province sets otherwise. */
export const DEFAULT_MINUTES_PER_STUDY_HOUR = 45;
/** Policy §五: at least 50 学时 a year. */
export const DEFAULT_ANNUAL_TARGET_HOURS = 50;

/** 学时 from minutes, rounded down to one decimal so an account never shows more than was earned. */
export function minutesToStudyHours(minutes: number, minutesPerHour = DEFAULT_MINUTES_PER_STUDY_HOUR): number {
  if (minutesPerHour <= 0) throw new Error('minutesPerHour must be positive');
  return Math.floor((minutes * 10) / minutesPerHour) / 10;
}

export const studyHoursToMinutes = (hours: number, minutesPerHour = DEFAULT_MINUTES_PER_STUDY_HOUR): number => Math.round(hours * minutesPerHour);

export interface StudyReminderRule {
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** remind when the account holds fewer 学时 than this on that date */
  belowHours: number;
}

export const DEFAULT_STUDY_REMINDERS: StudyReminderRule[] = [
  { month: 6, day: 30, belowHours: 20 },
  { month: 9, day: 30, belowHours: 35 },
];

/** The target for a year: a per-year override, else the default. */
export function annualTargetHours(settings: { annualTargetHours: number; targetHoursByYear: Record<string, number> }, year: number): number {
  return settings.targetHoursByYear[String(year)] ?? settings.annualTargetHours;
}

/**
 * Policy §五 sets the 50 学时 for online self-study ("每年累计线上自学应不少于 50 个学时"); the province decides per year
 * which sources count as online (`study_online_rules`). Without a rule: courses of the self-study catalogue only.
 */
export const DEFAULT_ONLINE_SOURCES: readonly StudySource[] = ['self_study'];
export const ONLINE_STUDY_LABEL = '线上自学';
export const OTHER_LEARNING_LABEL = '其他学习';
