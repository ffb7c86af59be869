import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signInThrottle } from '../db/schema';
import type { ThrottleState } from './sign-in-throttle';

export async function findThrottles(db: Db, keys: string[]): Promise<Map<string, ThrottleState>> {
  const rows = await db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys));
  return new Map(rows.map((r) => [r.key, { failures: r.failures, windowStartedAt: r.windowStartedAt, lockedUntil: r.lockedUntil }]));
}

/**
 * Applies `next` to the key's row under a row lock, so two server processes counting
 * failures for the same key at once do not lose one.
 */
export async function updateThrottle(db: Db, key: string, now: Date, next: (current: ThrottleState | null) => ThrottleState) {
  await db.transaction(async (tx) => {
    await tx.insert(signInThrottle).values({ key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
    const [row] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).for('update');
    const current = row && row.failures > 0 ? { failures: row.failures, windowStartedAt: row.windowStartedAt, lockedUntil: row.lockedUntil } : null;
    const state = next(current);
    await tx.update(signInThrottle).set(state).where(eq(signInThrottle.key, key));
  });
}

export async function clearThrottle(db: Db, key: string) {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
