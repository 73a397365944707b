import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  BankOutlined,
  CheckSquareOutlined,
  CommentOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  HomeOutlined,
  IdcardOutlined,
  ProfileOutlined,
  ReconciliationOutlined,
  SafetyOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Permission } from '../domain/permissions';

export interface AppPage {
  key: string;
  path: string;
  label: string;
  /** What the role must hold to see the menu item and open the route; null = everyone signed in. */
  permission: Permission | null;
  icon: ReactNode;
  /** One line for the shortcut cards on the home page. */
  description: string;
  /** false: a route without a menu item (reached from the user menu). */
  inMenu: boolean;
  /**
   * A page reached from another page (a detail, an import): the key of that page, whose menu item stays
   * highlighted. Sub-pages get no home shortcut; their path may hold parameters (`/enterprises/:id`).
   */
  parent?: string;
  component: LazyExoticComponent<ComponentType>;
}

/**
 * THE list of pages: the side menu, the route table, the route guards and the home page shortcuts are all built
 * from it, so a page's permission is stated once (and the permission names come from src/domain/permissions.ts).
 */
export const APP_PAGES: readonly AppPage[] = [
  {
    key: 'home',
    path: '/',
    label: '首页',
    permission: null,
    icon: <HomeOutlined />,
    description: '账户概况与常用功能',
    inMenu: true,
    component: lazy(() => import('./pages/HomePage')),
  },
  {
    key: 'enterprises',
    path: '/enterprises',
    label: '企业名录',
    permission: 'enterprises:read',
    icon: <BankOutlined />,
    description: '查询、导出管辖范围内的企业，录入和批量导入',
    inMenu: true,
    component: lazy(() => import('./pages/enterprises/EnterprisesPage')),
  },
  {
    key: 'enterprise-import',
    path: '/enterprises/import',
    label: '批量导入企业',
    permission: 'enterprises:manage',
    icon: <BankOutlined />,
    description: '按模板上传 Excel 批量导入企业名录',
    inMenu: false,
    parent: 'enterprises',
    component: lazy(() => import('./pages/enterprises/EnterpriseImportPage')),
  },
  {
    key: 'enterprise-detail',
    path: '/enterprises/:id',
    label: '企业详情',
    permission: 'enterprises:read',
    icon: <BankOutlined />,
    description: '企业信息与变更记录',
    inMenu: false,
    parent: 'enterprises',
    component: lazy(() => import('./pages/enterprises/EnterpriseDetailPage')),
  },
  {
    key: 'enterprise-registrations',
    path: '/enterprise-registrations',
    label: '注册审核',
    permission: 'enterprises:manage',
    icon: <CheckSquareOutlined />,
    description: '确认或退回企业自主注册、名称与主管单位变更申请',
    inMenu: true,
    component: lazy(() => import('./pages/enterprises/RegistrationsPage')),
  },
  {
    key: 'my-enterprise',
    path: '/my-enterprise',
    label: '本企业信息',
    permission: 'enterprise_profile:manage',
    icon: <IdcardOutlined />,
    description: '注册审核进度，维护本企业信息，申请变更名称或主管单位',
    inMenu: true,
    component: lazy(() => import('./pages/enterprises/MyEnterprisePage')),
  },
  {
    key: 'my-filings',
    path: '/my-filings',
    label: '聘任备案',
    permission: 'filings:manage',
    icon: <FileProtectOutlined />,
    description: '登记拟任人员，办理首席质量官聘任备案，下载备案证明',
    inMenu: true,
    component: lazy(() => import('./pages/filings/MyFilingsPage')),
  },
  {
    key: 'my-filing-new',
    path: '/my-filings/new',
    label: '新建备案',
    permission: 'filings:manage',
    icon: <FileProtectOutlined />,
    description: '填写聘任信息、查看资格审查结果、上传授权书并提交',
    inMenu: false,
    parent: 'my-filings',
    component: lazy(() => import('./pages/filings/MyFilingPage')),
  },
  {
    key: 'my-filing',
    path: '/my-filings/:id',
    label: '备案办理',
    permission: 'filings:manage',
    icon: <FileProtectOutlined />,
    description: '修改、提交或查看本企业的一份聘任备案',
    inMenu: false,
    parent: 'my-filings',
    component: lazy(() => import('./pages/filings/MyFilingPage')),
  },
  {
    key: 'my-profile',
    path: '/me/profile',
    label: '我的档案',
    permission: 'officer_profile:manage',
    icon: <SolutionOutlined />,
    description: '维护本人学历、职务、职称与资格证书，查看任职记录和证书',
    inMenu: true,
    component: lazy(() => import('./pages/officer/MyProfilePage')),
  },
  {
    key: 'filings',
    path: '/filings',
    label: '备案审核',
    permission: 'filings:read',
    icon: <FileDoneOutlined />,
    description: '审核管辖范围内企业的首席质量官聘任备案，查看逾期未审',
    inMenu: true,
    component: lazy(() => import('./pages/filings/FilingsPage')),
  },
  {
    key: 'filing-detail',
    path: '/filings/:id',
    label: '备案详情',
    permission: 'filings:read',
    icon: <FileDoneOutlined />,
    description: '备案材料、资格审查依据与各轮审核记录',
    inMenu: false,
    parent: 'filings',
    component: lazy(() => import('./pages/filings/FilingDetailPage')),
  },
  {
    key: 'eligibility-rules',
    path: '/eligibility-rules',
    label: '任职条件',
    // every role holding targets:manage (the province, who publishes new versions) also holds filings:read
    permission: 'filings:read',
    icon: <ReconciliationOutlined />,
    description: '首席质量官任职条件的现行版本与历史版本，备案资格审查的依据',
    inMenu: true,
    component: lazy(() => import('./pages/eligibility/EligibilityRulesPage')),
  },
  {
    key: 'community',
    path: '/community',
    label: '交流分享',
    permission: 'community:participate',
    icon: <CommentOutlined />,
    description: '论坛交流、提问答疑、搜索经验',
    inMenu: true,
    component: lazy(() => import('./pages/community/CommunityHomePage')),
  },
  {
    key: 'community-organisations',
    path: '/community/organisations',
    label: '联盟与之家',
    permission: 'community:participate',
    icon: <UsergroupAddOutlined />,
    description: '首席质量官联盟、之家：申请加入、成员与版块',
    inMenu: true,
    component: lazy(() => import('./pages/community/OrganisationsPage')),
  },
  {
    key: 'community-manage',
    path: '/community/manage',
    label: '联盟管理',
    permission: 'community:manage',
    icon: <UsergroupAddOutlined />,
    description: '创建联盟、之家，指定联盟管理员，管理成员与版块',
    inMenu: true,
    component: lazy(() => import('./pages/community/OrganisationsPage')),
  },
  {
    key: 'community-moderation',
    path: '/community/moderation',
    label: '内容审核',
    permission: 'community:manage',
    icon: <SafetyOutlined />,
    description: '审核先审后发的帖子、处理举报、维护敏感词',
    inMenu: true,
    component: lazy(() => import('./pages/community/ModerationPage')),
  },
  // the sub-pages are open to both officers (community:participate) and bureaus (community:manage); the server decides
  {
    key: 'community-organisation',
    path: '/community/organisations/:id',
    label: '组织详情',
    permission: null,
    icon: <UsergroupAddOutlined />,
    description: '组织的版块与成员',
    inMenu: false,
    parent: 'community-organisations',
    component: lazy(() => import('./pages/community/OrganisationPage')),
  },
  {
    key: 'community-board',
    path: '/community/boards/:id',
    label: '版块',
    permission: null,
    icon: <CommentOutlined />,
    description: '版块的主题列表',
    inMenu: false,
    parent: 'community',
    component: lazy(() => import('./pages/community/BoardPage')),
  },
  {
    key: 'community-new-thread',
    path: '/community/boards/:id/new',
    label: '发表主题',
    permission: null,
    icon: <CommentOutlined />,
    description: '发表讨论或提问',
    inMenu: false,
    parent: 'community',
    component: lazy(() => import('./pages/community/NewThreadPage')),
  },
  {
    key: 'community-thread',
    path: '/community/threads/:id',
    label: '主题',
    permission: null,
    icon: <CommentOutlined />,
    description: '主题与回复',
    inMenu: false,
    parent: 'community',
    component: lazy(() => import('./pages/community/ThreadPage')),
  },
  {
    key: 'community-search',
    path: '/community/search',
    label: '搜索',
    permission: null,
    icon: <CommentOutlined />,
    description: '搜索主题与回复',
    inMenu: false,
    parent: 'community',
    component: lazy(() => import('./pages/community/SearchPage')),
  },
  {
    key: 'org-units',
    path: '/org-units',
    label: '组织机构',
    permission: 'org_units:read',
    icon: <ApartmentOutlined />,
    description: '查看本级及下级单位，维护开发区/园区',
    inMenu: true,
    component: lazy(() => import('./pages/OrgUnitsPage')),
  },
  {
    key: 'accounts',
    path: '/accounts',
    label: '账户管理',
    permission: 'accounts:read',
    icon: <TeamOutlined />,
    description: '新建账户，停用、解锁、重置密码',
    inMenu: true,
    component: lazy(() => import('./pages/AccountsPage')),
  },
  {
    key: 'audit',
    path: '/audit',
    label: '审计日志',
    permission: 'audit:read',
    icon: <AuditOutlined />,
    description: '查询、导出操作记录，校验日志完整性',
    inMenu: true,
    component: lazy(() => import('./pages/AuditPage')),
  },
  {
    key: 'security-policy',
    path: '/security-policy',
    label: '安全策略',
    permission: 'security_policy:manage',
    icon: <SafetyCertificateOutlined />,
    description: '密码复杂度、登录锁定与会话超时',
    inMenu: true,
    component: lazy(() => import('./pages/SecurityPolicyPage')),
  },
  {
    key: 'settings',
    path: '/settings',
    label: '系统设置',
    permission: 'settings:manage',
    icon: <SettingOutlined />,
    description: '系统名称与登录页提示',
    inMenu: true,
    component: lazy(() => import('./pages/SystemSettingsPage')),
  },
  {
    key: 'jobs',
    path: '/jobs',
    label: '后台任务',
    permission: 'jobs:read',
    icon: <ProfileOutlined />,
    description: '查看导入、校验等后台任务的进度',
    inMenu: true,
    component: lazy(() => import('./pages/JobsPage')),
  },
  {
    key: 'notifications',
    path: '/notifications',
    label: '我的消息',
    permission: null,
    icon: <BellOutlined />,
    description: '备案审核进度、逾期提醒等系统消息',
    inMenu: false,
    component: lazy(() => import('./pages/notifications/NotificationsPage')),
  },
  {
    key: 'account',
    path: '/account',
    label: '账户设置',
    permission: null,
    icon: <UserOutlined />,
    description: '本人账户信息，修改密码',
    inMenu: false,
    component: lazy(() => import('./pages/AccountSettingsPage')),
  },
];

