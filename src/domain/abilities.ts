import type { OrgUnitKind } from './org-unit';
import { GRANTABLE_ROLES, hasPermission, isAdminRole, ROLE_SCOPE, type Role } from './permissions';
import { curriculumTiers, type TrainingTier } from './training-delegation';

/**
 * What an account may do that its permissions alone do not say, decided here once: the server's checks call these
 * functions, and `GET /api/auth/me` sends their results as `abilities`, so web pages never decide from a role name
 * (a lint rule forbids reading the account's role in src/web).
 */
export interface AccountAbilities {
  /** 新建联盟/之家, bind their admins, keep the province-wide sensitive words: a bureau over a region, not an organisation's admin. */
  communityBureau: boolean;
  /** 提出警示/黑名单建议 and add evidence: county and city bureaus. */
  proposeSanction: boolean;
  /** 决定警示/黑名单: the province bureau. */
  decideSanction: boolean;
  /** 合并至市级: a city or the province bureau sets which counties' 基础 training the city runs. */
  setCountyMerges: boolean;
  /** The training tiers whose curriculum and materials the account's own unit keeps (none for counties and non-bureaus). */
  curriculumTiers: TrainingTier[];
  /** The account must sign in with a TOTP code (administrators of every kind). */
  totpRequired: boolean;
  /** The roles of the accounts it may create and manage (账户管理). */
  grantableRoles: Role[];
}

const BUREAU_ROLES: readonly Role[] = ['province_admin', 'city_admin', 'county_admin'];

export const isCommunityBureau = (role: Role): boolean => hasPermission(role, 'community:manage') && ROLE_SCOPE[role] === 'region';
export const mayProposeSanction = (role: Role): boolean => hasPermission(role, 'supervision:manage') && (role === 'county_admin' || role === 'city_admin');
export const mayDecideSanction = (role: Role): boolean => hasPermission(role, 'supervision:manage') && role === 'province_admin';
export const maySetCountyMerges = (role: Role): boolean => role === 'city_admin' || role === 'province_admin';
/** A bureau that plans and manages training (province, city or county). */
export const isTrainingBureau = (role: Role): boolean => BUREAU_ROLES.includes(role) && hasPermission(role, 'training:manage');
export const ownCurriculumTiers = (role: Role, unitKind: OrgUnitKind): TrainingTier[] => (isTrainingBureau(role) ? curriculumTiers(unitKind) : []);

export function abilitiesOf(role: Role, unitKind: OrgUnitKind): AccountAbilities {
  return {
    communityBureau: isCommunityBureau(role),
    proposeSanction: mayProposeSanction(role),
    decideSanction: mayDecideSanction(role),
    setCountyMerges: maySetCountyMerges(role),
    curriculumTiers: ownCurriculumTiers(role, unitKind),
    totpRequired: isAdminRole(role),
    grantableRoles: [...GRANTABLE_ROLES[role]],
  };
}
