import { Button, Space, Tag, Typography } from 'antd';
import type { ReviewStatus } from '../../api/enterprise-types';
import { queryKeys } from '../../api/query-keys';
import type { PromptOptions } from '../../components/confirm-action';
import { formatDateTimeShort } from '../../components/format';

/** The review lists (注册审核) of enterprise registrations and change requests: their status filter, status and actions. */
export type StatusFilter = ReviewStatus | 'all';

export const STATUS_FILTER_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: 'pending', label: '待审核' },
  { value: 'confirmed', label: '已确认' },
  { value: 'refused', label: '已退回' },
  { value: 'all', label: '全部' },
];

export const REG_KEY = queryKeys.registrations.all;
export const CHANGE_KEY = queryKeys.changeRequests.all;

const REVIEW_STATUS: Record<ReviewStatus, { label: string; color: string }> = {
  pending: { label: '待审核', color: 'processing' },
  confirmed: { label: '已确认', color: 'success' },
  refused: { label: '已退回', color: 'default' },
};

/** A request's review status, the reason when refused and, when known, the time of the review. */
export function ReviewStatusCell({ status, reason, reviewedAt }: { status: ReviewStatus; reason: string | null; reviewedAt?: string | null }) {
  const s = REVIEW_STATUS[status] ?? { label: status, color: 'default' };
  return (
    <div className="cell-stack">
      <span>
        <Tag color={s.color}>{s.label}</Tag>
      </span>
      {status === 'refused' && reason ? (
        <Typography.Text type="secondary" className="reason-text">
          理由：{reason}
        </Typography.Text>
      ) : null}
      {reviewedAt ? (
        <Typography.Text type="secondary" className="nowrap small-text">
          {formatDateTimeShort(reviewedAt)}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** 确认 and 退回 of a pending request; a dash once it is reviewed. */
export function ReviewActions({ pending, onConfirm, onRefuse }: { pending: boolean; onConfirm: () => void; onRefuse: () => void }) {
  return pending ? (
    <Space size={4}>
      <Button type="primary" size="small" onClick={onConfirm}>
        确认
      </Button>
      <Button danger size="small" onClick={onRefuse}>
        退回
      </Button>
    </Space>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );
}

/** 退回 a request: the dialog asks for the reason (2–500 characters) the enterprise is told. */
export const refusalPrompt = (
  options: Pick<PromptOptions<unknown>, 'title' | 'content' | 'placeholder' | 'action' | 'success' | 'onDone'>,
): PromptOptions<unknown> => ({
  ...options,
  label: '退回理由',
  required: '请填写退回理由',
  min: 2,
  maxLength: 500,
  multiline: true,
  okText: '退回',
  danger: true,
});
