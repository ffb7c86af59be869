import { and, eq } from 'drizzle-orm';
import type { Clock } from '../../core/clock';
import { ConflictError } from '../../core/errors';
import type { Db } from '../../db/client';
import { offerSignatures } from '../../db/schema';
import { enqueueJob } from '../../jobs/queue';
import { notifyUser } from '../../notify/notifications.service';
import type { OfferRow } from '../../offers/offers.repo';
import type { SigningSettings } from './signing-settings';
import { findActiveUser, findSigningSettings } from './signing.repo';

/**
 * When an offer version has every signature it needs, and what happens then: the candidate's,
 * plus the company's when the organisation names a signatory. Completion (sealing, e-mailing the
 * signed PDFs, signed → accepted) runs as a job, queued in the transaction of the last signature.
 */
export const OFFER_COMPLETE_JOB = 'offer.complete';
const COMPLETE_MAX_ATTEMPTS = 8;

export async function signersOf(tx: Db, orgId: string, offerId: string, version: number): Promise<Set<string>> {
  const rows = await tx
    .select({ signer: offerSignatures.signer })
    .from(offerSignatures)
    .where(and(eq(offerSignatures.orgId, orgId), eq(offerSignatures.offerId, offerId), eq(offerSignatures.versionNumber, version)));
  return new Set(rows.map((r) => r.signer));
}

/** The configured signatory, when there is one who can still sign. */
export async function activeSignatory(tx: Db, orgId: string, settings: SigningSettings) {
  return settings.signatoryUserId ? findActiveUser(tx, orgId, settings.signatoryUserId) : null;
}

export function isComplete(signers: Set<string>, signatoryConfigured: boolean): boolean {
  return signers.has('candidate') && (!signatoryConfigured || signers.has('company'));
}

/** `withCompany`: the company signature was required when queued; the job then insists on it. */
export async function queueCompletion(tx: Db, offer: Pick<OfferRow, 'orgId' | 'id'>, version: number, now: Date, withCompany: boolean): Promise<void> {
  await enqueueJob(tx, {
    kind: OFFER_COMPLETE_JOB,
    orgId: offer.orgId,
    payload: { offerId: offer.id, version, withCompany },
    runAt: now,
    dedupeKey: `offer.complete:${offer.id}:${version}`,
    maxAttempts: COMPLETE_MAX_ATTEMPTS,
  });
}

/**
 * Called in the candidate's signing transaction, after the offer moved to signed: queue the
 * completion when nothing else is needed, otherwise ask the signatory for the countersignature.
 */
export async function afterCandidateSigned(tx: Db, clock: Clock, offer: OfferRow, version: number): Promise<void> {
  const now = clock.now();
  const settings = await findSigningSettings(tx, offer.orgId);
  const signatory = await activeSignatory(tx, offer.orgId, settings);
  const signers = await signersOf(tx, offer.orgId, offer.id, version);
  if (isComplete(signers, signatory !== null)) {
    await queueCompletion(tx, offer, version, now, signatory !== null);
    await notifyUser(tx, { orgId: offer.orgId, userId: offer.recruiterId, offerId: offer.id, kind: 'offer.signed', title: `${offer.candidateName} signed ${offer.title}`, body: 'The candidate accepted and signed. The signed documents are being sealed and e-mailed to the candidate and to you.', now });
    return;
  }
  await notifyUser(tx, { orgId: offer.orgId, userId: offer.recruiterId, offerId: offer.id, kind: 'offer.signed', title: `${offer.candidateName} signed ${offer.title}`, body: `The candidate accepted and signed. ${signatory!.name} countersigns for the company next.`, now });
  await notifyUser(tx, { orgId: offer.orgId, userId: signatory!.id, offerId: offer.id, kind: 'offer.countersign_requested', title: `Countersign ${offer.title} for ${offer.candidateName}`, body: 'The candidate signed. Your countersignature completes the offer.', now });
}

/**
 * Sending guard: with countersigning "before", the offer goes out only once the company
 * signatory has signed the version being sent.
 */
export async function assertCountersignedBeforeSend(tx: Db, offer: Pick<OfferRow, 'orgId' | 'id' | 'currentVersion'>): Promise<void> {
  const settings = await findSigningSettings(tx, offer.orgId);
  if (settings.countersignOrder !== 'before') return;
  const signatory = await activeSignatory(tx, offer.orgId, settings);
  if (!signatory) return;
  if ((await signersOf(tx, offer.orgId, offer.id, offer.currentVersion)).has('company')) return;
  throw new ConflictError(
    `This offer cannot be sent yet: your organisation countersigns before sending, and ${signatory.name} has not signed version ${offer.currentVersion}. Send it once the company signature is in.`,
  );
}
