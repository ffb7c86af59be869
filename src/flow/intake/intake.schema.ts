import { z } from 'zod';
import { offerTermsSchema } from './offer-terms.schema';

export const createOfferBodySchema = z.strictObject({
  candidateId: z.uuid('must be a candidate id'),
  requisitionId: z.uuid('must be a requisition id').optional(),
  terms: offerTermsSchema,
});
export type CreateOfferBody = z.infer<typeof createOfferBodySchema>;

export const updateDraftBodySchema = z.strictObject({
  terms: offerTermsSchema,
});
export type UpdateDraftBody = z.infer<typeof updateDraftBodySchema>;

export const prefillQuerySchema = z.strictObject({
  requisitionId: z.uuid('must be a requisition id'),
  candidateId: z.uuid('must be a candidate id').optional(),
});
