import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Card, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { EXIT_CAUSES } from '../../../domain/filing-input';
import { api } from '../../api/client';
import type { ExitStatistics, TreatmentStatistics } from '../../api/filing-types';
import { QueryState } from '../../components/list/QueryState';
import { ScrollRegion } from '../../components/ScrollRegion';
import { queryKeys } from '../../api/query-keys';

const CAUSES = Object.entries(EXIT_CAUSES) as [keyof typeof EXIT_CAUSES, string][];
const share = (part: number, whole: number): string => (whole === 0 ? '—' : `${String(part)}（${((part / whole) * 100).toFixed(0)}%）`);

/** A per-bureau statistics table (one row per org unit) scrolling inside its region; a failed load shows only the error with 重试. */
function UnitStatsTable<T extends { orgUnitId: number }>({
  stats,
  label,
  emptyText,
  columns,
}: {
  stats: UseQueryResult<{ items: T[] }>;
  label: string;
  emptyText: string;
  columns: TableColumnsType<T>;
}) {
  return (
    <QueryState query={stats} what="统计">
      {(data) => (
        <ScrollRegion label={label}>
          <Table<T>
            size="small"
            rowKey="orgUnitId"
            loading={stats.isFetching}
            pagination={false}
            dataSource={data.items}
            locale={{ emptyText }}
            columns={columns}
          />
        </ScrollRegion>
      )}
    </QueryState>
  );
}

/** 退出机制统计: officers who left office in the year per bureau and exit cause (`GET /api/filings/statistics/exits`). */
export function ExitStatsCard() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const stats = useQuery({ queryKey: queryKeys.filings.exits(year), queryFn: () => api.get<ExitStatistics>('/api/filings/statistics/exits', { year }) });
  return (
    <Card
      size="small"
      title="首席质量官退出统计（按退出原因）"
      extra={
        <Select
          size="small"
          value={year}
          onChange={setYear}
          aria-label="退出统计年度"
          options={[0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: `${String(thisYear - d)} 年` }))}
        />
      }
    >
      <UnitStatsTable
        stats={stats}
        label="退出统计表"
        emptyText="本年度辖区内没有退出记录"
        columns={[
          { title: '主管局', dataIndex: 'orgUnitName' },
          ...CAUSES.map(([cause, label]) => ({
            title: label,
            key: cause,
            align: 'right' as const,
            render: (_: unknown, r: ExitStatistics['items'][number]) => r.byCause[cause] ?? 0,
          })),
          { title: '合计', dataIndex: 'total', align: 'right' },
        ]}
      />
    </Card>
  );
}

/** 待遇统计: the structured treatment of officers in office per bureau (`GET /api/filings/statistics/treatment`). */
export function TreatmentStatsCard() {
  const stats = useQuery({ queryKey: queryKeys.filings.treatment, queryFn: () => api.get<TreatmentStatistics>('/api/filings/statistics/treatment') });
  type Row = TreatmentStatistics['items'][number];
  return (
    <Card size="small" title="在任首席质量官待遇统计（苏质委办〔2020〕9号 四）">
      <UnitStatsTable
        stats={stats}
        label="待遇统计表"
        emptyText="辖区内没有在任首席质量官"
        columns={[
          { title: '主管局', dataIndex: 'orgUnitName' },
          { title: '在任', dataIndex: 'active', align: 'right' },
          { title: '已填待遇', key: 'recorded', align: 'right', render: (_: unknown, r: Row) => share(r.recorded, r.active) },
          { title: '高层副职及以上', key: 'senior', align: 'right', render: (_: unknown, r: Row) => share(r.seniorDeputy, r.active) },
          { title: '其中规上企业', key: 'aboveScale', align: 'right', render: (_: unknown, r: Row) => share(r.aboveScaleSeniorDeputy, r.aboveScale) },
          { title: '参与经营决策', key: 'meetings', align: 'right', render: (_: unknown, r: Row) => share(r.attendsMeetings, r.active) },
          { title: '向总经理负责', key: 'gm', align: 'right', render: (_: unknown, r: Row) => share(r.reportsToGeneralManager, r.active) },
          { title: '有岗位津贴', key: 'allowance', align: 'right', render: (_: unknown, r: Row) => share(r.withAllowance, r.active) },
          { title: '平均津贴（元/月）', dataIndex: 'averageAllowanceYuan', align: 'right', render: (v: number | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
