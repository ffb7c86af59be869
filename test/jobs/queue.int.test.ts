import { asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock';
import { openDatabase, type Database } from '../../src/db/client';
import { jobs } from '../../src/db/schema';
import { claimDueJobs, markJobDone } from '../../src/jobs/jobs.repo';
import { cancelJobs, enqueueJob } from '../../src/jobs/queue';
import { createJobRunner, retryDelayMs, type JobContext } from '../../src/jobs/worker';
import { createTestDatabase, testEngine } from '../helpers/test-database';
import { TEST_NOW } from '../helpers/test-app';

let database: Database;
let clock: ReturnType<typeof fixedClock>;
const MINUTE = 60_000;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());
beforeEach(async () => {
  clock = fixedClock(TEST_NOW);
  await database.exec('DELETE FROM jobs');
});

const db = () => database.db;
const rows = () => db().select().from(jobs).orderBy(asc(jobs.id));
const job = (over: Partial<Parameters<typeof enqueueJob>[1]> = {}) => ({ kind: 'test.echo', orgId: null, payload: { n: 1 }, runAt: clock.now(), ...over });

describe('enqueueJob', () => {
  it('queues a job with the same dedupe key once, and jobs without a key every time', async () => {
    await enqueueJob(db(), job({ dedupeKey: 'reminder:a:1' }));
    await enqueueJob(db(), job({ dedupeKey: 'reminder:a:1', payload: { n: 2 } }));
    await enqueueJob(db(), job());
    await enqueueJob(db(), job());
    const all = await rows();
    expect(all.map((r) => [r.dedupeKey, r.payload, r.state])).toEqual([
      ['reminder:a:1', { n: 1 }, 'queued'],
      [null, { n: 1 }, 'queued'],
      [null, { n: 1 }, 'queued'],
    ]);
  });

  it("belongs to the caller's transaction: a rollback leaves no job", async () => {
    await expect(
      db().transaction(async (tx) => {
        await enqueueJob(tx, job({ dedupeKey: 'rolled-back' }));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await rows()).toEqual([]);
  });

  it('refuses an invalid run time or attempt count', async () => {
    await expect(enqueueJob(db(), job({ runAt: new Date(Number.NaN) }))).rejects.toThrow(RangeError);
    await expect(enqueueJob(db(), job({ maxAttempts: 0 }))).rejects.toThrow(RangeError);
  });
});

describe('runDue with an injected clock', () => {
  it('runs a job only once its time has come, and once only', async () => {
    const seen: JobContext[] = [];
    const runner = createJobRunner({ db: db(), clock, workerId: 'w1' });
    runner.register('test.echo', async (j) => void seen.push(j));
    await enqueueJob(db(), job({ runAt: new Date(TEST_NOW.getTime() + 60 * MINUTE), payload: { hello: 'world' } }));
    expect(await runner.runDue()).toBe(0);
    clock.advance(60 * MINUTE - 1);
    expect(await runner.runDue()).toBe(0);
    clock.advance(1);
    expect(await runner.runDue()).toBe(1);
    expect(seen).toEqual([{ id: expect.any(Number), kind: 'test.echo', orgId: null, payload: { hello: 'world' }, attempts: 1 }]);
    expect(await runner.runDue()).toBe(0);
    const [row] = await rows();
    expect(row).toMatchObject({ state: 'done', attempts: 1, lockedBy: null, lockedUntil: null, finishedAt: clock.now() });
  });

  it('claims only kinds it has a handler for', async () => {
    const runner = createJobRunner({ db: db(), clock, workerId: 'w1' });
    runner.register('test.echo', async () => {});
    await enqueueJob(db(), job({ kind: 'someone.else' }));
    expect(await runner.runDue()).toBe(0);
    expect((await rows())[0]!.state).toBe('queued');
  });

  it('retries a failing job with growing backoff, then marks it done', async () => {
    let calls = 0;
    const runner = createJobRunner({ db: db(), clock, workerId: 'w1' });
    runner.register('test.echo', async () => {
      calls++;
      if (calls < 3) throw new Error(`SMTP said no (${calls})`);
    });
    await enqueueJob(db(), job({ maxAttempts: 3 }));
    expect(await runner.runDue()).toBe(1);
    let [row] = await rows();
    expect(row).toMatchObject({ state: 'queued', attempts: 1, lastError: 'SMTP said no (1)' });
    expect(row!.runAt.getTime()).toBe(TEST_NOW.getTime() + retryDelayMs(1));
    expect(await runner.runDue()).toBe(0);
    clock.advance(retryDelayMs(1));
    expect(await runner.runDue()).toBe(1);
    [row] = await rows();
    expect(row).toMatchObject({ state: 'queued', attempts: 2, lastError: 'SMTP said no (2)' });
    expect(row!.runAt.getTime()).toBe(clock.now().getTime() + retryDelayMs(2));
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));
    clock.advance(retryDelayMs(2));
    expect(await runner.runDue()).toBe(1);
    expect((await rows())[0]).toMatchObject({ state: 'done', attempts: 3, lastError: null });
  });

  it('marks a job failed after its last attempt', async () => {
    const runner = createJobRunner({ db: db(), clock, workerId: 'w1' });
    runner.register('test.echo', async () => {
      throw new Error('always broken');
    });
    await enqueueJob(db(), job({ maxAttempts: 2 }));
    await runner.runDue();
    clock.advance(retryDelayMs(1));
    await runner.runDue();
    clock.advance(24 * 60 * MINUTE);
    expect(await runner.runDue()).toBe(0);
    expect((await rows())[0]).toMatchObject({ state: 'failed', attempts: 2, lastError: 'always broken', finishedAt: new Date(TEST_NOW.getTime() + retryDelayMs(1)) });
  });

  it('takes over a job whose worker died once the lease expires', async () => {
    await enqueueJob(db(), job());
    // A worker claims the job and dies before finishing it.
    const [claimed] = await claimDueJobs(db(), { kinds: ['test.echo'], now: clock.now(), workerId: 'dead', leaseUntil: new Date(TEST_NOW.getTime() + 5 * MINUTE), limit: 10 });
    expect(claimed).toMatchObject({ attempts: 1 });
    const seen: number[] = [];
    const runner = createJobRunner({ db: db(), clock, workerId: 'alive', leaseMs: 5 * MINUTE });
    runner.register('test.echo', async (j) => void seen.push(j.attempts));
    expect(await runner.runDue()).toBe(0);
    clock.advance(5 * MINUTE);
    expect(await runner.runDue()).toBe(1);
    expect(seen).toEqual([2]);
    expect((await rows())[0]).toMatchObject({ state: 'done', attempts: 2 });
    // The dead worker coming back cannot settle a job it no longer holds.
    expect(await markJobDone(db(), claimed!.id, 'dead', clock.now())).toBe(false);
  });

  it('does not run again a job whose lease expired on its last attempt', async () => {
    await enqueueJob(db(), job({ maxAttempts: 1 }));
    await claimDueJobs(db(), { kinds: ['test.echo'], now: clock.now(), workerId: 'dead', leaseUntil: new Date(TEST_NOW.getTime() + MINUTE), limit: 1 });
    let calls = 0;
    const runner = createJobRunner({ db: db(), clock, workerId: 'alive' });
    runner.register('test.echo', async () => void calls++);
    clock.advance(MINUTE);
    expect(await runner.runDue()).toBe(1);
    expect(calls).toBe(0);
    expect((await rows())[0]).toMatchObject({ state: 'failed' });
  });
});

