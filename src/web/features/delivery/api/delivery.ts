import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { AdoptedSignature } from '../../../components/signature-input';
import { apiRequest, ifMatch } from '../../../lib/api-client';
import { journalKey } from '../../journal/api/journal';
import { offerKey } from '../../offers/api/offer';

/** Stage 5 to 7 as staff see them: the link sent, the candidate's answers, the signatures and the sealed documents. */
const deliverySchema = z.object({
  sentAt: z.string().nullable(),
  version: z.number().nullable(),
  linkExpiresAt: z.string().nullable(),
  firstOpenedAt: z.string().nullable(),
  lastOpenedAt: z.string().nullable(),
  remindersSent: z.number(),
  linkState: z.enum(['live', 'revoked', 'expired', 'none']),
  revokedReason: z.string().nullable(),
});

const changeRequestSchema = z.object({
  id: z.string(),
  versionNumber: z.number(),
  source: z.string(),
  status: z.string(),
  comment: z.string().nullable().optional(),
  createdAt: z.string(),
  deltas: z.array(z.object({ field: z.string(), label: z.string().optional(), current: z.unknown(), asked: z.unknown() })),
});

const signingSchema = z.object({
  countersignOrder: z.enum(['before', 'after']),
  signatory: z.object({ id: z.string(), name: z.string() }).nullable(),
  signatures: z.array(z.object({ signer: z.string(), signerName: z.string(), signedAt: z.string(), versionNumber: z.number(), kind: z.string() })),
  awaitingCountersignature: z.boolean(),
  canCountersign: z.boolean(),
  completed: z.boolean(),
});

const signedDocumentSchema = z.object({
  name: z.string(),
  templateKey: z.string(),
  versionNumber: z.number(),
  originalSha256: z.string(),
  finalSha256: z.string(),
  completedAt: z.string(),
});

export type Delivery = z.infer<typeof deliverySchema>;
export type ChangeRequest = z.infer<typeof changeRequestSchema>;
export type Signing = z.infer<typeof signingSchema>;
export type SignedDocument = z.infer<typeof signedDocumentSchema>;

export const deliveryKey = (offerId: string) => ['offers', 'delivery', offerId] as const;
const base = (offerId: string) => `/offers/${encodeURIComponent(offerId)}`;
/** Polled while the candidate holds the offer or the documents are being sealed, so the panel keeps up by itself. */
const poll = (live: boolean) => (live ? 5000 : false);

export function useDelivery(offerId: string, live: boolean) {
  return useQuery({ queryKey: [...deliveryKey(offerId), 'tracking'], queryFn: ({ signal }) => apiRequest(`${base(offerId)}/delivery`, { schema: deliverySchema, signal }), refetchInterval: poll(live), retry: false });
}

export function useChangeRequests(offerId: string, live: boolean) {
  return useQuery({ queryKey: [...deliveryKey(offerId), 'changes'], queryFn: ({ signal }) => apiRequest(`${base(offerId)}/change-requests`, { schema: z.array(changeRequestSchema), signal }), refetchInterval: poll(live), retry: false });
}

export function useSigning(offerId: string, live: boolean) {
  return useQuery({ queryKey: [...deliveryKey(offerId), 'signing'], queryFn: ({ signal }) => apiRequest(`${base(offerId)}/signing`, { schema: signingSchema, signal }), refetchInterval: poll(live), retry: false });
}

export function useSignedDocuments(offerId: string, enabled: boolean) {
  return useQuery({ queryKey: [...deliveryKey(offerId), 'signed'], queryFn: ({ signal }) => apiRequest(`${base(offerId)}/signed-documents`, { schema: z.array(signedDocumentSchema), signal }), enabled, retry: false });
}

export const signedDocumentUrl = (offerId: string, sha256: string) => `/api/v1${base(offerId)}/signed-documents/${sha256}`;

const moved = z.object({ id: z.string(), status: z.string(), rowVersion: z.number() });

/** A write about an offer from stages 5-7: afterwards the offer, what is composed around it and the list are read again. */
export function useOfferStageWrite<V, R>(offerId: string, write: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: offerKey(offerId) });
      void qc.invalidateQueries({ queryKey: deliveryKey(offerId) });
      void qc.invalidateQueries({ queryKey: journalKey(offerId) });
      void qc.invalidateQueries({ queryKey: ['offers', 'list'] });
    },
  });
}

export function useSendOffer(offerId: string) {
  return useOfferStageWrite(offerId, (rowVersion: number) => apiRequest(`${base(offerId)}/send`, { method: 'POST', headers: ifMatch(rowVersion), schema: moved }));
}

export function useCountersign(offerId: string) {
  return useOfferStageWrite(offerId, (v: { rowVersion: number; signature: AdoptedSignature }) =>
    apiRequest(`${base(offerId)}/countersign`, { method: 'POST', headers: ifMatch(v.rowVersion), body: { adopt: true, signature: v.signature }, schema: moved }),
  );
}
