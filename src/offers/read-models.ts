import type { JournalLink } from '../core/journal';
import type { Db } from '../db/client';
import { milestoneEntryTypes, recordMilestones } from './milestones.repo';
import { loadReadModelOffer } from './read-model-context';
import { changesStage, recordStageIntervals } from './stage-intervals.repo';

/**
 * The read models the status board and metrics read (stage intervals, milestones), kept current in
 * the transaction that appends journal entries, so they never disagree with the journal.
 */
export async function recordReadModels(tx: Db, orgId: string, rows: JournalLink[]): Promise<void> {
  const byOffer = new Map<string, JournalLink[]>();
  for (const r of rows) if (milestoneEntryTypes.has(r.type)) byOffer.set(r.offerId, [...(byOffer.get(r.offerId) ?? []), r]);
  for (const [offerId, unsorted] of byOffer) {
    const entries = [...unsorted].sort((a, b) => a.seq - b.seq);
    const offer = await loadReadModelOffer(tx, orgId, offerId);
    if (!offer) continue;
    if (entries.some(changesStage)) await recordStageIntervals(tx, orgId, offerId, offer, entries);
    await recordMilestones(tx, orgId, offerId, offer, entries);
  }
}
