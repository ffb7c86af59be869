import { count } from 'drizzle-orm';
import type { Db } from '../../src/db/client';
import { idempotencyKeys, journal, offers, offerVersions } from '../../src/db/schema';

export interface OfferRowCounts {
  offers: number;
  offerVersions: number;
  journal: number;
  idempotencyKeys: number;
}

/** Row counts of the tables an offer write touches, to prove a refused request changed nothing. */
export async function countOfferRows(db: Db): Promise<OfferRowCounts> {
  const n = async (table: typeof offers | typeof offerVersions | typeof journal | typeof idempotencyKeys) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    offers: await n(offers),
    offerVersions: await n(offerVersions),
    journal: await n(journal),
    idempotencyKeys: await n(idempotencyKeys),
  };
}
