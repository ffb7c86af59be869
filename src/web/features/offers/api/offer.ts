import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { fieldTypes } from '../../../../flow/fields/field-definition.schema';
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
  /** The custom fields the caller reads, to label `terms.custom`, in layout order. */
  customFields: z
    .array(
      z.object({
        key: z.string(),
        label: z.string(),
        type: z.enum(fieldTypes),
        version: z.number(),
        section: z.string(),
        order: z.number(),
        sensitive: z.boolean(),
        helpText: z.string().optional(),
        options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      }),
    )
    .optional(),
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
