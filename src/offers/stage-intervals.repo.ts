import { and, eq, isNull } from 'drizzle-orm';
import type { JournalLink } from '../core/journal';
import type { Db } from '../db/client';
import { offers, offerStageIntervals } from '../db/schema';

/**
 * Keeps the stage-interval read model current in the transaction that appends journal entries:
 * `offer.created` opens a 'draft' interval; `offer.transitioned` with from <> to closes the open
 * interval (left_at = entry time, left_by_event) and opens one for `to`. A same-state event
 * changes nothing. Business unit, department and recruiter come from the offers row, which the
 * writer already holds. The migration's backfill (stage-intervals.backfill.ts) derives the same rows.
 */
export async function recordStageIntervals(tx: Db, orgId: string, rows: JournalLink[]): Promise<void> {
  if (!rows.some(changesStage)) return;
  const byOffer = new Map<string, JournalLink[]>();
  for (const r of rows) byOffer.set(r.offerId, [...(byOffer.get(r.offerId) ?? []), r]);
  for (const [offerId, entries] of byOffer) {
    if (!entries.some(changesStage)) continue;
    const [offer] = await tx
      .select({
        businessUnitId: offers.businessUnitId,
        departmentId: offers.departmentId,
        recruiterId: offers.recruiterId,
        currentVersion: offers.currentVersion,
      })
      .from(offers)
      .where(and(eq(offers.orgId, orgId), eq(offers.id, offerId)));
    if (!offer) continue;
    // Entries are appended before the row update, so follow versions frozen in this batch.
    let version = offer.currentVersion;
    for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
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
        status: entry.type === 'offer.created' ? 'draft' : String(entry.data.to),
        versionNumber: version,
        enteredAt: at,
      });
    }
  }
}

function changesStage(entry: JournalLink): boolean {
  if (entry.type === 'offer.created') return true;
  return entry.type === 'offer.transitioned' && entry.data.from !== entry.data.to;
}
