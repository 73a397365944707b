import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { QueryError } from '../../components/list/QueryState';
import type { Page } from '../../api/types';
import type { Filing } from '../../api/filing-types';
import { dateText, endKindLabel } from '../../components/filing-dict';
import { useIsMobile } from '../../components/use-is-mobile';
import { FilingStatusTag, verifyHref } from '../filings/FilingParts';
import { queryKeys } from '../../api/query-keys';

/** 首席质量官聘任备案 of one enterprise (the 50 latest), for those who may read filings. */
export function EnterpriseFilingsCard({ enterpriseId }: { enterpriseId: number }) {
  const isMobile = useIsMobile();
  const filings = useQuery({
    queryKey: queryKeys.filings.ofEnterprise(enterpriseId),
    queryFn: () => api.get<Page<Filing>>('/api/filings', { enterpriseId: String(enterpriseId), pageSize: 50 }),
  });

  const filingColumns: TableColumnsType<Filing> = [
    {
      title: '首席质量官',
      key: 'person',
      render: (_v, f) => (
        <div className="cell-stack">
          <Link to={`/filings/${f.id}`}>{f.personName}</Link>
          <Typography.Text type="secondary" className="mono">
            {f.idNumberMasked}
          </Typography.Text>
          {isMobile ? (
            <>
              <span>
                <FilingStatusTag filing={f} /> 聘任日期 {dateText(f.appointmentDate)}
              </span>
              {f.endedAt ? (
                <Typography.Text type="secondary">
                  {endKindLabel(f.endKind)} · {dateText(f.endedAt)}
                </Typography.Text>
              ) : null}
              {f.proofSerial ? <ProofLink serial={f.proofSerial} /> : null}
            </>
          ) : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '状态', key: 'status', render: (_v, f) => <FilingStatusTag filing={f} /> },
          { title: '聘任日期', dataIndex: 'appointmentDate', render: (v: string | null) => <span className="nowrap">{dateText(v)}</span> },
          {
            title: '结束',
            key: 'ended',
            render: (_v, f) =>
              f.endedAt ? (
                <span className="nowrap">
                  {endKindLabel(f.endKind)} · {dateText(f.endedAt)}
                </span>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: '备案证明',
            key: 'proof',
            render: (_v, f) => (f.proofSerial ? <ProofLink serial={f.proofSerial} /> : <Typography.Text type="secondary">—</Typography.Text>),
          },
        ] as TableColumnsType<Filing>)),
  ];

  return (
    <Card size="small" className="block-card" title={filings.data ? `首席质量官聘任备案（${filings.data.total}）` : '首席质量官聘任备案'}>
      {filings.isError ? (
        <QueryError query={filings} what="聘任备案" />
      ) : filings.data?.total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该企业尚无首席质量官聘任备案" />
      ) : (
        <>
          <Table<Filing>
            rowKey="id"
            size="small"
            loading={filings.isPending}
            columns={filingColumns}
            dataSource={filings.data?.items ?? []}
            pagination={false}
            {...(isMobile ? {} : { scroll: { x: 'max-content' } })}
          />
          {filings.data && filings.data.total > filings.data.items.length ? (
            <Typography.Paragraph type="secondary" className="card-footnote">
              仅显示最近 {filings.data.items.length} 份，共 {filings.data.total} 份。
            </Typography.Paragraph>
          ) : null}
        </>
      )}
    </Card>
  );
}

/** A 备案证明 serial, opening its public check page in a new tab. */
function ProofLink({ serial }: { serial: string }) {
  return (
    <a href={verifyHref(serial)} target="_blank" rel="noopener noreferrer" className="mono" title="在新标签页打开证书核验页">
      {serial}
    </a>
  );
}
