import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Progress, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { api, withQuery } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { download } from '../../components/download';
import { formatDate } from '../../components/format';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { UnitFilter, UrlKeyword, useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import './register.css';
import { FilterSelect } from '../../components/FilterField';
import type { RosterPage, RosterRow } from '../../api/filing-types';

const TIER_LABELS = { basic: '基础', enhanced: '提升', advanced: '高级' } as const;
const TIER_OPTIONS = [
  { value: 'none', label: '未取得培训合格证' },
  { value: 'basic', label: '已取得基础' },
  { value: 'enhanced', label: '已取得提升' },
  { value: 'advanced', label: '已取得高级' },
];
const KEYS = ['q', 'orgUnitId', 'tier', 'behind'] as const;

/** 首席质量官名册: the officers in office in the caller's area, with training and this year's study hours. */
export default function OfficerRosterPage() {
  const isMobile = useIsMobile();
  const paging = useUrlFilters(KEYS);
  const { filters, page, pageSize, update } = paging;
  const query = { ...filters, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.officerRoster.list(query),
    queryFn: ({ signal }) => api.get<RosterPage>('/api/officer-roster', query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<RosterRow> = [
    {
      title: '首席质量官',
      key: 'person',
      fixed: 'left',
      render: (_v, r) => (
        <div className="cell-stack">
          <Link to={`/filings/${r.filingId}`}>{r.personName}</Link>
          <Typography.Text type="secondary" className="mono">
            {r.idNumberMasked}
          </Typography.Text>
          {isMobile ? <span>{r.enterpriseName}</span> : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          {
            title: '企业',
            key: 'enterprise',
            render: (_v, r) => (
              <div className="cell-stack">
                <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
                <Typography.Text type="secondary" className="mono">
                  {r.uscc}
                </Typography.Text>
              </div>
            ),
          },
          { title: '主管单位', dataIndex: 'orgUnitName', render: (v: string) => <span className="nowrap">{v}</span> },
          { title: '聘任日期', dataIndex: 'appointmentDate', render: (v: string | null) => <span className="nowrap">{v ?? '—'}</span> },
          { title: '备案日期', dataIndex: 'filedAt', render: (v: string | null) => <span className="nowrap">{formatDate(v)}</span> },
        ] as TableColumnsType<RosterRow>)),
    { title: '培训层级', dataIndex: 'tier', render: (v: RosterRow['tier']) => (v ? <Tag color="blue">{TIER_LABELS[v]}</Tag> : <Tag>未取得</Tag>) },
    {
      title: `${list.data?.year ?? ''} 年度学时`,
      key: 'study',
      render: (_v, r) => (
        <div className="register-progress">
          <Progress
            percent={Math.min(100, Math.round((r.studyHours / r.targetHours) * 100))}
            size="small"
            showInfo={false}
            status={r.studyHours >= r.targetHours ? 'success' : 'normal'}
            aria-label={`${r.personName} 年度学时进度`}
          />
          <span className="nowrap">
            {r.studyHours} / {r.targetHours}
          </span>
        </div>
      ),
    },
    { title: '警示', dataIndex: 'warnings', render: (v: number) => (v ? <Tag color="warning">{v} 次</Tag> : '—') },
  ];

  return (
    <div className="page">
      <PageHeader
        title="首席质量官名册"
        description="管辖范围内在任的首席质量官：任职企业、聘任与备案日期、已取得的培训层级和本年度学时。"
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => download(withQuery('/api/officer-roster/export', filters))}>
            导出 Excel
          </Button>
        }
      />
      <FilterBar anyFilter={paging.anyFilter} onReset={paging.reset}>
        <UrlKeyword value={filters.q} placeholder="姓名、企业名称、统一社会信用代码或完整身份证号" onApply={(q) => update({ q })} />
        <UnitFilter value={filters.orgUnitId} onChange={(v) => update({ orgUnitId: v })} />
        <FilterSelect
          label="培训层级"
          placeholder="全部培训层级"
          value={filters.tier}
          options={TIER_OPTIONS}
          onChange={(v: string | undefined) => update({ tier: v })}
          className="register-select"
        />
        <FilterSelect
          label="学时情况"
          placeholder="全部学时情况"
          value={filters.behind}
          options={[
            { value: 'true', label: '学时未达标' },
            { value: 'false', label: '全部' },
          ]}
          onChange={(v: string | undefined) => update({ behind: v === 'true' ? 'true' : undefined })}
          className="register-select"
        />
      </FilterBar>
      <ListTable<RosterRow>
        rowKey="filingId"
        columns={columns}
        query={list}
        paging={paging}
        what="名册"
        empty={paging.anyFilter ? '没有符合条件的首席质量官' : '管辖范围内还没有在任的首席质量官'}
      />
    </div>
  );
}
