import { z } from 'zod';
import type { AppContext } from '../../context';
import type { ZodApp } from '../../http';
import { certificateRegisterRoutes } from './register-routes';
import { certificateVerificationSchema, signingKeysSchema } from '../../../contract/certificates';
import { certificatesServices } from './services';

export function certificateRoutes(app: ZodApp, ctx: AppContext): void {
  const { verification: verifier } = certificatesServices(ctx);
  const tags = ['certificates'];
  certificateRegisterRoutes(app, ctx);

  app.get(
    '/api/public/verify/:serial',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '公开核验证书（显示脱敏信息）',
        params: z.object({ serial: z.string().trim().max(40).meta({ title: '证书编号' }) }),
        response: { 200: certificateVerificationSchema },
      },
    },
    (request) => verifier.verify(request.params.serial),
  );

  app.get(
    '/api/public/signing-key',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '证书签名公钥（PEM，注明算法：Ed25519 或 SM2/SM3），用于离线核验；keys 列出所有仍可核验的密钥',
        response: { 200: signingKeysSchema },
      },
    },
    () => verifier.signingKeys(),
  );
}
