import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import type { AppNotification } from '../api/types';
import { NotificationItem } from '../components/NotificationItem';
import { appLink, fetchNotifications, NOTIFICATIONS_KEY, useMarkAllRead, useMarkRead } from '../components/notifications';

const LATEST = 10;

/**
 * The header bell: the unread count (polled every 60 s and on window focus) and, on click, the latest notices
 * in a popover (a drawer on phones) with 全部已读 and 查看全部.
 */
export function NotificationBell({ isMobile }: { isMobile: boolean }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const count = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'count'],
    queryFn: ({ signal }) => fetchNotifications({ unread: 'true', page: 1, pageSize: 1 }, signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  const latest = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'latest'],
    queryFn: ({ signal }) => fetchNotifications({ page: 1, pageSize: LATEST }, signal),
    enabled: open,
    staleTime: 0,
  });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  // whichever answer is newer (the list is not refetched while closed)
  const unread = (latest.data && latest.dataUpdatedAt > count.dataUpdatedAt ? latest.data.unread : count.data?.unread) ?? 0;

  const close = () => setOpen(false);
  const openNotice = (n: AppNotification) => {
    markRead.mutate(n);
    const link = appLink(n);
    if (link) {
      close();
      void navigate(link);
    }
  };

  const list = latest.data?.items ?? [];
  const panel = (
    <div className="notice-panel">
      <div className="notice-panel-head">
        <Typography.Text strong={!isMobile} type={isMobile ? 'secondary' : undefined}>
          {isMobile ? (unread ? `${unread} 条未读` : '没有未读消息') : `消息${unread ? `（${unread} 条未读）` : ''}`}
        </Typography.Text>
        <Button type="link" size="small" disabled={!unread} loading={markAll.isPending} onClick={() => markAll.mutate()}>
          全部已读
        </Button>
      </div>
      <div className="notice-panel-list">
        {latest.isPending ? (
          <div className="notice-panel-empty">
            <Spin />
          </div>
        ) : latest.isError ? (
          <Typography.Text type="danger" className="notice-panel-empty">
            {errorMessage(latest.error)}
          </Typography.Text>
        ) : list.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" className="notice-panel-empty" />
        ) : (
          list.map((n) => <NotificationItem key={n.id} notification={n} onOpen={openNotice} />)
        )}
      </div>
      <div className="notice-panel-foot">
        <Link to="/notifications" onClick={close}>
          查看全部
        </Link>
      </div>
    </div>
  );

  const bell = (
    <button
      type="button"
      className="bell-button"
      aria-label={unread ? `消息，${unread} 条未读` : '消息'}
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={isMobile ? () => setOpen(true) : undefined}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined className="bell-icon" />
      </Badge>
    </button>
  );

  if (isMobile) {
    return (
      <>
        {bell}
        <Drawer placement="right" open={open} onClose={close} size="100%" title="消息" className="notice-drawer" styles={{ body: { padding: 0 } }}>
          {panel}
        </Drawer>
      </>
    );
  }
  return (
    <Popover content={panel} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} arrow={false} classNames={{ root: 'notice-popover' }}>
      {bell}
    </Popover>
  );
}
