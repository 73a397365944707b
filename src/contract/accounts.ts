/** Account administration answers (src/server/modules/accounts): accounts, the dual control of password and TOTP resets, contacts. */
import { z } from 'zod';
import { pageOf } from './common';
import { ROLES } from '../domain/permissions';

export const resetKindSchema = z.enum(['password', 'totp']);
export const resetStatusSchema = z.enum(['pending', 'approved', 'rejected']);

/**
 * `GET /api/account-reset-requests` items (newest first, at most 200): the request, the account it concerns and who
 * asked; `canDecide` is the server's rule (the security administrator, a pending request).
 */
export const resetRequestSchema = z.object({
  id: z.number(),
  kind: resetKindSchema,
  status: resetStatusSchema,
  requestedAt: z.date(),
  decidedAt: z.date().nullable(),
  reason: z.string().nullable(),
  accountId: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgUnitName: z.string(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  canDecide: z.boolean(),
});
export const resetRequestsSchema = z.array(resetRequestSchema);

/** `POST /api/account-reset-requests/:id/approve`: a password reset hands over the one-time password. */
export const resetApprovedSchema = z.object({ kind: resetKindSchema, temporaryPassword: z.string().optional() });

/** The states of an account. */
export const accountStatusSchema = z.enum(['active', 'disabled']);

/** `GET /api/accounts` items, `GET /api/accounts/:id` and the answer of every edit of an account. */
export const accountSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  phone: z.string().nullable(),
  status: accountStatusSchema,
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.date().nullable(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
  orgUnitId: z.number(),
  orgUnitName: z.string(),
  orgUnitPath: z.string(),
  /** Departments: the GB/T 4754 sections (A–T) they follow; null = every industry. */
  industrySections: z.array(z.string()).nullable(),
});
export const accountPageSchema = pageOf(accountSchema);

/** `POST /api/accounts`: the new account and its one-time password (to be changed at the first sign-in). */
export const accountCreatedSchema = z.object({ account: accountSchema, temporaryPassword: z.string() });

/** A reset that needs the security administrator's approval: the request waiting for it. */
export const pendingApprovalSchema = z.object({ pendingApproval: z.literal(true), requestId: z.number() });
/** `POST /api/accounts/:id/reset-password`: the one-time password, or the request awaiting approval. */
export const passwordResetSchema = z.union([z.object({ temporaryPassword: z.string() }), pendingApprovalSchema]);
/** `POST /api/accounts/:id/reset-totp`: the account, or the request awaiting approval. */
export const totpResetSchema = z.union([accountSchema, pendingApprovalSchema]);

/** `GET|PUT /api/account/contact`: the caller's own contact for official notices (issue 18). */
export const accountContactSchema = z.object({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  smsReachable: z.boolean(),
  /** with no phone of its own, an officer's notices go to the phone on its person record: shown masked */
  fallbackPhone: z.string().nullable(),
  version: z.number(),
  phoneUse: z.string(),
});

/** `GET|PUT /api/enterprises/mine/contact`: the enterprise's contact person, phone and email. */
export const enterpriseContactSchema = z.object({
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  smsReachable: z.boolean(),
  version: z.number(),
  phoneUse: z.string(),
});
