import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { idempotencyKeys } from '../db/schema';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

type Key = { orgId: string; userId: string; key: string };
const match = (k: Key) =>
  and(eq(idempotencyKeys.orgId, k.orgId), eq(idempotencyKeys.userId, k.userId), eq(idempotencyKeys.key, k.key));

/** Inserts the key as in progress; returns the existing row when someone holds it already. */
export async function claimIdempotencyKey(db: Db, k: Key, requestHash: string, now: Date, expiredBefore: Date) {
  await db.delete(idempotencyKeys).where(and(match(k), lt(idempotencyKeys.createdAt, expiredBefore)));
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ ...k, requestHash, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length) return null;
  const [existing] = await db.select().from(idempotencyKeys).where(match(k));
  return existing ?? null;
}

export async function completeIdempotencyKey(db: Db, k: Key, statusCode: number, response: unknown) {
  await db.update(idempotencyKeys).set({ statusCode, response }).where(match(k));
}

export async function releaseIdempotencyKey(db: Db, k: Key) {
  await db.delete(idempotencyKeys).where(match(k));
}
