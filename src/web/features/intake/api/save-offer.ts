import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import type { OfferTermsInput } from '../../../../flow/intake/offer-terms.schema';
import { apiRequest, ifMatch } from '../../../lib/api-client';

/** Intake needs only who was saved and at which version; the detail page reads the rest. */
const savedOfferSchema = z.object({ id: z.string(), rowVersion: z.number(), status: z.string() });
export type SavedOffer = z.infer<typeof savedOfferSchema>;

export interface CreateOfferInput {
  candidateId: string;
  requisitionId?: string;
  terms: OfferTermsInput;
  idempotencyKey: string;
}

export const createOffer = ({ idempotencyKey, candidateId, requisitionId, terms }: CreateOfferInput) =>
  apiRequest('/offers', { method: 'POST', body: { candidateId, requisitionId, terms }, headers: { 'Idempotency-Key': idempotencyKey }, schema: savedOfferSchema });

export interface UpdateDraftInput {
  offerId: string;
  rowVersion: number;
  terms: OfferTermsInput;
}

export const updateDraft = ({ offerId, rowVersion, terms }: UpdateDraftInput) =>
  apiRequest(`/offers/${encodeURIComponent(offerId)}/draft`, { method: 'PUT', body: { terms }, headers: ifMatch(rowVersion), schema: savedOfferSchema });

export type SaveInput = ({ kind: 'create' } & CreateOfferInput) | ({ kind: 'update' } & UpdateDraftInput);

export function useSaveOffer() {
  return useMutation({
    mutationFn: (input: SaveInput) => (input.kind === 'create' ? createOffer(input) : updateDraft(input)),
  });
}
