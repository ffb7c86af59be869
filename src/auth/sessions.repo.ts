import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';

/** Ends every session of one user (sign out everywhere, a role change, disabling). */
export async function deleteUserSessions(db: Db, orgId: string, userId: string) {
  await db.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId)));
}

/** Sets the password and ends every session but the one given (the caller's new one). */
export async function replacePassword(db: Db, orgId: string, userId: string, passwordHash: string, newSession: typeof sessions.$inferInsert) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
    await tx.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId)));
    await tx.insert(sessions).values(newSession);
  });
}
