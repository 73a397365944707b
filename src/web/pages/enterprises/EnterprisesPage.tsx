import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Page, QueuedJob } from '../../api/types';
import type { Enterprise } from '../../api/enterprise-types';
import { Access } from '../../auth/Access';
import { useMe } from '../../auth/session';
import { useOrgTree } from '../../components/org-tree';
import { ListTable } from '../../components/list/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { ENTERPRISE_SORT_KEYS, enterpriseListColumns } from './enterprise-list-columns';
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
  const paging = useUrlFilters(ENTERPRISE_FILTER_KEYS, { keys: ENTERPRISE_SORT_KEYS, default: 'name' });
  const { filters, page, pageSize, update, anyFilter, sortOrderOf } = paging;
  const [formOpen, setFormOpen] = useState(false);
  const [exportJobId, setExportJobId] = useState<number | null>(null);

  const query = { page, pageSize, sort: paging.sort, order: paging.order, ...filters };
  const list = useQuery({
    queryKey: queryKeys.enterprises.list(query),
    queryFn: ({ signal }) => api.get<Page<Enterprise>>('/api/enterprises', query, signal),
    placeholderData: keepPreviousData,
  });

  const startExport = useMutation({
    mutationFn: () => api.post<QueuedJob>('/api/enterprises/exports', filters),
    onSuccess: ({ jobId }) => setExportJobId(jobId),
    onError: (error) => message.error(errorMessage(error)),
  });

  const singleUnit = tree.data?.length === 1 && tree.data[0]?.children.length === 0;
  const columns = enterpriseListColumns({ isMobile, singleUnit, sortOrderOf });

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
      <EnterpriseFilters filters={filters} update={update} anyFilter={anyFilter} onReset={paging.reset} />
      <ListTable<Enterprise>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="企业名录"
        empty={anyFilter ? '没有符合条件的企业' : '名录中还没有企业'}
        totalText={(total) => `共 ${total} 家企业`}
      />
      <EnterpriseFormModal
        open={formOpen}
        enterprise={null}
        onClose={() => setFormOpen(false)}
        onSaved={(saved) => {
          setFormOpen(false);
          void queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.all });
          message.success(
            <span>
              已新增企业：{saved.name} <Link to={`/enterprises/${saved.id}`}>查看</Link>
            </span>,
          );
        }}
      />
    </div>
  );
}
