/**
 * Roles and permissions: the one list used by server guards (requirePermission) and by the web menu.
 * Permissions for areas that later issues build are defined now so every role's reach is decided in one place.
 */

export const ROLES = [
  'province_admin',
  'city_admin',
  'county_admin',
  'department',
  'enterprise',
  'officer',
  'trainer',
  'alliance_admin',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  province_admin: '省局管理员',
  city_admin: '市局管理员',
  county_admin: '县局管理员',
  department: '行业主管部门',
  enterprise: '企业',
  officer: '首席质量官',
  trainer: '培训机构',
  alliance_admin: '联盟管理员',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

/** Roles that must use TOTP (every administrator role). */
export const ADMIN_ROLES: readonly Role[] = ['province_admin', 'city_admin', 'county_admin', 'system_admin', 'security_admin', 'audit_admin'];

/** The three separated technical administrators (三员分立). */
export const SEPARATED_ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export const isAdminRole = (role: Role): boolean => ADMIN_ROLES.includes(role);

export const PERMISSIONS = {
  // foundation
  'org_units:read': '查看组织机构',
  'org_units:manage': '新增开发区/园区',
  'accounts:read': '查看账户',
  'accounts:manage': '管理账户',
  'settings:manage': '系统设置',
  'security_policy:manage': '安全策略',
  'audit:read': '查看审计日志',
  'audit:export': '导出审计日志',
  'accounts:approve_reset': '批准重置密码与动态验证码',
  'jobs:read': '查看后台任务',
  // later areas
  'enterprises:read': '查看企业',
  'enterprises:manage': '管理企业',
  'enterprise_profile:manage': '维护本企业信息',
  'filings:read': '查看聘任备案',
  'filings:review': '审核聘任备案',
  'filings:manage': '办理聘任备案',
  'officer_profile:manage': '维护个人信息',
  'training:read': '查看培训',
  'training:manage': '管理培训',
  'training:deliver': '承办培训',
  'study:learn': '在线自学',
  'study:manage': '管理课程',
  'community:read': '查看交流分享',
  'community:participate': '交流分享',
  'community:manage': '管理联盟与论坛',
  'supervision:read': '查看履职与监管',
  'supervision:manage': '警示与黑名单',
  'statistics:read': '统计分析',
  'targets:manage': '目标与政策设置',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const BUREAU_COMMON: Permission[] = [
  'org_units:read',
  'accounts:read',
  'accounts:manage',
  'jobs:read',
  'enterprises:read',
  'enterprises:manage',
  'filings:read',
  'filings:review',
  'training:read',
  'training:manage',
  'study:manage',
  'community:read',
  'community:manage',
  'supervision:read',
  'statistics:read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  province_admin: [...BUREAU_COMMON, 'org_units:manage', 'supervision:manage', 'targets:manage'],
  city_admin: [...BUREAU_COMMON, 'org_units:manage', 'supervision:manage'],
  county_admin: [...BUREAU_COMMON, 'supervision:manage'],
  department: ['org_units:read', 'enterprises:read', 'filings:read', 'training:read', 'community:read', 'statistics:read', 'jobs:read'],
  enterprise: ['enterprise_profile:manage', 'filings:manage', 'training:read', 'community:read', 'jobs:read'],
  officer: ['officer_profile:manage', 'training:read', 'study:learn', 'community:read', 'community:participate'],
  trainer: ['training:read', 'training:deliver', 'community:read', 'jobs:read'],
  alliance_admin: ['community:read', 'community:participate', 'community:manage', 'jobs:read'],
  system_admin: ['org_units:read', 'org_units:manage', 'accounts:read', 'accounts:manage', 'settings:manage', 'jobs:read'],
  security_admin: ['security_policy:manage', 'accounts:approve_reset'],
  audit_admin: ['audit:read', 'audit:export', 'jobs:read'],
};

/**
 * Accounts whose password or TOTP reset needs a second administrator (the security administrator): bureaus,
 * enterprises and officers, whose accounts reach business data.
 */
export const DUAL_CONTROL_ROLES: readonly Role[] = ['province_admin', 'city_admin', 'county_admin', 'enterprise', 'officer'];

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * Which roles an account holder may give to accounts they create. No role can create its own role's peers
 * above it, and nobody can create a 三员 account from the web: those come from `npm run admin:create`,
 * so the system administrator cannot mint an audit administrator to read the log.
 */
export const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  system_admin: ['province_admin', 'city_admin', 'county_admin', 'department', 'trainer', 'alliance_admin'],
  province_admin: ['city_admin', 'county_admin', 'department', 'trainer', 'alliance_admin'],
  city_admin: ['county_admin', 'department', 'trainer', 'alliance_admin'],
  county_admin: ['trainer'],
  department: [],
  enterprise: [],
  officer: [],
  trainer: [],
  alliance_admin: [],
  security_admin: [],
  audit_admin: [],
};

/** The org-unit kinds at which an account of each role may sit. */
export const ROLE_ORG_UNIT_KINDS: Record<Role, readonly ('province' | 'city' | 'county' | 'zone')[]> = {
  province_admin: ['province'],
  city_admin: ['city'],
  county_admin: ['county', 'zone'],
  department: ['province', 'city'],
  enterprise: ['county', 'zone', 'city'],
  officer: ['province', 'city', 'county', 'zone'],
  trainer: ['province', 'city', 'county', 'zone'],
  alliance_admin: ['province', 'city', 'county', 'zone'],
  system_admin: ['province'],
  security_admin: ['province'],
  audit_admin: ['province'],
};

/** How far a role's data reaches: a region subtree, or only its own enterprise, person, classes or organisation. */
export type ScopeKind = 'region' | 'enterprise' | 'self' | 'classes' | 'organisation' | 'none';
export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  province_admin: 'region',
  city_admin: 'region',
  county_admin: 'region',
  department: 'region',
  enterprise: 'enterprise',
  officer: 'self',
  trainer: 'classes',
  alliance_admin: 'organisation',
  // 三员: no business data. The system administrator manages accounts and org units province-wide through
  // its own administration scope (auth/scope.ts `scopeOf(caller).administered`), never through data scope.
  system_admin: 'none',
  security_admin: 'none',
  audit_admin: 'none',
};
