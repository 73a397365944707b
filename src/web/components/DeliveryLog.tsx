import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { DELIVERY_STATUSES, NOTICE_CHANNELS, type DeliveryStatus, type NoticeChannel } from '../../domain/notices';
import { api, errorMessage } from '../api/client';
import { formatDateTimeShort } from './format';
import { KeywordSearch } from './KeywordSearch';
import { FilterField, FilterSelect } from './FilterField';
import type { Delivery, DeliveryPage } from '../api/types';

const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'processing', sent: 'success', failed: 'error', capped: 'warning' };

/** A filtered, paged table of notice deliveries from `url` (the bureau's log or the caller's own). */
export function DeliveryLog({ url, showRecipient }: { url: string; showRecipient: boolean }) {
  const [channel, setChannel] = useState<NoticeChannel | undefined>();
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = { channel, status, q: q || undefined, ...page };
  const list = useQuery({
    queryKey: ['notification-deliveries', url, query],
    queryFn: () => api.get<DeliveryPage>(url, query),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Delivery> = [
    { title: '时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTimeShort(v) },
    ...(showRecipient
      ? [
          { title: '接收人', dataIndex: 'recipientName' },
          { title: '所属单位', dataIndex: 'orgUnitName', responsive: ['md' as const] },
        ]
      : []),
    { title: '通知', dataIndex: 'title', render: (v: string, r: Delivery) => <Tooltip title={r.body}>{v}</Tooltip> },
    { title: '渠道', dataIndex: 'channel', width: 90, render: (v: NoticeChannel) => NOTICE_CHANNELS[v] },
    { title: '发送至', dataIndex: 'address', responsive: ['md'], render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: DeliveryStatus, r: Delivery) => (
        <Tooltip title={r.lastError ?? undefined}>
          <Tag color={STATUS_COLORS[v]}>{DELIVERY_STATUSES[v]}</Tag>
        </Tooltip>
      ),
    },
    { title: '尝试次数', dataIndex: 'attempts', width: 90, responsive: ['lg'] },
  ];
  const setFilter = (next: () => void) => {
    next();
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <>
      <Card size="small" className="filter-card">
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={8}>
            <FilterField label="关键词">
              <KeywordSearch placeholder="接收人或通知标题" value={search} onValueChange={setSearch} onApply={(v) => setFilter(() => setQ(v ?? ''))} />
            </FilterField>
          </Col>
          <Col xs={12} lg={4}>
            <FilterSelect label="渠道" placeholder="全部渠道" style={{ width: '100%' }} value={channel} onChange={(v: NoticeChannel | undefined) => setFilter(() => setChannel(v))} options={Object.entries(NOTICE_CHANNELS).map(([value, label]) => ({ value, label }))} />
          </Col>
          <Col xs={12} lg={4}>
            <FilterSelect label="状态" placeholder="全部状态" style={{ width: '100%' }} value={status} onChange={(v: DeliveryStatus | undefined) => setFilter(() => setStatus(v))} options={Object.entries(DELIVERY_STATUSES).map(([value, label]) => ({ value, label }))} />
          </Col>
        </Row>
      </Card>
      {list.error ? <Alert type="error" showIcon title={errorMessage(list.error)} /> : null}
      <Table
        size="small"
        rowKey="id"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 560 }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => `共 ${n} 条`,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </>
  );
}
