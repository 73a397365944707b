import {
  ApartmentOutlined,
  AuditOutlined,
  HomeOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
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

/** The page whose path matches `pathname` (exact or as a prefix), if any. */
export function pageForPath(pathname: string): AppPage | undefined {
  let best: AppPage | undefined;
  for (const page of APP_PAGES) {
    const match = page.path === '/' ? pathname === '/' : pathname === page.path || pathname.startsWith(`${page.path}/`);
    if (match && (!best || page.path.length > best.path.length)) best = page;
  }
  return best;
}
