import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { fetchNotifications } from '../components/notifications';
import { queryKeys } from '../api/query-keys';

const NotificationPopup = lazy(() => import('./NotificationPopup'));

const LATEST = 10;

/**
 * The header bell: the unread count (polled every 60 s and on window focus) and, on click, the latest notices
 * in a popover (a drawer on phones) with 全部已读 and 查看全部. The panel is a lazy chunk (NotificationPopup): until
 * it arrives the bell stands alone, and a click on it opens the panel once loaded.
 */
export function NotificationBell({ isMobile }: { isMobile: boolean }) {
  const [open, setOpen] = useState(false);
  const count = useQuery({
    queryKey: queryKeys.notifications.count,
    queryFn: ({ signal }) => fetchNotifications({ unread: 'true', page: 1, pageSize: 1 }, signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  const latest = useQuery({
    queryKey: queryKeys.notifications.latest,
    queryFn: ({ signal }) => fetchNotifications({ page: 1, pageSize: LATEST }, signal),
    enabled: open,
    staleTime: 0,
  });
  // whichever answer is newer (the list is not refetched while closed)
  const unread = (latest.data && latest.dataUpdatedAt > count.dataUpdatedAt ? latest.data.unread : count.data?.unread) ?? 0;

  const bellButton = (onClick?: () => void) => (
    <button
      type="button"
      className="bell-button"
      aria-label={unread ? `消息，${unread} 条未读` : '消息'}
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={onClick}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined className="bell-icon" />
      </Badge>
    </button>
  );

  return (
    <Suspense fallback={bellButton(() => setOpen(true))}>
      <NotificationPopup isMobile={isMobile} open={open} setOpen={setOpen} unread={unread} latest={latest} bell={bellButton} />
    </Suspense>
  );
}
