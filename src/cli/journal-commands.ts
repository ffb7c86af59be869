import type { Db } from '../db/client';
import { listAllOfferKeys } from '../offers/offers.repo';
import { verifyOfferJournal } from '../journal/journal.service';

/** Verifies chains and exits non-zero when any is broken, so scripts can alert on it. */
export async function verifyJournals(db: Db, onlyOfferId?: string) {
  const targets = await listAllOfferKeys(db);
  const chosen = onlyOfferId ? targets.filter((t) => t.id === onlyOfferId) : targets;
  if (onlyOfferId && chosen.length === 0) throw new Error(`No offer with id "${onlyOfferId}".`);
  let broken = 0;
  for (const t of chosen) {
    const v = await verifyOfferJournal(db, t.orgId, t.id);
    if (!v.ok) {
      broken++;
      process.stdout.write(`BROKEN  offer ${t.id}: entry ${v.brokenAtSeq}: ${v.reason}\n`);
    }
  }
  process.stdout.write(`${chosen.length - broken} of ${chosen.length} offer journals intact.\n`);
  if (broken) process.exitCode = 2;
}
