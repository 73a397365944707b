import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Descriptions, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { PlanDetail, PlannedClass } from '../../api/training-plan-types';
import { formatDateTimeShort } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/use-is-mobile';
import { FORMAT_LABELS, PlanStatusTag, TierTag, yuan } from './dict';
import { PlanComments } from './PlanComments';
import { PlanReviewModal, type ReviewAction } from './PlanReviewModal';

/** A plan read by its bureau after submitting, or by the bureaus above, who review it. */
export function PlanView({ plan }: { plan: PlanDetail }) {
  const isMobile = useIsMobile();
  const [action, setAction] = useState<ReviewAction | null>(null);

  const columns: TableColumnsType<PlannedClass> = [
    { title: '序号', dataIndex: 'seq', width: 60 },
    {
      title: '班次',
      dataIndex: 'title',
      render: (t: string, c) =>
        isMobile ? (
          <div className="cell-stack">
            <span>{t}</span>
            <Typography.Text type="secondary">
              {c.plannedMonth} 月 · {FORMAT_LABELS[c.format]} · {c.places} 人 · {c.hours} 学时 · {yuan(c.budgetYuan)}
            </Typography.Text>
          </div>
        ) : (
          t
        ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '计划月份', dataIndex: 'plannedMonth', width: 90, render: (m: number) => `${m} 月` },
          { title: '形式', dataIndex: 'format', width: 110, render: (f: PlannedClass['format']) => FORMAT_LABELS[f] },
          { title: '人数', dataIndex: 'places', width: 70 },
          { title: '学时', dataIndex: 'hours', width: 70 },
          { title: '预算', dataIndex: 'budgetYuan', width: 120, align: 'right', render: (n: number) => yuan(n) },
          { title: '经费说明', dataIndex: 'budgetNote', render: (n: string | null) => n ?? '—' },
        ] as TableColumnsType<PlannedClass>)),
  ];

  return (
    <div className="page">
      <PageHeader
        title={plan.title}
        back={{ title: '培训计划', to: '/training-plans' }}
        description={
          <Space wrap>
            {plan.orgUnitName}
            <TierTag tier={plan.tier} />
            <PlanStatusTag status={plan.status} />
          </Space>
        }
        extra={
          <Space wrap>
            {plan.can.review ? (
              <>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setAction('acknowledge')}>
                  阅知
                </Button>
                <Button danger icon={<RollbackOutlined />} onClick={() => setAction('return')}>
                  退回修改
                </Button>
              </>
            ) : null}
            {plan.can.comment ? <Button onClick={() => setAction('comment')}>发表意见</Button> : null}
          </Space>
        }
      />
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="年度">{plan.year}</Descriptions.Item>
        <Descriptions.Item label="审阅单位">{plan.reviewerUnitName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="报送时间">{formatDateTimeShort(plan.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label="专项经费预算">{yuan(plan.budgetYuan)}</Descriptions.Item>
        <Descriptions.Item label="班次预算合计">{yuan(plan.classBudgetYuan)}</Descriptions.Item>
        <Descriptions.Item label="班次 / 人数 / 学时">
          {plan.classCount} / {plan.places} / {plan.hours}
        </Descriptions.Item>
        <Descriptions.Item label="培训主题" span={3}>
          {plan.topics.length ? plan.topics.map((t) => <Tag key={t}>{t}</Tag>) : '—'}
        </Descriptions.Item>
        {plan.coveredCounties.length ? (
          <Descriptions.Item label="覆盖合并县（市、区）" span={3}>
            {plan.coveredCounties.map((c) => c.name).join('、')}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="计划说明" span={3}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{plan.summary ?? '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>计划班次</Typography.Title>
      <Table<PlannedClass> rowKey="id" size="small" columns={columns} dataSource={plan.classes} pagination={false} />
      <PlanComments plan={plan} />
      <PlanReviewModal plan={plan} action={action} onClose={() => setAction(null)} />
    </div>
  );
}
