import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Space, Tabs, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, withQuery, type QueryParams } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { download } from '../../components/download';
import { DateRangeFilter, UnitFilter, UrlKeyword, useUrlFilters } from '../../components/url-filters';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { BulkReviewBar } from './BulkReviewBar';
import '../register/register.css';
import type { Page } from '../../api/types';
import type { Filing, FilingStatus } from '../../api/filing-types';
import { FILING_STATUS_OPTIONS, isOverdue } from '../../components/filing-dict';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/use-is-mobile';
import { DeadlineText, FilingStatusTag } from './FilingParts';
import './filings.css';
import { FilterSelect } from '../../components/FilterField';

type Tab = 'pending' | 'overdue' | 'all';
const TABS: readonly Tab[] = ['pending', 'overdue', 'all'];

const tabQuery = (tab: Tab, status: FilingStatus | undefined): QueryParams =>
  tab === 'pending' ? { status: 'submitted' } : tab === 'overdue' ? { overdue: 'true' } : { status };

/** The register's filters beside the tabs, kept in the address bar. */
const FILTER_KEYS = ['q', 'orgUnitId', 'segment', 'from', 'to'] as const;
const SEGMENT_OPTIONS = [
  { value: 'stateOwned', label: '国有企业' },
  { value: 'aboveScale', label: '规上企业' },
  { value: 'sme', label: '中小微企业' },
];

const fetchPage = (query: QueryParams, signal?: AbortSignal) => api.get<Page<Filing>>('/api/filings', query, signal);

