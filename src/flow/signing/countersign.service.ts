import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import type { Db } from '../../db/client';
import { notifyUser } from '../../notify/notifications.service';
import { findVisibleOffer } from '../../offers/offer-access';
import { writeOffer } from '../../offers/offer-writer';
import { findOffer, type OfferRow } from '../../offers/offers.repo';
import type { ObjectStore } from '../../storage/object-store';
import { activeSignatory, isComplete, queueCompletion, signersOf } from './completion-trigger';
import { decodeDrawnSignature, type SignatureSubmission } from './consent';
import type { SigningSettings } from './signing-settings';
import { findSigningSettings, insertSignature } from './signing.repo';

export interface SignerClient {
  ipAddress: string | null;
  userAgent: string | null;
  /** 'session' (signed in to Offerline) or 'api_token'. */
  authMethod: 'session' | 'api_token';
}

/**
 * Whether the company may countersign the offer now: after the candidate signed (status
 * signed), or, when the organisation countersigns first, once the version is approved.
 * Returns why not, in words for the signatory; null when it may.
 */
export function countersignRefusal(offer: Pick<OfferRow, 'status' | 'currentVersion'>, settings: SigningSettings, signers: Set<string>): string | null {
  if (signers.has('company')) return `Version ${offer.currentVersion} is already countersigned.`;
  if (offer.status === 'signed') return null;
  if (offer.status === 'approved' && settings.countersignOrder === 'before') return null;
  return settings.countersignOrder === 'before'
    ? `Only an approved offer (before it is sent) or one the candidate signed can be countersigned; this one is "${offer.status}".`
    : `The company countersigns after the candidate has signed; this offer is "${offer.status}".`;
}

/** The company's signature on an offer version, by the signatory the organisation named. */
export function createCountersign({ db, clock, store }: { db: Db; clock: Clock; store: ObjectStore }) {
  /** The offer for the signatory (who signs whatever offers need it) or for whoever may read it. */
  async function offerFor(actor: Actor, offerId: string, settings: SigningSettings): Promise<OfferRow> {
    if (settings.signatoryUserId === actor.userId) {
      const offer = await findOffer(db, actor.orgId, offerId);
      if (!offer) throw new NotFoundError('offer', offerId);
      return offer;
    }
    return (await findVisibleOffer(db, actor, offerId)).row;
  }

  async function countersign(actor: Actor, offerId: string, expectedRowVersion: number, submission: SignatureSubmission, client: SignerClient): Promise<OfferRow> {
    const settings = await findSigningSettings(db, actor.orgId);
    await offerFor(actor, offerId, settings);
    const signatory = await activeSignatory(db, actor.orgId, settings);
    if (!signatory) throw new ConflictError('Your organisation has no company signatory: an admin names one in the signing settings. Without one, the candidate’s signature completes the offer.');
    if (signatory.id !== actor.userId) throw new ForbiddenError(`Only ${signatory.name}, the company signatory named in the signing settings, countersigns offers.`);

    const signature = submission.signature;
    const drawn = signature.kind === 'drawn' ? decodeDrawnSignature(signature.image) : null;
    if (signature.kind === 'drawn' && !drawn) throw new ValidationError([{ field: 'signature.image', message: 'must be a PNG image' }]);
    const drawnSha256 = drawn ? (await store.put(drawn)).sha256 : null;
    const signerName = signature.kind === 'typed' ? signature.name : signatory.name;
    const now = clock.now();

    return db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId, expectedRowVersion }, async (offer) => {
        const version = offer.currentVersion;
        const signers = await signersOf(tx, offer.orgId, offer.id, version);
        const refusal = countersignRefusal(offer, settings, signers);
        if (refusal) throw new ConflictError(refusal);
        await insertSignature(tx, {
          id: randomUUID(),
          orgId: offer.orgId,
          offerId: offer.id,
          versionNumber: version,
          signer: 'company',
          signerName,
          userId: actor.userId,
          kind: signature.kind,
          drawnSha256,
          authMethod: client.authMethod,
          ipAddress: client.ipAddress,
          userAgent: client.userAgent?.slice(0, 500) ?? null,
          consentVersion: null,
          consentSha256: null,
          signedAt: now,
        });
        signers.add('company');
        if (isComplete(signers, true)) await queueCompletion(tx, offer, version, now, true);
        if (offer.recruiterId !== actor.userId) {
          await notifyUser(tx, {
            orgId: offer.orgId,
            userId: offer.recruiterId,
            offerId: offer.id,
            kind: 'offer.countersigned',
            title: `${signatory.name} countersigned ${offer.title}`,
            body: offer.status === 'approved' ? 'The company signature is in; the offer can be sent to the candidate.' : 'Both signatures are in. The signed documents are being sealed and e-mailed to the candidate and to you.',
            now,
          });
        }
        return { set: {}, entries: [{ type: 'offer.countersigned', data: { version, signer: 'company', kind: signature.kind, authMethod: client.authMethod } }] };
      }),
    );
  }

  return { countersign };
}
