import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { approvalLinks } from '../../db/schema';

export type ApprovalLinkRow = typeof approvalLinks.$inferSelect;

export async function insertApprovalLink(tx: Db, row: typeof approvalLinks.$inferInsert): Promise<void> {
  await tx.insert(approvalLinks).values(row);
}

export async function findApprovalLink(db: Db, tokenHash: string): Promise<ApprovalLinkRow | null> {
  const [row] = await db.select().from(approvalLinks).where(eq(approvalLinks.tokenHash, tokenHash));
  return row ?? null;
}

/** Marks the link used; false when another request used it first. */
export async function consumeApprovalLink(tx: Db, tokenHash: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(approvalLinks)
    .set({ usedAt: at })
    .where(and(eq(approvalLinks.tokenHash, tokenHash), isNull(approvalLinks.usedAt), sql`${approvalLinks.expiresAt} > ${at}`))
    .returning({ tokenHash: approvalLinks.tokenHash });
  return rows.length === 1;
}
