import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { AdoptedSignature } from '../../../components/signature-input';
import { portalOfferSchema } from '../../../../flow/portal/portal.schema';
import { apiRequest } from '../../../lib/api-client';

export type { PortalOffer } from '../../../../flow/portal/portal.schema';

export const portalPath = (token: string) => `/portal/${encodeURIComponent(token)}`;

export function usePortalOffer(token: string) {
  return useQuery({
    queryKey: ['portal-offer', token],
    queryFn: ({ signal }) => apiRequest(portalPath(token), { schema: portalOfferSchema, signal }),
    retry: false,
    refetchOnWindowFocus: false,
  });
}

export const declineReasons = ['compensation', 'another_offer', 'location', 'role', 'timing', 'other'] as const;
export type DeclineReason = (typeof declineReasons)[number];

const statusSchema = z.object({ status: z.string() });

export function useRequestCode(token: string) {
  return useMutation({
    mutationFn: () => apiRequest(`${portalPath(token)}/code`, { method: 'POST', schema: z.object({ sentTo: z.string(), expiresInMinutes: z.number() }) }),
  });
}

export function useSignOffer(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string; consentVersion: string; signature: AdoptedSignature }) =>
      apiRequest(`${portalPath(token)}/sign`, {
        method: 'POST',
        body: { code: body.code, consentVersion: body.consentVersion, adopt: true, signature: body.signature },
        schema: statusSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal-offer', token] }),
  });
}

export function useDeclineOffer(token: string) {
  return useMutation({
    mutationFn: (body: { reason: DeclineReason; comment: string }) => apiRequest(`${portalPath(token)}/decline`, { method: 'POST', body, schema: statusSchema }),
  });
}

export function useAskForChanges(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { changes: { field: string; asked: unknown }[]; comment: string }) =>
      apiRequest(`${portalPath(token)}/changes`, { method: 'POST', body, schema: statusSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal-offer', token] }),
  });
}
