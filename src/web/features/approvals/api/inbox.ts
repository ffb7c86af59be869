import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { stepSchema } from './step';

const person = z.object({ id: z.string(), name: z.string() });

export const bandSchema = z.object({
  currency: z.string(),
  minCents: z.number(),
  midCents: z.number(),
  maxCents: z.number(),
  offeredCents: z.number(),
  compaRatio: z.number().nullable(),
});
export type BandPosition = z.infer<typeof bandSchema>;

/** Same contract as the server's inbox: steps waiting on the reader, or on someone they stand in for. */
const inboxItemSchema = stepSchema.extend({
  offer: z.object({ id: z.string(), title: z.string(), candidateName: z.string().nullable(), status: z.string() }),
  onBehalfOf: person.nullable(),
  band: bandSchema.nullable(),
  changedSinceApproval: z.array(z.string()),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

const inboxSchema = z.object({ items: z.array(inboxItemSchema) });

/** Every approvals query starts with this, so one invalidation refreshes the inbox, its count and plans. */
export const approvalsKey = ['approvals'] as const;
export const inboxKey = [...approvalsKey, 'inbox'] as const;

export const fetchInbox = (signal?: AbortSignal) => apiRequest('/approvals/inbox', { schema: inboxSchema, signal });

export function useInbox() {
  return useQuery({ queryKey: inboxKey, queryFn: ({ signal }) => fetchInbox(signal) });
}
