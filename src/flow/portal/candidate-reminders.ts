import { and, eq } from 'drizzle-orm';
import { wallTime } from '../../core/business-hours';
import type { Clock } from '../../core/clock';
import { addDays } from '../../core/dates';
import type { OfferStatus } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import { candidates, organizations } from '../../db/schema';
import { enqueueJob } from '../../jobs/queue';
import type { JobContext } from '../../jobs/worker';
import { queueEmail } from '../../notify/outbox';
import { writeOffer } from '../../offers/offer-writer';
import { findOffer, findVersion } from '../../offers/offers.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { readSigningSettings } from '../signing/signing-settings';
import { findCandidateLink } from './candidate-links.repo';
import { openToCandidate } from './ask-changes.service';

export const CANDIDATE_REMINDER_JOB = 'offer.candidate_reminder';
/** Reminders go out at this hour of the recruiter's day. */
const REMINDER_HOUR = 9;

/**
 * At send: one reminder per day of the organisation's `candidateReminderDays` before the offer's
 * expiry date, at 09:00 in the recruiter's time zone; days already past are skipped. The job holds
 * the link's hash, never its token, so the reminder points to the original e-mail instead of
 * repeating the link.
 */
export async function scheduleCandidateReminders(
  tx: Db,
  p: { orgId: string; offerId: string; version: number; tokenHash: string; expiresOn: string | undefined; timeZone: string; now: Date },
): Promise<number> {
  if (!p.expiresOn) return 0;
  const [org] = await tx.select({ signing: organizations.signing }).from(organizations).where(eq(organizations.id, p.orgId));
  let queued = 0;
  for (const days of readSigningSettings(org?.signing).candidateReminderDays) {
    const runAt = new Date(wallTime(addDays(p.expiresOn, -days), REMINDER_HOUR, p.timeZone));
    if (runAt <= p.now) continue;
    await enqueueJob(tx, {
      kind: CANDIDATE_REMINDER_JOB,
      orgId: p.orgId,
      payload: { offerId: p.offerId, version: p.version, tokenHash: p.tokenHash, daysBefore: days },
      runAt,
      dedupeKey: `offer:${p.offerId}:candidate-reminder:${p.tokenHash.slice(0, 32)}:d${days}`,
    });
    queued++;
  }
  return queued;
}

/** Sends the reminder only while its link is live and the offer still waits on that version. */
export function candidateReminderHandler({ db, clock, smtpConfigured }: { db: Db; clock: Clock; smtpConfigured: boolean }) {
  return async (job: Pick<JobContext, 'orgId' | 'payload'>) => {
    const { offerId, version, tokenHash, daysBefore } = job.payload as { offerId?: string; version?: number; tokenHash?: string; daysBefore?: number };
    if (!job.orgId || !offerId || !tokenHash) return;
    const now = clock.now();
    const link = await findCandidateLink(db, tokenHash);
    if (!link || link.orgId !== job.orgId || link.offerId !== offerId || link.revokedAt || link.expiresAt <= now) return;
    const offer = await findOffer(db, job.orgId, offerId);
    if (!offer || offer.currentVersion !== version || !openToCandidate.includes(offer.status as OfferStatus)) return;
    const terms = (await findVersion(db, job.orgId, offerId, link.versionNumber))!.terms as OfferTerms;
    const [candidate] = await db.select().from(candidates).where(and(eq(candidates.orgId, job.orgId), eq(candidates.id, offer.candidateId)));
    const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, job.orgId));
    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: job.orgId!, offerId, actorId: null }, async (locked) => {
        if (locked.currentVersion !== version || !openToCandidate.includes(locked.status as OfferStatus)) return { set: {}, entries: [] };
        await queueEmail(
          tx,
          {
            orgId: locked.orgId,
            to: candidate!.email,
            subject: `Reminder: your offer from ${org!.name} for ${terms.title} is open until ${terms.expiresOn}`,
            text: [
              `Hello ${candidate!.firstName},`,
              '',
              `Your offer from ${org!.name} for the position of ${terms.title} is waiting for your answer. It is open until the end of ${terms.expiresOn}.`,
              '',
              `To read it and accept, decline or ask for changes, open the link in the e-mail "Your offer from ${org!.name}" we sent you on ${link.createdAt.toISOString().slice(0, 10)}.`,
              'For your security this reminder does not repeat the link.',
            ].join('\n'),
          },
          { smtpConfigured, now },
        );
        return { set: {}, entries: [{ type: 'offer.reminder_sent', data: { version, daysBefore: daysBefore ?? null, expiresOn: terms.expiresOn ?? null } }] };
      }),
    );
  };
}
