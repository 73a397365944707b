import { UnorderedListOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Col, List, Progress, Row, Segmented, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { CoverageOverview, CoverageTrend } from '../../api/coverage-types';
import { EChart, type ChartOption } from '../../components/EChart';
import { QueryError } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { coverageShare, coverageText, meetsTarget, NO_ENTERPRISES, percent, projectionText } from './coverage-format';
import { OverrideStatsCard } from './OverrideStatsCard';
import { AssessmentSummaryCard } from './AssessmentSummaryCard';
import { ExitStatsCard, TreatmentStatsCard } from './ExitTreatmentStatsCards';
import './supervision.css';
import { FilterSelect } from '../../components/FilterField';
import { queryKeys } from '../../api/query-keys';

const KIND_LABEL: Record<string, string> = { province: '省', city: '设区市', county: '县（市、区）', zone: '开发区/园区' };

/** 覆盖率看板: where coverage stands against the policy's targets, how it moves, and where to act. Drills down by org unit. */
export default function CoverageDashboardPage() {
  const [params, setParams] = useSearchParams();
  const orgUnitId = Number(params.get('orgUnitId')) || undefined;
  const segment = params.get('segment') ?? 'aboveScale';
  const section = params.get('section') ?? undefined;
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };

  const query = { orgUnitId, section };
  const overview = useQuery({
    queryKey: queryKeys.coverage.overview(query),
    queryFn: () => api.get<CoverageOverview>('/api/coverage/overview', query),
    placeholderData: keepPreviousData,
  });
  const trend = useQuery({
    queryKey: queryKeys.coverage.trend(query),
    queryFn: () => api.get<CoverageTrend>('/api/coverage/trend', query),
    placeholderData: keepPreviousData,
  });
  const data = overview.data;
  const current = data?.segments.find((s) => s.code === segment) ?? data?.segments[0];
  const target = current?.target?.share ?? null;

  const ranked = useMemo(() => {
    const rows = (data?.children ?? [])
      .map((c) => ({ id: c.id, name: c.name, ...(c.segments[current?.code ?? ''] ?? { enterprises: 0, covered: 0, share: 0 }) }))
      .filter((c) => c.enterprises > 0);
    return rows.sort((a, b) => b.share - a.share);
  }, [data, current]);

  const barOption = useMemo<ChartOption>(() => {
    const counts = (data?.children ?? []).map((c) => c.segments[current?.code ?? ''] ?? { enterprises: 0, covered: 0, share: 0 });
    // each bar carries its value; a unit without enterprises shows 无企业 (not a 0% bar) and is not graded
    const labels = counts.map((c) => coverageShare(c));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (_v: unknown, i: number) => labels[i] ?? '' },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: (data?.children ?? []).map((c) => c.name),
        axisLabel: { interval: 0, rotate: (data?.children.length ?? 0) > 6 ? 40 : 0 },
      },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => percent(v, 0) } },
      series: [
        {
          type: 'bar',
          name: current?.name ?? '',
          label: { show: true, position: 'top', fontSize: 11, formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? '' },
          data: counts.map((c) => ({ value: c.share, itemStyle: { color: meetsTarget(c, target) ? '#389e0d' : '#1f4e9c' } })),
          markLine:
            target === null
              ? undefined
              : {
                  symbol: 'none',
                  data: [{ yAxis: target, name: '目标' }],
                  label: { formatter: `目标 ${percent(target, 0)}`, position: 'insideEndTop' },
                  lineStyle: { color: '#cf1322', type: 'dashed' },
                },
        },
      ],
    };
  }, [data, current, target]);

  const trendOption = useMemo<ChartOption>(() => {
    const t = trend.data;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => percent(Number(v)) },
      // the legend above the plot, scrolling on one line when it does not fit, so it never covers an axis label
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: t?.months ?? [] },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => percent(v, 0) } },
      series: (t?.series ?? []).map((s) => ({
        type: 'line',
        name: s.name,
        smooth: true,
        data: s.points.map((p) => p.share),
        markLine: s.target
          ? {
              symbol: 'none',
              data: [{ yAxis: s.target.share }],
              label: { formatter: `${s.name}目标`, position: 'insideStartTop' },
              lineStyle: { type: 'dashed' },
            }
          : undefined,
      })),
    };
  }, [trend.data]);

  const newOption = useMemo<ChartOption>(() => {
    const t = trend.data;
    const above = t?.series.find((s) => s.code === 'aboveScale');
    const monthlyTarget = t?.newOfficers?.target ? t.newOfficers.target / 12 : null;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: t?.months ?? [] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: '新增首席质量官（规上企业）',
          label: { show: true, position: 'top', fontSize: 11, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
          data: above?.points.map((p) => p.activated) ?? [],
          markLine:
            monthlyTarget === null
              ? undefined
              : {
                  symbol: 'none',
                  data: [{ yAxis: monthlyTarget }],
                  label: { formatter: '年度目标月均', position: 'insideEndTop' },
                  lineStyle: { color: '#ff4d4f', type: 'dashed' },
                },
        },
      ],
    };
  }, [trend.data]);

  const drill = (name: string) => {
    const child = data?.children.find((c) => c.name === name);
    if (child) set({ orgUnitId: String(child.id) });
  };

  const atLeaf = data ? data.children.every((c) => (c.segments[current?.code ?? '']?.enterprises ?? 0) === 0) : false;
  const uncoveredHref = `/worklists?kind=uncovered&orgUnitId=${data?.unit.id ?? ''}&segment=${current?.code ?? ''}${section ? `&section=${section}` : ''}`;

  return (
    <div className="coverage-page">
      <PageHeader
        title="覆盖率看板"
        description="首席质量官制度覆盖情况：规上企业与中小微企业对照年度目标，逐级查看到县（市、区）和企业。"
        extra={
          <Link to={uncoveredHref}>
            <Button type="primary" icon={<UnorderedListOutlined />}>
              未设首席质量官企业
            </Button>
          </Link>
        }
      />
      <Card size="small" className="filter-card">
        <Space wrap>
          <Breadcrumb
            items={(data?.breadcrumbs ?? []).map((b, i, all) => ({
              title: i === all.length - 1 ? <strong>{b.name}</strong> : <a onClick={() => set({ orgUnitId: String(b.id) })}>{b.name}</a>,
            }))}
          />
          {data ? <Tag>{KIND_LABEL[data.unit.kind] ?? data.unit.kind}</Tag> : null}
          <Segmented
            aria-label="企业类别"
            value={current?.code ?? segment}
            onChange={(v) => set({ segment: String(v) })}
            options={(data?.segments ?? []).map((s) => ({ value: s.code, label: s.name }))}
          />
          <FilterSelect
            label="行业门类"
            placeholder="全部行业门类"
            style={{ minWidth: 180 }}
            value={section}
            onChange={(v: string | undefined) => set({ section: v })}
            options={(data?.sections ?? []).map((s) => ({ value: s.section, label: `${s.section} ${s.name}` }))}
          />
        </Space>
      </Card>
      {overview.isError ? (
        <QueryError query={overview} what="覆盖率" />
      ) : (
        <Spin spinning={overview.isFetching}>
          <Row gutter={[12, 12]}>
            {(data?.segments ?? []).map((s) => (
              <Col xs={24} sm={12} lg={6} key={s.code}>
                <Card size="small" className={s.code === current?.code ? 'segment-card active' : 'segment-card'} onClick={() => set({ segment: s.code })}>
                  <Statistic title={`${s.name}覆盖率`} value={coverageShare(s)} />
                  <Progress
                    percent={Math.round(s.share * 1000) / 10}
                    showInfo={false}
                    status={meetsTarget(s, s.target?.share) ? 'success' : 'normal'}
                    aria-label={`${s.name}覆盖率`}
                  />
                  <Typography.Text type="secondary">
                    已设 {s.covered.toLocaleString()} / {s.enterprises.toLocaleString()} 家
                    {s.target ? `，${s.target.year} 年目标 ${percent(s.target.share, 0)}` : ''}
                  </Typography.Text>
                  <br />
                  <Typography.Text type="secondary" className="denominator-note">
                    {s.denominatorNote}
                  </Typography.Text>
                  <br />
                  <Typography.Text
                    type={s.enterprises === 0 ? undefined : s.projection === 'met' ? 'success' : s.projection === null && s.target ? 'danger' : undefined}
                  >
                    {projectionText(s.projection, s.target !== null, s.enterprises)}
                    {s.enterprises === 0 ? '' : `（近 12 个月月均净增 ${String(s.netPerMonth)}）`}
                  </Typography.Text>
                </Card>
              </Col>
            ))}
            {trend.data?.newOfficers ? (
              <Col xs={24} sm={12} lg={6}>
                <Card size="small" className="segment-card">
                  <Statistic
                    title={`${trend.data.newOfficers.year} 年新增规上首席质量官`}
                    value={trend.data.newOfficers.actual}
                    suffix={trend.data.newOfficers.target ? `/ ${trend.data.newOfficers.target}` : undefined}
                  />
                  <Typography.Text type="secondary">全省年度目标 {trend.data.newOfficers.provinceTarget ?? '—'} 名，按规上企业数分解到本地区</Typography.Text>
                  {trend.data.newOfficers.basis ? (
                    <>
                      <br />
                      <Typography.Text type="secondary">{trend.data.newOfficers.basis}</Typography.Text>
                    </>
                  ) : null}
                  {trend.data.newOfficers.targetNote ? (
                    <>
                      <br />
                      <Typography.Text type="secondary">目标说明：{trend.data.newOfficers.targetNote}</Typography.Text>
                    </>
                  ) : null}
                </Card>
              </Col>
            ) : null}
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} lg={16}>
              <Card size="small" title={atLeaf ? `${data?.unit.name ?? ''}：无下级单位数据` : `${current?.name ?? ''}覆盖率（点击下钻）`}>
                {atLeaf ? (
                  <Space orientation="vertical">
                    <Typography.Text>本级已是最细一级，可直接查看尚未设立首席质量官的企业。</Typography.Text>
                    <Link to={uncoveredHref}>
                      <Button type="primary">查看企业清单</Button>
                    </Link>
                  </Space>
                ) : (
                  <EChart option={barOption} onClick={drill} ariaLabel="下级单位覆盖率柱状图" />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title="排名靠前与靠后">
                <List
                  size="small"
                  header={<Typography.Text strong>靠前</Typography.Text>}
                  dataSource={ranked.slice(0, 3)}
                  renderItem={(r) => (
                    <List.Item onClick={() => set({ orgUnitId: String(r.id) })} className="rank-item">
                      <span>{r.name}</span>
                      <Tag color="green">{percent(r.share)}</Tag>
                    </List.Item>
                  )}
                />
                <List
                  size="small"
                  header={<Typography.Text strong>靠后</Typography.Text>}
                  dataSource={ranked.slice(Math.max(3, ranked.length - 3)).reverse()}
                  renderItem={(r) => (
                    <List.Item onClick={() => set({ orgUnitId: String(r.id) })} className="rank-item">
                      <span>{r.name}</span>
                      <Tag color="red">{percent(r.share)}</Tag>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="覆盖率月度趋势">
                <EChart option={trendOption} ariaLabel="覆盖率月度趋势折线图" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="每月新增首席质量官（规上企业）">
                <EChart option={newOption} ariaLabel="每月新增首席质量官柱状图" />
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title="下级单位明细">
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  scroll={{ x: 560 }}
                  dataSource={data?.children ?? []}
                  columns={[
                    {
                      title: '单位',
                      dataIndex: 'name',
                      render: (name: string, r) => (
                        <Button type="link" size="small" className="link-button" onClick={() => set({ orgUnitId: String(r.id) })}>
                          {name}
                        </Button>
                      ),
                    },
                    ...(data?.segments ?? []).map((s) => ({
                      title: s.name,
                      key: s.code,
                      render: (_: unknown, r: CoverageOverview['children'][number]) => {
                        const c = r.segments[s.code];
                        return <span className="nowrap">{c ? coverageText(c) : NO_ENTERPRISES}</span>;
                      },
                    })),
                    {
                      title: '清单',
                      key: 'list',
                      render: (_: unknown, r) => <Link to={`/worklists?kind=uncovered&orgUnitId=${r.id}&segment=${current?.code ?? ''}`}>未设企业</Link>,
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24}>
              <AssessmentSummaryCard />
            </Col>
            <Col xs={24}>
              <OverrideStatsCard />
            </Col>
            <Col xs={24} xl={12}>
              <ExitStatsCard />
            </Col>
            <Col xs={24} xl={12}>
              <TreatmentStatsCard />
            </Col>
          </Row>
        </Spin>
      )}
    </div>
  );
}
