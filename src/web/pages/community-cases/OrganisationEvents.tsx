import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Spin } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { EventItem, Page } from '../../api/community-case-types';
import { EventFormModal } from './EventFormModal';
import { EventCard } from './parts';
import { queryKeys } from '../../api/query-keys';

/** 组织活动 on a 联盟/之家 page: its events (members and those who run it see them), and 发布活动 for its admins. */
export function OrganisationEvents({ organisationId, canManage }: { organisationId: number; canManage: boolean }) {
  const [creating, setCreating] = useState(false);
  const query = { when: 'all', organisationId, page: 1, pageSize: 20 };
  const list = useQuery({ queryKey: queryKeys.communityEvents.list(query), queryFn: () => api.get<Page<EventItem>>('/api/community/events', query) });
  return (
    <Card
      size="small"
      title="组织活动"
      style={{ marginBottom: 12 }}
      extra={
        canManage ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            发布活动
          </Button>
        ) : null
      }
    >
      {list.isError ? <Alert type="error" showIcon title="加载失败" description={errorMessage(list.error)} /> : null}
      {list.isPending ? <Spin /> : null}
      {list.data?.items.length === 0 ? <Empty description="暂无活动" /> : null}
      {list.data?.items.map((e) => (
        <EventCard key={e.id} e={e} />
      ))}
      <EventFormModal open={creating} onClose={() => setCreating(false)} organisationId={organisationId} />
    </Card>
  );
}
