import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
// zod/mini: the bell is in the header of every screen, so this stays in the small first download.
import * as z from 'zod/mini';
import { apiRequest } from '../../../lib/api-client';

const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  offerId: z.nullable(z.string()),
  createdAt: z.string(),
  readAt: z.nullable(z.string()),
});
const pageSchema = z.object({ items: z.array(notificationSchema), unreadCount: z.number(), nextCursor: z.nullable(z.string()) });
export type AppNotification = z.infer<typeof notificationSchema>;

const notificationsKey = ['notifications'] as const;
const RECENT = 20;

export const fetchNotifications = (signal?: AbortSignal) => apiRequest(`/notifications?limit=${RECENT}`, { schema: pageSchema, signal });
export const markNotificationRead = (id: string) => apiRequest(`/notifications/${id}/read`, { method: 'POST', schema: notificationSchema });
export const markAllNotificationsRead = () => apiRequest('/notifications/read-all', { method: 'POST', schema: z.object({ marked: z.number() }) });

/** The reader's recent notifications and unread count; refreshed now and then so the bell stays roughly current. */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: ({ signal }) => fetchNotifications(signal),
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

function useNotificationWrite<V>(write: (vars: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: write, onSettled: () => void qc.invalidateQueries({ queryKey: notificationsKey }) });
}

export const useMarkRead = () => useNotificationWrite(markNotificationRead);
export const useMarkAllRead = () => useNotificationWrite(markAllNotificationsRead);
