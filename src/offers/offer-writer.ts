import type { Clock } from '../core/clock';
import { ConflictError, NotFoundError } from '../core/errors';
import type { Db } from '../db/client';
import { extendChain, type PendingEntry } from '../journal/chain';
import { insertJournalRows } from '../journal/journal.repo';
import { lockOffer, updateOfferGuarded, type NewOfferRow, type OfferRow } from './offers.repo';

export interface WriteTarget {
  orgId: string;
  offerId: string;
  actorId: string | null;
  /** The row version the caller read (If-Match); undefined for system writers such as timers. */
  expectedRowVersion?: number;
}

export interface OfferChange {
  set: Partial<NewOfferRow>;
  entries: PendingEntry[];
}

/**
 * The one way an existing offer changes: lock the row, check the version the
 * caller read, apply the change and append its journal entries in the same
 * transaction. `decide` may throw to refuse; nothing is written then.
 */
export async function writeOffer(
  tx: Db,
  clock: Clock,
  target: WriteTarget,
  decide: (offer: OfferRow) => Promise<OfferChange> | OfferChange,
): Promise<OfferRow> {
  const offer = await lockOffer(tx, target.orgId, target.offerId);
  if (!offer) throw new NotFoundError('offer', target.offerId);
  if (target.expectedRowVersion !== undefined && offer.rowVersion !== target.expectedRowVersion) {
    throw staleWrite(target.expectedRowVersion, offer.rowVersion);
  }
  const change = await decide(offer);
  // Nothing happened (a timer that found its step already decided): leave the row and its version alone.
  if (change.entries.length === 0 && Object.keys(change.set).length === 0) return offer;
  const now = clock.now();
  const { links, head } = extendChain(
    { offerId: offer.id, seq: offer.journalSeq, hash: offer.journalHead },
    target.actorId,
    now,
    change.entries,
  );
  const updated = await updateOfferGuarded(tx, target.orgId, offer.id, offer.rowVersion, {
    ...change.set,
    journalSeq: head.seq,
    journalHead: head.hash,
    updatedAt: now,
  });
  if (!updated) throw staleWrite(offer.rowVersion, offer.rowVersion + 1);
  // After the row update, so the read models the journal hook keeps see the offer as this change leaves it.
  await insertJournalRows(tx, target.orgId, links);
  return updated;
}

export function staleWrite(sent: number, current: number): ConflictError {
  return new ConflictError(
    `The offer changed since you read it (you sent version ${sent}, it is now at version ${current}). Reload it and try again.`,
  );
}
