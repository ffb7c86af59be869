import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { AdoptedSignature } from '../../../components/signature-input';
import { apiRequest } from '../../../lib/api-client';

/** The candidate's offer behind their e-mailed link; the token is the only credential. */
const portalOfferSchema = z.object({
  organizationName: z.string(),
  candidateFirstName: z.string(),
  status: z.string(),
  version: z.number(),
  expiresAt: z.string(),
  offer: z.object({
    title: z.string(),
    startDate: z.string(),
    expiresOn: z.string().nullable(),
    location: z.object({ city: z.string(), state: z.string(), remote: z.boolean() }),
    employmentType: z.string(),
    currency: z.string(),
    payBasis: z.string(),
    baseSalaryCents: z.number().nullable(),
    hourlyRateCents: z.number().nullable(),
    bonusTargetPercent: z.number().nullable(),
    signOnBonusCents: z.number().nullable(),
    equityUnits: z.number().nullable(),
  }),
  documents: z.array(z.object({ name: z.string(), kind: z.string(), sha256: z.string(), mediaType: z.string() })),
  consent: z.object({ version: z.string(), text: z.string() }),
  changeRequests: z
    .array(
      z.object({
        id: z.string(),
        createdAt: z.string(),
        status: z.string(),
        comment: z.string(),
        deltas: z.array(z.object({ field: z.string(), label: z.string(), current: z.unknown(), asked: z.unknown() })),
      }),
    )
    .default([]),
  previousVersion: z.number().nullable().default(null),
  changesFromPrevious: z.array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })).default([]),
});
export type PortalOffer = z.infer<typeof portalOfferSchema>;

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
