/** Certificates (src/server/modules/certificates): the public verification, the signing keys and the register (证书台账). */
import { z } from 'zod';
import { CERTIFICATE_KINDS, CERTIFICATE_STATUSES } from '../domain/certificates';
import { dictKeys } from '../domain/enterprise';
import { pageOf } from './common';

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

/** A key certificates are signed with. */
export const signingKeySchema = z.object({
  keyId: z.string(),
  algorithm: z.enum(['ed25519', 'sm2-sm3']),
  publicKeyPem: z.string(),
  /** SM2 only: the distinguishing identifier in Z_A (openssl: -sigopt distid:…). */
  distinguishingId: z.string().nullable(),
});
/** `GET /api/public/signing-key`: the current key, and in `keys` every key still valid for verification. */
export const signingKeysSchema = signingKeySchema.extend({ keys: z.array(signingKeySchema) });

/** `GET /api/certificates` items: one certificate of the register, the holder's ID number masked. */
export const certificateRowSchema = z.object({
  id: z.number(),
  serial: z.string(),
  kind: z.enum(dictKeys(CERTIFICATE_KINDS)),
  status: z.enum(dictKeys(CERTIFICATE_STATUSES)),
  statusReason: z.string().nullable(),
  statusChangedAt: z.date().nullable(),
  holderName: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  detail: z.string().nullable(),
  orgUnitName: z.string(),
  issuedAt: z.date(),
  expiresAt: z.date().nullable(),
});
export const certificatePageSchema = pageOf(certificateRowSchema);
