import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  AimOutlined,
  BarChartOutlined,
  OrderedListOutlined,
  TrophyOutlined,
  BellOutlined,
  BookOutlined,
  BranchesOutlined,
  CalendarOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  CheckSquareOutlined,
  FieldTimeOutlined,
  CrownOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  HomeOutlined,
  IdcardOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  ReadOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
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
  },  {
    key: 'coverage',
    path: '/coverage',
    label: '覆盖率看板',
    permission: 'statistics:read',
    icon: <BarChartOutlined />,
    description: '规上与中小微企业首席质量官覆盖率对照目标，逐级下钻',
    inMenu: true,
    component: lazy(() => import('./pages/supervision/CoverageDashboardPage')),
  },
  {
    key: 'worklists',
    path: '/worklists',
    label: '工作清单',
    permission: 'statistics:read',
    icon: <OrderedListOutlined />,
    description: '未设首席质量官的企业、逾期未审备案、学时落后人员，导出与批量提醒',
    inMenu: true,
    component: lazy(() => import('./pages/supervision/WorklistsPage')),
  },
  {
    key: 'scorecards',
    path: '/scorecards',
    label: '考核记分卡',
    permission: 'statistics:read',
    icon: <TrophyOutlined />,
    description: '按地区、年度统计推进情况，导出考核表',
    inMenu: true,
    component: lazy(() => import('./pages/supervision/ScorecardsPage')),
  },
  {
    key: 'coverage-targets',
    path: '/coverage/targets',
    label: '目标设置',
    permission: 'targets:manage',
    icon: <AimOutlined />,
    description: '年度覆盖率目标、年度新增人数与统计企业类别',
    inMenu: true,
    component: lazy(() => import('./pages/supervision/TargetsPage')),
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
  // self-study (自学提升)
  {
    key: 'study',
    path: '/study',
    label: '在线自学',
    permission: 'study:learn',
    icon: <ReadOutlined />,
    description: '课程目录与我的课程；学习计时，测验通过后计入年度学时',
    inMenu: true,
    component: lazy(() => import('./pages/study/StudyCataloguePage')),
  },
  {
    key: 'study-account',
    path: '/study/account',
    label: '学时账户',
    permission: 'study:learn',
    icon: <FieldTimeOutlined />,
    description: '年度学时进度、各来源学时明细，开具学时证明',
    inMenu: true,
    component: lazy(() => import('./pages/study/StudyAccountPage')),
  },
  {
    key: 'study-lesson',
    path: '/study/lessons/:id',
    label: '课时学习',
    permission: 'study:learn',
    icon: <ReadOutlined />,
    description: '观看视频或阅读文档，参加课时测验',
    inMenu: false,
    parent: 'study',
    component: lazy(() => import('./pages/study/LessonPage')),
  },
  {
    key: 'study-course',
    path: '/study/courses/:id',
    label: '课程详情',
    // officers study it, bureaus preview their own courses; the server decides which course each may see
    permission: null,
    icon: <ReadOutlined />,
    description: '课程的课时与学习进度',
    inMenu: false,
    parent: 'study',
    component: lazy(() => import('./pages/study/CourseDetailPage')),
  },
  {
    key: 'study-manage',
    path: '/study/manage',
    label: '课程管理',
    permission: 'study:manage',
    icon: <ReadOutlined />,
    description: '发布全省或本市的自学课程：视频、文档与测验',
    inMenu: true,
    component: lazy(() => import('./pages/study/CourseManagePage')),
  },
  {
    key: 'study-overview',
    path: '/study/overview',
    label: '学时进度',
    permission: 'study:manage',
    icon: <FieldTimeOutlined />,
    description: '辖区首席质量官年度学时进度，导出与一键提醒落后人员',
    inMenu: true,
    component: lazy(() => import('./pages/study/StudyOverviewPage')),
  },
  {
    key: 'study-claims',
    path: '/study/claims',
    label: '学时审核',
    permission: 'study:manage',
    icon: <FieldTimeOutlined />,
    description: '审核首席质量官申报的线下学习与政府质量工作学时',
    inMenu: true,
    component: lazy(() => import('./pages/study/StudyClaimsPage')),
  },
  {
    key: 'study-settings',
    path: '/study/settings',
    label: '学时设置',
    permission: 'targets:manage',
    icon: <FieldTimeOutlined />,
    description: '每学时分钟数、年度学时目标与提醒日期',
    inMenu: true,
    component: lazy(() => import('./pages/study/StudySettingsPage')),
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
  // supervision: duty records, expert pool, warnings and blacklist (one component per area, reached by each role at its own path)
  {
    key: 'duty-records',
    path: '/supervision/duty-records',
    label: '履职记录',
    permission: 'supervision:read',
    icon: <ReadOutlined />,
    description: '查看、筛选、导出管辖范围内首席质量官的履职记录，确认参与政府质量工作学时',
    inMenu: true,
    component: lazy(() => import('./pages/supervision/DutyRecordsPage')),
  },
  {
    key: 'enterprise-duty-records',
    path: '/my-duty-records',
    label: '履职记录',
    permission: 'filings:manage',
    icon: <ReadOutlined />,
    description: '登记本企业首席质量官行使一票否决、质量会议、质量项目等履职情况',
    inMenu: true,
    component: lazy(() => import('./pages/supervision/DutyRecordsPage')),
  },
  {
    key: 'my-duty-records',
    path: '/me/duty-records',
    label: '履职记录',
    permission: 'officer_profile:manage',
    icon: <ReadOutlined />,
    description: '记录本人行使一票否决、主持质量会议、开展质量项目、参与政府质量工作',
    inMenu: true,
    component: lazy(() => import('./pages/supervision/DutyRecordsPage')),
  },
  {
    key: 'experts',
    path: '/supervision/experts',
    label: '专家库',
    permission: 'supervision:read',
    icon: <CrownOutlined />,
    description: '推荐首席质量官入库，按专业领域查找，抽取参加质量诊断和评审',
    inMenu: true,
    component: lazy(() => import('./pages/supervision/ExpertPoolPage')),
  },
  {
    key: 'my-experts',
    path: '/me/experts',
    label: '专家库',
    permission: 'officer_profile:manage',
    icon: <CrownOutlined />,
    description: '确认专家库推荐，查看被抽取参加的诊断和评审',
    inMenu: true,
    component: lazy(() => import('./pages/supervision/ExpertPoolPage')),
  },
  {
    key: 'sanctions',
    path: '/supervision/sanctions',
    label: '警示与黑名单',
    permission: 'supervision:read',
    icon: <AlertOutlined />,
    description: '提出警示或黑名单建议（县、市局），省局决定、移除和处理申诉',
    inMenu: true,
    component: lazy(() => import('./pages/supervision/SanctionsPage')),
  },
  {
    key: 'my-sanctions',
    path: '/me/sanctions',
    label: '警示与申诉',
    permission: 'officer_profile:manage',
    icon: <AlertOutlined />,
    description: '查看对本人的警示或黑名单决定，提出申诉',
    inMenu: false,
    component: lazy(() => import('./pages/supervision/SanctionsPage')),
  },
  {
    key: 'my-training',
    path: '/me/training',
    label: '我的培训',
    permission: 'officer_profile:manage',
    icon: <ReadOutlined />,
    description: '报名培训班，扫码签到，效果评估，下载培训合格证',
    inMenu: true,
    component: lazy(() => import('./pages/training/MyTrainingPage')),
  },
  {
    key: 'training-sign-in',
    path: '/training/sign-in',
    label: '培训签到',
    permission: 'officer_profile:manage',
    icon: <QrcodeOutlined />,
    description: '扫码签到',
    inMenu: false,
    parent: 'my-training',
    component: lazy(() => import('./pages/training/SignInPage')),
  },
  {
    key: 'training-survey',
    path: '/me/training/:id/survey',
    label: '效果评估',
    permission: 'officer_profile:manage',
    icon: <ReadOutlined />,
    description: '填写培训效果评估问卷',
    inMenu: false,
    parent: 'my-training',
    component: lazy(() => import('./pages/training/SurveyPage')),
  },
  {
    key: 'training-classes',
    path: '/training/classes',
    label: '培训班',
    // officers and enterprises see the classes open to them here too (officers enrol and sign in from 我的培训)
    permission: 'training:read',
    icon: <BookOutlined />,
    description: '三级培训班：报名、签到、考核、效果评估与发证',
    inMenu: true,
    component: lazy(() => import('./pages/training/ClassesPage')),
  },
  {
    key: 'training-class',
    path: '/training/classes/:id',
    label: '培训班详情',
    permission: 'training:read',
    icon: <BookOutlined />,
    description: '课次与签到、花名册与考核、效果评估',
    inMenu: false,
    parent: 'training-classes',
    component: lazy(() => import('./pages/training/ClassDetailPage')),
  },
  {
    key: 'training-screen',
    path: '/training/sessions/:id/screen',
    label: '签到二维码',
    permission: 'training:read',
    icon: <QrcodeOutlined />,
    description: '投屏的签到二维码',
    inMenu: false,
    parent: 'training-classes',
    component: lazy(() => import('./pages/training/SignInScreenPage')),
  },
  {
    key: 'training-instructors',
    path: '/training/instructors',
    label: '讲师库',
    permission: 'training:manage',
    icon: <ReadOutlined />,
    description: '本市及省级讲师库与学员评分',
    inMenu: true,
    component: lazy(() => import('./pages/training/InstructorsPage')),
  },
  {
    key: 'training-stats',
    path: '/training/stats',
    label: '培训统计',
    permission: 'training:manage',
    icon: <BarChartOutlined />,
    description: '分级开班、合格率、满意度与培训覆盖率',
    inMenu: true,
    component: lazy(() => import('./pages/training/TrainingStatsPage')),
    key: 'training-plans',
    path: '/training-plans',
    label: '培训计划',
    // plans are read by bureaus (and, through the API, departments); training:manage keeps the item off officers' menus
    permission: 'training:manage',
    icon: <CalendarOutlined />,
    description: '编制、报送和审阅年度培训计划，查看下级编报情况',
    inMenu: true,
    component: lazy(() => import('./pages/training-plans/TrainingPlansPage')),
  },
  {
    key: 'training-plan',
    path: '/training-plans/:id',
    label: '培训计划详情',
    permission: 'training:manage',
    icon: <CalendarOutlined />,
    description: '计划班次、预算合计与审阅意见',
    inMenu: false,
    parent: 'training-plans',
    component: lazy(() => import('./pages/training-plans/TrainingPlanPage')),
  },
  {
    key: 'training-merges',
    path: '/training-merges',
    label: '合并至市级',
    permission: 'training:manage',
    icon: <BranchesOutlined />,
    description: '设置县（市、区）基础培训与备案审核合并至设区市',
    inMenu: true,
    component: lazy(() => import('./pages/training-plans/CountyMergesPage')),
  },
  {
    key: 'training-curricula',
    path: '/training-curricula',
    label: '课程与教材',
    permission: 'training:read',
    icon: <BookOutlined />,
    description: '本市统一的课程体系与培训资料，省级高级培训教材',
    inMenu: true,
    component: lazy(() => import('./pages/training-plans/CurriculaPage')),
  },
  {
    key: 'training-curriculum',
    path: '/training-curricula/:id',
    label: '课程体系',
    permission: 'training:read',
    icon: <BookOutlined />,
    description: '教学模块、修订记录与培训资料',
    inMenu: false,
    parent: 'training-curricula',
    component: lazy(() => import('./pages/training-plans/CurriculumPage')),
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
