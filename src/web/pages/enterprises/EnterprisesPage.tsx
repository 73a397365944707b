import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { Page } from '../../api/types';
import type { Enterprise } from '../../api/enterprise-types';
import { Access } from '../../auth/Access';
import { useMe } from '../../auth/session';
import { useOrgTree } from '../../components/org-tree';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { ENTERPRISE_SORT_KEYS, enterpriseListColumns, type EnterpriseSortKey } from './enterprise-list-columns';
import { EnterpriseExportCard } from './EnterpriseExportCard';
import { ENTERPRISE_FILTER_KEYS, EnterpriseFilters } from './EnterpriseFilters';
import { EnterpriseFormModal } from './EnterpriseFormModal';
import './enterprises.css';

/** 企业名录: the enterprises in the caller's reach, filtered, sorted and paged in the address bar. */
export default function EnterprisesPage() {
  const me = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const tree = useOrgTree();
  const [params, setParams] = useSearchParams();
  const { filters, page, pageSize, update } = useUrlFilters(ENTERPRISE_FILTER_KEYS);
  const [formOpen, setFormOpen] = useState(false);
  const [exportJobId, setExportJobId] = useState<number | null>(null);

  const sortParam = params.get('sort') as EnterpriseSortKey | null;
  const sort: EnterpriseSortKey = sortParam && ENTERPRISE_SORT_KEYS.includes(sortParam) ? sortParam : 'name';
  const order: 'asc' | 'desc' = params.get('order') === 'desc' ? 'desc' : 'asc';

  const query = { page, pageSize, sort, order, ...filters };
  const list = useQuery({
    queryKey: ['enterprises', query],
    queryFn: ({ signal }) => api.get<Page<Enterprise>>('/api/enterprises', query, signal),
    placeholderData: keepPreviousData,
  });

  const startExport = useMutation({
    mutationFn: () => api.post<{ jobId: number }>('/api/enterprises/exports', filters),
    onSuccess: ({ jobId }) => setExportJobId(jobId),
    onError: (error) => message.error(errorMessage(error)),
  });

  const singleUnit = tree.data?.length === 1 && tree.data[0]?.children.length === 0;
  const anyFilter = ENTERPRISE_FILTER_KEYS.some((k) => filters[k] !== undefined);

  const sortOrderOf = (key: EnterpriseSortKey) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  const columns = enterpriseListColumns({ isMobile, singleUnit, sortOrderOf });

  const onTableChange: TableProps<Enterprise>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const key = sorter.columnKey as EnterpriseSortKey | undefined;
    if (!key || !sorter.order) update({ sort: undefined, order: undefined });
    else update({ sort: key, order: sorter.order === 'ascend' ? 'asc' : 'desc' });
  };

  const resetFilters = () => {
    const next = new URLSearchParams();
    if (params.get('pageSize')) next.set('pageSize', params.get('pageSize') ?? '');
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <PageHeader
        title="企业名录"
        description={`${me.permissions.includes('enterprises:manage') ? '管辖范围内的企业' : '辖区内本部门所负责行业的企业'}。标“待核实”的企业，其信用代码登记地与所属单位不符，请核对。`}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={startExport.isPending} onClick={() => startExport.mutate()} title="按当前筛选条件导出全部结果">
              导出 Excel
            </Button>
            <Access permission="enterprises:manage">
              <Button icon={<ImportOutlined />} onClick={() => void navigate('/enterprises/import')}>
                批量导入
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)}>
                新增企业
              </Button>
            </Access>
          </Space>
        }
      />
      {exportJobId !== null ? <EnterpriseExportCard jobId={exportJobId} onClose={() => setExportJobId(null)} /> : null}
      <EnterpriseFilters filters={filters} update={update} anyFilter={anyFilter} onReset={resetFilters} />
      {list.isError ? <Alert className="form-alert" type="error" showIcon title="企业名录加载失败" description={errorMessage(list.error)} /> : null}
      <Table<Enterprise>
        rowKey="id"
        size={isMobile ? 'small' : 'middle'}
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        onChange={onTableChange}
        showSorterTooltip={false}
        locale={{ emptyText: list.isPending ? '加载中…' : anyFilter ? '没有符合条件的企业' : '名录中还没有企业' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 家企业`,
          size: isMobile ? 'small' : 'middle',
          onChange: (p, ps) => update({ page: ps === pageSize ? p : undefined, pageSize: ps === 20 ? undefined : ps }, true),
        }}
      />
      <EnterpriseFormModal
        open={formOpen}
        enterprise={null}
        onClose={() => setFormOpen(false)}
        onSaved={(saved) => {
          setFormOpen(false);
          void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
          message.success(
            <span>
              已新增企业：{saved.name}{' '}
              <Link to={`/enterprises/${saved.id}`}>查看</Link>
            </span>,
          );
        }}
      />
    </div>
  );
}
