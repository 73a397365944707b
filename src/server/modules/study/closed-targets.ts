import type { Kysely } from 'kysely';
import { annualTargetHours } from '../../../domain/study-hours';
import type { DB } from '../../db/types';
import { clock } from '../../clock';
import { assertOpenYear } from '../policy/closed-year';
import { DEFAULT_STUDY_SETTINGS, studySettingsSchema, type StudySettings } from '../settings/service';
import { readSetting } from '../settings/repository';

/**
 * The study target of a closed year (policy 八: that year's 考核 measured its officers against it) stays as it was:
 * adding, changing or removing a past year's own target is refused (409, naming the year), and a new default target
 * applies from this year on — the past years that followed the old default (from the first year with study records)
 * keep it as their own target. Returns the settings to store.
 */
export async function keepClosedStudyTargets(db: Kysely<DB>, next: StudySettings): Promise<StudySettings> {
  const parsed = studySettingsSchema.safeParse(await readSetting(db, 'study'));
  const stored = parsed.success ? parsed.data : DEFAULT_STUDY_SETTINGS;
  const current = clock.year();
  const targetHoursByYear = { ...next.targetHoursByYear };
  // the past years that followed the old default keep it (from the first year with study records)
  if (stored.annualTargetHours !== next.annualTargetHours) {
    const first = await db
      .selectFrom('study_ledger_entries')
      .select((eb) => eb.fn.min('year').as('year'))
      .executeTakeFirst();
    for (let year = Math.min(Number(first?.year ?? current - 1), current - 1); year < current; year += 1) {
      if (!(String(year) in stored.targetHoursByYear) && !(String(year) in targetHoursByYear)) targetHoursByYear[String(year)] = stored.annualTargetHours;
    }
  }
  const years = [...new Set([...Object.keys(stored.targetHoursByYear), ...Object.keys(targetHoursByYear)].map(Number))].sort((a, b) => a - b);
  for (const year of years) {
    const was = annualTargetHours(stored, year);
    const becomes = annualTargetHours({ annualTargetHours: next.annualTargetHours, targetHoursByYear }, year);
    if (year < current && was !== becomes) assertOpenYear(year, '学时年度目标：');
  }
  return { ...next, targetHoursByYear };
}
