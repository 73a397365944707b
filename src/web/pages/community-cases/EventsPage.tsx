import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Pagination, Segmented, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { EventItem, Page } from '../../api/community-case-types';
import { formatDateTimeShort } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../../auth/session';
import { EventFormModal } from './EventFormModal';
import { eventKindLabel, RegistrationTag } from './parts';

type When = 'upcoming' | 'past';

/** 交流活动: exchange activities, site visits and seminars; officers register, bureaus organise. */
export default function EventsPage() {
  const { hasPermission, me } = useSession();
  const organiser = hasPermission('community:manage') && me?.account.role !== 'alliance_admin';
  const [when, setWhen] = useState<When>('upcoming');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['community-events', when, page], queryFn: () => api.get<Page<EventItem>>('/api/community/events', { when, page, pageSize: 10 }) });
  return (
    <div className="page">
      <PageHeader
        title="交流活动"
        description="交流活动、现场观摩和研讨会：在线报名，现场扫码签到，签到后按省局规则计入年度学时。"
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
        onChange={(v) => {
          setWhen(v);
          setPage(1);
        }}
        options={[
          { value: 'upcoming', label: '近期活动' },
          { value: 'past', label: '往期回顾' },
        ]}
      />
      {list.isError ? <Alert type="error" showIcon title="加载失败" description={errorMessage(list.error)} /> : null}
      {list.isPending ? (
        <div className="page-spin">
          <Spin />
        </div>
      ) : null}
      {list.data?.items.length === 0 ? <Empty description={when === 'upcoming' ? '近期没有活动' : '暂无往期活动'} /> : null}
      {list.data?.items.map((e) => (
        <Card key={e.id} size="small" className="case-card" title={<Link to={`/community/events/${e.id}`}>{e.title}</Link>} extra={<Tag color="blue">{eventKindLabel(e.kind)}</Tag>}>
          <div className="case-meta">
            <span>{formatDateTimeShort(e.startsAt)}</span>
            <span>{e.place}</span>
            <span>主办：{e.organiserName}</span>
          </div>
          <Space size={[4, 4]} wrap>
            {e.status === 'cancelled' ? <Tag color="default">已取消</Tag> : <Tag>{`已报名 ${e.registered}/${e.capacity}${e.waitlisted ? `，候补 ${e.waitlisted}` : ''}`}</Tag>}
            <RegistrationTag status={e.myStatus} checkedIn={e.myCheckedIn} />
            {e.hasReport ? <Tag color="purple">有活动报道</Tag> : null}
          </Space>
        </Card>
      ))}
      {list.data && list.data.total > 10 ? <Pagination align="center" current={page} pageSize={10} total={list.data.total} onChange={setPage} showSizeChanger={false} /> : null}
      <EventFormModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
