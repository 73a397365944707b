import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Drawer, Empty, Popover, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import type { AppNotification, NotificationPage } from '../api/types';
import { NotificationItem } from '../components/NotificationItem';
import { appLink, useMarkAllRead, useMarkRead } from '../components/notifications';

export interface NotificationPopupProps {
  isMobile: boolean;
  open: boolean;
  setOpen: (open: boolean) => void;
  unread: number;
  latest: UseQueryResult<NotificationPage>;
  /** The bell button; `onClick` only where no popover wraps it (phones open a drawer). */
  bell: (onClick?: () => void) => ReactNode;
}

/**
 * The bell's panel — the latest notices with 全部已读 and 查看全部 — in a popover (a drawer on phones). Loaded after
 * the first paint (NotificationBell renders the bell alone meanwhile), so the header's first screen stays light.
 */
export default function NotificationPopup({ isMobile, open, setOpen, unread, latest, bell }: NotificationPopupProps) {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

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

  if (isMobile) {
    return (
      <>
        {bell(() => setOpen(true))}
        <Drawer placement="right" open={open} onClose={close} size="100%" title="消息" className="notice-drawer" styles={{ body: { padding: 0 } }}>
          {panel}
        </Drawer>
      </>
    );
  }
  return (
    <Popover content={panel} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} arrow={false} classNames={{ root: 'notice-popover' }}>
      {bell()}
    </Popover>
  );
}
