import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { listJournalRows } from '../../journal/journal.repo';
import { findVisibleOffer } from '../../offers/offer-access';
import { findLatestLink } from './candidate-links.repo';
import { sentVersionNumbers } from '../negotiation/negotiation.repo';

export type LinkState = 'live' | 'revoked' | 'expired' | 'none';

/**
 * How the offer reached the candidate: when its latest link was sent and for which version, when
 * it ends, when the candidate opened it first and last, how many reminders went out, and whether
 * the link still opens the offer, and how many versions were sent in all (the revisions count).
 * Times and counts only, no terms: whoever may see the offer may see this.
 */
export function createDeliveryViews({ db, clock }: { db: Db; clock: Clock }) {
  async function delivery(actor: Actor, offerId: string) {
    await findVisibleOffer(db, actor, offerId);
    const link = await findLatestLink(db, actor.orgId, offerId);
    const versionsSent = (await sentVersionNumbers(db, actor.orgId, offerId)).length;
    if (!link) {
      return { sentAt: null, version: null, linkExpiresAt: null, firstOpenedAt: null, lastOpenedAt: null, remindersSent: 0, linkState: 'none' as LinkState, revokedReason: null, versionsSent };
    }
    const reminders = (await listJournalRows(db, actor.orgId, offerId)).filter((e) => e.type === 'offer.reminder_sent' && e.data.version === link.versionNumber);
    const linkState: LinkState = link.revokedAt ? 'revoked' : link.expiresAt <= clock.now() ? 'expired' : 'live';
    return {
      sentAt: link.createdAt.toISOString(),
      version: link.versionNumber,
      linkExpiresAt: link.expiresAt.toISOString(),
      firstOpenedAt: link.firstOpenedAt?.toISOString() ?? null,
      lastOpenedAt: link.lastOpenedAt?.toISOString() ?? null,
      remindersSent: reminders.length,
      linkState,
      revokedReason: link.revokedReason,
      versionsSent,
    };
  }

  return { delivery };
}
