import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Tag, Tooltip, type TableColumnsType } from 'antd';
import { DELIVERY_STATUSES, NOTICE_CHANNELS, type DeliveryStatus, type NoticeChannel } from '../../domain/notices';
import { api } from '../api/client';
import { formatDateTimeShort } from './format';
import { FilterSelect } from './FilterField';
import { FilterBar } from './list/FilterBar';
import { ListTable } from './list/ListTable';
import { UrlKeyword, useUrlFilters } from './url-filters';
import type { Delivery, DeliveryPage } from '../api/types';
import { queryKeys } from '../api/query-keys';

const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'processing', sent: 'success', failed: 'error', capped: 'warning' };
const KEYS = ['q', 'channel', 'status'] as const;

/**
 * A filtered, paged table of notice deliveries from `url` (the bureau's log or the caller's own). Keyword, channel,
 * status and page are in the address bar; each page that embeds it has its own route, so the keys do not clash.
 */
export function DeliveryLog({ url, showRecipient }: { url: string; showRecipient: boolean }) {
  const filters = useUrlFilters(KEYS);
  const { q, channel, status } = filters.filters;
  const query = {
    channel: channel as NoticeChannel | undefined,
    status: status as DeliveryStatus | undefined,
    q,
    page: filters.page,
    pageSize: filters.pageSize,
  };
  const list = useQuery({
    queryKey: queryKeys.notificationDeliveries(url, query),
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
  return (
    <>
      <FilterBar anyFilter={filters.anyFilter} onReset={filters.reset}>
        <UrlKeyword value={q} placeholder="接收人或通知标题" onApply={(v) => filters.update({ q: v })} />
        <FilterSelect<NoticeChannel>
          label="渠道"
          placeholder="全部渠道"
          value={channel as NoticeChannel | undefined}
          onChange={(v) => filters.update({ channel: v })}
          options={Object.entries(NOTICE_CHANNELS).map(([value, label]) => ({ value: value as NoticeChannel, label }))}
        />
        <FilterSelect<DeliveryStatus>
          label="状态"
          placeholder="全部状态"
          value={status as DeliveryStatus | undefined}
          onChange={(v) => filters.update({ status: v })}
          options={Object.entries(DELIVERY_STATUSES).map(([value, label]) => ({ value: value as DeliveryStatus, label }))}
        />
      </FilterBar>
      <ListTable<Delivery> rowKey="id" query={list} paging={filters} what="发送记录" empty="没有符合条件的发送记录" columns={columns} />
    </>
  );
}
