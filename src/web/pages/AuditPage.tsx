import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Space, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ROLE_LABELS, type Role } from '../../domain/permissions';
import { api, errorMessage, withQuery } from '../api/client';
import { queryKeys } from '../api/query-keys';
import type { AuditAction, AuditEvent, Page, QueuedJob } from '../api/types';
import { Access } from '../auth/Access';
import { download } from '../components/download';
import { FilterField, FilterSelect } from '../components/FilterField';
import { formatDateTime } from '../components/format';
import { JobProgress } from '../components/JobProgress';
import { JobResult } from '../components/JobResult';
import { FilterBar } from '../components/list/FilterBar';
import { ListTable } from '../components/list/ListTable';
import { PageHeader } from '../components/PageHeader';
import { UrlKeyword, useUrlFilters } from '../components/url-filters';
import { useIsMobile } from '../components/use-is-mobile';

const FILTER_KEYS = ['from', 'to', 'username', 'action', 'result'] as const;
const RESULT_OPTIONS = [
  { value: 'success' as const, label: '成功' },
  { value: 'failure' as const, label: '失败' },
];

const roleLabel = (role: string | null): string => (role ? (ROLE_LABELS[role as Role] ?? role) : '—');

/** Details as "key: value" lines; values that are objects as compact JSON. */
function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (!entries.length) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <dl className="audit-details">
      {entries.map(([k, v]) => (
        <div key={k} className="audit-detail-row">
          <dt className="mono">{k}</dt>
          <dd className="mono">{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function AuditPage() {
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const paging = useUrlFilters(FILTER_KEYS);
  const { filters, page, pageSize } = paging;
  const [verifyJobId, setVerifyJobId] = useState<number | null>(null);

  const actions = useQuery({ queryKey: queryKeys.audit.actions, queryFn: () => api.get<AuditAction[]>('/api/audit-events/actions'), staleTime: 60_000 });
  const params = { ...filters, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.audit.list(params),
    queryFn: ({ signal }) => api.get<Page<AuditEvent>>('/api/audit-events', params, signal),
    placeholderData: keepPreviousData,
  });

  const verify = useMutation({
    mutationFn: () => api.post<QueuedJob>('/api/audit-events/verify'),
    onSuccess: ({ jobId }) => setVerifyJobId(jobId),
    onError: (error) => message.error(errorMessage(error)),
  });

  // on a phone the first columns are what a reader scans for: when, who, what, outcome
  const columns: TableColumnsType<AuditEvent> = [
    { title: '序号', dataIndex: 'seq', width: 72, responsive: ['md'] },
    { title: '时间', dataIndex: 'occurredAt', render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
    { title: '账户', dataIndex: 'actorUsername', render: (v: string | null) => v ?? <Typography.Text type="secondary">系统</Typography.Text> },
    { title: '操作', dataIndex: 'actionLabel', render: (label: string, e) => <span title={e.action}>{label}</span> },
    {
      title: '结果',
      dataIndex: 'result',
      render: (r: AuditEvent['result']) => (r === 'success' ? <Tag color="success">成功</Tag> : <Tag color="error">失败</Tag>),
    },
    { title: '角色', dataIndex: 'actorRole', render: roleLabel },
    { title: '对象', key: 'target', render: (_v, e) => (e.targetType ? <span className="mono">{`${e.targetType}#${e.targetId ?? ''}`}</span> : '—') },
    { title: 'IP 地址', dataIndex: 'ip', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
  ];

  const exportHref = withQuery('/api/audit-events/export', { ...filters });

  return (
    <div className="page">
      <PageHeader
        title="审计日志"
        description="所有登录与管理操作均记入审计日志，日志以哈希链防篡改。"
        extra={
          <Space wrap>
            <Access permission="audit:export">
              <Button icon={<DownloadOutlined />} onClick={() => download(exportHref)} title="按当前查询条件导出">
                导出 Excel
              </Button>
            </Access>
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
              校验完整性
            </Button>
          </Space>
        }
      />
      {verifyJobId !== null ? (
        <Card
          size="small"
          className="block-card"
          title="审计日志完整性校验"
          extra={
            <Button type="link" size="small" onClick={() => setVerifyJobId(null)}>
              关闭
            </Button>
          }
        >
          <JobProgress jobId={verifyJobId} hideTitle renderResult={(job) => <JobResult job={job} />} />
        </Card>
      ) : null}
      <FilterBar anyFilter={paging.anyFilter} onReset={paging.reset}>
        <FilterField label="时间">
          {/* the phone pickers choose whole days (a time column does not fit a 375 px screen) */}
          <DatePicker.RangePicker
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            allowEmpty={[true, true]}
            placeholder={['开始时间', '结束时间']}
            {...(isMobile ? { format: 'YYYY-MM-DD', inputReadOnly: true } : { showTime: { format: 'HH:mm' }, format: 'YYYY-MM-DD HH:mm' })}
            onChange={(v) =>
              paging.update({
                from: v?.[0] ? (isMobile ? v[0].startOf('day') : v[0]).toISOString() : undefined,
                to: v?.[1] ? (isMobile ? v[1].endOf('day') : v[1]).toISOString() : undefined,
              })
            }
          />
        </FilterField>
        <UrlKeyword label="账户" value={filters.username} placeholder="用户名" onApply={(v) => paging.update({ username: v?.trim() })} />
        <FilterSelect<string>
          label="操作"
          placeholder="全部操作"
          showSearch={{ optionFilterProp: 'label' }}
          popupMatchSelectWidth={false}
          loading={actions.isPending}
          value={filters.action}
          onChange={(v) => paging.update({ action: v })}
          options={(actions.data ?? []).map((a) => ({ value: a.action, label: a.label }))}
        />
        <FilterSelect<'success' | 'failure'>
          label="结果"
          placeholder="全部"
          value={filters.result as 'success' | 'failure' | undefined}
          onChange={(v) => paging.update({ result: v })}
          options={RESULT_OPTIONS}
        />
      </FilterBar>
      <ListTable<AuditEvent>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="审计日志"
        expandable={{
          expandedRowRender: (e) => <Details details={e.details} />,
          rowExpandable: (e) => Object.keys(e.details).length > 0,
          columnTitle: <span className="sr-only">详情</span>,
        }}
        empty={paging.anyFilter ? '没有符合条件的记录' : '还没有审计记录'}
      />
    </div>
  );
}
