import { Card, Space, Tag, Timeline, Typography } from 'antd';
import type { PlanComment, PlanDetail } from '../../api/training-plan-types';
import { formatDateTimeShort } from '../../components/format';

const COMMENT_LABELS: Record<PlanComment['kind'], { text: string; color: string }> = {
  submitted: { text: '报送', color: 'blue' },
  comment: { text: '意见', color: 'gray' },
  returned: { text: '退回修改', color: 'orange' },
  acknowledged: { text: '阅知', color: 'green' },
};

/** 报送与审阅记录: the plan's submissions, comments, returns and acknowledgements. */
export function PlanComments({ plan }: { plan: PlanDetail }) {
  return (
    <Card size="small" title="报送与审阅记录" style={{ marginTop: 16 }}>
      <Timeline
        items={plan.comments.map((c) => ({
          color: COMMENT_LABELS[c.kind].color,
          content: (
            <div>
              <Space wrap size={4}>
                <Tag color={COMMENT_LABELS[c.kind].color}>{COMMENT_LABELS[c.kind].text}</Tag>
                <span>
                  {c.authorUnitName} · {c.authorName}
                </span>
                <Typography.Text type="secondary">{formatDateTimeShort(c.createdAt)}</Typography.Text>
              </Space>
              {c.body ? <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{c.body}</div> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
