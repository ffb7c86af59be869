import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest, ifMatch } from '../../../lib/api-client';
import { useOfferStageWrite } from '../../delivery/api/delivery';

export type Decision = 'accept' | 'adjust' | 'reject';
export interface NewVersionInput {
  answers: { requestId: string; deltas: { field: string; decision: Decision; value?: unknown }[] }[];
  changes: { field: string; value: unknown }[];
  note?: string;
}

const newVersionSchema = z.object({ id: z.string(), status: z.string(), rowVersion: z.number(), draftVersion: z.number(), changedFields: z.array(z.string()) });
const diffSchema = z.object({
  from: z.number(),
  to: z.number(),
  fields: z.array(z.object({ path: z.string(), label: z.string(), before: z.unknown(), after: z.unknown(), masked: z.boolean() })),
});
export type VersionDiff = z.infer<typeof diffSchema>;

const base = (offerId: string) => `/offers/${encodeURIComponent(offerId)}`;

/** Answer every open change request with a new version (the offer returns to draft). */
export function useAnswerWithNewVersion(offerId: string) {
  return useOfferStageWrite(offerId, (v: { rowVersion: number; body: NewVersionInput }) =>
    apiRequest(`${base(offerId)}/versions`, { method: 'POST', headers: ifMatch(v.rowVersion), body: v.body, schema: newVersionSchema }),
  );
}

/** A colleague asks for a change while the candidate holds the offer. */
export function useAskInternally(offerId: string) {
  return useOfferStageWrite(offerId, (body: { changes: { field: string; asked: unknown }[]; reason: string; comment: string }) =>
    apiRequest(`${base(offerId)}/change-requests`, { method: 'POST', body, schema: z.object({ id: z.string(), status: z.string(), rowVersion: z.number() }) }),
  );
}

export function useVersionDiff(offerId: string, pair: { from: number; to: number } | null) {
  return useQuery({
    queryKey: ['offers', 'versions', offerId, pair],
    queryFn: ({ signal }) => apiRequest(`${base(offerId)}/versions/diff?from=${pair!.from}&to=${pair!.to}`, { schema: diffSchema, signal }),
    enabled: pair !== null,
    staleTime: Infinity,
  });
}
