import { lazy } from 'react';
import { ACCOUNT_PAGES } from './nav/account';
import { ADMIN_PAGES } from './nav/admin';
import { COMMUNITY_PAGES } from './nav/community';
import type { AppPage } from './nav/page';
import { REGISTRY_PAGES } from './nav/registry';
import { STATISTICS_PAGES } from './nav/statistics';
import { STUDY_PAGES } from './nav/study';
import { SUPERVISION_PAGES } from './nav/supervision';
import { TRAINING_PAGES } from './nav/training';

export type { AppPage };

/**
 * THE list of pages: the side menu, the route table, the route guards and the home page shortcuts are all built
 * from it, so a page's permission is stated once (and the permission names come from src/domain/permissions.ts).
 * Each area keeps its pages in nav/<area>.tsx.
 */
export const APP_PAGES: readonly AppPage[] = [
  {
    key: 'home',
    path: '/',
    label: '首页',
    permission: null,
    icon: 'HomeOutlined',
    description: '账户概况与常用功能',
    inMenu: true,
    component: lazy(() => import('./pages/HomePage')),
  },
  ...STATISTICS_PAGES,
  ...REGISTRY_PAGES,
  ...TRAINING_PAGES,
  ...STUDY_PAGES,
  ...SUPERVISION_PAGES,
  ...COMMUNITY_PAGES,
  ...ADMIN_PAGES,
  ...ACCOUNT_PAGES,
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
/** Menu sections, in menu order; a page belongs to the first whose path prefixes match (none: above the sections). */
const MENU_SECTIONS: readonly { label: string; prefixes: readonly string[] }[] = [
  { label: '统计分析', prefixes: ['/coverage', '/worklists', '/scorecards'] },
  {
    label: '企业与备案',
    prefixes: [
      '/enterprises',
      '/enterprise-registrations',
      '/my-enterprise',
      '/my-filings',
      '/filings',
      '/identity-links',
      '/officer-roster',
      '/certificates',
      '/eligibility-rules',
      '/me/profile',
    ],
  },
  { label: '培训', prefixes: ['/training', '/me/training'] },
  { label: '在线自学', prefixes: ['/study'] },
  { label: '履职与监管', prefixes: ['/supervision', '/my-duty-records', '/me/duty-records', '/me/experts', '/me/sanctions'] },
  { label: '交流分享', prefixes: ['/community'] },
  { label: '系统管理', prefixes: ['/org-units', '/accounts', '/account-reset-requests', '/audit', '/security-policy', '/settings', '/jobs'] },
];

const inSection = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}-`);

/**
 * The menu's pages in section order. A short menu (an enterprise's, a technical administrator's) stays flat; a
 * long one (a bureau's, an officer's) gets section headings so it can be scanned.
 */
export function menuSections(pages: readonly AppPage[], flatUpTo = 9): { label: string | null; pages: AppPage[] }[] {
  const sections: { label: string | null; pages: AppPage[] }[] = [
    { label: null, pages: [] },
    ...MENU_SECTIONS.map((m) => ({ label: m.label, pages: [] as AppPage[] })),
  ];
  for (const page of pages) {
    const index = MENU_SECTIONS.findIndex((m) => m.prefixes.some((prefix) => inSection(page.path, prefix)));
    sections[index + 1]?.pages.push(page);
  }
  const used = sections.filter((section) => section.pages.length > 0);
  return pages.length <= flatUpTo ? [{ label: null, pages: used.flatMap((section) => section.pages) }] : used;
}

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
