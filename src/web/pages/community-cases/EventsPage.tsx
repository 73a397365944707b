import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Pagination, Segmented } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { EventItem, Page } from '../../api/community-case-types';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/url-filters';
import { EventFormModal, useEventHosts } from './EventFormModal';
import { EventCard } from './parts';

type When = 'upcoming' | 'past' | 'managed';

/**
 * 交流活动: exchange activities, site visits and seminars; officers register, bureaus and 联盟/之家 organise
 * (an organisation's events are seen by its members only). `?tab=managed` opens on the events the caller runs.
 */
export default function EventsPage() {
  const hosts = useEventHosts();
  const organiser = hosts.data ? hosts.data.ownUnit || hosts.data.organisations.length > 0 : false;
  const url = useUrlFilters(['tab']);
  const when: When = url.filters.tab === 'past' ? 'past' : url.filters.tab === 'managed' ? 'managed' : 'upcoming';
  const page = url.page;
  const [creating, setCreating] = useState(false);
  const query = when === 'managed' ? { when: 'all', managed: 'true', page, pageSize: 10 } : { when, page, pageSize: 10 };
  const list = useQuery({
    queryKey: queryKeys.communityEvents.list(query),
    queryFn: () => api.get<Page<EventItem>>('/api/community/events', query),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="page">
      <PageHeader
        title="交流活动"
        description="交流活动、现场观摩和研讨会：在线报名，现场扫码签到，签到后按省局规则计入年度学时。联盟、之家的活动仅其成员可见。"
        extra={
          organiser ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              发布活动
            </Button>
          ) : null
        }
      />
      <Segmented<When>
        className="block-card"
        value={when}
        onChange={(v) => url.update({ tab: v === 'upcoming' ? undefined : v })}
        options={[
          { value: 'upcoming', label: '近期活动' },
          { value: 'past', label: '往期回顾' },
          ...(organiser ? [{ value: 'managed' as const, label: '我主办的' }] : []),
        ]}
      />
      <QueryState query={list} what="活动" empty={when === 'upcoming' ? '近期没有活动' : when === 'past' ? '暂无往期活动' : '您还没有主办活动'}>
        {(data) => (
          <>
            {data.items.map((e) => (
              <EventCard key={e.id} e={e} />
            ))}
            {data.total > 10 ? (
              <Pagination
                align="center"
                current={page}
                pageSize={10}
                total={data.total}
                onChange={(p) => url.update({ page: p }, true)}
                showSizeChanger={false}
              />
            ) : null}
          </>
        )}
      </QueryState>
      <EventFormModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
