import type { Clock } from '../../core/clock';
import { NotFoundError } from '../../core/errors';
import type { Db } from '../../db/client';
import { writeOffer } from '../../offers/offer-writer';
import { findOffer, findVersion } from '../../offers/offers.repo';
import type { ObjectStore } from '../../storage/object-store';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { findPacket } from '../documents/packets.repo';
import { loadMergeSources } from '../documents/merge-input.repo';
import { markFirstOpened, markOpened, type CandidateLinkRow } from './candidate-links.repo';
import { listChangeRequests } from '../negotiation/change-requests.repo';
import { labelled } from '../negotiation/change-requests.service';
import { negotiableFields, readTerm, type Delta } from '../negotiation/deltas';
import { sentVersionNumbers } from '../negotiation/negotiation.repo';
import { findLiveLink } from './live-link';
import { CONSENT_TEXT, CONSENT_VERSION } from '../signing/consent';

/**
 * What the candidate's link opens: their offer and its documents, for the version the link was
 * sent with. A replaced, revoked or expired link reads as not found, with words that say why a
 * candidate might be holding one.
 */
export function createPortalService({ db, clock, store }: { db: Db; clock: Clock; store: ObjectStore }) {
  const live = (token: string): Promise<CandidateLinkRow> => findLiveLink(db, clock, token);

  async function open(token: string) {
    const link = await live(token);
    const offer = (await findOffer(db, link.orgId, link.offerId))!;
    const terms = (await findVersion(db, link.orgId, link.offerId, link.versionNumber))!.terms as OfferTerms;
    const sources = await loadMergeSources(db, link.orgId, offer, terms);
    const packet = await findPacket(db, link.orgId, link.offerId, link.versionNumber);
    const now = clock.now();
    // Every opening moves the last-opened time; the first is an event of the offer ("viewed"), journaled once.
    await db.transaction(async (tx) => {
      await markOpened(tx, link.tokenHash, now);
      if (!(await markFirstOpened(tx, link.tokenHash, now))) return;
      await writeOffer(tx, clock, { orgId: link.orgId, offerId: link.offerId, actorId: null }, () => ({
        set: {},
        entries: [{ type: 'offer.viewed', data: { version: link.versionNumber } }],
      }));
    });
    const c = terms.compensation;
    // What changed since the version this candidate was sent before, in the terms they may negotiate.
    const previous = (await sentVersionNumbers(db, link.orgId, link.offerId)).filter((v) => v < link.versionNumber).at(-1);
    const before = previous === undefined ? null : ((await findVersion(db, link.orgId, link.offerId, previous))?.terms as OfferTerms | undefined);
    const changesFromPrevious = before
      ? negotiableFields.flatMap((f) => {
          const [was, is] = [readTerm(before, f.path), readTerm(terms, f.path)];
          return JSON.stringify(was) === JSON.stringify(is) ? [] : [{ field: f.path, label: f.label, before: was, after: is }];
        })
      : [];
    return {
      organizationName: sources.organization.name,
      candidateFirstName: sources.candidate.firstName,
      status: offer.status,
      version: link.versionNumber,
      expiresAt: link.expiresAt.toISOString(),
      offer: {
        title: terms.title,
        startDate: terms.startDate,
        expiresOn: terms.expiresOn ?? null,
        location: terms.location,
        employmentType: terms.employmentType,
        currency: c.currency,
        payBasis: c.payBasis,
        baseSalaryCents: c.baseSalaryCents ?? null,
        hourlyRateCents: c.hourlyRateCents ?? null,
        bonusTargetPercent: c.bonusTargetPercent ?? null,
        signOnBonusCents: c.signOnBonusCents ?? null,
        equityUnits: c.equity?.units ?? null,
      },
      documents: (packet?.documents ?? []).map((d) => ({ name: d.name, kind: d.kind, sha256: d.sha256, mediaType: d.mediaType })),
      consent: { version: CONSENT_VERSION, text: CONSENT_TEXT },
      changeRequests: (await listChangeRequests(db, link.orgId, link.offerId, link.versionNumber)).filter((r) => r.source === 'candidate').map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        status: r.status as 'open' | 'answered' | 'rejected',
        comment: r.comment,
        deltas: labelled(r.deltas as Delta[]),
      })),
      previousVersion: before ? previous! : null,
      changesFromPrevious,
    };
  }

  async function document(token: string, sha256: string) {
    const link = await live(token);
    const doc = (await findPacket(db, link.orgId, link.offerId, link.versionNumber))?.documents.find((d) => d.sha256 === sha256);
    const bytes = doc && (await store.get(sha256));
    if (!doc || !bytes) throw new NotFoundError('document', sha256);
    return { bytes, mediaType: doc.mediaType, filename: `${doc.templateKey}.${doc.mediaType === 'application/pdf' ? 'pdf' : 'docx'}` };
  }

  return { open, document };
}
