import { useQuery } from '@tanstack/react-query';
// zod/mini: the navigation shows this count on every screen, so it stays in the small first download.
import * as z from 'zod/mini';
import { apiRequest } from '../../../lib/api-client';

const countSchema = z.object({ items: z.array(z.object({ id: z.string() })) });

/** How many steps wait on the reader; refreshed now and then so the navigation stays roughly current. */
export function useInboxCount(enabled: boolean) {
  return useQuery({
    queryKey: ['approvals', 'inbox-count'],
    queryFn: ({ signal }) => apiRequest('/approvals/inbox', { schema: countSchema, signal }),
    select: (data) => data.items.length,
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}
