import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../api/client';
import type { AppNotification, NotificationPage } from '../api/types';
import { queryKeys } from '../api/query-keys';

/** Every notifications query starts with this key, so one invalidation refreshes the bell and the page. */
export const NOTIFICATIONS_KEY = queryKeys.notifications.all;

export const fetchNotifications = (query: QueryParams, signal?: AbortSignal): Promise<NotificationPage> =>
  api.get<NotificationPage>('/api/notifications', query, signal);

/** The notice's link when it is a path inside this app (never another site). */
export const appLink = (n: AppNotification): string | null => (n.link && n.link.startsWith('/') && !n.link.startsWith('//') ? n.link : null);

/** Mark one notice read (skipped when it already is) and refresh every notifications query. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (n: AppNotification) => {
      if (!n.readAt) await api.post(`/api/notifications/${n.id}/read`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/notifications/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
