import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { Filing } from '../../api/filing-types';
import { currentRemarks, dateText } from '../../components/filing-dict';
import { formatDateTimeShort } from '../../components/format';
import { QueryState } from '../../components/list/QueryState';
import { useIsMobile } from '../../components/use-is-mobile';
import { FilingStatusTag, RoundsTimeline } from './FilingParts';
import { fetchFiling, filingKey } from './queries';

/** 备案记录: every filing of the enterprise, a row expanding to its review rounds. */
export function FilingHistoryCard({ items }: { items: Filing[] }) {
  const isMobile = useIsMobile();
  const historyColumns: TableColumnsType<Filing> = [
    {
      title: '拟任人员',
      key: 'person',
      render: (_v, f) => (
        <div className="cell-stack">
          <Link to={`/my-filings/${f.id}`}>{f.personName}</Link>
          <Typography.Text type="secondary" className="mono">
            {f.idNumberMasked}
          </Typography.Text>
          {isMobile ? (
            <span className="cell-actions">
              <FilingStatusTag filing={f} /> {f.round ? `第 ${f.round} 轮` : '未提交'}
            </span>
          ) : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '状态', key: 'status', render: (_v, f) => <FilingStatusTag filing={f} /> },
          { title: '聘任日期', dataIndex: 'appointmentDate', render: (v: string | null) => <span className="nowrap">{dateText(v)}</span> },
          { title: '最近提交', dataIndex: 'submittedAt', render: (v: string | null) => <span className="nowrap">{formatDateTimeShort(v)}</span> },
          { title: '轮次', dataIndex: 'round', render: (v: number) => (v ? `第 ${v} 轮` : '未提交') },
          {
            title: '主管局意见',
            key: 'remarks',
            render: (_v, f) => {
              const remarks = currentRemarks(f);
              return remarks ? <span className="reason-text">{remarks}</span> : <Typography.Text type="secondary">—</Typography.Text>;
            },
          },
        ] as TableColumnsType<Filing>)),
  ];

  return (
    <Card size="small" className="block-card" title="备案记录">
      <Table<Filing>
        rowKey="id"
        size="small"
        columns={historyColumns}
        dataSource={items}
        pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
        {...(isMobile ? {} : { scroll: { x: 'max-content' } })}
        locale={{ emptyText: '暂无备案记录' }}
        expandable={{
          expandedRowRender: (f) => <RoundsOf filingId={f.id} />,
          rowExpandable: (f) => f.round > 0,
        }}
      />
    </Card>
  );
}

/** The rounds of one filing, loaded when its row is expanded. */
function RoundsOf({ filingId }: { filingId: number }) {
  const detail = useQuery({ queryKey: filingKey(filingId), queryFn: () => fetchFiling(filingId) });
  return (
    <QueryState query={detail} what="审核记录" rows={2}>
      {(f) => <RoundsTimeline filing={f} rounds={f.rounds} />}
    </QueryState>
  );
}
