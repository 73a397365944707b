import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { AssessmentRow } from './AssessmentResults';
import type { AssessmentResult } from '../../api/assessment-types';
import { queryKeys } from '../../api/query-keys';

/**
 * The dashboard's view of this year's 考核 (policy 八): the caller's own region and the regions directly under it with
 * score, grade and peer rank; the details are on 考核记分卡. Accounts the results are not for (departments) see nothing.
 */
export function AssessmentSummaryCard() {
  const year = new Date().getFullYear();
  const result = useQuery({
    queryKey: queryKeys.assessment.results({ year }),
    queryFn: ({ signal }) => api.get<AssessmentResult>('/api/assessment/results', { year }, signal),
    retry: (n, e) => !(e instanceof ApiError && e.status === 403) && n < 2,
  });
  if (result.error instanceof ApiError && result.error.status === 403) return null;
  const rows = result.data?.rows ?? [];
  const top = rows[0]?.level === 'province' ? rows.filter((r) => r.level === 'city') : rows;
  return (
    <Card size="small" title={`${String(year)} 年度考核（综合得分、等次、同级排名）`} extra={<Link to="/scorecards">查看考核结果</Link>}>
      <Table<AssessmentRow>
        size="small"
        rowKey="orgUnitId"
        loading={result.isPending}
        pagination={false}
        dataSource={[...top].sort((a, b) => (a.rank ?? 9999) - (b.rank ?? 9999)).slice(0, 13)}
        columns={[
          { title: '地区', dataIndex: 'name' },
          { title: '综合得分', dataIndex: 'score', render: (v: number | null) => (v === null ? '数据不足' : v.toFixed(2)) },
          { title: '等次', dataIndex: 'grade', render: (v: string | null) => <Tag>{v ?? '不评定'}</Tag> },
          { title: '同级排名', key: 'rank', render: (_, r) => (r.rank === null ? '—' : `${String(r.rank)} / ${String(r.peers)}`) },
        ]}
      />
    </Card>
  );
}
