import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Space, Tag } from 'antd';
import { api, errorMessage } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { ExpertMemberDetail } from '../../api/supervision-types';
import { PageHeader } from '../../components/PageHeader';
import { EXPERT_STATUS_COLORS, expertStatusLabel } from './dict';
import { MemberFacts } from './ExpertMemberDrawer';

/** 专家库 for an officer (/me/experts): the nominations to answer, and leaving the pool. */
export function MyExpertNominations() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mine = useQuery({
    queryKey: queryKeys.expertPool.mine,
    queryFn: ({ signal }) => api.get<ExpertMemberDetail[]>('/api/expert-pool/mine', undefined, signal),
  });
  const respond = async (id: number, accept: boolean) => {
    try {
      await api.post(`/api/expert-pool/${id}/respond`, { accept });
      message.success(accept ? '已接受入库' : '已谢绝');
      await queryClient.invalidateQueries({ queryKey: queryKeys.expertPool.all });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <div className="page">
      <PageHeader title="专家库" description="市场监管部门推荐您进入首席质量官专家库，参加质量诊断、评审等工作。" />
      {mine.isError ? <Alert type="error" showIcon title={errorMessage(mine.error)} /> : null}
      {mine.data && mine.data.length === 0 ? <Empty description="暂无专家库推荐" /> : null}
      <Space direction="vertical" className="full-width" size={16}>
        {(mine.data ?? []).map((m) => (
          <Card
            key={m.id}
            className="supervision-card"
            title={`${m.orgUnitName} 推荐`}
            extra={<Tag color={EXPERT_STATUS_COLORS[m.status]}>{expertStatusLabel(m.status)}</Tag>}
            actions={
              m.status === 'nominated'
                ? [
                    <Button key="accept" type="primary" onClick={() => void respond(m.id, true)}>
                      接受入库
                    </Button>,
                    <Button key="decline" onClick={() => void respond(m.id, false)}>
                      谢绝
                    </Button>,
                  ]
                : m.status === 'active'
                  ? [
                      <Button key="leave" onClick={() => void respond(m.id, false)}>
                        退出专家库
                      </Button>,
                    ]
                  : undefined
            }
          >
            <MemberFacts m={m} />
          </Card>
        ))}
      </Space>
    </div>
  );
}
