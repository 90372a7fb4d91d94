import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MarkedRead, NotificationPage, UnreadCount } from '../../../contracts/notifications';
import { get, post } from '../../lib/api';
import { notifyError } from '../../lib/forms';

/** Every notification query sits under this key, so one invalidation refreshes bell, list and count. */
export const NOTICES_KEY = ['notifications'] as const;

/** The bell's number: polled every 30 s and on window focus, since notices arrive from other people's work. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...NOTICES_KEY, 'unread-count'],
    queryFn: ({ signal }) => get<UnreadCount>('/api/notifications/unread-count', undefined, signal),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
}

export function useNotices(page: { limit: number; offset: number; unread?: boolean }, enabled = true) {
  return useQuery({
    queryKey: [...NOTICES_KEY, 'list', page],
    queryFn: ({ signal }) =>
      get<NotificationPage>(
        '/api/notifications',
        { limit: page.limit, offset: page.offset, unread: page.unread ? 'true' : undefined },
        signal,
      ),
    enabled,
    placeholderData: (prev) => prev,
  });
}

/** Mark one (id) or every (null) notification read. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string | null) =>
      id ? post<null>(`/api/notifications/${id}/read`) : post<MarkedRead>('/api/notifications/read-all'),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTICES_KEY }),
    onError: notifyError,
  });
}
