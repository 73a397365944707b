/** Policy measures kept as data (src/server/modules/policy): the working-day calendar (法定节假日 and 调休上班日). */
import { z } from 'zod';

/** A calendar year as the list shows it; `closedReason` says why a past year can no longer be edited (policy 八). */
export const calendarYearSummarySchema = z.object({
  year: z.number(),
  source: z.string(),
  version: z.number(),
  updatedAt: z.date(),
  holidays: z.number(),
  workdays: z.number(),
  closedReason: z.string().nullable(),
});

/** `GET /api/working-calendar`: the maintained years (newest first) and the first year that can still be set. */
export const calendarYearsSchema = z.object({ years: z.array(calendarYearSummarySchema), firstOpenYear: z.number() });

export const calendarDaySchema = z.object({ day: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() });

/** `GET /api/working-calendar/:year`: a year not maintained yet has `exists: false`, version 0 and no days. */
export const calendarYearSchema = z.object({
  year: z.number(),
  exists: z.boolean(),
  source: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date().nullable(),
  closedReason: z.string().nullable(),
  days: z.array(calendarDaySchema),
});

/** `PUT /api/working-calendar/:year`: the saved year's new version. */
export const calendarYearSavedSchema = z.object({ year: z.number(), version: z.number() });

/** `PUT /api/study/online-rules/:year`: the saved rule's version and how many study accounts were recomputed. */
export const onlineRuleSavedSchema = z.object({ year: z.number(), version: z.number(), recomputed: z.number() });
