import { and, eq, isNull } from 'drizzle-orm';
import type { JournalLink } from '../core/journal';
import type { Db } from '../db/client';
import { offerStageIntervals } from '../db/schema';
import type { ReadModelOffer } from './read-model-context';

/**
 * Keeps the stage-interval read model current in the transaction that appends journal entries:
 * `offer.created` opens a 'draft' interval; `offer.transitioned` with from <> to closes the open
 * interval (left_at = entry time, left_by_event) and opens one for `to`. A same-state event
 * changes nothing. Business unit, department, recruiter, level and employment type come from the
 * offer as the writer holds it. The migrations' backfills (stage-intervals.backfill.ts) derive the same rows.
 */
export async function recordStageIntervals(tx: Db, orgId: string, offerId: string, offer: ReadModelOffer, entries: JournalLink[]): Promise<void> {
  // The row already holds this batch's outcome; entries before a version frozen in the batch belong to the one before.
  const frozen = entries.find((e) => e.type === 'offer.version_created' && typeof e.data.version === 'number');
  let version = frozen ? Number(frozen.data.version) - 1 : offer.currentVersion;
  for (const entry of entries) {
    if (entry.type === 'offer.version_created' && typeof entry.data.version === 'number') {
      version = entry.data.version;
      continue;
    }
    if (!changesStage(entry)) continue;
    const at = new Date(entry.at);
    if (entry.type === 'offer.transitioned') {
      await tx
        .update(offerStageIntervals)
        .set({ leftAt: at, leftByEvent: String(entry.data.event) })
        .where(and(eq(offerStageIntervals.offerId, offerId), isNull(offerStageIntervals.leftAt)));
    }
    await tx.insert(offerStageIntervals).values({
      orgId,
      offerId,
      businessUnitId: offer.businessUnitId,
      departmentId: offer.departmentId,
      recruiterId: offer.recruiterId,
      ...(await offer.termsAt(version)),
      status: entry.type === 'offer.created' ? 'draft' : String(entry.data.to),
      versionNumber: version,
      enteredAt: at,
    });
  }
}

export function changesStage(entry: JournalLink): boolean {
  if (entry.type === 'offer.created') return true;
  return entry.type === 'offer.transitioned' && entry.data.from !== entry.data.to;
}
