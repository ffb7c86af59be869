import { useInfiniteQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export const outboxStatuses = ['queued', 'sent', 'held', 'failed'] as const;
const outboxItemSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(outboxStatuses),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
const pageSchema = z.object({ items: z.array(outboxItemSchema), nextCursor: z.string().nullable() });
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const fetchOutbox = (cursor: string | undefined, signal?: AbortSignal) =>
  apiRequest(`/admin/outbox?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { schema: pageSchema, signal });

export function useOutbox() {
  return useInfiniteQuery({
    queryKey: ['admin', 'outbox'],
    queryFn: ({ pageParam, signal }) => fetchOutbox(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
