import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidateLinks, changeRequests, journal } from '../../db/schema';

/** Records the answer to a change request: the version that answers it, and whether anything was granted. */
export async function answerChangeRequest(tx: Db, orgId: string, id: string, status: 'answered' | 'rejected', answeredByVersion: number): Promise<void> {
  await tx
    .update(changeRequests)
    .set({ status, answeredByVersion })
    .where(and(eq(changeRequests.orgId, orgId), eq(changeRequests.id, id), eq(changeRequests.status, 'open')));
}

/**
 * The versions that reached the candidate, oldest first: every version the journal says was sent,
 * and every version a portal link was issued for.
 */
export async function sentVersionNumbers(db: Db, orgId: string, offerId: string): Promise<number[]> {
  const links = await db
    .selectDistinct({ version: candidateLinks.versionNumber })
    .from(candidateLinks)
    .where(and(eq(candidateLinks.orgId, orgId), eq(candidateLinks.offerId, offerId)));
  const sent = await db
    .selectDistinct({ version: sql<number | null>`(${journal.data}->>'version')::int` })
    .from(journal)
    .where(and(eq(journal.orgId, orgId), eq(journal.offerId, offerId), eq(journal.type, 'offer.sent')));
  const all = new Set<number>([...links.map((l) => l.version), ...sent.flatMap((s) => (s.version == null ? [] : [Number(s.version)]))]);
  return [...all].sort((a, b) => a - b);
}
