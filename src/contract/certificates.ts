/** The public verification of certificates (src/server/modules/certificates). */
import { z } from 'zod';

/** `GET /api/public/verify/:serial`: what anyone may learn about a certificate (the holder's name masked). */
export const certificateVerificationSchema = z.object({
  serial: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  status: z.enum(['valid', 'ended', 'revoked']),
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  statusChangedAt: z.date().nullable(),
  holderName: z.string(),
  enterpriseName: z.string().nullable(),
  bureauName: z.string().nullable(),
  appointmentDate: z.string().nullable(),
  /** 培训合格证: the class, its tier and the expiry */
  className: z.string().nullable(),
  tierLabel: z.string().nullable(),
  expiresAt: z.date().nullable(),
  issuedAt: z.date(),
  /** The dates as signed in the payload (YYYY-MM-DD), the ones the PDF prints: 签发, 备案, 有效期至, 培训时间, 年度 */
  issuedOn: z.string().nullable(),
  filedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  period: z.string().nullable(),
  year: z.number().nullable(),
  hours: z.number().nullable(),
  signatureValid: z.boolean(),
});
