import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Enterprise } from '../../api/enterprise-types';
import { Access } from '../../auth/Access';
import { useSession } from '../../auth/session';
import { STATUS_COLORS, statusLabel } from '../../components/enterprise-dict';
import { PageHeader } from '../../components/PageHeader';
import { NotFoundPage } from '../../components/ResultPages';
import { EnterpriseFilingsCard } from './EnterpriseFilingsCard';
import { EnterpriseFormModal } from './EnterpriseFormModal';
import { EnterpriseHistoryCard } from './EnterpriseHistoryCard';
import { EnterpriseInfoCard } from './EnterpriseInfoCard';
import { EnterpriseReviewFlagsAlert } from './EnterpriseReviewFlagsAlert';
import './enterprises.css';
import { queryKeys } from '../../api/query-keys';

/** One enterprise of the roster: its record, its review flags, its filings and its history. */
export default function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const valid = /^\d+$/.test(id);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { hasPermission } = useSession();
  const [editing, setEditing] = useState(false);

  const enterprise = useQuery({
    queryKey: queryKeys.enterprise(Number(id)),
    queryFn: () => api.get<Enterprise>(`/api/enterprises/${id}`),
    enabled: valid,
  });
  const canReadFilings = hasPermission('filings:read');

  const notFound = enterprise.error instanceof ApiError && (enterprise.error.status === 404 || enterprise.error.status === 400);
  if (!valid || notFound) return <NotFoundPage />;
  if (enterprise.isPending) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  if (enterprise.isError) {
    return (
      <div className="page">
        <Alert
          type="error"
          showIcon
          title="企业信息加载失败"
          description={errorMessage(enterprise.error)}
          action={
            <Button size="small" onClick={() => void enterprise.refetch()}>
              重试
            </Button>
          }
        />
      </div>
    );
  }
  const e = enterprise.data;

  return (
    <div className="page">
      <PageHeader
        title={e.name}
        back={{ title: '企业名录', to: '/enterprises' }}
        description={
          <Space wrap size={[8, 4]}>
            <span className="mono">{e.uscc}</span>
            <Tag color={STATUS_COLORS[e.status] ?? 'default'}>{statusLabel(e.status)}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Access permission="enterprises:manage">
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
            </Access>
          </Space>
        }
      />
      {e.reviewFlags.length ? <EnterpriseReviewFlagsAlert enterprise={e} /> : null}
      <EnterpriseInfoCard enterprise={e} />
      {canReadFilings ? <EnterpriseFilingsCard enterpriseId={e.id} /> : null}
      <EnterpriseHistoryCard enterpriseId={e.id} />
      <EnterpriseFormModal
        open={editing}
        enterprise={e}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          queryClient.setQueryData(queryKeys.enterprise(saved.id), saved);
          void queryClient.invalidateQueries({ queryKey: queryKeys.enterpriseHistory(saved.id) });
          void queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.all });
          message.success('企业信息已保存');
        }}
      />
    </div>
  );
}
