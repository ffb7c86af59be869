import { eq, and } from 'drizzle-orm';
import { hashSecret, newSecret } from '../../auth/secrets';
import type { Actor } from '../../core/actor';
import { decideWrite } from '../../core/access/offer-access';
import { wallTime } from '../../core/business-hours';
import type { Clock } from '../../core/clock';
import { addDays } from '../../core/dates';
import { TransitionNotAllowedError } from '../../core/errors';
import { transition, type OfferStatus } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import { candidates, organizations } from '../../db/schema';
import { queueEmail } from '../../notify/outbox';
import { enforceWrite, findVisibleOffer } from '../../offers/offer-access';
import { transitionEntry } from '../../offers/offer-events.service';
import { writeOffer } from '../../offers/offer-writer';
import { findVersion } from '../../offers/offers.repo';
import { findUserTimeZone } from '../intake/intake.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { assertSendable } from '../documents/packet-guard';
import { assertCountersignedBeforeSend } from '../signing/completion-trigger';
import { findPacket } from '../documents/packets.repo';
import { insertCandidateLink, revokeCandidateLinks } from './candidate-links.repo';
import { scheduleCandidateReminders } from './candidate-reminders';

/** Without an expiry date on the offer, its link works this long. */
const DEFAULT_LINK_DAYS = 14;

export interface SendSettings {
  publicUrl: string;
  smtpConfigured: boolean;
}

/**
 * Stage 5, sending: only the current approved version's packet goes out. The candidate gets an
 * e-mail with a portal link whose token is stored only as a hash, bound to this version and
 * ending with the offer's expiry; sending revokes any earlier link.
 */
export function createSendService({ db, clock, settings }: { db: Db; clock: Clock; settings: SendSettings }) {
  async function send(actor: Actor, offerId: string, expectedRowVersion: number) {
    const { facts } = await findVisibleOffer(db, actor, offerId);
    enforceWrite(decideWrite(actor, facts, 'apply_event', []));
    return db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId, expectedRowVersion }, async (offer) => {
        const moved = transition(offer.status as OfferStatus, 'send');
        if (!moved.ok) throw new TransitionNotAllowedError(offer.status as OfferStatus, 'send');
        assertSendable(offer, await findPacket(tx, offer.orgId, offer.id, offer.currentVersion));
        await assertCountersignedBeforeSend(tx, offer);
        const now = clock.now();
        const terms = (await findVersion(tx, offer.orgId, offer.id, offer.currentVersion))!.terms as OfferTerms;
        const timeZone = await findUserTimeZone(tx, offer.orgId, offer.recruiterId);
        const expiresAt = terms.expiresOn
          ? new Date(wallTime(addDays(terms.expiresOn, 1), 0, timeZone))
          : new Date(now.getTime() + DEFAULT_LINK_DAYS * 24 * 3600_000);
        const revoked = await revokeCandidateLinks(tx, offer.orgId, offer.id, 'superseded', now);
        const token = newSecret('ocl_');
        const tokenHash = hashSecret(token);
        await insertCandidateLink(tx, { tokenHash, orgId: offer.orgId, offerId: offer.id, versionNumber: offer.currentVersion, expiresAt, createdAt: now });
        const reminders = await scheduleCandidateReminders(tx, { orgId: offer.orgId, offerId: offer.id, version: offer.currentVersion, tokenHash, expiresOn: terms.expiresOn, timeZone, now });
        const [candidate] = await tx.select().from(candidates).where(and(eq(candidates.orgId, offer.orgId), eq(candidates.id, offer.candidateId)));
        const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, offer.orgId));
        await queueEmail(
          tx,
          {
            orgId: offer.orgId,
            to: candidate!.email,
            subject: `Your offer from ${org!.name}`,
            text: [
              `Hello ${candidate!.firstName},`,
              '',
              `${org!.name} has sent you an offer for the position of ${terms.title}.`,
              '',
              `Read it, and accept, decline or ask for changes here: ${settings.publicUrl.replace(/\/$/, '')}/portal/${token}`,
              '',
              terms.expiresOn ? `The offer is open until the end of ${terms.expiresOn}.` : `This link works for ${DEFAULT_LINK_DAYS} days.`,
              'The link is personal to you; please do not forward it.',
            ].join('\n'),
          },
          { smtpConfigured: settings.smtpConfigured, now },
        );
        return {
          set: { status: moved.to },
          entries: [
            { type: 'offer.sent', data: { version: offer.currentVersion, linkExpiresAt: expiresAt.toISOString(), earlierLinksRevoked: revoked, remindersScheduled: reminders } },
            transitionEntry('send', moved),
          ],
        };
      }),
    );
  }

  return { send };
}
