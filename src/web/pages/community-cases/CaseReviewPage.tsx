import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Segmented } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { CaseListItem, CommunityCreditRule, Page } from '../../api/community-case-types';
import { applyServerErrors } from '../../components/form-errors';
import { formatDate, formatDateTimeShort } from '../../components/format';
import { ListTable } from '../../components/list/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/url-filters';
import { useSession } from '../../auth/session';
import { CaseStatusTag, FeaturedTag } from './parts';

type Status = 'submitted' | 'published' | 'returned' | 'all';
const STATUSES: readonly Status[] = ['submitted', 'published', 'returned', 'all'];

/** The bureau's review queue of cases in its region; the province also sets the study-credit rule here. */
export default function CaseReviewPage() {
  const { hasPermission } = useSession();
  const paging = useUrlFilters(['status'] as const);
  const { filters, page, pageSize, update } = paging;
  const status = STATUSES.find((s) => s === filters.status) ?? 'submitted';
  const query = { status, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.caseReview.list(query),
    queryFn: ({ signal }) => api.get<Page<CaseListItem>>('/api/community/cases/review', query, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="page">
      <PageHeader title="案例审核" description="审核辖区内首席质量官提交的经验案例：发布（可设为精选）或退回修改。发布时按省局规则计入作者年度学时。" />
      <Segmented<Status>
        className="block-card"
        value={status}
        onChange={(v) => update({ status: v === 'submitted' ? undefined : v })}
        options={[
          { value: 'submitted', label: '待审核' },
          { value: 'published', label: '已发布' },
          { value: 'returned', label: '已退回' },
          { value: 'all', label: '全部' },
        ]}
      />
      <ListTable<CaseListItem>
        rowKey="id"
        size="small"
        query={list}
        paging={paging}
        what="案例"
        empty={status === 'submitted' ? '没有待审核的案例' : '没有案例'}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (_: unknown, c) => (
              <>
                <Link to={`/community/cases/${c.id}`}>{c.title}</Link> <FeaturedTag featured={c.featured} />
              </>
            ),
          },
          { title: '作者', dataIndex: 'authorName', width: 90 },
          { title: '企业', dataIndex: 'enterpriseName', render: (v: string | null) => v ?? '—' },
          { title: '状态', dataIndex: 'status', width: 90, render: (_: unknown, c) => <CaseStatusTag status={c.status} /> },
          { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (v: string | null) => formatDateTimeShort(v) },
          { title: '发布日期', dataIndex: 'publishedAt', width: 110, render: (v: string | null) => formatDate(v) },
        ]}
      />
      {hasPermission('targets:manage') ? <CreditRuleCard /> : null}
    </div>
  );
}

const RULE_FIELDS = ['minutesPerPublishedCase', 'extraMinutesForFeatured', 'minutesPerForumContribution', 'maxMinutesPerEvent', 'yearlyCapMinutes'] as const;

function CreditRuleCard() {
  const [form] = Form.useForm<CommunityCreditRule>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const rule = useQuery({ queryKey: queryKeys.communityCases.creditRule, queryFn: () => api.get<CommunityCreditRule>('/api/community/credit-rule') });
  useEffect(() => {
    if (rule.data) form.setFieldsValue(rule.data);
  }, [rule.data, form]);
  const save = useMutation({
    mutationFn: (v: CommunityCreditRule) => api.put<CommunityCreditRule>('/api/community/credit-rule', { ...v, version: rule.data?.version ?? 0 }),
    onSuccess: async () => {
      message.success('学时规则已保存');
      await qc.invalidateQueries({ queryKey: queryKeys.communityCases.creditRule });
    },
    onError: (e) => {
      const rest = applyServerErrors(form, e, RULE_FIELDS);
      if (rest) message.error(rest);
    },
  });
  const num = (name: (typeof RULE_FIELDS)[number], label: string, max: number) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
      <InputNumber min={0} max={max} precision={0} addonAfter="分钟" style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Card size="small" className="block-card narrow-card section-alert" title="交流分享计入学时规则（省局设定）">
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {num('minutesPerPublishedCase', '每篇发布案例计入', 1200)}
        {num('extraMinutesForFeatured', '精选案例另加', 1200)}
        {num('minutesPerForumContribution', '每条论坛贡献计入', 600)}
        {num('maxMinutesPerEvent', '每次活动签到最多计入（按活动时长）', 1440)}
        {num('yearlyCapMinutes', '每人每年交流分享上限', 12000)}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存规则
        </Button>
      </Form>
    </Card>
  );
}
