import { Typography } from 'antd';
import type { AppNotification } from '../api/types';
import { formatDateTimeShort } from './format';
import './notifications.css';

/** One notice as a clickable row: title (bold while unread), body, time. Used by the bell and the 我的消息 page. */
export function NotificationItem({ notification: n, onOpen }: { notification: AppNotification; onOpen: (n: AppNotification) => void }) {
  const unread = !n.readAt;
  return (
    <button type="button" className={`notice-item${unread ? ' notice-unread' : ''}`} onClick={() => onOpen(n)}>
      <span className="notice-dot" aria-hidden />
      <span className="notice-text">
        <span className="notice-title">
          {unread ? <span className="sr-only">未读：</span> : null}
          {n.title}
        </span>
        {n.body ? (
          <Typography.Text type="secondary" className="notice-body">
            {n.body}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary" className="notice-time">
          {formatDateTimeShort(n.createdAt)}
        </Typography.Text>
      </span>
    </button>
  );
}
