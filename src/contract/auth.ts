/** The sign-in API's answers (src/server/modules/auth): the signed-in account, TOTP enrolment, the identity provider. */
import { z } from 'zod';
import { dictKeys } from '../domain/enterprise';
import { ORG_UNIT_KIND_LABELS } from '../domain/org-unit';
import { PERMISSIONS, ROLES } from '../domain/permissions';
import { TRAINING_TIERS } from '../domain/training-delegation';

export const orgUnitKindSchema = z.enum(dictKeys(ORG_UNIT_KIND_LABELS));
export const permissionSchema = z.enum(dictKeys(PERMISSIONS));
/** What the signed-in account must do before anything else. */
export const pendingActionSchema = z.enum(['changePassword', 'enrolTotp']);

/** What the account may do beyond its permissions (domain/abilities.ts `AccountAbilities`); the web decides nothing from the role name. */
export const abilitiesSchema = z.object({
  communityBureau: z.boolean(),
  proposeSanction: z.boolean(),
  decideSanction: z.boolean(),
  setCountyMerges: z.boolean(),
  curriculumTiers: z.array(z.enum(TRAINING_TIERS)),
  totpRequired: z.boolean(),
  grantableRoles: z.array(z.enum(ROLES)),
});

/** `GET /api/auth/me`: the signed-in account, its unit, permissions and abilities. */
export const meSchema = z.object({
  account: z.object({ id: z.number(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), roleLabel: z.string() }),
  orgUnit: z.object({ id: z.number(), code: z.string(), name: z.string(), kind: orgUnitKindSchema, path: z.string() }),
  permissions: z.array(permissionSchema),
  pendingActions: z.array(pendingActionSchema),
  totpEnabled: z.boolean(),
  sessionExpiresAt: z.string(),
  /** Departments: the GB/T 4754 sections they follow (null: all). */
  industryScope: z.array(z.string()).nullable(),
  enterpriseId: z.number().nullable(),
  abilities: abilitiesSchema,
});

/** `GET /api/auth/permissions`: the permission dictionary. */
export const permissionDictionarySchema = z.array(z.object({ key: permissionSchema, label: z.string() }));

/** `POST /api/auth/totp/setup`: the secret to enrol, as text, as an otpauth URI and as a QR code image. */
export const totpSetupSchema = z.object({ secret: z.string(), uri: z.string(), qrDataUrl: z.string() });

/** `GET /api/public/login-options`: whether the login page offers the provider, and for which roles it is required. */
export const loginOptionsSchema = z.object({ idp: z.object({ label: z.string(), startUrl: z.string() }).nullable(), idpRequiredForRoles: z.array(z.string()) });

/** The provider's back-channel logout: how many sessions it ended. */
export const backchannelLogoutSchema = z.object({ ok: z.literal(true), ended: z.number() });
