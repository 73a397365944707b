import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Space, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { EnterpriseChangeRequest, EnterpriseRegistration } from '../../api/enterprise-types';
import { PageHeader } from '../../components/PageHeader';
import { ChangeRequestsTab } from './ChangeRequestsTab';
import { RegistrationsTab } from './RegistrationsTab';
import { CHANGE_KEY, REG_KEY } from './review-parts';
import './enterprises.css';
import { queryKeys } from '../../api/query-keys';

/** 注册审核: enterprises' self-registrations and their requests to change name or responsible unit. */
export default function RegistrationsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'changes' ? 'changes' : 'registrations';
  const queryClient = useQueryClient();

  const pendingRegs = useQuery({
    queryKey: queryKeys.registrations.list({ status: 'pending', page: 1, pageSize: 1 }),
    queryFn: () => api.get<Page<EnterpriseRegistration>>('/api/enterprise-registrations', { status: 'pending', page: 1, pageSize: 1 }),
  });
  const pendingChanges = useQuery({
    queryKey: queryKeys.changeRequests.byStatus('pending'),
    queryFn: () => api.get<EnterpriseChangeRequest[]>('/api/enterprise-change-requests', { status: 'pending' }),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: REG_KEY });
    void queryClient.invalidateQueries({ queryKey: CHANGE_KEY });
    void queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.all });
  };

  const label = (text: string, count: number | undefined) => (
    <Space size={6}>
      {text}
      {count ? <Badge count={count} overflowCount={999} /> : null}
    </Space>
  );

  return (
    <div className="page">
      <PageHeader title="注册审核" description="企业自主注册后，由所选主管局确认；企业名称和主管单位的变更也须主管局确认。" />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'changes' ? { tab: 'changes' } : {}, { replace: true })}
        items={[
          { key: 'registrations', label: label('企业注册', pendingRegs.data?.total), children: <RegistrationsTab onChanged={refresh} /> },
          { key: 'changes', label: label('信息变更', pendingChanges.data?.length), children: <ChangeRequestsTab onChanged={refresh} /> },
        ]}
      />
    </div>
  );
}
