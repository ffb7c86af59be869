import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { jobs } from '../db/schema';

/**
 * The job queue's SQL. Every time comparison takes the caller's clock value as a parameter
 * (never SQL now()), so tests move time by moving the injected clock.
 */

export type NewJobRow = Pick<typeof jobs.$inferInsert, 'kind' | 'orgId' | 'payload' | 'runAt' | 'dedupeKey' | 'maxAttempts'>;

/** Inserts a queued job; a job with the same dedupe key (in any state) makes this a no-op. */
export async function insertJob(tx: Db, row: NewJobRow): Promise<void> {
  await tx.insert(jobs).values({ ...row, state: 'queued' }).onConflictDoNothing({ target: jobs.dedupeKey });
}

/** Queued jobs whose dedupe key starts with `prefix` become cancelled; returns how many. */
export async function cancelQueuedByKeyPrefix(tx: Db, prefix: string): Promise<number> {
  const rows = await tx
    .update(jobs)
    .set({ state: 'cancelled', finishedAt: sql`now()` })
    // left() rather than LIKE: a prefix is data, and % or _ in it must not act as wildcards.
    .where(and(eq(jobs.state, 'queued'), sql`left(${jobs.dedupeKey}, ${prefix.length}) = ${prefix}`))
    .returning({ id: jobs.id });
  return rows.length;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  orgId: string | null;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/**
 * Leases up to `limit` due jobs of the given kinds to one worker: queued jobs whose time has
 * come, and running jobs whose lease ran out (their worker died). SKIP LOCKED lets several
 * processes claim at once without waiting on or taking each other's rows; a row another worker
 * claimed a moment ago is re-checked against the WHERE and no longer matches.
 */
export async function claimDueJobs(
  db: Db,
  q: { kinds: string[]; now: Date; workerId: string; leaseUntil: Date; limit: number },
): Promise<ClaimedJob[]> {
  if (q.kinds.length === 0 || q.limit <= 0) return [];
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        inArray(jobs.kind, q.kinds),
        or(and(eq(jobs.state, 'queued'), lte(jobs.runAt, q.now)), and(eq(jobs.state, 'running'), lte(jobs.lockedUntil, q.now))),
      ),
    )
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(q.limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(jobs)
    .set({ state: 'running', lockedBy: q.workerId, lockedUntil: q.leaseUntil, attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, due))
    .returning({ id: jobs.id, kind: jobs.kind, orgId: jobs.orgId, payload: jobs.payload, attempts: jobs.attempts, maxAttempts: jobs.maxAttempts, runAt: jobs.runAt });
  return rows.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id).map(({ runAt: _runAt, ...job }) => job);
}

/** Only the worker still holding the lease may settle a job; a stale worker's result is dropped. */
const heldBy = (id: number, workerId: string) => and(eq(jobs.id, id), eq(jobs.state, 'running'), eq(jobs.lockedBy, workerId));

export async function markJobDone(db: Db, id: number, workerId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ state: 'done', finishedAt: now, lockedBy: null, lockedUntil: null, lastError: null })
    .where(heldBy(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function requeueJob(db: Db, id: number, workerId: string, r: { runAt: Date; error: string }): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ state: 'queued', runAt: r.runAt, lastError: r.error, lockedBy: null, lockedUntil: null })
    .where(heldBy(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function markJobFailed(db: Db, id: number, workerId: string, r: { now: Date; error: string }): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ state: 'failed', finishedAt: r.now, lastError: r.error, lockedBy: null, lockedUntil: null })
    .where(heldBy(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}
