import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications } from '../db/schema';

/** Every query names both the organisation and the user: an inbox is one person's. */
export type NotificationRow = typeof notifications.$inferSelect;

const owned = (orgId: string, userId: string) => and(eq(notifications.orgId, orgId), eq(notifications.userId, userId));

export async function insertNotification(tx: Db, row: typeof notifications.$inferInsert): Promise<void> {
  await tx.insert(notifications).values(row);
}

export async function notificationExists(db: Db, orgId: string, userId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: notifications.id }).from(notifications).where(and(owned(orgId, userId), eq(notifications.id, id)));
  return !!row;
}

/** Newest first, keyset-paged on (created_at, id); `afterId` is the last row of the previous page. */
export async function listNotifications(db: Db, orgId: string, userId: string, q: { afterId?: string; unreadOnly?: boolean; limit: number }): Promise<NotificationRow[]> {
  const where: SQL[] = [owned(orgId, userId)!];
  if (q.unreadOnly) where.push(isNull(notifications.readAt));
  if (q.afterId) {
    where.push(
      sql`(${notifications.createdAt}, ${notifications.id}) < (select n.created_at, n.id from notifications n where n.id = ${q.afterId} and n.org_id = ${orgId} and n.user_id = ${userId})`,
    );
  }
  return db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit);
}

export async function countUnread(db: Db, orgId: string, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(owned(orgId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one notification read (keeping the first read time); undefined when it is not the caller's. */
export async function markNotificationRead(db: Db, orgId: string, userId: string, id: string, now: Date): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(owned(orgId, userId), eq(notifications.id, id)))
    .returning();
  return row;
}

export async function markAllNotificationsRead(db: Db, orgId: string, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(owned(orgId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
