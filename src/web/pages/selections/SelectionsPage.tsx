import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SELECTION_STATUSES, type SelectionStatusKey } from '../../../domain/selection';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { SelectionDetail, SelectionSummary } from '../../api/selection-types';
import type { Page } from '../../api/types';
import { useSession } from '../../auth/session';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { SelectionFormModal } from './SelectionFormModal';
import { FilterSelect } from '../../components/FilterField';
import { useUrlFilters } from '../../components/url-filters';

const FILTER_KEYS = ['status'] as const;

export const STATUS_COLORS: Record<SelectionStatusKey, string> = { open: 'processing', publicity: 'orange', concluded: 'green', cancelled: 'default' };

/** Where a selection opens for the signed-in account: the enterprise's own pages or the bureau's. */
export function useSelectionBase(): string {
  const { hasPermission } = useSession();
  return hasPermission('filings:manage') ? '/my-selections' : '/selections';
}

/**
 * 竞争聘用 (policy 六): an enterprise's own selections, with 发起竞争聘用; a bureau's list of the selections of the
 * enterprises in its area (the server decides which).
 */
export default function SelectionsPage() {
  const navigate = useNavigate();
  const base = useSelectionBase();
  const { hasPermission } = useSession();
  const isEnterprise = hasPermission('filings:manage');
  const url = useUrlFilters(FILTER_KEYS);
  const status = Object.keys(SELECTION_STATUSES).find((k): k is SelectionStatusKey => k === url.filters.status);
  const [creating, setCreating] = useState(false);
  const query = { status, page: url.page, pageSize: url.pageSize };
  const list = useQuery({
    queryKey: queryKeys.selections.list(query),
    queryFn: ({ signal }) => api.get<Page<SelectionSummary>>('/api/selections', query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<SelectionSummary> = [
    { title: '名称', dataIndex: 'title', render: (v: string, r) => <Link to={`${base}/${String(r.id)}`}>{v}</Link> },
    ...(isEnterprise ? [] : [{ title: '企业', dataIndex: 'enterpriseName' }]),
    { title: '状态', dataIndex: 'status', width: 100, render: (v: SelectionStatusKey) => <Tag color={STATUS_COLORS[v]}>{SELECTION_STATUSES[v]}</Tag> },
    { title: '候选人', dataIndex: 'candidates', width: 80 },
    { title: '公示期', key: 'publicity', width: 210, render: (_, r) => (r.publicityStart ? `${r.publicityStart} 至 ${r.publicityEnd ?? ''}` : '—') },
    { title: '待答复异议', dataIndex: 'openObjections', width: 100, render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : '0') },
  ];

  return (
    <>
      <PageHeader
        title="竞争聘用"
        description={
          isEnterprise
            ? '按苏质委办〔2020〕9号 六“鼓励企业引入首席质量官竞争聘用机制”：设定评分项目与权重、组成评审组、对候选人评分，确定拟聘人选后公示，公示期满、异议答复完毕即可办理聘任备案。'
            : '辖区内企业的首席质量官竞争聘用：评分、公示与异议处理情况。'
        }
        extra={
          isEnterprise ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              发起竞争聘用
            </Button>
          ) : null
        }
      />
      <FilterBar anyFilter={url.anyFilter} onReset={url.reset}>
        <FilterSelect<SelectionStatusKey>
          label="状态"
          placeholder="全部状态"
          value={status}
          onChange={(v) => url.update({ status: v })}
          options={Object.entries(SELECTION_STATUSES).map(([value, label]) => ({ value: value as SelectionStatusKey, label }))}
        />
      </FilterBar>
      <ListTable<SelectionSummary>
        rowKey="id"
        columns={columns}
        query={list}
        paging={url}
        what="竞争聘用"
        empty={status ? '没有该状态的竞争聘用' : isEnterprise ? '还没有发起竞争聘用' : '辖区内暂无竞争聘用'}
      />
      <SelectionFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(s: SelectionDetail) => {
          setCreating(false);
          void navigate(`${base}/${String(s.id)}`);
        }}
      />
    </>
  );
}
