import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

/** Suggestions only, so every part is optional and loosely typed; the form validates what it keeps. */
const prefillTermsSchema = z
  .object({
    title: z.string(),
    level: z.string(),
    departmentId: z.string(),
    location: z.object({ city: z.string(), state: z.string(), remote: z.boolean() }).partial(),
    employmentType: z.string(),
    flsaStatus: z.string(),
    managerId: z.string(),
    compensation: z
      .object({ currency: z.string(), payBasis: z.string(), baseSalaryCents: z.number(), hourlyRateCents: z.number() })
      .partial(),
    contingencies: z.array(z.string()),
  })
  .partial();

const bandSchema = z.object({ minCents: z.number(), midCents: z.number(), maxCents: z.number(), currency: z.string() });
const prefillSchema = z.object({ terms: prefillTermsSchema, band: bandSchema.nullable() });

export type PrefillTerms = z.infer<typeof prefillTermsSchema>;
export type Band = z.infer<typeof bandSchema>;
export type Prefill = z.infer<typeof prefillSchema>;

export const fetchPrefill = (requisitionId: string, signal?: AbortSignal) =>
  apiRequest(`/intake/prefill?${new URLSearchParams({ requisitionId })}`, { schema: prefillSchema, signal });

export const prefillQuery = (requisitionId: string) =>
  queryOptions({
    queryKey: ['intake', 'prefill', requisitionId],
    queryFn: ({ signal }) => fetchPrefill(requisitionId, signal),
    staleTime: 60_000,
  });

/** The band for the chosen requisition, shown next to the base pay field. */
export function usePrefill(requisitionId: string | undefined) {
  return useQuery({ ...prefillQuery(requisitionId ?? ''), enabled: !!requisitionId });
}
