import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { visibleTermsSchema } from '../../../../flow/intake/offer-terms.schema';
import { apiRequest } from '../../../lib/api-client';
import { offerSummarySchema } from './offers-list';

/**
 * Same contract as the server's offer response: terms are the draft, or the latest frozen version,
 * holding only the fields the caller's roles may read (src/core/access).
 */
export const offerSchema = offerSummarySchema.extend({
  terms: visibleTermsSchema.nullable().optional(),
  allowedEvents: z.array(z.string()),
});
export type Offer = z.infer<typeof offerSchema>;

export const offerKey = (id: string) => ['offers', 'detail', id] as const;

export const fetchOffer = (id: string, signal?: AbortSignal) => apiRequest(`/offers/${encodeURIComponent(id)}`, { schema: offerSchema, signal });

/** While the packet is generated (`drafting`) or the signed documents are sealed (`signed`) the offer moves on by itself, so the page asks again. */
export function useOffer(id: string) {
  return useQuery({
    queryKey: offerKey(id),
    queryFn: ({ signal }) => fetchOffer(id, signal),
    refetchInterval: (q) => (q.state.error ? false : q.state.data?.status === 'drafting' ? 2000 : q.state.data?.status === 'signed' || q.state.data?.status === 'sent' ? 5000 : false),
  });
}
