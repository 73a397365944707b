import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, InputNumber, Row, Segmented, Table, Tag, Typography } from 'antd';
import { api, ApiError, withQuery } from '../../api/client';
import { download } from '../../components/download';
import { QueryState } from '../../components/list/QueryState';
import { useUrlFilters } from '../../components/url-filters';
import type { AssessmentResult, AssessmentRow, IndicatorResult } from '../../api/assessment-types';
import { queryKeys } from '../../api/query-keys';

export type { AssessmentRow, IndicatorResult };

/** Year and level in the address bar, so a link or 返回 keeps them; `year` is shared with the 指标明细 tab. */
const RESULT_FILTERS = ['year', 'level'] as const;
type Level = 'city' | 'county';

const LEVELS = { province: '省', city: '设区市', county: '县（市、区）' } as const;
const gradeColor = (grade: string | null, grades: { label: string }[]) => {
  const i = grades.findIndex((g) => g.label === grade);
  return i < 0 ? 'default' : (['green', 'blue', 'gold', 'red', 'volcano', 'magenta'][i] ?? 'default');
};

const schemeText = (s: AssessmentResult['scheme']) =>
  s.version === 0 ? '默认方案（省局尚未设置）' : `${String(s.year)} 年度方案第 ${String(s.version)} 版${s.note ? `（${s.note}）` : ''}`;

function IndicatorTable({ row }: { row: AssessmentRow }) {
  return (
    <Table<IndicatorResult>
      size="small"
      rowKey={(r) => `${r.kind}-${r.segment ?? ''}`}
      pagination={false}
      dataSource={row.indicators}
      columns={[
        { title: '指标', dataIndex: 'label', render: (v: string, r) => `${v}（政策${r.clause}）` },
        { title: '权重', dataIndex: 'weight', width: 70 },
        { title: '依据', dataIndex: 'detail' },
        { title: '得分', dataIndex: 'score', width: 90, render: (v: number | null) => (v === null ? <Tag>无数据</Tag> : v) },
      ]}
    />
  );
}

/**
 * 考核结果 (policy 八): each city's and county's composite score, grade and rank among peers of its level under the
 * year's scheme, with the figures behind each indicator (expand a row); the caller sees its own region.
 */
export function AssessmentResults() {
  const url = useUrlFilters(RESULT_FILTERS);
  const thisYear = new Date().getFullYear();
  const year = Number(url.filters.year) || thisYear;
  // a county's own row is a county's: without a level in the address bar, open on the level the caller has rows of
  const picked: Level | null = url.filters.level === 'city' || url.filters.level === 'county' ? url.filters.level : null;
  const query = { year };
  const result = useQuery({
    queryKey: queryKeys.assessment.results(query),
    queryFn: ({ signal }) => api.get<AssessmentResult>('/api/assessment/results', query, signal),
    placeholderData: keepPreviousData,
    retry: (n, e) => !(e instanceof ApiError && e.status === 403) && n < 2,
  });
  const level = picked ?? ((result.data?.rows ?? []).some((r) => r.level !== 'county') || !result.data ? 'city' : 'county');
  const rows = (result.data?.rows ?? []).filter((r) => r.level === level || (level === 'city' && r.level === 'province'));
  const sorted = [...rows].sort((a, b) => (a.rank ?? 9999) - (b.rank ?? 9999) || a.code.localeCompare(b.code));
  const grades = result.data?.scheme.grades ?? [];

  return (
    <>
      <Card size="small" className="filter-card">
        <Row gutter={[12, 12]} align="middle">
          <Col xs={12} lg={4}>
            <InputNumber
              aria-label="考核年度"
              min={2021}
              max={2100}
              value={year}
              onChange={(v) => url.update({ year: v === null || v === thisYear ? undefined : v })}
              suffix="年"
              style={{ width: '100%' }}
            />
          </Col>
          <Col>
            <Segmented<Level>
              aria-label="层级"
              value={level}
              onChange={(v) => url.update({ level: v })}
              options={[
                { value: 'city', label: '设区市' },
                { value: 'county', label: '县（市、区）' },
              ]}
            />
          </Col>
          <Col flex="auto">
            {result.data ? <Typography.Text type="secondary">考核方案：{schemeText(result.data.scheme)}；排名为全省同级之间的名次</Typography.Text> : null}
          </Col>
          <Col>
            <Button icon={<DownloadOutlined />} onClick={() => download(withQuery('/api/assessment/results/export', query))}>
              导出考核结果
            </Button>
          </Col>
        </Row>
      </Card>
      {result.error instanceof ApiError && result.error.status === 403 ? (
        <Alert type="info" showIcon title={`${result.error.message}；本账户可在「指标明细」查看各地区的考核指标。`} />
      ) : (
        <QueryState query={result} what="考核结果" rows={8}>
          {() => (
            <Table<AssessmentRow>
              size="small"
              rowKey="orgUnitId"
              aria-label="考核结果"
              loading={result.isFetching}
              dataSource={sorted}
              pagination={false}
              expandable={{ expandedRowRender: (r) => <IndicatorTable row={r} /> }}
              locale={{ emptyText: level === 'county' ? '本辖区无县（市、区）' : '本辖区无设区市' }}
              columns={[
                { title: '同级排名', key: 'rank', width: 100, render: (_, r) => (r.rank === null ? '—' : `${String(r.rank)} / ${String(r.peers)}`) },
                {
                  title: '地区',
                  dataIndex: 'name',
                  width: 200,
                  render: (v: string, r) => (r.level === 'county' && r.parentName ? `${v}（${r.parentName}）` : v),
                },
                { title: '层级', dataIndex: 'level', width: 110, render: (v: AssessmentRow['level']) => LEVELS[v] },
                { title: '综合得分', dataIndex: 'score', width: 100, render: (v: number | null) => (v === null ? '数据不足' : v.toFixed(2)) },
                {
                  title: '等次',
                  dataIndex: 'grade',
                  width: 90,
                  render: (v: string | null) => (v === null ? <Tag>不评定</Tag> : <Tag color={gradeColor(v, grades)}>{v}</Tag>),
                },
                {
                  title: '无数据的指标',
                  key: 'noData',
                  render: (_, r) => {
                    const none = r.indicators.filter((i) => i.score === null);
                    return none.length === 0 ? '—' : <Typography.Text type="secondary">{`${String(none.length)} 项（不计分，展开查看）`}</Typography.Text>;
                  },
                },
              ]}
            />
          )}
        </QueryState>
      )}
    </>
  );
}
