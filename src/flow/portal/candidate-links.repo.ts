import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidateLinks } from '../../db/schema';

export type CandidateLinkRow = typeof candidateLinks.$inferSelect;

export async function insertCandidateLink(tx: Db, row: typeof candidateLinks.$inferInsert): Promise<void> {
  await tx.insert(candidateLinks).values(row);
}

/** Revokes every live link of the offer; returns how many. */
export async function revokeCandidateLinks(tx: Db, orgId: string, offerId: string, reason: string, at: Date): Promise<number> {
  const rows = await tx
    .update(candidateLinks)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(eq(candidateLinks.orgId, orgId), eq(candidateLinks.offerId, offerId), isNull(candidateLinks.revokedAt)))
    .returning({ tokenHash: candidateLinks.tokenHash });
  return rows.length;
}

export async function findCandidateLink(db: Db, tokenHash: string): Promise<CandidateLinkRow | null> {
  const [row] = await db.select().from(candidateLinks).where(eq(candidateLinks.tokenHash, tokenHash));
  return row ?? null;
}

/** Records the first opening; true only for the request that recorded it. */
export async function markFirstOpened(tx: Db, tokenHash: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(candidateLinks)
    .set({ firstOpenedAt: at })
    .where(and(eq(candidateLinks.tokenHash, tokenHash), sql`${candidateLinks.firstOpenedAt} is null`))
    .returning({ tokenHash: candidateLinks.tokenHash });
  return rows.length === 1;
}

/** Every opening moves the last-opened time. */
export async function markOpened(tx: Db, tokenHash: string, at: Date): Promise<void> {
  await tx.update(candidateLinks).set({ lastOpenedAt: at }).where(eq(candidateLinks.tokenHash, tokenHash));
}

/** The offer's most recent link, live or not. */
export async function findLatestLink(db: Db, orgId: string, offerId: string): Promise<CandidateLinkRow | null> {
  const [row] = await db
    .select()
    .from(candidateLinks)
    .where(and(eq(candidateLinks.orgId, orgId), eq(candidateLinks.offerId, offerId)))
    .orderBy(desc(candidateLinks.createdAt), desc(candidateLinks.versionNumber))
    .limit(1);
  return row ?? null;
}

export async function setCode(tx: Db, tokenHash: string, codeHash: string, expiresAt: Date): Promise<void> {
  await tx.update(candidateLinks).set({ codeHash, codeExpiresAt: expiresAt, codeAttempts: 0 }).where(eq(candidateLinks.tokenHash, tokenHash));
}

export async function countFailedCode(db: Db, tokenHash: string): Promise<void> {
  await db.update(candidateLinks).set({ codeAttempts: sql`${candidateLinks.codeAttempts} + 1` }).where(eq(candidateLinks.tokenHash, tokenHash));
}

export async function clearCode(tx: Db, tokenHash: string): Promise<void> {
  await tx.update(candidateLinks).set({ codeHash: null, codeExpiresAt: null, codeAttempts: 0 }).where(eq(candidateLinks.tokenHash, tokenHash));
}