const segments = (path: string): string[] => path.split('/').filter(Boolean);

/**
 * How well `pattern` (segments, `:param` matching any one) fits `pathname`: null when it does not; a whole match
 * ranks above a prefix match, and static segments above parameters (as react-router ranks its routes).
 */
function matchScore(pattern: string, pathname: string): number | null {
  const want = segments(pattern);
  const have = segments(pathname);
  if (want.length === 0) return have.length === 0 ? 1000 : null; // '/' only matches itself
  if (have.length < want.length) return null;
  let score = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    if (w.startsWith(':')) score += 1;
    else if (w === have[i]) score += 2;
    else return null;
  }
  return (have.length === want.length ? 1000 : 0) + score;
}

/** The page whose path matches `pathname` (whole, or as a prefix for pages without their own route), if any. */
export function pageForPath(pathname: string): AppPage | undefined {
  let best: AppPage | undefined;
  let bestScore = -1;
  for (const page of APP_PAGES) {
    const score = matchScore(page.path, pathname);
    if (score !== null && score > bestScore) {
      best = page;
      bestScore = score;
    }
  }
  return best;
}

/** The menu item to highlight for a page: its own, or its parent's for a sub-page. */
export function menuPathFor(page: AppPage | undefined): string | undefined {
  if (!page) return undefined;
  if (!page.parent) return page.path;
  return APP_PAGES.find((p) => p.key === page.parent)?.path;
}
