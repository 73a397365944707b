import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Statistic, Table, Typography } from 'antd';
import { api } from '../../api/client';
import type { SurveyReport } from '../../api/training-types';
import { EChart } from '../../components/EChart';
import { formatDateTimeShort } from '../../components/format';
import { LoadingSkeleton, QueryError } from '../../components/list/QueryState';
import { queryKeys } from '../../api/query-keys';

const SCORE_COLORS = ['#d9363e', '#f08c00', '#bfbfbf', '#69b1ff', '#1f4e9c'];

/** The class's effect-evaluation report: headline figures, satisfaction by item, instructors, the quiz and comments. */
export function SurveyReportView({ classId }: { classId: number }) {
  const report = useQuery({
    queryKey: queryKeys.training.surveyReport(classId),
    queryFn: () => api.get<SurveyReport>(`/api/training/classes/${String(classId)}/survey-report`),
  });
  if (report.isError) return <QueryError query={report} what="效果评估" />;
  if (report.isPending) return <LoadingSkeleton rows={8} />;
  const r = report.data;
  if (r.responses === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无学员提交效果评估" />;
  return (
    <div className="training-report">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="回收问卷" value={r.responses} suffix={`/ ${String(r.enrolled)}`} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="回收率" value={r.responseRate ?? 0} suffix="%" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="综合评分（5 分制）" value={r.overallMean ?? 0} precision={1} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="满意率（4–5 分）" value={r.overallSatisfiedPercent ?? 0} suffix="%" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="分项评分分布">
            <EChart
              ariaLabel="分项评分分布"
              height={300}
              option={{
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                legend: { bottom: 0 },
                grid: { left: 90, right: 16, top: 8, bottom: 40 },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', data: r.items.map((i) => i.label), inverse: true },
                series: [1, 2, 3, 4, 5].map((n) => ({
                  name: `${String(n)} 分`,
                  type: 'bar',
                  stack: 'total',
                  itemStyle: { color: SCORE_COLORS[n - 1] },
                  data: r.items.map((i) => i.distribution[n - 1] ?? 0),
                })),
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="分项平均分与满意率">
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={r.items}
              columns={[
                { title: '评价项目', dataIndex: 'label' },
                { title: '平均分', dataIndex: 'mean', render: (v: number | null) => v ?? '—' },
                { title: '满意率', dataIndex: 'satisfiedPercent', render: (v: number | null) => (v === null ? '—' : `${String(v)}%`) },
              ]}
            />
            {r.quiz ? (
              <Typography.Paragraph style={{ marginTop: 12 }}>
                知识测验（{r.quiz.questions} 题）：课前平均 {r.quiz.preMean ?? '—'} 分（{r.quiz.preCount} 人），课后平均 {r.quiz.postMean ?? '—'} 分（
                {r.quiz.postCount} 人）
                {r.quiz.preMean !== null && r.quiz.postMean !== null ? `，提升 ${String(Math.round((r.quiz.postMean - r.quiz.preMean) * 10) / 10)} 分` : ''}。
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="讲师评价">
            {r.instructors.length === 0 ? (
              <Empty description="本班未设讲师" />
            ) : (
              <EChart
                ariaLabel="讲师评价"
                height={Math.max(160, r.instructors.length * 56)}
                option={{
                  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                  legend: { bottom: 0 },
                  grid: { left: 70, right: 24, top: 8, bottom: 40 },
                  xAxis: { type: 'value', min: 0, max: 5 },
                  yAxis: { type: 'category', data: r.instructors.map((i) => i.name), inverse: true },
                  series: [
                    {
                      name: '本班评分',
                      type: 'bar',
                      data: r.instructors.map((i) => i.mean ?? 0),
                      itemStyle: { color: '#1f4e9c' },
                      label: { show: true, position: 'right' },
                    },
                    { name: '历次综合评分', type: 'bar', data: r.instructors.map((i) => i.overallMean ?? 0), itemStyle: { color: '#91caff' } },
                  ],
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`学员意见（${String(r.comments.length)}）`}>
            <List
              size="small"
              dataSource={r.comments}
              locale={{ emptyText: '无' }}
              renderItem={(c) => (
                <List.Item extra={<Typography.Text type="secondary">{formatDateTimeShort(c.submittedAt)}</Typography.Text>}>{c.text}</List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
