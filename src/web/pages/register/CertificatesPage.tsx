import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Tag, Typography, type TableColumnsType } from 'antd';
import { api, withQuery } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Page } from '../../api/types';
import { download } from '../../components/download';
import { formatDate } from '../../components/format';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { DateRangeFilter, UnitFilter, UrlKeyword, useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { CERTIFICATE_KINDS } from '../../../domain/certificates';
import './register.css';
import { FilterSelect } from '../../components/FilterField';
import type { CertificateRow } from '../../api/filing-types';

const KEYS = ['q', 'kind', 'status', 'orgUnitId', 'from', 'to'] as const;
const STATUS_COLORS = { valid: 'success', ended: 'default', revoked: 'error' } as const;
const STATUS_SHORT = { valid: '有效', ended: '已失效', revoked: '已撤销' } as const;

/** 证书台账: certificates of every kind issued in, or held by officers of, the caller's area. */
export default function CertificatesPage() {
  const isMobile = useIsMobile();
  const paging = useUrlFilters(KEYS);
  const { filters, page, pageSize, update } = paging;
  const query = { ...filters, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.certificates.list(query),
    queryFn: ({ signal }) => api.get<Page<CertificateRow>>('/api/certificates', query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<CertificateRow> = [
    {
      title: '证书',
      key: 'serial',
      render: (_v, c) => (
        <div className="cell-stack">
          <a href={`/verify/${c.serial}`} target="_blank" rel="noreferrer" className="mono">
            {c.serial}
          </a>
          <span>{CERTIFICATE_KINDS[c.kind]}</span>
          {c.detail ? <Typography.Text type="secondary">{c.detail}</Typography.Text> : null}
        </div>
      ),
    },
    {
      title: '持证人',
      key: 'holder',
      render: (_v, c) => (
        <div className="cell-stack">
          <span>{c.holderName ?? '—'}</span>
          {c.enterpriseName ? <Typography.Text type="secondary">{c.enterpriseName}</Typography.Text> : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '发证单位', dataIndex: 'orgUnitName', render: (v: string) => <span className="nowrap">{v}</span> },
          { title: '发证日期', dataIndex: 'issuedAt', render: (v: string) => <span className="nowrap">{formatDate(v)}</span> },
          { title: '有效期至', dataIndex: 'expiresAt', render: (v: string | null) => <span className="nowrap">{v ? formatDate(v) : '长期'}</span> },
        ] as TableColumnsType<CertificateRow>)),
    {
      title: '状态',
      key: 'status',
      render: (_v, c) => (
        <div className="cell-stack">
          <Tag color={STATUS_COLORS[c.status]}>{STATUS_SHORT[c.status]}</Tag>
          {c.statusReason ? (
            <Typography.Text type="secondary">
              {c.statusReason}
              {c.statusChangedAt ? `（${formatDate(c.statusChangedAt)}）` : ''}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title="证书台账"
        description="辖区内发出的及在任首席质量官持有的备案证明、培训合格证和学时证明，含失效与撤销情况。"
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => download(withQuery('/api/certificates/export', filters))}>
            导出 Excel
          </Button>
        }
      />
      <FilterBar anyFilter={paging.anyFilter} onReset={paging.reset}>
        <UrlKeyword value={filters.q} placeholder="证书编号、持证人或企业名称" onApply={(q) => update({ q })} />
        <FilterSelect
          label="证书种类"
          placeholder="全部种类"
          value={filters.kind}
          options={Object.entries(CERTIFICATE_KINDS).map(([value, label]) => ({ value, label }))}
          onChange={(v: string | undefined) => update({ kind: v })}
          className="register-select"
        />
        <FilterSelect
          label="证书状态"
          placeholder="全部状态"
          value={filters.status}
          options={Object.entries(STATUS_SHORT).map(([value, label]) => ({ value, label }))}
          onChange={(v: string | undefined) => update({ status: v })}
          className="register-select"
        />
        <UnitFilter value={filters.orgUnitId} onChange={(v) => update({ orgUnitId: v })} placeholder="全部发证单位" />
        <DateRangeFilter from={filters.from} to={filters.to} isMobile={isMobile} onChange={(from, to) => update({ from, to })} />
      </FilterBar>
      <ListTable<CertificateRow>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="证书台账"
        empty={paging.anyFilter ? '没有符合条件的证书' : '还没有证书'}
      />
    </div>
  );
}
