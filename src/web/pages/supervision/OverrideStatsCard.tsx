import { useQuery } from '@tanstack/react-query';
import { Card, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { OverrideStatistics } from '../../api/filing-types';
import { QueryState } from '../../components/list/QueryState';
import { queryKeys } from '../../api/query-keys';

const percentOf = (part: number, whole: number): string => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`);

/**
 * 破格予以备案统计: approvals of filings that failed a binding eligibility rule, per responsible bureau and year,
 * beside all approvals (`GET /api/filings/statistics/overrides`).
 */
export function OverrideStatsCard() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const stats = useQuery({
    queryKey: queryKeys.filings.overrides(year),
    queryFn: () => api.get<OverrideStatistics>('/api/filings/statistics/overrides', { year }),
  });
  return (
    <Card
      size="small"
      title="破格予以备案统计（不符合具有约束力的任职条件）"
      extra={
        <Select
          size="small"
          value={year}
          onChange={setYear}
          aria-label="统计年度"
          options={[0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: `${String(thisYear - d)} 年` }))}
        />
      }
    >
      <QueryState query={stats} what="统计">
        {(data) => (
          <Table
            size="small"
            rowKey="orgUnitId"
            loading={stats.isFetching}
            pagination={false}
            dataSource={data.items}
            locale={{ emptyText: '本年度辖区内没有予以备案的记录' }}
            columns={[
              { title: '主管局', dataIndex: 'orgUnitName' },
              { title: '予以备案', dataIndex: 'approved', align: 'right' },
              {
                title: '其中破格',
                dataIndex: 'overrides',
                align: 'right',
                render: (v: number) => (v > 0 ? <Typography.Text type="warning">{v}</Typography.Text> : v),
              },
              {
                title: '破格占比',
                key: 'share',
                align: 'right',
                render: (_: unknown, r: OverrideStatistics['items'][number]) => percentOf(r.overrides, r.approved),
              },
            ]}
            summary={() =>
              data.items.length > 1 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {data.total.approved}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {data.total.overrides}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {percentOf(data.total.overrides, data.total.approved)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        )}
      </QueryState>
    </Card>
  );
}
