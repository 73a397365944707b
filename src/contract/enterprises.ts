/** The enterprise API (src/server/modules/enterprises): records, dictionaries, registrations, change requests. */
import { z } from 'zod';
import { dictKeys, ENTERPRISE_SOURCES, ENTERPRISE_STATUSES, OWNERSHIPS, SCALES } from '../domain/enterprise';
import { pageOf } from './common';

const orgUnitKind = z.enum(['province', 'city', 'county', 'zone']);
export const reviewStatusSchema = z.enum(['pending', 'confirmed', 'refused']);

export const enterpriseSchema = z.object({
  id: z.number(),
  uscc: z.string(),
  name: z.string(),
  orgUnitId: z.number(),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  address: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  industrySection: z.string(),
  industryCode: z.string(),
  scale: z.enum(dictKeys(SCALES)),
  ownership: z.enum(dictKeys(OWNERSHIPS)),
  aboveScale: z.boolean(),
  aboveScaleYear: z.number().nullable(),
  status: z.enum(dictKeys(ENTERPRISE_STATUSES)),
  source: z.enum(dictKeys(ENTERPRISE_SOURCES)),
  rosterStatus: z.enum(['confirmed', 'proposed', 'refused']),
  reviewFlags: z.array(z.object({ code: z.string(), label: z.string() })),
  hasActiveOfficer: z.boolean(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const enterprisePageSchema = pageOf(enterpriseSchema);

/** `GET /api/dictionaries`. */
export const dictionariesSchema = z.object({
  industries: z.array(z.object({ code: z.string(), name: z.string(), divisions: z.array(z.object({ code: z.string(), name: z.string() })) })),
  scales: z.record(z.string(), z.string()),
  ownerships: z.record(z.string(), z.string()),
  statuses: z.record(z.string(), z.string()),
});

/** `GET /api/enterprises/:id/history`: `changes` maps a column name to [before, after]. */
export const enterpriseHistorySchema = z.array(
  z.object({
    id: z.number(),
    changedAt: z.date(),
    actor: z.string().nullable(),
    kind: z.enum(['create', 'update', 'import', 'registration', 'change_request', 'review']).or(z.string()),
    changes: z.record(z.string(), z.unknown()),
  }),
);

/** `GET /api/public/org-units`: every unit of the province, flat. */
export const publicOrgUnitsSchema = z.array(
  z.object({ id: z.number(), code: z.string(), name: z.string(), kind: orgUnitKind, parentId: z.number().nullable() }),
);

/** Classification an enterprise may propose at registration and the bureau completes when it confirms a new record. */
export const classificationSchema = z.object({
  industryCode: z
    .string()
    .regex(/^\d{2}$/, { error: '应为两位行业大类代码' })
    .optional()
    .meta({ title: '行业大类' }),
  scale: z.enum(dictKeys(SCALES)).optional().meta({ title: '企业规模' }),
  ownership: z.enum(dictKeys(OWNERSHIPS)).optional().meta({ title: '经济类型' }),
  aboveScale: z.boolean().optional().meta({ title: '规上企业' }),
  aboveScaleYear: z.number().int().min(2000).max(2100).nullish().meta({ title: '规上年度' }),
  address: z.string().trim().max(200).optional().meta({ title: '注册地址' }),
});

/** `GET /api/enterprise-registrations` items. */
export const registrationItemSchema = z.object({
  id: z.number(),
  uscc: z.string(),
  name: z.string(),
  contactPerson: z.string(),
  contactPhone: z.string(),
  status: reviewStatusSchema,
  reason: z.string().nullable(),
  /** What the enterprise proposed (the classification fields it filled in). */
  proposal: z.object({
    industryCode: z.string().optional(),
    scale: z.enum(dictKeys(SCALES)).optional(),
    ownership: z.enum(dictKeys(OWNERSHIPS)).optional(),
    aboveScale: z.boolean().optional(),
    aboveScaleYear: z.number().nullish(),
    address: z.string().optional(),
  }),
  createdAt: z.date(),
  reviewedAt: z.date().nullable(),
  orgUnitName: z.string(),
  username: z.string(),
  rosterEnterpriseId: z.number().nullable(),
  rosterName: z.string().nullable(),
  rosterOrgUnitName: z.string().nullable(),
  /** The roster record already has an active enterprise account (the bureau decides which request is genuine). */
  rosterHasAccount: z.boolean(),
  /** Other pending requests naming the same USCC. */
  samePending: z.number(),
});

export const registrationPageSchema = pageOf(registrationItemSchema);

export const changeRequestSchema = z.object({
  id: z.number(),
  changes: z.object({
    name: z.string().optional(),
    orgUnitId: z.number().optional(),
    industryCode: z.string().optional(),
    scale: z.string().optional(),
    ownership: z.string().optional(),
    aboveScale: z.boolean().optional(),
    aboveScaleYear: z.number().nullable().optional(),
  }),
  targetOrgUnitName: z.string().nullable(),
  reason: z.string(),
  status: reviewStatusSchema,
  reviewReason: z.string().nullable(),
  createdAt: z.date(),
});

/** `GET /api/enterprise-change-requests`. */
export const changeRequestListSchema = z.array(changeRequestSchema.extend({ enterpriseId: z.number(), enterpriseName: z.string(), uscc: z.string() }));

/** `GET /api/enterprises/mine`. */
export const myEnterpriseSchema = z.object({
  enterprise: enterpriseSchema.nullable(),
  registration: z
    .object({ id: z.number(), status: reviewStatusSchema, reason: z.string().nullable(), createdAt: z.date(), reviewedAt: z.date().nullable() })
    .nullable(),
  changeRequest: changeRequestSchema.extend({ reviewedAt: z.date().nullable() }).nullable(),
});

/** `PUT /api/enterprises/mine`. */
export const ownEnterpriseUpdatedSchema = enterpriseSchema.extend({ changeRequested: z.boolean() });

/** `POST /api/public/enterprise-registrations`: the registration waiting for the bureau's confirmation. */
export const registrationSubmittedSchema = z.object({ registrationId: z.number() });
/** `POST /api/enterprise-registrations/:id/confirm`: the enterprise linked, or created from the registration. */
export const registrationConfirmedSchema = z.object({ enterpriseId: z.number(), created: z.boolean() });

/** The `result` of the `enterprise.import` job (a job's `result` is sent as stored): imported, or refused with an error report. */
export const enterpriseImportResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    fileName: z.string(),
    rows: z.number(),
    inserted: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    skipped: z.number(),
  }),
  z.object({ ok: z.literal(false), fileName: z.string(), rows: z.number(), badRows: z.number(), reportFileName: z.string() }),
]);
