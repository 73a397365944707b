/** The 考核 API (src/server/modules/assessment) and the quality-award conditions (src/server/modules/policy, policy 八). */
import { z } from 'zod';
import { gradeSchema, INDICATOR_KINDS, indicatorSchema } from '../domain/assessment';
import { AWARD_CONDITION_KINDS, AWARD_LEVELS, type AwardLevel } from '../domain/award-eligibility';

/** A year's scheme as stored (a year without its own carries the latest earlier one; year 0 is the built-in default). */
export const assessmentSchemeSchema = z.object({
  year: z.number(),
  version: z.number(),
  indicators: z.array(indicatorSchema),
  grades: z.array(gradeSchema),
  note: z.string().nullish(),
  createdAt: z.date().nullable(),
});

/** `GET /api/assessment/schemes`: every version, and what the editor offers. */
export const assessmentSchemesSchema = z.object({
  versions: z.array(z.object({ year: z.number(), version: z.number(), note: z.string().nullable(), createdAt: z.date() })),
  kinds: z.array(z.object({ kind: z.enum(INDICATOR_KINDS), label: z.string(), clause: z.string(), negative: z.literal(true).optional() })),
  segments: z.array(z.object({ code: z.string(), name: z.string() })),
  dutyKinds: z.array(z.object({ kind: z.string(), label: z.string(), clause: z.string() })),
  currentYear: z.number(),
  canEdit: z.boolean(),
});

/** `PUT /api/assessment/schemes/:year`: the version saved. */
export const schemeSavedSchema = z.object({ year: z.number(), version: z.number() });

export const indicatorResultSchema = z.object({
  kind: z.enum(INDICATOR_KINDS),
  label: z.string(),
  clause: z.string(),
  segment: z.string().nullable(),
  weight: z.number(),
  /** what was counted and what it is measured against; base 0 means no data */
  value: z.number(),
  base: z.number(),
  /** 0–1, null when there is no data (then the indicator is not scored) */
  achievement: z.number().nullable(),
  score: z.number().nullable(),
  detail: z.string(),
});

/** A city's or county's 考核 of a year. */
export const assessmentRowSchema = z.object({
  orgUnitId: z.number(),
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parentName: z.string().nullable(),
  score: z.number().nullable(),
  grade: z.string().nullable(),
  /** among units of the same level province-wide; null without a score (and for the province) */
  rank: z.number().nullable(),
  peers: z.number(),
  indicators: z.array(indicatorResultSchema),
});

/** `GET /api/assessment/results`. */
export const assessmentResultSchema = z.object({
  year: z.number(),
  scheme: z.object({ year: z.number(), version: z.number(), note: z.string().nullable(), indicators: z.array(indicatorSchema), grades: z.array(gradeSchema) }),
  rows: z.array(assessmentRowSchema),
  canEditScheme: z.boolean(),
});

const awardLevelSchema = z.enum(Object.keys(AWARD_LEVELS) as [AwardLevel, ...AwardLevel[]]);

export const awardSchemeSchema = z.object({
  level: awardLevelSchema,
  levelLabel: z.string(),
  version: z.number(),
  adoptedOn: z.string(),
  note: z.string().nullable(),
  conditions: z.array(z.object({ kind: z.enum(AWARD_CONDITION_KINDS), params: z.object({ months: z.number().optional(), hours: z.number().optional() }) })),
});

/** `GET /api/award-schemes`: every version of every level. */
export const awardSchemesSchema = z.object({ schemes: z.array(awardSchemeSchema) });

/** `POST /api/award-schemes/:level`: the version adopted. */
export const awardSchemeAdoptedSchema = z.object({ level: awardLevelSchema, version: z.number(), adoptedOn: z.string() });
