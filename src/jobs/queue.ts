import type { Db } from '../db/client';
import { cancelQueuedByKeyPrefix, insertJob } from './jobs.repo';

/**
 * Putting work on the durable queue. Both functions take the caller's transaction, so a timer
 * is scheduled (or cancelled) exactly when the change that needs it commits.
 */
export interface NewJob {
  kind: string;
  orgId: string | null;
  payload: Record<string, unknown>;
  runAt: Date;
  /** A second job with the same key is never queued, whatever state the first is in. */
  dedupeKey?: string;
  maxAttempts?: number;
}

export async function enqueueJob(tx: Db, job: NewJob): Promise<void> {
  if (!job.kind) throw new RangeError('A job needs a kind.');
  if (Number.isNaN(job.runAt.getTime())) throw new RangeError(`Job ${job.kind} has an invalid run time.`);
  if (job.maxAttempts !== undefined && !(Number.isInteger(job.maxAttempts) && job.maxAttempts >= 1)) {
    throw new RangeError(`Job ${job.kind}: maxAttempts must be a whole number of at least 1.`);
  }
  await insertJob(tx, {
    kind: job.kind,
    orgId: job.orgId,
    payload: job.payload,
    runAt: job.runAt,
    dedupeKey: job.dedupeKey ?? null,
    ...(job.maxAttempts === undefined ? {} : { maxAttempts: job.maxAttempts }),
  });
}

/** Cancels the queued jobs whose dedupe key starts with the prefix (e.g. every reminder of one step). */
export async function cancelJobs(tx: Db, dedupeKeyPrefix: string): Promise<number> {
  if (!dedupeKeyPrefix) throw new RangeError('Refusing to cancel every job: give a dedupe key prefix.');
  return cancelQueuedByKeyPrefix(tx, dedupeKeyPrefix);
}
