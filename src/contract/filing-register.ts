/** The filing register's answers (src/server/modules/filings): statistics, the officer roster, bulk review. */
import { z } from 'zod';
import { EXIT_CAUSES, type ExitCauseKey } from '../domain/filing-input';
import { officerAtEnterpriseSchema, pageOf } from './common';
import { filingStatusSchema } from './filings';

const CAUSES = Object.keys(EXIT_CAUSES) as ExitCauseKey[];
const causeCounts = z.object(Object.fromEntries(CAUSES.map((c) => [c, z.number()])) as Record<ExitCauseKey, z.ZodNumber>);

/** `GET /api/filings/statistics/overrides`: approvals by override per responsible bureau in a year. */
export const overrideStatisticsSchema = z.object({
  year: z.number(),
  items: z.array(z.object({ orgUnitId: z.number(), orgUnitName: z.string(), approved: z.number(), overrides: z.number() })),
  total: z.object({ approved: z.number(), overrides: z.number() }),
});

/** `GET /api/filings/statistics/exits`: officers who left office in a year, per bureau and exit cause. */
export const exitStatisticsSchema = z.object({
  year: z.number(),
  items: z.array(z.object({ orgUnitId: z.number(), orgUnitName: z.string(), total: z.number(), byCause: causeCounts })),
  total: z.object({ total: z.number(), byCause: causeCounts, byKind: z.record(z.string(), z.number()) }),
});

/** `GET /api/filings/statistics/treatment`: structured 待遇 of the officers in office, per bureau. */
export const treatmentStatisticsSchema = z.object({
  items: z.array(
    z.object({
      orgUnitId: z.number(),
      orgUnitName: z.string(),
      active: z.number(),
      recorded: z.number(),
      seniorDeputy: z.number(),
      aboveScale: z.number(),
      aboveScaleSeniorDeputy: z.number(),
      attendsMeetings: z.number(),
      reportsToGeneralManager: z.number(),
      vetoRight: z.number(),
      withAllowance: z.number(),
      averageAllowanceYuan: z.number().nullable(),
    }),
  ),
});

/** `GET /api/officer-roster` rows: officers in office in scope, their training tier, this year's hours, warnings. */
export const rosterRowSchema = officerAtEnterpriseSchema.extend({
  filingId: z.number(),
  orgUnitName: z.string(),
  appointmentDate: z.string().nullable(),
  filedAt: z.date().nullable(),
  tier: z.enum(['basic', 'enhanced', 'advanced']).nullable(),
  studyMinutes: z.number(),
  studyHours: z.number(),
  targetHours: z.number(),
  warnings: z.number(),
});

export const rosterPageSchema = pageOf(rosterRowSchema).extend({ year: z.number() });

/** `POST /api/filings/bulk-review`: each filing's outcome (`status` after it, or the error's code and message). */
export const bulkReviewResultSchema = z.object({
  succeeded: z.number(),
  failed: z.number(),
  results: z.array(
    z.object({ id: z.number(), ok: z.boolean(), status: filingStatusSchema.nullable(), code: z.string().nullable(), message: z.string().nullable() }),
  ),
});