describe('start and stop', () => {
  it('polls until stopped, and stop waits for the job in hand', async () => {
    let finished = 0;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const runner = createJobRunner({ db: db(), clock, workerId: 'poller' });
    runner.register('test.echo', async () => {
      started();
      await new Promise((r) => setTimeout(r, 50));
      finished++;
    });
    await enqueueJob(db(), job());
    runner.start(5);
    await running;
    await runner.stop();
    expect(finished).toBe(1);
    expect((await rows())[0]!.state).toBe('done');
    await enqueueJob(db(), job());
    await new Promise((r) => setTimeout(r, 30));
    expect((await rows())[1]!.state).toBe('queued');
  });
});

describe('cancelJobs', () => {
  it('cancels queued jobs by dedupe key prefix, literally', async () => {
    for (const key of ['reminder:s1:1', 'reminder:s1:2', 'reminder:s10:1', 'reminder:s2:1', 'reminder_s1:1']) await enqueueJob(db(), job({ dedupeKey: key }));
    expect(await cancelJobs(db(), 'reminder:s1:')).toBe(2);
    expect(await cancelJobs(db(), 'reminder%')).toBe(0);
    expect(await cancelJobs(db(), 'reminder_s')).toBe(1);
    const byKey = Object.fromEntries((await rows()).map((r) => [r.dedupeKey, r.state]));
    expect(byKey).toEqual({ 'reminder:s1:1': 'cancelled', 'reminder:s1:2': 'cancelled', 'reminder:s10:1': 'queued', 'reminder:s2:1': 'queued', 'reminder_s1:1': 'cancelled' });
    const runner = createJobRunner({ db: db(), clock, workerId: 'w1' });
    runner.register('test.echo', async () => {});
    expect(await runner.runDue()).toBe(2);
    // A cancelled key stays taken: scheduling the same reminder again is still a no-op.
    await enqueueJob(db(), job({ dedupeKey: 'reminder:s1:1' }));
    expect((await db().select().from(jobs).where(like(jobs.dedupeKey, 'reminder:s1:1'))).map((r) => r.state)).toEqual(['cancelled']);
  });

  it('leaves running and finished jobs alone', async () => {
    await enqueueJob(db(), job({ dedupeKey: 'expiry:o1' }));
    const runner = createJobRunner({ db: db(), clock, workerId: 'w1' });
    runner.register('test.echo', async () => {});
    await runner.runDue();
    expect(await cancelJobs(db(), 'expiry:')).toBe(0);
    expect((await db().select().from(jobs).where(eq(jobs.dedupeKey, 'expiry:o1')))[0]!.state).toBe('done');
  });
});

