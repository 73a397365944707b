/**
 * Shapes of the server answers as JSON (dates arrive as ISO strings), inferred from the contract (src/contract:
 * auth.ts, accounts.ts, admin.ts, notifications.ts, filings.ts); nothing here is declared by hand.
 */
import type { z } from 'zod';
import type {
  accountContactSchema,
  accountSchema,
  accountStatusSchema,
  enterpriseContactSchema,
  passwordResetSchema,
  totpResetSchema,
} from '../../contract/accounts';
import type {
  auditActionSchema,
  auditEventSchema,
  auditVerifyResultSchema,
  fileJobResultSchema,
  jobSchema,
  jobStatusSchema,
  orgUnitNodeSchema,
  orgUnitSchema,
  securityPolicyEditSchema,
  siteInfoSchema,
  systemSettingsEditSchema,
  todoItemSchema,
  todoSchema,
} from '../../contract/admin';
import type { meSchema, pendingActionSchema, totpSetupSchema } from '../../contract/auth';
import type { Answer, idSchema, jobIdSchema, okSchema, pageOf } from '../../contract/common';
import type { eligibilityRulesAnswerSchema, eligibilityRulesVersionSchema } from '../../contract/filings';
import type { deliveryPageSchema, deliverySchema, notificationPageSchema, notificationSchema } from '../../contract/notifications';

/**
 * A paged list (`{ items, total, page, pageSize }`), derived from the contract's `pageOf`, for an item type already
 * inferred from the contract (so `z.output`, not `Answer`: the item is on the wire already, the rest are numbers).
 */
export type Page<T> = z.output<ReturnType<typeof pageOf<z.ZodType<T>>>>;

/** The answer of an action that returns nothing else. */
export type Ok = Answer<typeof okSchema>;
/** The answer of a create: the new record's id. */
export type Created = Answer<typeof idSchema>;
/** The answer of a route that queued a background job (follow it with `GET /api/jobs/:id`). */
export type QueuedJob = Answer<typeof jobIdSchema>;

/** `GET /api/auth/me`: the signed-in account; `abilities` is what it may do beyond its permissions (domain/abilities.ts). */
export type Me = Answer<typeof meSchema>;
export type PendingAction = Answer<typeof pendingActionSchema>;
/** `POST /api/auth/totp/setup`. */
export type TotpSetup = Answer<typeof totpSetupSchema>;

/** `GET /api/site`: the public settings the login page needs. */
export type SiteInfo = Answer<typeof siteInfoSchema>;
/** `GET /api/settings/system`; `version` is sent back with an edit (0 while only the defaults apply). */
export type SystemSettings = Answer<typeof systemSettingsEditSchema>;
/** `GET|PUT /api/settings/security-policy`: the policy and its stored version. */
export type SecurityPolicyEdit = Answer<typeof securityPolicyEditSchema>;

/** `GET /api/home/todo`: the role's quick actions and counts. */
export type Todo = Answer<typeof todoSchema>;
export type TodoItem = Answer<typeof todoItemSchema>;

/** `GET /api/accounts` items. */
export type Account = Answer<typeof accountSchema>;
export type AccountStatus = Answer<typeof accountStatusSchema>;
/** `POST /api/accounts/:id/reset-password`: the one-time password, or the request awaiting approval. */
export type PasswordReset = Answer<typeof passwordResetSchema>;
/** `POST /api/accounts/:id/reset-totp`: the account, or the request awaiting approval (disable, enable, unlock: the account). */
export type TotpReset = Answer<typeof totpResetSchema>;
/** `GET|PUT /api/account/contact`. */
export type AccountContact = Answer<typeof accountContactSchema>;
/** `GET|PUT /api/enterprises/mine/contact`. */
export type EnterpriseContact = Answer<typeof enterpriseContactSchema>;

/** `GET /api/org-units/tree`. */
export type OrgUnitNode = Answer<typeof orgUnitNodeSchema>;
/** `POST /api/org-units`, `PATCH /api/org-units/:id`. */
export type OrgUnit = Answer<typeof orgUnitSchema>;

/** `GET /api/audit-events` items. */
export type AuditEvent = Answer<typeof auditEventSchema>;
/** `GET /api/audit-events/actions`. */
export type AuditAction = Answer<typeof auditActionSchema>;
/** The result of the `audit.verify` job. */
export type AuditVerifyResult = Answer<typeof auditVerifyResultSchema>;

/** `GET /api/jobs/:id`: a background job of the caller's. */
export type Job = Answer<typeof jobSchema>;
export type JobStatus = Answer<typeof jobStatusSchema>;
/** The `result` of a job that wrote a file (exports, notice letters). */
export type FileJobResult = Answer<typeof fileJobResultSchema>;

// ---- notifications (消息) ----

/** `GET /api/notifications`: one notice to the signed-in account. `link` is an app path (e.g. `/filings/12`) or null. */
export type AppNotification = Answer<typeof notificationSchema>;

/** A page of notices; `unread` counts the account's unread notices, whatever the filter. */
export type NotificationPage = Answer<typeof notificationPageSchema>;

/** `GET /api/notifications/deliveries` (and `…/mine`): one delivery of a notice on one channel, the address masked. */
export type Delivery = Answer<typeof deliverySchema>;
export type DeliveryPage = Answer<typeof deliveryPageSchema>;

// ---- eligibility rules (任职条件) ----

/** One published version of the rules (`GET /api/eligibility-rules`, `POST` answers the new one). */
export type EligibilityRulesVersion = Answer<typeof eligibilityRulesVersionSchema>;
export type EligibilityRulesAnswer = Answer<typeof eligibilityRulesAnswerSchema>;
