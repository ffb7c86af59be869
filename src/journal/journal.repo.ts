import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { journal } from '../db/schema';
import type { JournalLink } from '../core/journal';
import { emitJournalWebhooks } from '../flow/webhooks/delivery';
import { recordReadModels } from '../offers/read-models';

export type JournalRow = typeof journal.$inferSelect;

export async function insertJournalRows(tx: Db, orgId: string, rows: JournalLink[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(journal).values(
    rows.map((r) => ({
      orgId,
      offerId: r.offerId,
      seq: r.seq,
      type: r.type,
      actorId: r.actorId,
      at: new Date(r.at),
      data: r.data,
      prevHash: r.prevHash,
      hash: r.hash,
    })),
  );
  // Lifecycle moves keep the read models of the board and metrics current, in this transaction.
  await recordReadModels(tx, orgId, rows);
  // Entries that are public events (lifecycle moves, approval decisions, signatures) go to webhook subscribers, in this transaction.
  await emitJournalWebhooks(tx, orgId, rows);
}

/** Rows in stored (insertion) order, not seq order, so a reordering shows up in verification. */
export async function listJournalRows(db: Db, orgId: string, offerId: string): Promise<JournalLink[]> {
  const rows = await db
    .select()
    .from(journal)
    .where(and(eq(journal.orgId, orgId), eq(journal.offerId, offerId)))
    .orderBy(asc(journal.id));
  return rows.map(toLink);
}

export function toLink(r: JournalRow): JournalLink {
  return {
    offerId: r.offerId,
    seq: r.seq,
    type: r.type,
    actorId: r.actorId,
    at: r.at.toISOString(),
    data: r.data as Record<string, unknown>,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}
