import { useQuery } from '@tanstack/react-query';
import type { loginOptionsSchema } from '../../contract/auth';
import type { Answer } from '../../contract/common';
import { api } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** The provincial identity provider (政务服务网) when the server is configured with one, and the roles that must sign in
 * through it (CQO_OIDC_REQUIRED): then they cannot register local accounts either. */
export type LoginOptions = Answer<typeof loginOptionsSchema>;

/** What the login and registration pages offer: the identity provider, and whether local registration is open. */
export function useLoginOptions() {
  return useQuery({ queryKey: queryKeys.loginOptions, queryFn: () => api.get<LoginOptions>('/api/public/login-options'), staleTime: 5 * 60_000 });
}

/** The provider's start address; `invite` carries an enterprise's invitation through the sign-in. */
export const idpStartUrl = (idp: NonNullable<LoginOptions['idp']>, invite?: string | null): string =>
  invite ? `${idp.startUrl}?invite=${encodeURIComponent(invite)}` : idp.startUrl;
