import { Tag } from 'antd';
import { TRAINING_TIER_LABELS, type TrainingTier } from '../../../domain/training-delegation';
import type { ClassFormat, OverviewStatus, PlanStatus } from '../../api/training-plan-types';
import { queryKeys } from '../../api/query-keys';

export const TIER_OPTIONS = (Object.entries(TRAINING_TIER_LABELS) as [TrainingTier, string][]).map(([value, label]) => ({ value, label }));
export const TIER_COLORS: Record<TrainingTier, string> = { basic: 'green', enhanced: 'blue', advanced: 'purple' };

export const PLAN_STATUS: Record<PlanStatus, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  submitted: { label: '已报送', color: 'processing' },
  returned: { label: '退回修改', color: 'warning' },
  acknowledged: { label: '已阅知', color: 'success' },
};
export const PLAN_STATUS_OPTIONS = (Object.entries(PLAN_STATUS) as [PlanStatus, { label: string }][]).map(([value, s]) => ({ value, label: s.label }));

export const OVERVIEW_STATUS: Record<OverviewStatus, { label: string; color: string }> = {
  missing: { label: '未编报', color: 'error' },
  draft: { label: '编制中（未报送）', color: 'default' },
  submitted: { label: '已报送', color: 'processing' },
  returned: { label: '退回修改', color: 'warning' },
  acknowledged: { label: '已阅知', color: 'success' },
  covered: { label: '由市局覆盖', color: 'cyan' },
};

export const FORMAT_LABELS: Record<ClassFormat, string> = { offline: '线下集中', online: '线上', blended: '线上线下结合' };
export const FORMAT_OPTIONS = (Object.entries(FORMAT_LABELS) as [ClassFormat, string][]).map(([value, label]) => ({ value, label }));

export const TierTag = ({ tier }: { tier: TrainingTier }) => <Tag color={TIER_COLORS[tier]}>{TRAINING_TIER_LABELS[tier]}</Tag>;
export const PlanStatusTag = ({ status }: { status: PlanStatus }) => <Tag color={PLAN_STATUS[status].color}>{PLAN_STATUS[status].label}</Tag>;

export const yuan = (n: number): string => `${n.toLocaleString('zh-CN')} 元`;

/** This year in China (UTC+8), the default year of the plan pages. */
export const currentYear = (): number => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
export const yearOptions = (): { value: number; label: string }[] => {
  const y = currentYear();
  return [y + 1, y, y - 1, y - 2].map((v) => ({ value: v, label: `${v} 年度` }));
};

export const PLANS_KEY = queryKeys.trainingPlans.all;
export const CURRICULA_KEY = queryKeys.curricula.all;
export const MATERIALS_KEY = queryKeys.materials.all;