describe('two runners on one database', () => {
  it('run each of 200 jobs exactly once', { timeout: 60_000 }, async () => {
    // On PostgreSQL the second runner has its own pool, as a second server process would.
    const second = testEngine === 'postgres' ? await openDatabase({ engine: 'postgres', url: database.pool!.options.connectionString! }) : null;
    try {
      for (let i = 0; i < 200; i++) await enqueueJob(db(), job({ payload: { i }, dedupeKey: `race:${i}` }));
      const runs = new Map<number, string[]>();
      const runners = [
        createJobRunner({ db: db(), clock, workerId: 'a' }),
        createJobRunner({ db: second?.db ?? db(), clock, workerId: 'b' }),
      ];
      for (const [n, runner] of runners.entries()) {
        runner.register('test.echo', async (j) => {
          runs.set(j.payload.i, [...(runs.get(j.payload.i) ?? []), n === 0 ? 'a' : 'b']);
          await new Promise((r) => setTimeout(r, Math.random() * 2));
        });
      }
      const drain = async (runner: (typeof runners)[number]) => {
        let total = 0;
        for (let ran = -1; ran !== 0; total += ran) ran = await runner.runDue(7);
        return total;
      };
      const [byA, byB] = await Promise.all(runners.map(drain));
      expect(byA! + byB!).toBe(200);
      expect([...runs.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i));
      expect([...runs.values()].filter((r) => r.length !== 1)).toEqual([]);
      if (testEngine === 'postgres') expect(Math.min(byA!, byB!)).toBeGreaterThan(0);
      expect(new Set((await rows()).map((r) => r.state))).toEqual(new Set(['done']));
    } finally {
      await second?.close();
    }
  });
});
