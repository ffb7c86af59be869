import { NotFoundError } from '../core/errors';
import { verifyChain, type ChainVerdict, type JournalLink } from '../core/journal';
import type { Db } from '../db/client';
import { hashTerms } from '../flow/intake/intake.service';
import { findOffer, listVersions } from '../offers/offers.repo';
import { listJournalRows } from './journal.repo';

export type JournalVerdict = ChainVerdict & { offerId: string };

/**
 * Verifies an offer's chain, then that every version the journal recorded still
 * exists and matches the terms hash its `offer.version_created` entry recorded.
 */
export async function verifyOfferJournal(db: Db, orgId: string, offerId: string): Promise<JournalVerdict> {
  const offer = await findOffer(db, orgId, offerId);
  if (!offer) throw new NotFoundError('offer', offerId);
  const rows = await listJournalRows(db, orgId, offerId);
  const chain = verifyChain(rows, { seq: offer.journalSeq, hash: offer.journalHead });
  if (!chain.ok) return { offerId, ...chain };
  const versions = await listVersions(db, orgId, offerId);
  // A version the journal recorded must still exist: a deleted one leaves no row to mismatch.
  for (const entry of rows.filter((r) => r.type === 'offer.version_created')) {
    if (!versions.some((v) => v.number === entry.data.version)) {
      return {
        offerId,
        ok: false,
        length: rows.length,
        brokenAtSeq: entry.seq,
        reason: `version ${String(entry.data.version)}, recorded by entry ${entry.seq}, is missing`,
      };
    }
  }
  for (const v of versions) {
    const entry = rows.find((r) => r.type === 'offer.version_created' && r.data.version === v.number);
    if (!entry || entry.data.termsHash !== hashTerms(v.termsSalt, v.terms)) {
      return {
        offerId,
        ok: false,
        length: rows.length,
        brokenAtSeq: entry?.seq ?? rows.length,
        reason: `version ${v.number}'s terms do not match the hash the journal recorded`,
      };
    }
  }
  return { offerId, ...chain };
}

export async function listOfferJournal(db: Db, orgId: string, offerId: string): Promise<JournalLink[]> {
  const offer = await findOffer(db, orgId, offerId);
  if (!offer) throw new NotFoundError('offer', offerId);
  const rows = await listJournalRows(db, orgId, offerId);
  return rows.sort((a, b) => a.seq - b.seq);
}
