import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
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
