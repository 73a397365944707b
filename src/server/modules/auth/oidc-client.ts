import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import * as client from 'openid-client';
import type { OidcConfig } from '../../config';
import { IDP_REFUSALS, type IdpRefusal } from '../../../domain/idp-sign-in';
import { AppError } from '../../errors';

/**
 * The relying party's side of the provincial identity provider (openid-client v6): discovery (once, retried after
 * a failure), the authorization URL with PKCE (S256), state and nonce, the code exchange with every check, and the
 * verification of back-channel logout tokens (jose, against the provider's JWKS).
 *
 * Token times (exp, iat) are compared with the real time, not the application clock: they come from another
 * system's clock, like TOTP steps (docs/ARCHITECTURE.md, Time).
 */

/** What the sign-in needs from a verified ID token (and the UserInfo answer when the ID token lacks the claims). */
export interface VerifiedClaims {
  issuer: string;
  subject: string;
  /** The provider's session id (`sid`), for back-channel logout. */
  sid: string | null;
  claims: Record<string, unknown>;
}

export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Why a sign-in was refused: a reason for the login page and the audit log (its message in IDP_REFUSALS). */
export class IdpSignInError extends AppError {
  constructor(
    readonly reason: IdpRefusal,
    /** What exactly failed, for the audit log only. */
    readonly detail?: string,
  ) {
    super(403, 'IDP_REFUSED', IDP_REFUSALS[reason], undefined, { reason });
  }
}

const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Maps openid-client's check failures to a refusal (the claim that failed goes to the audit log). */
export function refusalOf(err: unknown): IdpSignInError {
  if (err instanceof IdpSignInError) return err;
  type Failure = { code?: string; message?: string; error?: string; cause?: unknown };
  const outer = err as Failure;
  // openid-client wraps oauth4webapi's error (whose cause names the claim) in a ClientError with the same code
  const inner = outer.cause && typeof outer.cause === 'object' && 'code' in outer.cause ? (outer.cause as Failure) : outer;
  const claim = (inner.cause as { claim?: string } | undefined)?.claim;
  const code = inner.code ?? outer.code;
  const message = inner.message ?? outer.message ?? '';
  const detail = `${code ?? outer.error ?? 'error'}: ${message}`.slice(0, 300);
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'nonce') return new IdpSignInError('IDP_NONCE', detail);
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'iss') return new IdpSignInError('IDP_ISSUER', detail);
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && (claim === 'aud' || claim === 'azp')) return new IdpSignInError('IDP_AUDIENCE', detail);
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return new IdpSignInError('IDP_EXPIRED', detail);
  if (code === 'OAUTH_INVALID_RESPONSE' && /"state"/.test(message)) return new IdpSignInError('IDP_STATE', detail);
  if (outer.error === 'access_denied') return new IdpSignInError('IDP_DENIED', detail);
  return new IdpSignInError('IDP_FAILED', detail);
}

export class IdentityProviderClient {
  private configuration: Promise<client.Configuration> | null = null;
  private jwks: ReturnType<typeof createRemoteJWKSet> | null = null;

  constructor(
    readonly settings: OidcConfig,
    readonly redirectUri: string,
  ) {}

  private discovered(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        { redirect_uris: [this.redirectUri], response_types: ['code'] },
        client.ClientSecretBasic(this.settings.clientSecret),
        this.settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.configuration = null; // try again on the next sign-in
        throw err;
      });
    return this.configuration;
  }

  async authorizationRequest(): Promise<AuthorizationRequest> {
    let config: client.Configuration;
    try {
      config = await this.discovered();
    } catch {
      throw new AppError(503, 'IDP_UNAVAILABLE', IDP_REFUSALS.IDP_UNAVAILABLE);
    }
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the code at the token endpoint and checks the ID token: signature, issuer, audience, nonce, times, state, PKCE. */
  async exchange(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<VerifiedClaims> {
    try {
      const config = await this.discovered();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new IdpSignInError('IDP_FAILED', 'no ID token');
      let claims: Record<string, unknown> = { ...idToken };
      const { idNumber, uscc } = this.settings.claims;
      if (claims[idNumber] === undefined && claims[uscc] === undefined) {
        // some platforms release the real-name claims only at the UserInfo endpoint
        claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...claims };
      }
      return { issuer: idToken.iss, subject: idToken.sub, sid: typeof idToken.sid === 'string' ? idToken.sid : null, claims };
    } catch (err) {
      throw refusalOf(err);
    }
  }

  /** Verifies a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6). */
  async verifyLogoutToken(token: string): Promise<{ issuer: string; sub: string | null; sid: string | null }> {
    const config = await this.discovered();
    const metadata = config.serverMetadata();
    if (!metadata.jwks_uri) throw new AppError(400, 'VALIDATION', '身份提供方未公布签名公钥');
    this.jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: metadata.issuer,
        audience: this.settings.clientId,
        maxTokenAge: '10 minutes',
        clockTolerance: 30,
        requiredClaims: ['iat', 'jti'],
      }));
    } catch {
      throw new AppError(400, 'VALIDATION', '注销令牌无效');
    }
    const events = payload.events as Record<string, unknown> | undefined;
    if (!events || typeof events[LOGOUT_EVENT] !== 'object') throw new AppError(400, 'VALIDATION', '注销令牌缺少注销事件');
    if ('nonce' in payload) throw new AppError(400, 'VALIDATION', '注销令牌不得含有 nonce');
    const sub = typeof payload.sub === 'string' ? payload.sub : null;
    const sid = typeof payload.sid === 'string' ? payload.sid : null;
    if (!sub && !sid) throw new AppError(400, 'VALIDATION', '注销令牌缺少 sub 或 sid');
    return { issuer: metadata.issuer, sub, sid };
  }
}
