import type { preValidationAsyncHookHandler } from 'fastify';
import { IDP_REGISTRATION_MESSAGE } from '../../../domain/idp-sign-in';
import type { Config } from '../../config';
import { AppError } from '../../errors';

/**
 * While `CQO_OIDC_REQUIRED` is set, enterprise and officer accounts come only from a sign-in through the identity
 * provider: the public self-registration routes answer 403 `IDP_REQUIRED` before their body is validated (so the
 * answer is the same whatever was sent). Local password login of those roles is refused in AuthService.login.
 */
export function refuseSelfRegistrationWhenIdpRequired(config: Config): preValidationAsyncHookHandler {
  const required = config.oidc?.required ?? false;
  return async () => {
    if (required) throw new AppError(403, 'IDP_REQUIRED', IDP_REGISTRATION_MESSAGE);
  };
}
