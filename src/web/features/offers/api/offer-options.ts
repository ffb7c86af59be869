import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

// Only what the picker shows; fields a role may not read are absent, so they are optional.
const offerOptionSchema = z.object({
  id: z.string(),
  status: z.string(),
  candidate: z.object({ name: z.string().optional() }),
  title: z.string().optional(),
});
const pageSchema = z.object({ items: z.array(offerOptionSchema) });
export type OfferOption = z.infer<typeof offerOptionSchema>;

export const fetchOfferOptions = (q: string, signal?: AbortSignal) => {
  const params = new URLSearchParams({ sort: '-updatedAt', limit: '25' });
  if (q) params.set('q', q);
  return apiRequest(`/offers?${params}`, { schema: pageSchema, signal });
};

/** Recently updated offers matching the search, for choosing one (a template preview, a policy simulation). */
export function useOfferOptions(q: string) {
  return useQuery({
    queryKey: ['offers', 'options', q],
    queryFn: ({ signal }) => fetchOfferOptions(q, signal),
    placeholderData: keepPreviousData,
  });
}
