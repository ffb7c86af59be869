import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, ifMatch } from '../../../lib/api-client';
import { newIdempotencyKey } from '../../../lib/uuid';
import { offerKey, offerSchema, type Offer } from './offer';

/** Events people apply by hand; the rest come from approvals, the packet and the portal. */
export const manualEvents = ['cancel', 'withdraw', 'rescind', 'verbal_accept'] as const;
export type ManualEvent = (typeof manualEvents)[number];
/** The recruiter marks the letter ready until packet generation fires this by itself. */
export type OfferEvent = ManualEvent | 'packet_ready';

export const submitOffer = (offer: Pick<Offer, 'id' | 'rowVersion'>) =>
  apiRequest(`/offers/${offer.id}/submit`, {
    method: 'POST',
    headers: { ...ifMatch(offer.rowVersion), 'Idempotency-Key': newIdempotencyKey() },
    schema: offerSchema,
  });

export const applyOfferEvent = (offer: Pick<Offer, 'id' | 'rowVersion'>, type: OfferEvent, reason: string | undefined) =>
  apiRequest(`/offers/${offer.id}/events`, {
    method: 'POST',
    headers: ifMatch(offer.rowVersion),
    body: { type, ...(reason ? { reason } : {}) },
    schema: offerSchema,
  });

function useOfferWrite<V>(write: (vars: V) => Promise<Offer>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (offer) => {
      qc.setQueryData(offerKey(offer.id), offer);
      void qc.invalidateQueries({ queryKey: ['offers', 'list'] });
    },
  });
}

export function useSubmitOffer() {
  return useOfferWrite((offer: Pick<Offer, 'id' | 'rowVersion'>) => submitOffer(offer));
}

export function useOfferEvent() {
  return useOfferWrite((v: { offer: Pick<Offer, 'id' | 'rowVersion'>; type: OfferEvent; reason?: string }) =>
    applyOfferEvent(v.offer, v.type, v.reason),
  );
}