/** 备案审核 for bureaus: filings in their region, waiting, overdue or all by status. */
export default function FilingsPage() {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'pending';
  const status = (FILING_STATUS_OPTIONS.some((o) => o.value === params.get('status')) ? params.get('status') : undefined) as FilingStatus | undefined;
  const paging = useUrlFilters(FILTER_KEYS);
  const { filters, page, pageSize } = paging;
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<Filing[]>([]);

  /** A change of tab or filter goes back to page 1 and forgets the selection. */
  const update = (next: Record<string, string | number | undefined>) => {
    setSelected([]);
    paging.update(next);
  };

  const query = { ...tabQuery(tab, status), ...filters, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.filings.list(query),
    queryFn: ({ signal }) => fetchPage(query, signal),
    placeholderData: keepPreviousData,
  });
  const pendingCount = useQuery({ queryKey: queryKeys.filings.count('submitted'), queryFn: () => fetchPage({ status: 'submitted', page: 1, pageSize: 1 }) });
  const overdueCount = useQuery({ queryKey: queryKeys.filings.count('overdue'), queryFn: () => fetchPage({ overdue: 'true', page: 1, pageSize: 1 }) });

  const open = (f: Filing) => void navigate(`/filings/${f.id}`);
  // the server says per row whether the caller decides it (a county merged into its city only reads)
  const action = (f: Filing) => (
    <Button size="small" type={f.status === 'submitted' && f.canReview ? 'primary' : 'default'} onClick={() => open(f)}>
      {f.status === 'submitted' && f.canReview ? '审核' : '查看'}
    </Button>
  );

  const columns: TableColumnsType<Filing> = [
    {
      title: '企业',
      key: 'enterprise',
      render: (_v, f) => (
        <div className="cell-stack">
          <Link to={`/filings/${f.id}`} className="enterprise-name-link">
            {f.enterpriseName}
          </Link>
          <Typography.Text type="secondary" className="mono">
            {f.uscc}
          </Typography.Text>
          {isMobile ? (
            <>
              <span>
                {f.personName}{' '}
                <Typography.Text type="secondary" className="mono">
                  {f.idNumberMasked}
                </Typography.Text>
              </span>
              <span>
                <FilingStatusTag filing={f} /> {f.round ? `第 ${f.round} 轮` : null}
              </span>
              {f.submittedAt ? (
                <Typography.Text type="secondary">
                  提交 {formatDate(f.submittedAt)}
                  {f.status === 'submitted' ? (
                    <>
                      {' '}
                      · 期限 <DeadlineText filing={f} />
                    </>
                  ) : null}
                </Typography.Text>
              ) : null}
              <div className="cell-actions">{action(f)}</div>
            </>
          ) : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          {
            title: '拟任人员',
            key: 'person',
            render: (_v, f) => (
              <div className="cell-stack">
                <span>{f.personName}</span>
                <Typography.Text type="secondary" className="mono">
                  {f.idNumberMasked}
                </Typography.Text>
              </div>
            ),
          },
          { title: '状态', key: 'status', render: (_v, f) => <FilingStatusTag filing={f} /> },
          { title: '提交日期', dataIndex: 'submittedAt', render: (v: string | null) => <span className="nowrap">{formatDate(v)}</span> },
          {
            title: '审核期限',
            key: 'deadline',
            render: (_v, f) => (
              <span className="nowrap">
                <DeadlineText filing={f} />
              </span>
            ),
          },
          { title: '轮次', dataIndex: 'round', render: (v: number) => <span className="nowrap">{v ? `第 ${v} 轮` : '—'}</span> },
          { title: '主管单位', dataIndex: 'orgUnitName', render: (v: string) => <span className="nowrap">{v}</span> },
          { title: '操作', key: 'actions', render: (_v, f) => action(f) },
        ] as TableColumnsType<Filing>)),
  ];

  const label = (text: string, count: number | undefined, danger = false) => (
    <Space size={6}>
      {text}
      {count ? <Badge count={count} overflowCount={999} color={danger ? undefined : '#1f4e9c'} /> : null}
    </Space>
  );

  const empty = tab === 'pending' ? '没有待审核的备案' : tab === 'overdue' ? '没有逾期未审的备案' : '没有符合条件的备案';

  return (
    <div className="page">
      <PageHeader
        title="备案审核"
        description="管辖范围内企业的首席质量官聘任备案。提交后 20 个工作日内审核，逾期的标红。"
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => download(withQuery('/api/filings/export', { ...tabQuery(tab, status), ...filters }))}>
            导出备案台账
          </Button>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'pending' ? undefined : key, status: undefined })}
        items={[
          { key: 'pending', label: label('待审核', pendingCount.data?.total) },
          { key: 'overdue', label: label('逾期未审', overdueCount.data?.total, true) },
          { key: 'all', label: '全部' },
        ]}
      />
      <FilterBar anyFilter={paging.anyFilter} onReset={() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}>
        <UrlKeyword value={filters.q} placeholder="企业名称、统一社会信用代码、姓名或完整身份证号" onApply={(q) => update({ q })} />
        <UnitFilter value={filters.orgUnitId} onChange={(v) => update({ orgUnitId: v })} />
        <FilterSelect
          label="企业类别"
          placeholder="全部企业类别"
          value={filters.segment}
          options={SEGMENT_OPTIONS}
          onChange={(v: string | undefined) => update({ segment: v })}
          className="register-select"
        />
        <DateRangeFilter from={filters.from} to={filters.to} isMobile={isMobile} onChange={(from, to) => update({ from, to })} />
      </FilterBar>
      <BulkReviewBar
        selected={selected}
        onDone={() => {
          setSelected([]);
          void queryClient.invalidateQueries({ queryKey: queryKeys.filings.all });
        }}
      />
      {tab === 'all' ? (
        <div className="tab-toolbar">
          <FilterSelect<FilingStatus>
            label="状态"
            placeholder="全部状态"
            value={status}
            options={FILING_STATUS_OPTIONS}
            onChange={(v) => update({ status: v })}
            className="status-select"
          />
        </div>
      ) : null}
      <ListTable<Filing>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="备案列表"
        empty={empty}
        rowClassName={(f) => (isOverdue(f) ? 'row-overdue' : '')}
        rowSelection={{
          selectedRowKeys: selected.map((f) => f.id),
          onChange: (_keys, rows) => setSelected(rows),
          getCheckboxProps: (f) => ({ disabled: !(f.status === 'submitted' && f.canReview), 'aria-label': `选择 ${f.enterpriseName}` }),
        }}
        onChange={() => setSelected([])}
      />
    </div>
  );
}
