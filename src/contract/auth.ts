/** The sign-in API's answers that come with the identity provider (src/server/modules/auth/oidc-routes.ts). */
import { z } from 'zod';

/** `GET /api/public/login-options`: whether the login page offers the provider, and for which roles it is required. */
export const loginOptionsSchema = z.object({ idp: z.object({ label: z.string(), startUrl: z.string() }).nullable(), idpRequiredForRoles: z.array(z.string()) });

/** The provider's back-channel logout: how many sessions it ended. */
export const backchannelLogoutSchema = z.object({ ok: z.literal(true), ended: z.number() });
