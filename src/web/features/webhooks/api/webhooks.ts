import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const endpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number(),
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const withSecret = endpointSchema.extend({ secret: z.string() });
const attemptSchema = z.object({ attemptedAt: z.string(), statusCode: z.number().nullable(), error: z.string().nullable(), durationMs: z.number(), responseBody: z.string().nullable() });
const deliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  offerId: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  payload: z.unknown(),
  attemptLog: z.array(attemptSchema),
});
const eventTypesSchema = z.object({ items: z.array(z.object({ type: z.string(), description: z.string() })), retryScheduleSeconds: z.array(z.number()), maxAttempts: z.number() });

export type WebhookEndpoint = z.infer<typeof endpointSchema>;
export type WebhookDelivery = z.infer<typeof deliverySchema>;

const key = ['admin', 'webhooks'] as const;
const base = '/webhooks/endpoints';

export const useEventTypes = () => useQuery({ queryKey: [...key, 'types'], queryFn: ({ signal }) => apiRequest('/webhooks/event-types', { schema: eventTypesSchema, signal }), staleTime: Infinity });
export const useEndpoints = () => useQuery({ queryKey: [...key, 'endpoints'], queryFn: ({ signal }) => apiRequest(base, { schema: z.object({ items: z.array(endpointSchema) }), signal }) });

/** The log of one endpoint, polled while something is still on its way. */
export function useDeliveries(endpointId: string | null) {
  return useQuery({
    queryKey: [...key, 'deliveries', endpointId],
    queryFn: ({ signal }) => apiRequest(`${base}/${endpointId}/deliveries?limit=50`, { schema: z.object({ items: z.array(deliverySchema) }), signal }),
    enabled: endpointId !== null,
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending') ? 3000 : false),
  });
}

function useWebhookWrite<V, R>(write: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: write, onSettled: () => void qc.invalidateQueries({ queryKey: key }) });
}

export const useCreateEndpoint = () => useWebhookWrite((body: { url: string; description: string; eventTypes: string[] }) => apiRequest(base, { method: 'POST', body, schema: withSecret }));
export const useRotateSecret = () => useWebhookWrite((id: string) => apiRequest(`${base}/${id}/rotate-secret`, { method: 'POST', schema: withSecret }));
export const useEnableEndpoint = () => useWebhookWrite((id: string) => apiRequest(`${base}/${id}/enable`, { method: 'POST', schema: endpointSchema }));
export const useDeleteEndpoint = () => useWebhookWrite((id: string) => apiRequest(`${base}/${id}`, { method: 'DELETE' }));
export const useReplayDelivery = () => useWebhookWrite((id: string) => apiRequest(`/webhooks/deliveries/${id}/replay`, { method: 'POST', schema: z.object({ deliveryId: z.string(), queued: z.boolean() }) }));
