import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outboundEmails } from '../db/schema';

export type OutboundEmailRow = typeof outboundEmails.$inferSelect;

export async function insertOutboundEmail(tx: Db, row: typeof outboundEmails.$inferInsert): Promise<void> {
  await tx.insert(outboundEmails).values(row);
}

/** For delivery only: the job knows the id, and the id was minted for this org's mail. */
export async function findOutboundEmail(db: Db, id: string): Promise<OutboundEmailRow | undefined> {
  const [row] = await db.select().from(outboundEmails).where(eq(outboundEmails.id, id));
  return row;
}

export async function markOutboundEmailSent(db: Db, id: string, r: { messageId: string; sentAt: Date }): Promise<void> {
  await db
    .update(outboundEmails)
    .set({ status: 'sent', messageId: r.messageId, sentAt: r.sentAt, lastError: null, attempts: sql`${outboundEmails.attempts} + 1` })
    .where(eq(outboundEmails.id, id));
}

export async function recordOutboundEmailError(db: Db, id: string, r: { error: string; giveUp: boolean }): Promise<void> {
  await db
    .update(outboundEmails)
    .set({ lastError: r.error, attempts: sql`${outboundEmails.attempts} + 1`, ...(r.giveUp ? { status: 'failed' } : {}) })
    .where(eq(outboundEmails.id, id));
}

/** Whether an id is one of the org's e-mails: a cursor must come from this org's own list. */
export async function outboundEmailExists(db: Db, orgId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: outboundEmails.id }).from(outboundEmails).where(and(eq(outboundEmails.orgId, orgId), eq(outboundEmails.id, id)));
  return !!row;
}

/** Newest first, keyset-paged on (created_at, id); `afterId` is the last row of the previous page. */
export async function listOutboundEmails(db: Db, orgId: string, q: { afterId?: string; limit: number }): Promise<OutboundEmailRow[]> {
  const where: SQL[] = [eq(outboundEmails.orgId, orgId)];
  if (q.afterId) {
    where.push(
      sql`(${outboundEmails.createdAt}, ${outboundEmails.id}) < (select e.created_at, e.id from outbound_emails e where e.id = ${q.afterId} and e.org_id = ${orgId})`,
    );
  }
  return db
    .select()
    .from(outboundEmails)
    .where(and(...where))
    .orderBy(desc(outboundEmails.createdAt), desc(outboundEmails.id))
    .limit(q.limit);
}
