import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Page } from '../../api/types';
import type { ExpertMember, ExpertStatus } from '../../api/supervision-types';
import { useSession } from '../../auth/session';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { UrlKeyword, useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { EXPERT_STATUS_COLORS, EXPERT_STATUS_OPTIONS, expertStatusLabel, INDUSTRY_OPTIONS } from './dict';
import { ExpertMemberDrawer } from './ExpertMemberDrawer';
import { ExpertNominateModal } from './ExpertNominateModal';
import { MyExpertNominations } from './MyExpertNominations';
import { RandomDrawsCard } from './ExpertRandomDraws';
import './supervision.css';
import { FilterSelect } from '../../components/FilterField';

const FILTER_KEYS = ['status', 'industrySection', 'q'] as const;

/** 专家库: bureaus nominate, search and draw; an officer answers nominations and sees draws (at /me/experts). */
export default function ExpertPoolPage() {
  const { hasPermission } = useSession();
  return hasPermission('supervision:read') ? <BureauPool /> : <MyExpertNominations />;
}

function BureauPool() {
  const isMobile = useIsMobile();
  const { hasPermission } = useSession();
  const canManage = hasPermission('supervision:manage');
  const paging = useUrlFilters(FILTER_KEYS);
  const { filters, page, pageSize, update } = paging;
  // in-pool members unless the address bar says otherwise (status=all: every status)
  const status = filters.status === 'all' ? undefined : ((filters.status ?? 'active') as ExpertStatus);
  const [openId, setOpenId] = useState<number | null>(null);
  const [nominating, setNominating] = useState(false);
  const query = { status, industrySection: filters.industrySection, q: filters.q, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.expertPool.list(query),
    queryFn: ({ signal }) => api.get<Page<ExpertMember>>('/api/expert-pool', query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<ExpertMember> = [
    {
      title: '专家',
      key: 'name',
      render: (_v, m) => (
        <div className="supervision-cell">
          <Typography.Link onClick={() => setOpenId(m.id)}>{m.personName}</Typography.Link>
          <span className="supervision-muted">{[m.positionTitle, m.enterpriseName].filter(Boolean).join(' · ')}</span>
          {isMobile ? (
            <span>
              {m.fields.map((f) => (
                <Tag key={f}>{f}</Tag>
              ))}
            </span>
          ) : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '专业领域', key: 'fields', render: (_v, m) => m.fields.map((f) => <Tag key={f}>{f}</Tag>) },
          { title: '行业门类', dataIndex: 'industrySection', render: (v: string | null) => v ?? '—' },
          { title: '所在地', dataIndex: 'orgUnitName', render: (v: string) => <span className="nowrap">{v}</span> },
          { title: '抽取次数', dataIndex: 'drawCount' },
        ] as TableColumnsType<ExpertMember>)),
    { title: '状态', dataIndex: 'status', render: (v: ExpertStatus) => <Tag color={EXPERT_STATUS_COLORS[v]}>{expertStatusLabel(v)}</Tag> },
  ];
  return (
    <div className="page">
      <PageHeader
        title="首席质量官专家库"
        description="推荐管辖范围内在任的首席质量官入库（经本人确认），开展质量诊断、评审时从库中随机抽取（政策三.5）。"
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setNominating(true)}>
              推荐入库
            </Button>
          ) : null
        }
      />
      <FilterBar anyFilter={paging.anyFilter} onReset={paging.reset}>
        <FilterSelect<ExpertStatus>
          label="状态"
          placeholder="全部状态"
          value={status}
          options={EXPERT_STATUS_OPTIONS}
          onChange={(v) => update({ status: v === 'active' ? undefined : (v ?? 'all') })}
        />
        <FilterSelect<string>
          label="行业"
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部行业"
          value={filters.industrySection}
          options={INDUSTRY_OPTIONS}
          onChange={(v) => update({ industrySection: v })}
        />
        <UrlKeyword value={filters.q} placeholder="姓名或专业领域" onApply={(q) => update({ q })} />
      </FilterBar>
      <ListTable<ExpertMember>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="专家库"
        empty={paging.anyFilter ? '没有符合条件的专家' : '暂无专家'}
        totalText={(t) => `共 ${t} 人`}
      />
      <RandomDrawsCard canManage={canManage} />
      <ExpertMemberDrawer id={openId} onClose={() => setOpenId(null)} canManage={canManage} />
      <ExpertNominateModal
        open={nominating}
        onClose={() => setNominating(false)}
        onDone={(m) => {
          setNominating(false);
          setOpenId(m.id);
        }}
      />
    </div>
  );
}
