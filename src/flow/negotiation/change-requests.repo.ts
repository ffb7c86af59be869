import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { changeRequests } from '../../db/schema';
import type { Delta } from './deltas';

export type ChangeRequestRow = typeof changeRequests.$inferSelect;

export async function insertChangeRequest(tx: Db, row: typeof changeRequests.$inferInsert & { deltas: Delta[] }): Promise<void> {
  await tx.insert(changeRequests).values(row);
}

/** The offer's change requests, oldest first; `version` keeps those about one version. */
export async function listChangeRequests(db: Db, orgId: string, offerId: string, version?: number): Promise<ChangeRequestRow[]> {
  return db
    .select()
    .from(changeRequests)
    .where(
      and(
        eq(changeRequests.orgId, orgId),
        eq(changeRequests.offerId, offerId),
        ...(version === undefined ? [] : [eq(changeRequests.versionNumber, version)]),
      ),
    )
    .orderBy(asc(changeRequests.createdAt), asc(changeRequests.id));
}
