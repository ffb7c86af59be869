import type { Actor } from '../../core/actor';
import { ForbiddenError, NotFoundError } from '../../core/errors';
import { DOCUMENTS_FORBIDDEN, DOCUMENTS_READ_FIELD } from '../documents/packets.service';
import type { Db } from '../../db/client';
import { findVisibleOffer } from '../../offers/offer-access';
import { findOffer, type OfferRow } from '../../offers/offers.repo';
import type { ObjectStore } from '../../storage/object-store';
import { countersignRefusal } from './countersign.service';
import { findActiveUser, findSigningSettings, listSignatures, listSignedDocuments } from './signing.repo';

export interface SigningState {
  countersignOrder: 'before' | 'after';
  signatory: { id: string; name: string } | null;
  signatures: { signer: 'candidate' | 'company'; signerName: string; signedAt: string; versionNumber: number; kind: 'typed' | 'drawn' }[];
  awaitingCountersignature: boolean;
  canCountersign: boolean;
  completed: boolean;
}

/** What the offer page shows about signing, and the sealed documents of completed versions. */
export function createSigningViews({ db, store }: { db: Db; store: ObjectStore }) {
  /** Whoever may read the offer; the signatory reads every offer of the organisation they must sign. */
  async function readable(actor: Actor, offerId: string): Promise<OfferRow> {
    const settings = await findSigningSettings(db, actor.orgId);
    if (settings.signatoryUserId === actor.userId) {
      const offer = await findOffer(db, actor.orgId, offerId);
      if (offer) return offer;
    }
    return (await findVisibleOffer(db, actor, offerId)).row;
  }

  async function state(actor: Actor, offerId: string): Promise<SigningState> {
    const offer = await readable(actor, offerId);
    const settings = await findSigningSettings(db, actor.orgId);
    const signatory = settings.signatoryUserId ? await findActiveUser(db, actor.orgId, settings.signatoryUserId) : null;
    const signatures = await listSignatures(db, actor.orgId, offerId);
    const current = new Set(signatures.filter((s) => s.versionNumber === offer.currentVersion).map((s) => s.signer));
    const allowed = signatory !== null && countersignRefusal(offer, settings, current) === null;
    return {
      countersignOrder: settings.countersignOrder,
      signatory: signatory && { id: signatory.id, name: signatory.name },
      signatures: signatures.map((s) => ({
        signer: s.signer as 'candidate' | 'company',
        signerName: s.signerName,
        signedAt: s.signedAt.toISOString(),
        versionNumber: s.versionNumber,
        kind: s.kind as 'typed' | 'drawn',
      })),
      awaitingCountersignature: allowed,
      canCountersign: allowed && signatory!.id === actor.userId,
      completed: offer.status === 'accepted' || offer.status === 'handed_off',
    };
  }

  /** The signed documents quote pay: the signatory, who signed them, or a role that reads pay. */
  async function documentReader(actor: Actor, offerId: string): Promise<void> {
    const settings = await findSigningSettings(db, actor.orgId);
    if (settings.signatoryUserId === actor.userId && (await findOffer(db, actor.orgId, offerId))) return;
    if (!(await findVisibleOffer(db, actor, offerId)).readable.has(DOCUMENTS_READ_FIELD)) throw new ForbiddenError(DOCUMENTS_FORBIDDEN);
  }

  async function documents(actor: Actor, offerId: string) {
    await documentReader(actor, offerId);
    return (await listSignedDocuments(db, actor.orgId, offerId)).map((d) => ({
      name: d.name,
      templateKey: d.templateKey,
      versionNumber: d.versionNumber,
      originalSha256: d.originalSha256,
      finalSha256: d.finalSha256,
      completedAt: d.completedAt.toISOString(),
    }));
  }

  async function download(actor: Actor, offerId: string, sha256: string) {
    await documentReader(actor, offerId);
    const doc = (await listSignedDocuments(db, actor.orgId, offerId)).find((d) => d.finalSha256 === sha256);
    const bytes = doc && (await store.get(sha256));
    if (!doc || !bytes) throw new NotFoundError('signed document', sha256);
    return { bytes, filename: `${doc.templateKey}-v${doc.versionNumber}-signed.pdf` };
  }

  return { state, documents, download };
}
