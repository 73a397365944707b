import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Page } from '../../api/types';
import type { Sanction, SanctionKind, SanctionStatus } from '../../api/supervision-types';
import { useMe, useSession } from '../../auth/session';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { UrlKeyword, useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { SANCTION_KIND_OPTIONS, SANCTION_STATUS_COLORS, SANCTION_STATUS_OPTIONS, sanctionKindLabel, sanctionStatusLabel } from './dict';
import { SanctionDrawer } from './SanctionDrawer';
import { SanctionProposalModal } from './SanctionProposalModal';
import './supervision.css';
import { FilterSelect } from '../../components/FilterField';

const FILTER_KEYS = ['kind', 'status', 'q'] as const;

/**
 * 警示与黑名单: county and city bureaus propose with the accident and evidence, the province decides, removes and
 * answers appeals; an officer sees the decisions about them and appeals (the same page at /me/sanctions).
 */
export default function SanctionsPage() {
  const isMobile = useIsMobile();
  const me = useMe();
  const { hasPermission } = useSession();
  const isBureau = hasPermission('supervision:read');
  const canPropose = me.abilities.proposeSanction;
  const paging = useUrlFilters(FILTER_KEYS);
  const { filters, page, pageSize, update } = paging;
  // a notice links /supervision/sanctions?id=<n>: the page opens on that record
  const [params] = useSearchParams();
  const [openId, setOpenId] = useState<number | null>(() => (Number(params.get('id')) > 0 ? Number(params.get('id')) : null));
  const [proposing, setProposing] = useState(false);
  const query = { ...filters, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.sanctions.list(query),
    queryFn: ({ signal }) => api.get<Page<Sanction>>('/api/sanctions', query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Sanction> = [
    {
      title: '当事人',
      key: 'person',
      render: (_v, s) => (
        <div className="supervision-cell">
          <Typography.Link onClick={() => setOpenId(s.id)}>
            {s.personName} · {s.enterpriseName}
          </Typography.Link>
          <span>
            <Tag color={s.kind === 'blacklist' ? 'volcano' : 'gold'}>{sanctionKindLabel(s.kind)}</Tag>
            <Tag color={SANCTION_STATUS_COLORS[s.status]}>{sanctionStatusLabel(s.status)}</Tag>
          </span>
          {isMobile ? <span className="supervision-muted">{s.incidentTitle}</span> : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '质量安全事故', dataIndex: 'incidentTitle' },
          {
            title: '禁入期',
            key: 'ban',
            render: (_v, s) =>
              s.banStart ? (
                <span className="nowrap">
                  {s.banStart} 至 {s.banEnd}
                </span>
              ) : (
                '—'
              ),
          },
          { title: '公告编号', dataIndex: 'noticeNo', render: (v: string | null) => v ?? '—' },
          { title: '提出单位', dataIndex: 'proposedByUnit', render: (v: string) => <span className="nowrap">{v}</span> },
        ] as TableColumnsType<Sanction>)),
  ];

  return (
    <div className="page">
      <PageHeader
        title="警示与黑名单"
        description={
          isBureau ? (
            <>
              对因履职不到位造成重大质量安全事故的首席质量官，由县、市局提出警示或列入黑名单建议，省局决定。黑名单公告见 <Link to="/blacklist">公开页面</Link>。
            </>
          ) : (
            '省局对您作出的警示或黑名单决定。对决定有异议的，可以提出申诉。'
          )
        }
        extra={
          canPropose ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>
              提出建议
            </Button>
          ) : null
        }
      />
      {isBureau ? (
        <FilterBar anyFilter={paging.anyFilter} onReset={paging.reset}>
          <FilterSelect<SanctionKind>
            label="类别"
            placeholder="警示与黑名单"
            value={filters.kind as SanctionKind | undefined}
            options={SANCTION_KIND_OPTIONS}
            onChange={(v) => update({ kind: v })}
          />
          <FilterSelect<SanctionStatus>
            label="状态"
            placeholder="全部状态"
            value={filters.status as SanctionStatus | undefined}
            options={SANCTION_STATUS_OPTIONS}
            onChange={(v) => update({ status: v })}
          />
          <UrlKeyword value={filters.q} placeholder="姓名、企业或事故" onApply={(q) => update({ q })} />
        </FilterBar>
      ) : null}
      <ListTable<Sanction>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="警示与黑名单"
        empty={paging.anyFilter ? '没有符合条件的记录' : '暂无记录'}
      />
      <SanctionDrawer id={openId} onClose={() => setOpenId(null)} isProvince={me.abilities.decideSanction} canAddEvidence={canPropose} />
      <SanctionProposalModal
        open={proposing}
        onClose={() => setProposing(false)}
        onCreated={(s) => {
          setProposing(false);
          setOpenId(s.id);
        }}
      />
    </div>
  );
}
