import { wallTime } from '../core/business-hours';
import type { Clock } from '../core/clock';
import { addDays } from '../core/dates';
import type { Db } from '../db/client';
import { enqueueJob } from '../jobs/queue';
import type { OfferEventsService } from './offer-events.service';
import { findOffer } from './offers.repo';

export const OFFER_EXPIRY_JOB = 'offer.expire';

/**
 * An offer expires at the end of its expiry date in the recruiter's time zone. Each submitted
 * version gets its own timer; a timer for a version that is no longer current does nothing.
 */
export async function scheduleOfferExpiry(
  tx: Db,
  offer: { orgId: string; id: string },
  version: number,
  expiresOn: string | undefined,
  timeZone: string,
): Promise<void> {
  if (!expiresOn) return;
  await enqueueJob(tx, {
    kind: OFFER_EXPIRY_JOB,
    orgId: offer.orgId,
    payload: { offerId: offer.id, version, expiresOn },
    runAt: new Date(wallTime(addDays(expiresOn, 1), 0, timeZone)),
    dedupeKey: `offer:${offer.id}:expire:v${version}`,
  });
}

/** Moves an offer still waiting on the candidate to `expired`; any other state is left alone. */
export function offerExpiryHandler({ db, events }: { db: Db; clock: Clock; events: Pick<OfferEventsService, 'applyEvent'> }) {
  return async (job: { orgId: string | null; payload: { offerId?: string; version?: number; expiresOn?: string } }) => {
    const { offerId, version, expiresOn } = job.payload;
    if (!job.orgId || !offerId) return;
    const offer = await findOffer(db, job.orgId, offerId);
    if (!offer || offer.currentVersion !== version) return;
    if (offer.status !== 'sent' && offer.status !== 'negotiating') return;
    await events.applyEvent({ orgId: job.orgId, userId: null }, offerId, { type: 'expire', reason: `The offer expired at the end of ${expiresOn}.` });
  };
}
