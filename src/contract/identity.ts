/** The bureau's side of identity links (src/server/modules/identity): link requests and links, ID numbers masked. */
import { z } from 'zod';
import { filingStatusSchema } from './filings';

export const linkRequestStatusSchema = z.enum(['pending', 'confirmed', 'refused', 'revoked']);

/** `GET /api/identity/link-requests` items (at most 200): the request, the person on file and the person's filings. */
export const linkRequestSchema = z.object({
  id: z.number(),
  createdAt: z.date(),
  source: z.enum(['self', 'invitation']),
  status: linkRequestStatusSchema,
  name: z.string(),
  idNumberMasked: z.string(),
  phone: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.date().nullable(),
  username: z.string(),
  orgUnitName: z.string(),
  invitingEnterprise: z.string().nullable(),
  personId: z.number().nullable(),
  personName: z.string().nullable(),
  personLinked: z.boolean(),
  nameMatches: z.boolean().nullable(),
  filings: z.array(
    z.object({ id: z.number(), enterpriseName: z.string(), status: filingStatusSchema, appointmentDate: z.string().nullable(), hasLetter: z.boolean() }),
  ),
});
export const linkRequestListSchema = z.array(linkRequestSchema);

/** `GET /api/identity/links` items (at most 200): persons in scope linked to an account. */
export const personLinkSchema = z.object({
  personId: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  username: z.string(),
  accountName: z.string(),
  basis: z.enum(['migrated', 'bureau', 'verified_identity']).nullable(),
  linkedAt: z.date().nullable(),
  linkedBy: z.string().nullable(),
});
export const personLinkListSchema = z.array(personLinkSchema);

/** `POST /api/identity/link-requests/:id/confirm`: the person now linked. */
export const linkConfirmedSchema = z.object({ personId: z.number() });
