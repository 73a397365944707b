import { z } from 'zod';
import type { AppContext } from '../../context';
import type { ZodApp } from '../../http';
import { certificateRegisterRoutes } from './register-routes';
import { certificatesServices } from './services';

const verification = z.object({
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

export function certificateRoutes(app: ZodApp, ctx: AppContext): void {
  const { verification: verifier } = certificatesServices(ctx);
  const tags = ['certificates'];
  certificateRegisterRoutes(app, ctx);

  app.get(
    '/api/public/verify/:serial',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: { tags, summary: '公开核验证书（显示脱敏信息）', params: z.object({ serial: z.string().trim().max(40) }), response: { 200: verification } },
    },
    (request) => verifier.verify(request.params.serial),
  );

  const signingKey = z.object({
    keyId: z.string(),
    algorithm: z.enum(['ed25519', 'sm2-sm3']),
    publicKeyPem: z.string(),
    /** SM2 only: the distinguishing identifier in Z_A (openssl: -sigopt distid:…). */
    distinguishingId: z.string().nullable(),
  });
  app.get(
    '/api/public/signing-key',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '证书签名公钥（PEM，注明算法：Ed25519 或 SM2/SM3），用于离线核验；keys 列出所有仍可核验的密钥',
        response: { 200: signingKey.extend({ keys: z.array(signingKey) }) },
      },
    },
    () => verifier.signingKeys(),
  );
}
