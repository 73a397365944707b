/**
 * The administration answers: the audit log (src/server/modules/audit), background jobs (jobs), the org-unit tree
 * (regions), system settings and the security policy (settings), the health check (health) and the home page's
 * to-do (home).
 */
import { z } from 'zod';
import { securityPolicySchema } from '../domain/password-policy';
import { orgUnitKindSchema } from './auth';
import { pageOf } from './common';

// ---- audit log (审计日志) ----

/** `GET /api/audit-events` items: one event of the hash-chained log. */
export const auditEventSchema = z.object({
  id: z.number(),
  seq: z.number(),
  occurredAt: z.date(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  result: z.enum(['success', 'failure']),
  details: z.record(z.string(), z.unknown()),
});
export const auditEventPageSchema = pageOf(auditEventSchema);

/** `GET /api/audit-events/actions`: the actions the log holds, with their labels. */
export const auditActionSchema = z.object({ action: z.string(), label: z.string() });
export const auditActionsSchema = z.array(auditActionSchema);

/** The `result` of the `audit.verify` job (a job's `result` is sent as stored): where the chain first breaks, if it does. */
export const auditVerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBad: z.object({ id: z.number().nullable(), seq: z.number(), reason: z.string() }).optional(),
});

// ---- background jobs (后台任务) ----

export const jobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);

/** `GET /api/jobs/:id` and the answer of cancel and retry: a job of the caller's, its progress and its result. */
export const jobSchema = z.object({
  id: z.number(),
  kind: z.string(),
  kindLabel: z.string(),
  status: jobStatusSchema,
  done: z.number(),
  total: z.number().nullable(),
  /** what the job returned, as stored (each kind its own shape, e.g. `auditVerifyResultSchema`) */
  result: z.unknown(),
  error: z.string().nullable(),
  attempts: z.number(),
  cancelRequested: z.boolean(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  /** The job produced a file (export, import error report): `GET /api/jobs/:id/download`. */
  hasFile: z.boolean(),
});
/** `GET /api/jobs`: the caller's jobs. */
export const jobListSchema = z.array(jobSchema);

/** The `result` of a job that wrote a file (exports, notice letters): its rows and name (`GET /api/jobs/:id/download`). */
export const fileJobResultSchema = z.object({ rows: z.number(), fileName: z.string() });

// ---- org units (行政区划与单位) ----

/** A unit as created or renamed (`POST /api/org-units`, `PATCH /api/org-units/:id`). */
export const orgUnitSchema = z.object({ id: z.number(), code: z.string(), name: z.string(), kind: orgUnitKindSchema, path: z.string() });

/** A unit in the tree of `GET /api/org-units/tree`, with the units under it. */
export const orgUnitNodeSchema = orgUnitSchema.extend({
  source: z.enum(['gbt2260', 'admin']),
  get children(): z.ZodArray<typeof orgUnitNodeSchema> {
    return z.array(orgUnitNodeSchema);
  },
});
export const orgUnitTreeSchema = z.array(orgUnitNodeSchema);

// ---- settings (系统设置与安全策略) ----

/** The system settings (kept in the `settings` table; the body of their edit). */
export const systemSettingsSchema = z.object({
  siteTitle: z.string().trim().min(2).max(60).meta({ title: '系统名称' }),
  loginNotice: z.string().trim().max(500).meta({ title: '登录页提示' }),
  /** Working days a bureau has to review a submitted filing (policy setting). */
  filingReviewWorkingDays: z
    .number()
    .int()
    .min(5, { error: '审核期限不少于 5 个工作日' })
    .max(60, { error: '审核期限不超过 60 个工作日' })
    .default(20)
    .meta({ title: '备案审核期限' }),
});

/** `GET|PUT /api/settings/system`: the settings and their stored version (0 while only the defaults apply), sent back with an edit. */
export const systemSettingsEditSchema = systemSettingsSchema.extend({ version: z.number() });

/** `GET /api/site`: what the login page needs before anyone signs in. */
export const siteInfoSchema = systemSettingsSchema.extend({ passwordMinLength: z.number(), passwordMinClasses: z.number() });

/** `GET|PUT /api/settings/security-policy`: the policy and its stored version. */
export const securityPolicyEditSchema = securityPolicySchema.and(z.object({ version: z.number() }));

// ---- health and home ----

/** `GET /api/health`: 200 when the database answers. */
export const healthSchema = z.object({ status: z.literal('ok'), db: z.literal('ok') });
/** `GET /api/health`: 503 when it does not. */
export const healthDegradedSchema = z.object({ status: z.string(), db: z.string() });

/** One count of the home page's to-do, a link to the list it counts; `alert` marks one that needs attention. */
export const todoItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number(),
  target: z.number().optional(),
  unit: z.string().optional(),
  link: z.string(),
  alert: z.boolean(),
});
/** `GET /api/home/todo`: the role's quick actions and counts in the caller's scope. */
export const todoSchema = z.object({ actions: z.array(z.object({ key: z.string(), label: z.string(), link: z.string() })), items: z.array(todoItemSchema) });
