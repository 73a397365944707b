import { DownloadOutlined, DownOutlined, ExclamationCircleOutlined, ImportOutlined, PlusOutlined, UpOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Col, Row, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography, type TableColumnsType, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { Job, Page } from '../../api/types';
import type { Enterprise } from '../../api/enterprise-types';
import { Access } from '../../auth/Access';
import { useMe } from '../../auth/session';
import { jobDownloadHref } from '../../components/download';
import {
  divisionOptions,
  divisionText,
  OWNERSHIP_OPTIONS,
  ownershipLabel,
  SCALE_OPTIONS,
  scaleLabel,
  SECTION_OPTIONS,
  sectionText,
  STATUS_COLORS,
  STATUS_OPTIONS,
  statusLabel,
} from '../../components/enterprise-dict';
import { formatDate, formatDateTimeShort } from '../../components/format';
import { JobProgress } from '../../components/JobProgress';
import { toTreeSelectData, useOrgTree } from '../../components/org-tree';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/use-is-mobile';
import { EnterpriseFormModal } from './EnterpriseFormModal';
import './enterprises.css';
import { KeywordSearch } from '../../components/KeywordSearch';
import { FilterField, FilterSelect } from '../../components/FilterField';

/** The list's filters, as they stand in the address bar (so 返回 from a detail page keeps them). */
const FILTER_KEYS = ['q', 'orgUnitId', 'industrySection', 'industryCode', 'scale', 'ownership', 'aboveScale', 'status', 'hasOfficer', 'flagged'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;
/** Filters behind 更多筛选 on a narrow screen. */
const MORE_KEYS: readonly FilterKey[] = ['scale', 'ownership', 'aboveScale', 'status', 'hasOfficer', 'flagged'];

type SortKey = 'name' | 'uscc' | 'updatedAt' | 'createdAt';
const SORT_KEYS: readonly SortKey[] = ['name', 'uscc', 'updatedAt', 'createdAt'];

const yesNo = (yes: string, no: string) => [
  { value: 'true', label: yes },
  { value: 'false', label: no },
];

interface ExportResult {
  rows?: number;
  fileName?: string;
}

export default function EnterprisesPage() {
  const me = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const tree = useOrgTree();
  const [params, setParams] = useSearchParams();
  const [moreOpen, setMoreOpen] = useState(!isMobile);
  const [formOpen, setFormOpen] = useState(false);
  const [exportJobId, setExportJobId] = useState<number | null>(null);

  const filters: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const sortParam = params.get('sort') as SortKey | null;
  const sort: SortKey = sortParam && SORT_KEYS.includes(sortParam) ? sortParam : 'name';
  const order: 'asc' | 'desc' = params.get('order') === 'desc' ? 'desc' : 'asc';
  const [search, setSearch] = useState(filters.q ?? '');
  // the keyword box follows the address bar when it changes from elsewhere (a link, 返回)
  const [shownQ, setShownQ] = useState(filters.q);
  if (shownQ !== filters.q) {
    setShownQ(filters.q);
    setSearch(filters.q ?? '');
  }

  /** Changes the address bar; a filter change goes back to page 1. */
  const update = (patch: Record<string, string | number | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };
  const setFilter = (key: FilterKey, value: string | number | undefined) => update({ [key]: value });

  const query = { page, pageSize, sort, order, ...filters };
  const list = useQuery({
    queryKey: ['enterprises', query],
    queryFn: ({ signal }) => api.get<Page<Enterprise>>('/api/enterprises', query, signal),
    placeholderData: keepPreviousData,
  });

  const startExport = useMutation({
    mutationFn: () => api.post<{ jobId: number }>('/api/enterprises/exports', filters),
    onSuccess: ({ jobId }) => setExportJobId(jobId),
    onError: (error) => message.error(errorMessage(error)),
  });

  const orgFilterData = useMemo(() => toTreeSelectData(tree.data ?? []), [tree.data]);
  const singleUnit = tree.data?.length === 1 && tree.data[0]?.children.length === 0;
  const divisions = useMemo(() => divisionOptions(filters.industrySection), [filters.industrySection]);
  const hiddenActive = MORE_KEYS.filter((k) => filters[k] !== undefined).length;
  const anyFilter = FILTER_KEYS.some((k) => filters[k] !== undefined);

  const sortOrderOf = (key: SortKey) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableColumnsType<Enterprise> = [
    {
      title: '企业名称',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      sortDirections: ['ascend', 'descend', 'ascend'],
      width: isMobile ? 160 : 240,
      fixed: 'left',
      render: (_v, e) => (
        <div className="cell-stack">
          <span>
            <Link to={`/enterprises/${e.id}`} className="enterprise-name-link">
              {e.name}
            </Link>
            {/* 在营 is the rule: only the exceptions get a tag */}
            {e.status !== 'operating' ? (
              <Tag color={STATUS_COLORS[e.status] ?? 'default'} className="inline-tag">
                {statusLabel(e.status)}
              </Tag>
            ) : null}
          </span>
          {e.reviewFlags.length ? (
            <Space size={[4, 4]} wrap className="flag-tags">
              {e.reviewFlags.map((f) => (
                <Tag key={f.code} color="orange" icon={<ExclamationCircleOutlined />} className="flag-tag">
                  待核实：{f.label}
                </Tag>
              ))}
            </Space>
          ) : null}
        </div>
      ),
    },
    {
      title: '统一社会信用代码',
      key: 'uscc',
      dataIndex: 'uscc',
      sorter: true,
      sortOrder: sortOrderOf('uscc'),
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (v: string) => <span className="mono nowrap">{v}</span>,
    },
    // a county bureau sees only its own unit: the column would say the same on every row
    ...(singleUnit ? [] : [{ title: '所属单位', dataIndex: 'orgUnitName', render: (v: string) => <span className="nowrap">{v}</span> }]),
    {
      title: '行业',
      key: 'industry',
      render: (_v, e) => (
        <Tooltip title={`${sectionText(e.industrySection)} / ${divisionText(e.industryCode)}`}>
          <span className="industry-cell">{divisionText(e.industryCode)}</span>
        </Tooltip>
      ),
    },
    {
      title: '规模',
      key: 'scale',
      render: (_v, e) => (
        <span className="nowrap">
          {scaleLabel(e.scale)}
          {e.aboveScale ? (
            <Tooltip title={e.aboveScaleYear ? `规上企业（${e.aboveScaleYear} 年度）` : '规上企业'}>
              <Tag color="geekblue" className="inline-tag">
                规上
              </Tag>
            </Tooltip>
          ) : null}
        </span>
      ),
    },
    { title: '经济类型', dataIndex: 'ownership', render: (v: string) => <span className="nowrap">{ownershipLabel(v)}</span> },
    {
      title: '首席质量官',
      dataIndex: 'hasActiveOfficer',
      render: (v: boolean) => (v ? <Tag color="blue">已聘任</Tag> : <Typography.Text type="secondary">未聘任</Typography.Text>),
    },
    {
      title: '更新时间',
      key: 'updatedAt',
      dataIndex: 'updatedAt',
      sorter: true,
      sortOrder: sortOrderOf('updatedAt'),
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (v: string) => (
        <Tooltip title={formatDateTimeShort(v)}>
          <span className="nowrap">{formatDate(v)}</span>
        </Tooltip>
      ),
    },
  ];

  const onTableChange: TableProps<Enterprise>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const key = sorter.columnKey as SortKey | undefined;
    if (!key || !sorter.order) update({ sort: undefined, order: undefined });
    else update({ sort: key, order: sorter.order === 'ascend' ? 'asc' : 'desc' });
  };

  const resetFilters = () => {
    setSearch('');
    const next = new URLSearchParams();
    if (params.get('pageSize')) next.set('pageSize', params.get('pageSize') ?? '');
    setParams(next, { replace: true });
  };

  const renderExportResult = (job: Job) => {
    const result = (job.result ?? {}) as ExportResult;
    return (
      <Space wrap>
        <Typography.Text>已导出 {result.rows ?? job.done} 家企业。</Typography.Text>
        <Button type="primary" icon={<DownloadOutlined />} href={jobDownloadHref(job.id)}>
          下载
        </Button>
      </Space>
    );
  };

  const boolSelect = (key: FilterKey, placeholder: string, options: { value: string; label: string }[]) => (
    <Select<string>
      placeholder={placeholder}
      aria-label={placeholder}
      allowClear
      className="full-width"
      options={options}
      value={filters[key]}
      onChange={(v) => setFilter(key, v)}
    />
  );

  return (
    <div className="page">
      <PageHeader
        title="企业名录"
        description={`${me.permissions.includes('enterprises:manage') ? '管辖范围内的企业' : '辖区内本部门所负责行业的企业'}。标“待核实”的企业，其信用代码登记地与所属单位不符，请核对。`}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={startExport.isPending} onClick={() => startExport.mutate()} title="按当前筛选条件导出全部结果">
              导出 Excel
            </Button>
            <Access permission="enterprises:manage">
              <Button icon={<ImportOutlined />} onClick={() => void navigate('/enterprises/import')}>
                批量导入
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)}>
                新增企业
              </Button>
            </Access>
          </Space>
        }
      />
      {exportJobId !== null ? (
        <Card
          size="small"
          className="block-card"
          title="导出企业名录"
          extra={
            <Button type="link" size="small" onClick={() => setExportJobId(null)}>
              关闭
            </Button>
          }
        >
          <JobProgress jobId={exportJobId} hideTitle renderResult={renderExportResult} />
        </Card>
      ) : null}
      <Card className="filter-card" size="small">
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={6}>
            <FilterField label="关键词">
              <KeywordSearch placeholder="企业名称或信用代码" value={search} onValueChange={setSearch} onApply={(q) => setFilter('q', q)} />
            </FilterField>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <FilterField label="所属单位">
              <TreeSelect<number>
                placeholder="全部单位（含下级）"
                allowClear
                className="full-width"
                treeData={orgFilterData}
                showSearch={{ treeNodeFilterProp: 'title' }}
                value={filters.orgUnitId ? Number(filters.orgUnitId) : undefined}
                onChange={(v) => setFilter('orgUnitId', v)}
                treeDefaultExpandedKeys={(tree.data ?? []).map((n) => n.id)}
              />
            </FilterField>
          </Col>
          <Col xs={12} lg={6}>
            <FilterSelect<string>
              label="行业门类"
              placeholder="全部门类"
              showSearch={{ optionFilterProp: 'label' }}
              className="full-width"
              options={SECTION_OPTIONS}
              value={filters.industrySection}
              onChange={(v) => {
              const keep = v && filters.industryCode && divisionOptions(v).some((d) => d.value === filters.industryCode);
              update({ industrySection: v, industryCode: keep ? filters.industryCode : undefined });
              }}
              popupMatchSelectWidth={isMobile ? false : 320}
            />
          </Col>
          <Col xs={12} lg={6}>
            <FilterSelect<string>
              label="行业大类"
              placeholder="全部大类"
              showSearch={{ optionFilterProp: 'label' }}
              className="full-width"
              options={divisions}
              value={filters.industryCode}
              onChange={(v) => setFilter('industryCode', v)}
              popupMatchSelectWidth={isMobile ? false : 320}
            />
          </Col>
          {moreOpen ? (
            <>
              <Col xs={12} sm={8} lg={4}>
                <FilterSelect<string>
                  label="企业规模"
                  placeholder="全部规模"
                  className="full-width"
                  options={SCALE_OPTIONS}
                  value={filters.scale}
                  onChange={(v) => setFilter('scale', v)}
                />
              </Col>
              <Col xs={12} sm={8} lg={4}>
                <FilterSelect<string>
                  label="经济类型"
                  placeholder="全部经济类型"
                  className="full-width"
                  options={OWNERSHIP_OPTIONS}
                  value={filters.ownership}
                  onChange={(v) => setFilter('ownership', v)}
                  popupMatchSelectWidth={false}
                />
              </Col>
              <Col xs={12} sm={8} lg={4}>
                {boolSelect('aboveScale', '是否规上', yesNo('规上企业', '非规上企业'))}
              </Col>
              <Col xs={12} sm={8} lg={4}>
                <FilterSelect<string>
                  label="经营状态"
                  placeholder="全部经营状态"
                  className="full-width"
                  options={STATUS_OPTIONS}
                  value={filters.status}
                  onChange={(v) => setFilter('status', v)}
                />
              </Col>
              <Col xs={12} sm={8} lg={4}>
                {boolSelect('hasOfficer', '首席质量官', yesNo('已聘任首席质量官', '未聘任首席质量官'))}
              </Col>
              <Col xs={12} sm={8} lg={4}>
                {boolSelect('flagged', '待核实', yesNo('有待核实事项', '无待核实事项'))}
              </Col>
            </>
          ) : null}
        </Row>
        <div className="filter-toolbar">
          <Button type="link" size="small" onClick={() => setMoreOpen((o) => !o)} icon={moreOpen ? <UpOutlined /> : <DownOutlined />} iconPlacement="end">
            {moreOpen ? '收起筛选' : '更多筛选'}
            {!moreOpen && hiddenActive ? <Badge count={hiddenActive} size="small" className="filter-badge" /> : null}
          </Button>
          {anyFilter ? (
            <Button type="link" size="small" onClick={resetFilters}>
              清除全部条件
            </Button>
          ) : null}
        </div>
      </Card>
      {list.isError ? <Alert className="form-alert" type="error" showIcon title="企业名录加载失败" description={errorMessage(list.error)} /> : null}
      <Table<Enterprise>
        rowKey="id"
        size={isMobile ? 'small' : 'middle'}
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        onChange={onTableChange}
        showSorterTooltip={false}
        locale={{ emptyText: list.isPending ? '加载中…' : anyFilter ? '没有符合条件的企业' : '名录中还没有企业' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 家企业`,
          size: isMobile ? 'small' : 'middle',
          onChange: (p, ps) => update({ page: ps === pageSize ? p : undefined, pageSize: ps === 20 ? undefined : ps }, true),
        }}
      />
      <EnterpriseFormModal
        open={formOpen}
        enterprise={null}
        onClose={() => setFormOpen(false)}
        onSaved={(saved) => {
          setFormOpen(false);
          void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
          message.success(
            <span>
              已新增企业：{saved.name}{' '}
              <Link to={`/enterprises/${saved.id}`}>查看</Link>
            </span>,
          );
        }}
      />
    </div>
  );
}
