import { createHash, randomInt, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../../core/clock';
import { ConflictError, TooManyRequestsError, ValidationError } from '../../core/errors';
import { transition, type OfferEventType, type OfferStatus } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import { candidates, offerSignatures, organizations } from '../../db/schema';
import { notifyUser } from '../../notify/notifications.service';
import { queueEmail } from '../../notify/outbox';
import { transitionEntry } from '../../offers/offer-events.service';
import { writeOffer } from '../../offers/offer-writer';
import { findOffer } from '../../offers/offers.repo';
import type { ObjectStore } from '../../storage/object-store';
import { CONSENT_TEXT, CONSENT_VERSION, consentHash, decodeDrawnSignature, type SignatureSubmission } from '../signing/consent';
import { afterCandidateSigned } from '../signing/completion-trigger';
import type { Limit, RateLimiter } from '../../server/plugins/portal-rate-limit';
import { clearCode, countFailedCode, revokeCandidateLinks, setCode, type CandidateLinkRow } from './candidate-links.repo';
import { openToCandidate } from './ask-changes.service';
import { findLiveLink } from './live-link';

const CODE_TTL_MS = 10 * 60_000;
const MAX_CODE_TRIES = 5;

export const declineReasons = ['compensation', 'another_offer', 'location', 'role', 'timing', 'other'] as const;
export type DeclineReason = (typeof declineReasons)[number];

export interface ClientInfo {
  ipAddress: string | null;
  userAgent: string | null;
}

const codeHashOf = (tokenHash: string, code: string) => createHash('sha256').update(`${tokenHash}:${code}`).digest('hex');

/**
 * The candidate's answers through their link: a one-time code to their e-mail before signing
 * (who signed is who reads that inbox), "adopt and sign" under the consent to electronic records,
 * or a decline with a reason. Each moves the offer through the same guarded writer.
 */
export function createCandidateResponses({
  db,
  clock,
  store,
  smtpConfigured,
  limiter,
  codesPerLink,
}: {
  db: Db;
  clock: Clock;
  store: ObjectStore;
  smtpConfigured: boolean;
  limiter: RateLimiter;
  codesPerLink: Limit;
}) {
  /** A live link for the offer's current version, still with the candidate. */
  /** `statuses`: where the answer is possible; signing only in `sent`, declining while negotiating too. */
  async function answerable(token: string, statuses: readonly OfferStatus[] = ['sent']) {
    const link = await findLiveLink(db, clock, token);
    const offer = (await findOffer(db, link.orgId, link.offerId))!;
    if (offer.currentVersion !== link.versionNumber || !statuses.includes(offer.status as OfferStatus)) {
      throw new ConflictError(`This offer is no longer waiting for your answer (it is "${offer.status}").`);
    }
    return { link, offer };
  }

  async function requestCode(token: string) {
    const { link, offer } = await answerable(token);
    const sent = await limiter.hit(`portal:code:${link.tokenHash}`, codesPerLink);
    if (sent.over) throw new TooManyRequestsError(`You have asked for ${codesPerLink.max} codes already; the last one still works for 10 minutes. Ask again later.`, sent.retryAfterSeconds);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = clock.now();
    const [candidate] = await db.select().from(candidates).where(and(eq(candidates.orgId, offer.orgId), eq(candidates.id, offer.candidateId)));
    const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, offer.orgId));
    await db.transaction(async (tx) => {
      await setCode(tx, link.tokenHash, codeHashOf(link.tokenHash, code), new Date(now.getTime() + CODE_TTL_MS));
      await queueEmail(
        tx,
        {
          orgId: offer.orgId,
          to: candidate!.email,
          subject: `Your signing code for ${org!.name}: ${code}`,
          text: `Your code to sign your offer from ${org!.name} is ${code}.\n\nIt works for 10 minutes. If you did not ask for it, you can ignore this e-mail.`,
        },
        { smtpConfigured, now },
      );
    });
    return { sentTo: maskEmail(candidate!.email), expiresInMinutes: CODE_TTL_MS / 60_000 };
  }

  async function checkCode(link: CandidateLinkRow, code: string) {
    if (!link.codeHash || !link.codeExpiresAt || link.codeExpiresAt <= clock.now()) {
      throw new ValidationError([{ field: 'code', message: 'has expired or was never sent; ask for a new code' }]);
    }
    if (link.codeAttempts >= MAX_CODE_TRIES) throw new TooManyRequestsError('Too many wrong codes. Ask for a new code.', 0);
    if (codeHashOf(link.tokenHash, code) !== link.codeHash) {
      await countFailedCode(db, link.tokenHash);
      const left = MAX_CODE_TRIES - link.codeAttempts - 1;
      throw new ValidationError([{ field: 'code', message: left > 0 ? `does not match; ${left} ${left === 1 ? 'try' : 'tries'} left` : 'does not match; ask for a new code' }]);
    }
  }

  async function sign(token: string, input: { code: string; consentVersion: string; submission: SignatureSubmission }, client: ClientInfo) {
    const { link } = await answerable(token);
    if (input.consentVersion !== CONSENT_VERSION) {
      throw new ValidationError([{ field: 'consentVersion', message: `must be the consent you were shown (${CONSENT_VERSION})` }]);
    }
    await checkCode(link, input.code);
    const signature = input.submission.signature;
    const drawn = signature.kind === 'drawn' ? decodeDrawnSignature(signature.image) : null;
    if (signature.kind === 'drawn' && !drawn) throw new ValidationError([{ field: 'signature.image', message: 'must be a PNG image' }]);
    const drawnSha256 = drawn ? (await store.put(drawn)).sha256 : null;
    const [candidate] = await db.select().from(candidates).where(eq(candidates.id, (await findOffer(db, link.orgId, link.offerId))!.candidateId));
    const signerName = signature.kind === 'typed' ? signature.name : `${candidate!.firstName} ${candidate!.lastName}`;
    const now = clock.now();
    return db.transaction(async (tx) => {
      await clearCode(tx, link.tokenHash);
      const signed = await writeOffer(tx, clock, { orgId: link.orgId, offerId: link.offerId, actorId: null }, async (offer) => {
        const moved = guard(offer.status, 'sign', offer.currentVersion, link.versionNumber);
        await tx.insert(offerSignatures).values({
          id: randomUUID(),
          orgId: link.orgId,
          offerId: link.offerId,
          versionNumber: link.versionNumber,
          signer: 'candidate',
          signerName,
          kind: signature.kind,
          drawnSha256,
          authMethod: 'email_code',
          ipAddress: client.ipAddress,
          userAgent: client.userAgent?.slice(0, 500) ?? null,
          consentVersion: CONSENT_VERSION,
          consentSha256: consentHash(CONSENT_TEXT),
          signedAt: now,
        });
        return {
          set: { status: moved.to },
          entries: [
            { type: 'offer.consented', data: { version: link.versionNumber, consentVersion: CONSENT_VERSION, consentSha256: consentHash(CONSENT_TEXT) } },
            { type: 'offer.signed', data: { version: link.versionNumber, signer: 'candidate', kind: signature.kind, authMethod: 'email_code' } },
            transitionEntry('sign', moved),
          ],
        };
      });
      // Completion when nothing else is needed, else the signatory is asked to countersign.
      await afterCandidateSigned(tx, clock, signed, link.versionNumber);
      return signed;
    });
  }

  async function decline(token: string, input: { reason: DeclineReason; comment: string }) {
    const { link } = await answerable(token, openToCandidate);
    const now = clock.now();
    return db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: link.orgId, offerId: link.offerId, actorId: null }, async (offer) => {
        const moved = guard(offer.status, 'decline', offer.currentVersion, link.versionNumber);
        await revokeCandidateLinks(tx, offer.orgId, offer.id, 'declined', now);
        // The reason is structured and journaled; the candidate's own words go to the recruiter, not the journal.
        await notifyUser(tx, {
          orgId: offer.orgId,
          userId: offer.recruiterId,
          offerId: offer.id,
          kind: 'offer.declined',
          title: `${offer.candidateName} declined ${offer.title}`,
          body: input.comment ? `Reason: ${input.reason.replace('_', ' ')}. "${input.comment}"` : `Reason: ${input.reason.replace('_', ' ')}.`,
          now,
        });
        return { set: { status: moved.to }, entries: [{ type: 'offer.declined', data: { version: link.versionNumber, reason: input.reason } }, transitionEntry('decline', moved, input.reason)] };
      }),
    );
  }

  return { requestCode, sign, decline };
}

function guard(status: string, event: OfferEventType, currentVersion: number, linkVersion: number) {
  if (currentVersion !== linkVersion) throw new ConflictError('A newer version of this offer was sent to you; open the link in the latest e-mail.');
  const moved = transition(status as OfferStatus, event);
  if (!moved.ok) throw new ConflictError(`This offer is no longer waiting for your answer (it is "${status}").`);
  return moved;
}

/** r•••@example.com: enough for the candidate to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local!.slice(0, 1)}•••@${domain}`;
}
