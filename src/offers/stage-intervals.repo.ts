import { and, eq, isNull, sql } from 'drizzle-orm';
import type { JournalLink } from '../core/journal';
import type { Db } from '../db/client';
import { offerStageIntervals, stageDurationDays } from '../db/schema';
import { thresholdsSql } from './duration-buckets';
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
    if (entry.type === 'offer.transitioned') await closeInterval(tx, orgId, offerId, at, String(entry.data.event));
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

/** Closes the open interval with its duration bucket, and counts it in stage_duration_days for the day it closed (UTC). */
async function closeInterval(tx: Db, orgId: string, offerId: string, at: Date, event: string): Promise<void> {
  const closed = await tx
    .update(offerStageIntervals)
    // SET sees the row before the update, so the duration is measured to `at`, not to left_at.
    .set({ leftAt: at, leftByEvent: event, durationBucket: sql`width_bucket((extract(epoch from (${at.toISOString()}::timestamptz - entered_at)) * 1000)::bigint, ${sql.raw(thresholdsSql)})` })
    .where(and(eq(offerStageIntervals.offerId, offerId), isNull(offerStageIntervals.leftAt)))
    .returning({ status: offerStageIntervals.status, bucket: offerStageIntervals.durationBucket });
  for (const c of closed) {
    await tx
      .insert(stageDurationDays)
      .values({ orgId, day: at.toISOString().slice(0, 10), status: c.status, bucket: c.bucket!, intervals: 1 })
      .onConflictDoUpdate({ target: [stageDurationDays.orgId, stageDurationDays.day, stageDurationDays.status, stageDurationDays.bucket], set: { intervals: sql`${stageDurationDays.intervals} + 1` } });
  }
}

export function changesStage(entry: JournalLink): boolean {
  if (entry.type === 'offer.created') return true;
  return entry.type === 'offer.transitioned' && entry.data.from !== entry.data.to;
}
