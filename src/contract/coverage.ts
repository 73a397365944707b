/** The coverage API (src/server/modules/coverage): segments, targets, the dashboard, worklists, the 考核 scorecard. */
import { z } from 'zod';
import { segmentDefinitionSchema } from '../domain/coverage';
import { deliverySummarySchema } from './notifications';

const orgUnitKind = z.enum(['province', 'city', 'county', 'zone']);

/** `GET /api/coverage/segments`: the enterprise categories coverage is counted for. */
export const coverageSegmentDefSchema = z.object({ code: z.string(), name: z.string(), builtin: z.boolean(), definition: segmentDefinitionSchema });

/** `GET /api/coverage/targets`. */
export const coverageTargetSchema = z.object({
  year: z.number(),
  segmentCode: z.string(),
  share: z.number().nullable(),
  newOfficers: z.number().nullable(),
  note: z.string().nullable(),
});

export const segmentCountSchema = z.object({ enterprises: z.number(), covered: z.number(), share: z.number() });

const targetShare = z.object({ year: z.number(), share: z.number() }).nullable();

export const coverageSegmentSchema = segmentCountSchema.extend({
  code: z.string(),
  name: z.string(),
  /** 「分母：企业名录中…在营的规上企业（N 家）」 */
  denominatorNote: z.string(),
  target: targetShare,
  netPerMonth: z.number(),
  /** 'YYYY-MM', 'met', or null (not at the current pace) */
  projection: z.string().nullable(),
});

/** `GET /api/coverage/overview`. */
export const coverageOverviewSchema = z.object({
  unit: z.object({ id: z.number(), name: z.string(), kind: orgUnitKind, code: z.string(), parentId: z.number().nullable() }),
  breadcrumbs: z.array(z.object({ id: z.number(), name: z.string(), kind: orgUnitKind })),
  year: z.number(),
  segments: z.array(coverageSegmentSchema),
  children: z.array(z.object({ id: z.number(), name: z.string(), kind: orgUnitKind, code: z.string(), segments: z.record(z.string(), segmentCountSchema) })),
  sections: z.array(z.object({ section: z.string(), name: z.string(), segments: z.record(z.string(), segmentCountSchema) })),
});

/** `GET /api/coverage/trend`. */
export const coverageTrendSchema = z.object({
  unit: z.object({ id: z.number(), name: z.string() }),
  months: z.array(z.string()),
  series: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      target: targetShare,
      points: z.array(z.object({ month: z.string(), enterprises: z.number(), covered: z.number(), share: z.number(), activated: z.number() })),
    }),
  ),
  newOfficers: z
    .object({
      year: z.number(),
      provinceTarget: z.number().nullable(),
      target: z.number().nullable(),
      actual: z.number(),
      targetNote: z.string().nullable(),
      basis: z.string().nullable(),
    })
    .nullable(),
});

export const worklistKindSchema = z.enum(['uncovered', 'overdue', 'studyBehind']);

/** An enterprise without an officer. */
export const uncoveredItemSchema = z.object({
  id: z.number(),
  uscc: z.string(),
  name: z.string(),
  orgUnitName: z.string(),
  industryDivision: z.string(),
  scale: z.string(),
  ownership: z.string(),
  aboveScale: z.boolean(),
  aboveScaleYear: z.number().nullable(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
});

/** A submitted filing past its review deadline. */
export const overdueItemSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
  orgUnitName: z.string(),
  personName: z.string(),
  round: z.number(),
  submittedAt: z.date().nullable(),
  reviewDeadline: z.string().nullable(),
  daysOverdue: z.number(),
});

/** An officer in office behind on online self-study. */
export const studyBehindItemSchema = z.object({
  filingId: z.number(),
  personId: z.number(),
  personName: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  orgUnitName: z.string(),
  minutes: z.number(),
});

const worklistPageOf = <K extends z.infer<typeof worklistKindSchema>, T extends z.ZodType>(kind: K, item: T) =>
  z.object({
    kind: z.literal(kind),
    title: z.string(),
    items: z.array(item),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    /** studyBehind: the minutes an officer should have by today */
    expectedMinutes: z.number().nullable(),
    minutesPerHour: z.number(),
  });

/** `GET /api/coverage/worklists/:kind`: one page of a worklist, its items by kind. */
export const worklistPageSchema = z.discriminatedUnion('kind', [
  worklistPageOf('uncovered', uncoveredItemSchema),
  worklistPageOf('overdue', overdueItemSchema),
  worklistPageOf('studyBehind', studyBehindItemSchema),
]);

const scorecardPartSchema = segmentCountSchema.extend({ target: z.number().nullable(), met: z.boolean().nullable() });

export const scorecardRowSchema = z.object({
  orgUnitId: z.number(),
  name: z.string(),
  aboveScale: scorecardPartSchema,
  sme: scorecardPartSchema,
  newOfficers: z.number(),
  officers: z.number(),
  trained: z.number(),
  trainingShare: z.number(),
  averageStudyHours: z.number(),
  studyTargetMet: z.number(),
  studyShare: z.number(),
  decided: z.number(),
  decidedOnTime: z.number(),
  onTimeShare: z.number(),
});

/** `GET /api/coverage/scorecards`: the units under one unit, the total line last. */
export const scorecardSchema = z.object({ unit: z.object({ id: z.number(), name: z.string() }), year: z.number(), rows: z.array(scorecardRowSchema) });

const cellCount = z.object({ enterprises: z.number(), covered: z.number() });

/** `GET /api/coverage/reconciliation`: the summary tables against a fresh count. */
export const reconciliationSchema = z.object({
  ok: z.boolean(),
  checkedCells: z.number(),
  mismatches: z.number(),
  sample: z.array(
    z.object({
      orgUnitId: z.number(),
      industryDivision: z.string(),
      aboveScaleYear: z.number(),
      scale: z.string(),
      ownership: z.string(),
      stored: cellCount,
      recount: cellCount,
    }),
  ),
  flagMismatches: z.number(),
  monthlyMismatches: z.number(),
  sectionMismatches: z.number(),
});

/** The `result` of the `coverage.worklist.remind` job: the enterprises reminded, their accounts, and how the notices went out. */
export const worklistRemindResultSchema = deliverySummarySchema.extend({ enterprises: z.number(), accounts: z.number() });
/** The `result` of the `coverage.rebuild` job: what was rebuilt, and the recount it was checked against. */
export const coverageRebuildResultSchema = z.object({ cells: z.number(), monthlyRows: z.number(), reconciliation: reconciliationSchema });
