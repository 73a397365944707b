import { BellOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { STUDY_PACE_LABELS, type StudyPace } from '../../../domain/study-time';
import { api } from '../../api/client';
import type { PaceGroup, StudyOverview } from '../../api/study-types';
import { useConfirmAction } from '../../components/confirm-action';
import { download } from '../../components/download';
import { EChart } from '../../components/EChart';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import './study.css';
import type { QueuedJob } from '../../api/types';
import { queryKeys } from '../../api/query-keys';

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

const groupColumns = (title: string) => [
  { title, dataIndex: 'name', key: 'name' },
  { title: '在任首席质量官', dataIndex: 'officers', key: 'officers', width: 110 },
  { title: '已达标', dataIndex: 'done', key: 'done', width: 80 },
  { title: '进度正常', dataIndex: 'onTrack', key: 'onTrack', width: 90 },
  { title: '进度落后', dataIndex: 'behind', key: 'behind', width: 90 },
  { title: '正常及达标占比', dataIndex: 'shareOnTrack', key: 'share', width: 120, render: (v: number) => pct(v) },
];

/** 学时进度 for bureaus: the share of active officers on track, by region and by enterprise, and who is behind. */
export default function StudyOverviewPage() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const overview = useQuery({ queryKey: queryKeys.study.overview(year), queryFn: () => api.get<StudyOverview>('/api/study/overview', { year }) });
  const { confirm } = useConfirmAction();
  const years = [year + 1, year, year - 1, year - 2].filter((y) => y <= new Date().getFullYear());
  const o = overview.data;
  return (
    <div className="page">
      <PageHeader
        title="学时进度"
        description={o ? `${o.year} 年度线上自学目标 ${o.targetHours} 学时；进度按线上自学学时、全年目标与已过天数折算。` : undefined}
        extra={
          <Space wrap>
            <Select aria-label="年度" value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 100 }} />
            <Button icon={<DownloadOutlined />} onClick={() => download(`/api/study/overview/export?year=${year}`)}>
              导出 Excel
            </Button>
            <Button
              icon={<BellOutlined />}
              disabled={!o || o.totals.behind === 0}
              onClick={() =>
                confirm({
                  title: '提醒全部进度落后人员',
                  content: `将向辖区内 ${o?.totals.behind ?? 0} 名进度落后的首席质量官发送站内提醒。`,
                  okText: '发送',
                  action: () => api.post<QueuedJob>('/api/study/overview/remind-behind', { year }),
                  success: (r) => `已开始发送提醒（后台任务 #${r.jobId}），可在后台任务中查看进度`,
                })
              }
            >
              一键提醒落后人员
            </Button>
          </Space>
        }
      />
      <QueryState query={overview} what="学时进度" rows={8}>
        {(o) => (
          <>
            <Row gutter={16}>
              {(
                [
                  ['在任首席质量官', o.totals.officers],
                  ['已达标', o.totals.done],
                  ['进度正常', o.totals.onTrack],
                  ['进度落后', o.totals.behind],
                ] as const
              ).map(([label, value]) => (
                <Col xs={12} md={6} key={label}>
                  <Card size="small" style={{ marginBottom: 16 }}>
                    <Statistic title={label} value={value} />
                  </Card>
                </Col>
              ))}
            </Row>
            {o.byRegion.length > 0 ? (
              <Card size="small" title="按地区" style={{ marginBottom: 16 }}>
                <EChart
                  ariaLabel="各地区学时进度"
                  height={260}
                  option={{
                    tooltip: { trigger: 'axis' },
                    // the legend on one line above the plot (scrolling when it does not fit); the plot keeps its axis
                    // labels inside the grid, every region named (rotated when many)
                    legend: { top: 0, type: 'scroll' },
                    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
                    xAxis: { type: 'category', data: o.byRegion.map((g) => g.name), axisLabel: { interval: 0, rotate: o.byRegion.length > 6 ? 40 : 0 } },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: (
                      [
                        ['已达标', 'done', '#237804'],
                        ['进度正常', 'onTrack', '#1f4e9c'],
                        ['进度落后', 'behind', '#cf1322'],
                      ] as const
                    ).map(([name, key, color]) => ({
                      name,
                      type: 'bar',
                      stack: 'n',
                      itemStyle: { color },
                      // each segment carries its count (none for an empty segment)
                      label: {
                        show: true,
                        position: 'inside',
                        color: '#fff',
                        formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ''),
                      },
                      labelLayout: { hideOverlap: true },
                      data: o.byRegion.map((g) => g[key]),
                    })),
                  }}
                />
                <Table<PaceGroup> size="small" rowKey="id" pagination={false} dataSource={o.byRegion} columns={groupColumns('备案机关')} scroll={{ x: 640 }} />
              </Card>
            ) : null}
            <Card size="small" title="按企业（占比由低到高）" style={{ marginBottom: 16 }}>
              <Table<PaceGroup>
                size="small"
                rowKey="id"
                dataSource={o.byEnterprise}
                columns={groupColumns('企业')}
                scroll={{ x: 640 }}
                pagination={{ pageSize: 10 }}
              />
            </Card>
            <Card size="small" title={`进度落后人员（${o.totals.behind}）`}>
              <Table
                size="small"
                rowKey="personId"
                dataSource={o.behind}
                scroll={{ x: 640 }}
                pagination={{ pageSize: 20 }}
                columns={[
                  { title: '姓名', dataIndex: 'name', width: 90 },
                  { title: '企业', dataIndex: 'enterpriseName' },
                  { title: '备案机关', dataIndex: 'orgUnitName', width: 140 },
                  { title: '线上自学', dataIndex: 'onlineHours', width: 90 },
                  { title: '全部学时', dataIndex: 'hours', width: 90 },
                  { title: '进度', dataIndex: 'pace', width: 90, render: (p: StudyPace) => <Tag color="warning">{STUDY_PACE_LABELS[p]}</Tag> },
                ]}
              />
            </Card>
          </>
        )}
      </QueryState>
    </div>
  );
}
