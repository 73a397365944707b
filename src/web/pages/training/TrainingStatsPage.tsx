import { useQuery } from '@tanstack/react-query';
import { Card, Empty, InputNumber, Table } from 'antd';
import { useState } from 'react';
import { TRAINING_TIER_LABELS } from '../../../domain/training';
import { api } from '../../api/client';
import type { TrainingOverview } from '../../api/training-types';
import { EChart } from '../../components/EChart';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import './training.css';
import { queryKeys } from '../../api/query-keys';

/** 培训统计: classes and pass rates by tier, satisfaction by organising bureau, instructors, and coverage by region. */
export default function TrainingStatsPage() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const data = useQuery({ queryKey: queryKeys.training.overview(year), queryFn: () => api.get<TrainingOverview>('/api/training/overview', { year }) });
  return (
    <div className="page">
      <PageHeader
        title="培训统计"
        description="分级开班、考核合格率、学员满意度与在任首席质量官培训覆盖率"
        extra={<InputNumber aria-label="年度" min={2020} max={2100} value={year} onChange={(v) => v && setYear(v)} suffix="年" />}
      />
      <QueryState query={data} what="培训统计" rows={8}>
        {(o) => (
          <div className="training-stat-grid">
            <Card size="small" title="分级培训与考核合格率">
              <Table
                size="small"
                rowKey="tier"
                pagination={false}
                dataSource={o.tiers}
                columns={[
                  { title: '等级', dataIndex: 'tier', render: (t: keyof typeof TRAINING_TIER_LABELS) => TRAINING_TIER_LABELS[t] },
                  { title: '开班', dataIndex: 'classes' },
                  { title: '参训', dataIndex: 'enrolled' },
                  { title: '考核', dataIndex: 'assessed' },
                  { title: '合格率', dataIndex: 'passRate', render: (v: number | null) => (v === null ? '—' : `${String(v)}%`) },
                  { title: '发证', dataIndex: 'certified' },
                ]}
              />
            </Card>
            <Card size="small" title="培训覆盖率（持有效合格证的在任首席质量官）">
              {o.coverage.length === 0 ? (
                <Empty />
              ) : (
                <EChart
                  ariaLabel="培训覆盖率"
                  height={Math.max(220, o.coverage.length * 30 + 40)}
                  option={{
                    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                    // the legend above the plot: at the bottom it sat on the value axis' labels
                    legend: { top: 0, type: 'scroll' },
                    grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
                    xAxis: { type: 'value', minInterval: 1 },
                    yAxis: { type: 'category', inverse: true, data: o.coverage.map((c) => c.name) },
                    series: [
                      { name: '在任首席质量官', type: 'bar', data: o.coverage.map((c) => c.activeOfficers), itemStyle: { color: '#bfbfbf' } },
                      {
                        name: '已培训',
                        type: 'bar',
                        data: o.coverage.map((c) => c.trainedOfficers),
                        itemStyle: { color: '#1f4e9c' },
                        label: {
                          show: true,
                          position: 'right',
                          formatter: (p: { dataIndex: number }) => {
                            const row = o.coverage[p.dataIndex];
                            return row?.percent === null || row === undefined ? '' : `${String(row.percent)}%`;
                          },
                        },
                      },
                    ],
                  }}
                />
              )}
            </Card>
            <Card size="small" title="学员满意度（按主办单位，5 分制）">
              {o.satisfaction.length === 0 ? (
                <Empty description="尚无评估" />
              ) : (
                <EChart
                  ariaLabel="学员满意度"
                  height={240}
                  option={{
                    tooltip: {},
                    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
                    xAxis: {
                      type: 'category',
                      data: o.satisfaction.map((s) => s.unit),
                      axisLabel: { interval: 0, rotate: o.satisfaction.length > 6 ? 40 : 0 },
                    },
                    yAxis: { type: 'value', min: 0, max: 5 },
                    series: [
                      { type: 'bar', data: o.satisfaction.map((s) => s.mean ?? 0), itemStyle: { color: '#1f4e9c' }, label: { show: true, position: 'top' } },
                    ],
                  }}
                />
              )}
            </Card>
            <Card size="small" title="讲师评价">
              <Table
                size="small"
                rowKey="id"
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                dataSource={o.instructors}
                columns={[
                  { title: '讲师', dataIndex: 'name' },
                  { title: '单位', dataIndex: 'organisation' },
                  { title: '平均分', dataIndex: 'mean' },
                  { title: '评价人次', dataIndex: 'ratings' },
                ]}
              />
            </Card>
          </div>
        )}
      </QueryState>
    </div>
  );
}
