/** Account administration answers (src/server/modules/accounts): the dual control of password and TOTP resets. */
import { z } from 'zod';
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
