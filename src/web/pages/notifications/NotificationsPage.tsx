import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Pagination, Space, Switch, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import type { AppNotification } from '../../api/types';
import { NotificationItem } from '../../components/NotificationItem';
import { appLink, fetchNotifications, useMarkAllRead, useMarkRead } from '../../components/notifications';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { queryKeys } from '../../api/query-keys';

const FILTER_KEYS = ['unread'] as const;

/** 我的消息: every notice of the signed-in account, newest first, with paging and 仅看未读. */
export default function NotificationsPage() {
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  // 仅看未读, page and page size in the address bar (the list pattern's hook; a filter change goes back to page 1)
  const url = useUrlFilters(FILTER_KEYS);
  const { page, pageSize } = url;
  const unreadOnly = url.filters.unread === 'true';

  const query = { page, pageSize, unread: unreadOnly ? 'true' : undefined };
  const list = useQuery({
    queryKey: queryKeys.notifications.page(query),
    queryFn: ({ signal }) => fetchNotifications(query, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = list.data?.unread ?? 0;

  const open = (n: AppNotification) => {
    markRead.mutate(n);
    const link = appLink(n);
    if (link) void navigate(link);
  };

  return (
    <div className="page">
      <PageHeader
        title="我的消息"
        description={unread ? `${unread} 条未读。点击消息打开相关页面并标为已读。` : '没有未读消息。'}
        extra={
          <Space wrap>
            <Button onClick={() => void navigate('/notifications/sent')}>短信与邮件发送记录</Button>
            <Button
              disabled={!unread}
              loading={markAll.isPending}
              onClick={() =>
                markAll.mutate(undefined, { onSuccess: () => void message.success('已全部标为已读'), onError: (e) => void message.error(errorMessage(e)) })
              }
            >
              全部已读
            </Button>
          </Space>
        }
      />
      <div className="notice-toolbar">
        <Space>
          <Switch checked={unreadOnly} onChange={(v) => url.update({ unread: v ? 'true' : undefined })} aria-label="仅看未读" id="notice-unread-only" />
          <label htmlFor="notice-unread-only">仅看未读</label>
        </Space>
      </div>
      <div className="notice-page-list">
        <QueryState query={list} what="消息" empty={unreadOnly ? '没有未读消息' : '暂无消息'}>
          {(data) => data.items.map((n) => <NotificationItem key={n.id} notification={n} onOpen={open} />)}
        </QueryState>
      </div>
      {list.data && list.data.total > pageSize ? (
        <Pagination className="notice-pagination" {...url.pagination(list.data.total, isMobile)} />
      ) : list.data?.total ? (
        <Typography.Text type="secondary" className="notice-total">
          共 {list.data.total} 条
        </Typography.Text>
      ) : null}
    </div>
  );
}
