import { BellOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Statistic, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { TRAINING_TIER_LABELS } from '../../../domain/training-delegation';
import { api, withQuery } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Page } from '../../api/types';
import type { Overview, OverviewRow, PlanStatus, PlanSummary, TrainingTier } from '../../api/training-plan-types';
import { useSession } from '../../auth/session';
import { useConfirmAction } from '../../components/confirm-action';
import { download } from '../../components/download';
import { formatDate } from '../../components/format';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { QueryError } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { currentYear, OVERVIEW_STATUS, PLAN_STATUS_OPTIONS, PlanStatusTag, TIER_OPTIONS, TierTag, yearOptions, yuan } from './dict';
import { FilterSelect } from '../../components/FilterField';

/** 培训计划: the plans a bureau files and reads (its own, its subtree's, its superiors'), and who has not filed. */
export default function TrainingPlansPage() {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { hasPermission } = useSession();
  const [params] = useSearchParams();
  const paging = useUrlFilters(['tier', 'status'] as const);
  const { page, pageSize } = paging;
  const tab = params.get('tab') === 'overview' ? 'overview' : 'list';
  const year = Number(params.get('year')) || currentYear();
  const tier = (TIER_OPTIONS.some((o) => o.value === params.get('tier')) ? params.get('tier') : undefined) as TrainingTier | undefined;
  const status = (PLAN_STATUS_OPTIONS.some((o) => o.value === params.get('status')) ? params.get('status') : undefined) as PlanStatus | undefined;
  const [onlyMissing, setOnlyMissing] = useState(false);
  const { confirm } = useConfirmAction();
  const chase = () =>
    confirm({
      title: '催报培训计划',
      content: `将向辖区内尚未报送 ${year} 年度培训计划的单位发送催报通知（每天可催报一次），确定发送吗？`,
      okText: '催报',
      action: () => api.post('/api/training-plans/chase', { year }),
      success: '已开始催报，各单位将收到站内消息',
    });

  const update = (next: Record<string, string | undefined>) => paging.update(next);

  const query = { year, tier, status, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.trainingPlans.list(query),
    queryFn: ({ signal }) => api.get<Page<PlanSummary>>('/api/training-plans', query, signal),
    placeholderData: keepPreviousData,
    enabled: tab === 'list',
  });
  const overview = useQuery({
    queryKey: queryKeys.trainingPlans.overview(year),
    queryFn: ({ signal }) => api.get<Overview>('/api/training-plans/overview', { year }, signal),
    enabled: tab === 'overview',
  });

  const columns: TableColumnsType<PlanSummary> = [
    {
      title: '计划',
      key: 'title',
      render: (_v, p) => (
        <div className="cell-stack">
          <Link to={`/training-plans/${p.id}`}>{p.title}</Link>
          <Typography.Text type="secondary">
            {p.orgUnitName} · {p.year} 年度
          </Typography.Text>
          {isMobile ? (
            <span>
              <TierTag tier={p.tier} /> <PlanStatusTag status={p.status} /> {p.classCount} 个班次 · {yuan(p.budgetYuan)}
            </span>
          ) : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '层级', dataIndex: 'tier', width: 100, render: (t: TrainingTier) => <TierTag tier={t} /> },
          { title: '状态', dataIndex: 'status', width: 110, render: (s: PlanStatus) => <PlanStatusTag status={s} /> },
          { title: '班次 / 人数 / 学时', key: 'totals', width: 150, render: (_v, p) => `${p.classCount} / ${p.places} / ${p.hours}` },
          { title: '专项经费预算', dataIndex: 'budgetYuan', width: 140, align: 'right', render: (n: number) => yuan(n) },
          { title: '报送日期', dataIndex: 'submittedAt', width: 120, render: (d: string | null) => formatDate(d) },
        ] as TableColumnsType<PlanSummary>)),
  ];

  const rows = (overview.data?.rows ?? []).filter((r) => !onlyMissing || r.status === 'missing' || r.status === 'draft' || r.status === 'returned');
  const overviewColumns: TableColumnsType<OverviewRow> = [
    {
      title: '单位',
      key: 'unit',
      render: (_v, r) => (
        <Space size={4} wrap>
          <span>{r.orgUnitName}</span>
          {r.mergedIntoCity ? <Tag color="cyan">合并至市级</Tag> : null}
        </Space>
      ),
    },
    { title: '层级', dataIndex: 'tier', width: 100, render: (t: TrainingTier) => <TierTag tier={t} /> },
    {
      title: '编报情况',
      key: 'status',
      render: (_v, r) => (
        <Space size={4} wrap>
          <Tag color={OVERVIEW_STATUS[r.status].color}>{OVERVIEW_STATUS[r.status].label}</Tag>
          {r.planId ? <Link to={`/training-plans/${r.planId}`}>查看</Link> : null}
          {r.coveredBy ? (
            <Typography.Text type="secondary">
              {r.coveredBy.orgUnitName}基础培训计划：{OVERVIEW_STATUS[r.coveredBy.status as keyof typeof OVERVIEW_STATUS].label}
              {r.coveredBy.planId ? (
                <>
                  {' '}
                  <Link to={`/training-plans/${r.coveredBy.planId}`}>查看</Link>
                </>
              ) : null}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
  ];

  const filters = (
    <FilterBar>
      <FilterSelect<number>
        label="年度"
        allowClear={false}
        value={year}
        options={yearOptions()}
        style={{ width: 120 }}
        onChange={(v) => update({ year: v === undefined ? undefined : String(v) })}
      />
      {tab === 'list' ? (
        <>
          <FilterSelect
            label="培训层级"
            placeholder="全部层级"
            value={tier}
            options={TIER_OPTIONS}
            style={{ width: 130 }}
            onChange={(v?: string) => update({ tier: v })}
          />
          <FilterSelect
            label="状态"
            placeholder="全部状态"
            value={status}
            options={PLAN_STATUS_OPTIONS}
            style={{ width: 130 }}
            onChange={(v?: string) => update({ status: v })}
          />
        </>
      ) : (
        <Space>
          <Switch checked={onlyMissing} onChange={setOnlyMissing} aria-label="只看未报送" />
          <span>只看未报送</span>
        </Space>
      )}
    </FilterBar>
  );

  return (
    <div className="page">
      <PageHeader
        title="培训计划"
        description="县局基础培训、市局提升培训、省局高级培训的年度计划；上一级审阅下级报送的计划"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => download(withQuery('/api/training-plans/export', { year, tier, status }))}>
              导出 Excel
            </Button>
            {hasPermission('training:manage') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(`/training-plans/new?year=${year}`)}>
                编制计划
              </Button>
            ) : null}
          </Space>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'overview' ? 'overview' : undefined })}
        items={[
          { key: 'list', label: '计划列表' },
          { key: 'overview', label: '编报情况' },
        ]}
      />
      {filters}
      {tab === 'list' ? (
        <ListTable<PlanSummary>
          rowKey="id"
          columns={columns}
          query={list}
          paging={paging}
          what="计划"
          empty={paging.anyFilter ? `${year} 年度没有符合条件的培训计划` : `${year} 年度暂无可查看的培训计划`}
          totalText={(n) => `共 ${n} 份`}
        />
      ) : overview.isError ? (
        <QueryError query={overview} what="编报情况" />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {[
              ['应报计划', overview.data?.summary.expected],
              ['已报送', overview.data?.summary.filed],
              ['已阅知', overview.data?.summary.acknowledged],
              ['未报送', overview.data?.summary.notFiled],
              ['合并由市局覆盖', overview.data?.summary.covered],
            ].map(([label, value]) => (
              <Col key={String(label)} xs={12} sm={8} md={4}>
                <Card size="small">
                  <Statistic title={label} value={value ?? '—'} />
                </Card>
              </Col>
            ))}
          </Row>
          {hasPermission('training:manage') ? (
            <Space style={{ marginBottom: 12 }}>
              <Button icon={<BellOutlined />} onClick={chase} disabled={!overview.data?.summary.notFiled}>
                催报未报送单位
              </Button>
            </Space>
          ) : null}
          <Table<OverviewRow>
            rowKey={(r) => `${r.orgUnitId}-${r.tier}`}
            size="small"
            loading={overview.isFetching}
            columns={overviewColumns}
            dataSource={rows}
            pagination={{ pageSize: 50, showTotal: (n) => `共 ${n} 项`, hideOnSinglePage: true }}
            locale={{ emptyText: onlyMissing ? '各单位均已报送' : '暂无数据' }}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            县（市、区）局编报{TRAINING_TIER_LABELS.basic}计划，设区市局编报{TRAINING_TIER_LABELS.enhanced}计划（有县合并至市级时另编
            {TRAINING_TIER_LABELS.basic}计划），省局编报{TRAINING_TIER_LABELS.advanced}计划。
          </Typography.Paragraph>
        </>
      )}
    </div>
  );
}
