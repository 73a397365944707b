import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { backchannelLogoutSchema, loginOptionsSchema } from '../../../contract/auth';
import { redirectResponse } from '../../../contract/common';
import { IDP_LOGIN_LABEL } from '../../../domain/idp-sign-in';
import { clock } from '../../clock';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { setSessionCookie, type ZodApp } from '../../http';
import { IdentityProviderClient, IdpSignInError, refusalOf, type VerifiedClaims } from './oidc-client';
import { identityOf } from './oidc-signin';
import { authServices } from './services';

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
export const OIDC_BACKCHANNEL_LOGOUT_PATH = '/api/auth/oidc/backchannel-logout';
const STATE_COOKIE = 'cqo_oidc';
const STATE_COOKIE_PATH = '/api/auth/oidc';
const STATE_TTL_MS = 10 * 60_000;

/** What the browser carries between the redirect to the provider and the callback: encrypted (AES-GCM) and short-lived. */
const pendingSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  expiresAt: z.number(),
  accountId: z.number().nullable(),
  inviteToken: z.string().nullable(),
});
type Pending = z.infer<typeof pendingSchema>;

const meta = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
});

/**
 * Sign-in through the provincial identity provider (OpenID Connect authorization code flow with PKCE):
 * `GET /api/public/login-options` tells the login page whether to show 政务服务网登录; `start` redirects to the
 * provider; `callback` checks everything, links and signs in, then redirects home (or to the login page with the
 * reason); the provider's back-channel logout ends the sessions of that subject or provider session.
 */
export function oidcRoutes(app: ZodApp, ctx: AppContext): void {
  const settings = ctx.config.oidc;
  const tags = ['auth'];

  app.get(
    '/api/public/login-options',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '登录方式（是否提供政务服务网登录）',
        response: { 200: loginOptionsSchema },
      },
    },
    () => ({
      idp: settings ? { label: IDP_LOGIN_LABEL, startUrl: '/api/auth/oidc/start' } : null,
      idpRequiredForRoles: settings?.required ? ['enterprise', 'officer'] : [],
    }),
  );
  if (!settings) return;

  const provider = new IdentityProviderClient(settings, `${ctx.config.publicUrl}${OIDC_CALLBACK_PATH}`);
  const { idpSignIn: service } = authServices(ctx);
  const secure = ctx.config.secureCookies;
  const clearState = (reply: FastifyReply) => void reply.clearCookie(STATE_COOKIE, { path: STATE_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure });
  const readState = (request: FastifyRequest): Pending | null => {
    const raw = request.cookies[STATE_COOKIE];
    if (!raw) return null;
    try {
      const parsed = pendingSchema.safeParse(JSON.parse(ctx.crypto.decrypt(raw)));
      return parsed.success && parsed.data.expiresAt > clock.nowMs() ? parsed.data : null;
    } catch {
      return null;
    }
  };

  app.get(
    '/api/auth/oidc/start',
    {
      config: { access: 'public', rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: 60_000 } },
      // `invite`: the enterprise invitation the person opened (register page); used once the provider verified them
      schema: {
        tags,
        summary: '跳转政务服务网登录',
        hide: true,
        querystring: z.object({ invite: z.string().trim().min(1).max(100).optional() }),
        response: redirectResponse('跳转到政务服务网的登录页'),
      },
    },
    async (request, reply) => {
      const auth = await provider.authorizationRequest();
      const pending: Pending = {
        state: auth.state,
        nonce: auth.nonce,
        codeVerifier: auth.codeVerifier,
        expiresAt: clock.nowMs() + STATE_TTL_MS,
        accountId: request.auth?.accountId ?? null,
        inviteToken: request.query.invite ?? null,
      };
      // SameSite=Lax: the provider's redirect back is a cross-site top-level navigation
      void reply.setCookie(STATE_COOKIE, ctx.crypto.encrypt(JSON.stringify(pending)), {
        path: STATE_COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: STATE_TTL_MS / 1000,
      });
      return reply.redirect(auth.url, 302);
    },
  );

  app.get(
    OIDC_CALLBACK_PATH,
    {
      config: { access: 'public', rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '政务服务网登录回调',
        hide: true,
        querystring: z.record(z.string(), z.string()),
        response: redirectResponse('登录成功跳转首页，被拒绝时跳转登录页并说明原因'),
      },
    },
    async (request, reply) => {
      const pending = readState(request);
      clearState(reply);
      let verified: VerifiedClaims | null = null;
      try {
        if (!pending) throw new IdpSignInError('IDP_STATE', 'no or expired state cookie');
        verified = await provider.exchange(new URL(request.url, ctx.config.publicUrl), pending);
        const identity = identityOf(verified, settings);
        const { token, expiresAt } = await service.signIn(
          verified,
          identity,
          { accountId: pending.accountId, inviteToken: pending.inviteToken },
          meta(request),
        );
        setSessionCookie(reply, token, expiresAt, secure);
        return reply.redirect('/', 302);
      } catch (err) {
        const refusal =
          err instanceof AppError && err.code === 'CONFLICT'
            ? new IdpSignInError('CONFLICT', err.message)
            : err instanceof AppError && !(err instanceof IdpSignInError)
              ? null
              : refusalOf(err);
        if (!refusal) throw err;
        await service.refuse(verified, meta(request), refusal);
        return reply.redirect(`/login?idpError=${refusal.reason}`, 302);
      }
    },
  );

  // the provider posts a logout token as a form; it is authenticated by its signature, not by a cookie
  app.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, next) => {
      next(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.post(
      OIDC_BACKCHANNEL_LOGOUT_PATH,
      { config: { access: 'public', rateLimit: { max: 120, timeWindow: 60_000 } }, schema: { hide: true, response: { 200: backchannelLogoutSchema } } },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        const body = request.body as Record<string, unknown> | undefined;
        const token = typeof body?.logout_token === 'string' ? body.logout_token : null;
        if (!token) throw new AppError(400, 'VALIDATION', '缺少 logout_token');
        const ended = await service.endSessions(await provider.verifyLogoutToken(token), request.ip);
        return reply.code(200).send({ ok: true, ended });
      },
    );
    done();
  });
}
