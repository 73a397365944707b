/**
 * The supervision API (src/server/modules/supervision): duty records, the expert pool and its random draws,
 * warnings and the blacklist. ID numbers leave the server masked only.
 */
import { z } from 'zod';
import { DUTY_KINDS, DUTY_PROJECT_TYPES } from '../domain/supervision';
import { dictKeys } from '../domain/enterprise';
import { officerAtEnterpriseSchema, pageOf } from './common';

/** Evidence of a duty record or a sanction (downloaded from its own address). */
export const attachmentSchema = z.object({ id: z.number(), name: z.string(), createdAt: z.date() });

export const dutyRecordSchema = z.object({
  id: z.number(),
  filingId: z.number(),
  /** Null for the enterprise, which is told no person id. */
  personId: z.number().nullable(),
  personName: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  orgUnitId: z.number(),
  orgUnitName: z.string(),
  kind: z.enum(dictKeys(DUTY_KINDS)),
  projectType: z.enum(dictKeys(DUTY_PROJECT_TYPES)).nullable(),
  /** YYYY-MM-DD */
  occurredOn: z.string(),
  title: z.string(),
  description: z.string(),
  outcome: z.string().nullable(),
  creditedMinutes: z.number().nullable(),
  confirmedAt: z.date().nullable(),
  /** The role of the account that entered it (`officer` or the enterprise's). */
  createdByRole: z.string(),
  createdAt: z.date(),
  attachmentCount: z.number(),
});
export const dutyRecordPageSchema = pageOf(dutyRecordSchema);

/** `GET /api/duty-records/:id` and the answer of every change: `canEdit` while the author side may still change it. */
export const dutyRecordDetailSchema = dutyRecordSchema.extend({ attachments: z.array(attachmentSchema), canEdit: z.boolean() });

export const expertStatusSchema = z.enum(['nominated', 'active', 'declined', 'withdrawn']);
const taskKind = z.enum(['diagnosis', 'review']);

export const expertDrawSchema = z.object({
  id: z.number(),
  taskKind,
  taskTitle: z.string(),
  taskDate: z.string(),
  note: z.string().nullable(),
  orgUnitName: z.string(),
  createdAt: z.date(),
});

export const expertMemberSchema = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  positionTitle: z.string().nullable(),
  orgUnitId: z.number(),
  orgUnitName: z.string(),
  /** The enterprise of the member's active filing, if any. */
  enterpriseName: z.string().nullable(),
  fields: z.array(z.string()),
  industrySection: z.string().nullable(),
  note: z.string().nullable(),
  status: expertStatusSchema,
  respondedAt: z.date().nullable(),
  createdAt: z.date(),
  drawCount: z.number(),
});
export const expertMemberPageSchema = pageOf(expertMemberSchema);

/** `GET /api/expert-pool/:id` and the answer of every change of a member. */
export const expertMemberDetailSchema = expertMemberSchema.extend({ draws: z.array(expertDrawSchema) });
/** `GET /api/expert-pool/mine`. */
export const myExpertMembershipsSchema = z.array(expertMemberDetailSchema);

/** `GET /api/expert-draws` items: a random draw's batch. */
export const drawBatchSchema = z.object({
  id: z.number(),
  taskKind,
  taskTitle: z.string(),
  taskDate: z.string(),
  requested: z.number(),
  orgUnitName: z.string(),
  poolSize: z.number(),
  excludedCount: z.number(),
  createdAt: z.date(),
});
export const drawBatchPageSchema = pageOf(drawBatchSchema);

const drawnMember = z.object({ memberId: z.number(), name: z.string(), orgUnitName: z.string() });

/** `GET /api/expert-draws/:id` and the answer of a draw and of a refusal: seed, candidates, avoided members, draws and replacements. */
export const drawDetailSchema = z.object({
  id: z.number(),
  orgUnitName: z.string(),
  taskKind,
  taskTitle: z.string(),
  taskDate: z.string(),
  requested: z.number(),
  /** The filters the draw used, as recorded. */
  filters: z.object({
    industrySection: z.string().nullish(),
    field: z.string().nullish(),
    subjectEnterpriseId: z.number().nullish(),
    subjectEnterpriseName: z.string().nullish(),
  }),
  seed: z.string(),
  poolHash: z.string(),
  pool: z.array(drawnMember),
  excluded: z.array(drawnMember.extend({ reason: z.string() })),
  draws: z.array(
    drawnMember.extend({
      id: z.number(),
      position: z.number().nullable(),
      status: z.enum(['assigned', 'refused']),
      refusalReason: z.string().nullable(),
      replacesDrawId: z.number().nullable(),
      createdAt: z.date(),
    }),
  ),
  createdAt: z.date(),
  canManage: z.boolean(),
});

/** `GET /api/expert-draws/:id/verify`: the draw re-run from the audit log's seed and candidates. */
export const drawVerificationSchema = z.object({
  consistent: z.boolean(),
  problems: z.array(z.string()),
  seed: z.string().optional(),
  order: z.array(z.number()),
  checked: z.number().optional(),
});

export const sanctionKindSchema = z.enum(['warning', 'blacklist']);
export const sanctionStatusSchema = z.enum(['proposed', 'rejected', 'in_force', 'removed']);

export const sanctionSchema = officerAtEnterpriseSchema.extend({
  id: z.number(),
  kind: sanctionKindSchema,
  status: sanctionStatusSchema,
  filingId: z.number().nullable(),
  orgUnitId: z.number(),
  orgUnitName: z.string(),
  incidentTitle: z.string(),
  incidentDate: z.string(),
  incidentDescription: z.string(),
  reason: z.string(),
  banStart: z.string().nullable(),
  banEnd: z.string().nullable(),
  proposedAt: z.date(),
  proposedByName: z.string(),
  proposedByUnit: z.string(),
  decisionReason: z.string().nullable(),
  decidedAt: z.date().nullable(),
  removalReason: z.string().nullable(),
  removedAt: z.date().nullable(),
  /** 苏质黑〔year〕n号, once a blacklisting is published. */
  noticeNo: z.string().nullable(),
});
export const sanctionPageSchema = pageOf(sanctionSchema);

export const sanctionAppealSchema = z.object({
  id: z.number(),
  reason: z.string(),
  status: z.enum(['pending', 'upheld', 'dismissed']),
  response: z.string().nullable(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
});

/** `GET /api/sanctions/:id` and the answer of every decision: `canAppeal` for the officer while in force without a pending appeal. */
export const sanctionDetailSchema = sanctionSchema.extend({
  appeals: z.array(sanctionAppealSchema),
  attachments: z.array(attachmentSchema),
  canAppeal: z.boolean(),
});

const dutyKind = z.enum(dictKeys(DUTY_KINDS));
const dutyCounts = z.object(Object.fromEntries(dictKeys(DUTY_KINDS).map((k) => [k, z.number()])) as Record<keyof typeof DUTY_KINDS, z.ZodNumber>);

/** `GET /api/duty-records/statistics`: a year's duty records by the five duties of policy §三, per org unit in scope. */
export const dutyStatisticsSchema = z.object({
  year: z.number(),
  categories: z.array(z.object({ kind: dutyKind, clause: z.string(), label: z.string() })),
  rows: z.array(z.object({ orgUnitId: z.number(), orgUnitName: z.string(), counts: dutyCounts, total: z.number() })),
  totals: z.object({ counts: dutyCounts, total: z.number() }),
});
