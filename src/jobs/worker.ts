import type { Clock } from '../core/clock';
import type { Db } from '../db/client';
import { claimDueJobs, markJobDone, markJobFailed, requeueJob, type ClaimedJob } from './jobs.repo';

/** What a handler gets: the job as claimed; `attempts` counts this run (1 on the first). */
export interface JobContext {
  id: number;
  kind: string;
  orgId: string | null;
  /** Each kind's handler knows the shape of its own payload. */
  payload: any;
  attempts: number;
}

export type JobHandler = (job: JobContext) => Promise<void>;

/** The slice of pino / Fastify's logger the runner uses. */
export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobRunnerOptions {
  db: Db;
  clock: Clock;
  /** Names this process in locked_by, e.g. host:pid:random. */
  workerId: string;
  logger?: JobLogger;
  /**
   * How long a claimed job stays leased. A worker that dies mid-job leaves it running; once the
   * lease ends another worker takes it again. Longer than any handler should take.
   */
  leaseMs?: number;
}

export interface JobRunner {
  register(kind: string, handler: JobHandler): void;
  /** One pass: claims due jobs (up to `limit`), runs them, returns how many ran. */
  runDue(limit?: number): Promise<number>;
  /** Polls every `pollMs` until stop(). */
  start(pollMs?: number): void;
  /** Stops polling and waits for the jobs running now. */
  stop(): Promise<void>;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const BATCH = 50;
const MAX_ERROR_LENGTH = 2000;

/** Wait before the next try after `attempts` failed runs: 30 s, 1 min, 2 min … at most 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export function createJobRunner({ db, clock, workerId, logger, leaseMs = DEFAULT_LEASE_MS }: JobRunnerOptions): JobRunner {
  const handlers = new Map<string, JobHandler>();
  let timer: NodeJS.Timeout | null = null;
  let polling = false;
  let current: Promise<unknown> = Promise.resolve();

  async function runOne(job: ClaimedJob): Promise<void> {
    const fields = { jobId: job.id, kind: job.kind, attempt: job.attempts };
    // A job whose lease ran out on its last allowed attempt is not run again: its worker may have done the work.
    if (job.attempts > job.maxAttempts) {
      await markJobFailed(db, job.id, workerId, { now: clock.now(), error: 'The worker stopped during the last attempt (lease expired).' });
      logger?.error(fields, 'job failed: lease expired on its last attempt');
      return;
    }
    const handler = handlers.get(job.kind)!;
    try {
      await handler({ id: job.id, kind: job.kind, orgId: job.orgId, payload: job.payload, attempts: job.attempts });
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_LENGTH) || 'Unknown error';
      if (job.attempts >= job.maxAttempts) {
        await markJobFailed(db, job.id, workerId, { now: clock.now(), error });
        logger?.error({ ...fields, err }, 'job failed after its last attempt');
      } else {
        await requeueJob(db, job.id, workerId, { runAt: new Date(clock.now().getTime() + retryDelayMs(job.attempts)), error });
        logger?.warn({ ...fields, err }, 'job failed; it will be retried');
      }
      return;
    }
    if (!(await markJobDone(db, job.id, workerId, clock.now()))) logger?.warn(fields, 'job finished after its lease was taken over');
  }

  async function pass(limit: number): Promise<number> {
    const now = clock.now();
    const claimed = await claimDueJobs(db, { kinds: [...handlers.keys()], now, workerId, leaseUntil: new Date(now.getTime() + leaseMs), limit });
    // One after another: jobs are short, and a burst of e-mails should not open a burst of connections.
    for (const job of claimed) await runOne(job);
    return claimed.length;
  }

  function runDue(limit = BATCH): Promise<number> {
    const run = current.then(() => pass(limit));
    current = run.catch(() => undefined);
    return run;
  }

  function schedule(pollMs: number) {
    timer = setTimeout(async () => {
      try {
        // Keep going while whole batches come back, so a backlog drains without waiting a poll each.
        while (polling && (await runDue(BATCH)) === BATCH);
      } catch (err) {
        logger?.error({ err }, 'job polling failed; trying again');
      }
      if (polling) schedule(pollMs);
    }, pollMs);
    timer.unref();
  }

  return {
    register(kind, handler) {
      if (handlers.has(kind)) throw new Error(`A handler for job kind "${kind}" is already registered.`);
      handlers.set(kind, handler);
    },
    runDue,
    start(pollMs = 1000) {
      if (polling) return;
      polling = true;
      schedule(pollMs);
    },
    async stop() {
      polling = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await current;
    },
  };
}
