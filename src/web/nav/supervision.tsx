import { lazy } from 'react';
import type { AppPage } from './page';

/**
 * The pages of 履职与监管: duty records, expert pool, warnings and blacklist, in menu order (one component per area,
 * reached by each role at its own path).
 */
export const SUPERVISION_PAGES: readonly AppPage[] = [
  {
    key: 'duty-records',
    path: '/supervision/duty-records',
    label: '履职记录',
    permission: 'supervision:read',
    icon: 'ReadOutlined',
    description: '查看、筛选、导出管辖范围内首席质量官的履职记录，确认参与政府质量工作学时',
    inMenu: true,
    component: lazy(() => import('../pages/supervision/DutyRecordsPage')),
  },
  {
    key: 'enterprise-duty-records',
    path: '/my-duty-records',
    label: '履职记录',
    permission: 'filings:manage',
    icon: 'ReadOutlined',
    description: '登记本企业首席质量官行使一票否决、质量会议、质量项目等履职情况',
    inMenu: true,
    component: lazy(() => import('../pages/supervision/DutyRecordsPage')),
  },
  {
    key: 'my-duty-records',
    path: '/me/duty-records',
    label: '履职记录',
    permission: 'officer_profile:manage',
    icon: 'ReadOutlined',
    description: '记录本人行使一票否决、主持质量会议、开展质量项目、参与政府质量工作',
    inMenu: true,
    component: lazy(() => import('../pages/supervision/DutyRecordsPage')),
  },
  {
    key: 'experts',
    path: '/supervision/experts',
    label: '专家库',
    permission: 'supervision:read',
    icon: 'CrownOutlined',
    description: '推荐首席质量官入库，按专业领域查找，抽取参加质量诊断和评审',
    inMenu: true,
    component: lazy(() => import('../pages/supervision/ExpertPoolPage')),
  },
  {
    key: 'my-experts',
    path: '/me/experts',
    label: '专家库',
    permission: 'officer_profile:manage',
    icon: 'CrownOutlined',
    description: '确认专家库推荐，查看被抽取参加的诊断和评审',
    inMenu: true,
    component: lazy(() => import('../pages/supervision/ExpertPoolPage')),
  },
  {
    key: 'sanctions',
    path: '/supervision/sanctions',
    label: '警示与黑名单',
    permission: 'supervision:read',
    icon: 'AlertOutlined',
    description: '提出警示或黑名单建议（县、市局），省局决定、移除和处理申诉',
    inMenu: true,
    component: lazy(() => import('../pages/supervision/SanctionsPage')),
  },
  {
    key: 'my-sanctions',
    path: '/me/sanctions',
    label: '警示与申诉',
    permission: 'officer_profile:manage',
    icon: 'AlertOutlined',
    description: '查看对本人的警示或黑名单决定，提出申诉',
    inMenu: false,
    component: lazy(() => import('../pages/supervision/SanctionsPage')),
  },
];
