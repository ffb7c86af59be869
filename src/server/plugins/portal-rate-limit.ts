import type { FastifyInstance } from 'fastify';
import { lt, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock';
import { TooManyRequestsError } from '../../core/errors';
import type { Db } from '../../db/client';
import { rateLimits } from '../../db/schema';

/** A number of requests allowed in a fixed window of `windowSeconds`. */
export interface Limit {
  max: number;
  windowSeconds: number;
}

export interface PortalLimits {
  /** Every request to /api/v1/portal/* from one client IP. */
  perIp: Limit;
  /** Portal requests from one IP that found no live link (404); stricter, against guessing tokens. */
  failedLookupsPerIp: Limit;
  /** One-time signing codes e-mailed for one link. */
  codesPerLink: Limit;
}

export const defaultPortalLimits: PortalLimits = {
  perIp: { max: 120, windowSeconds: 600 },
  failedLookupsPerIp: { max: 20, windowSeconds: 600 },
  codesPerLink: { max: 5, windowSeconds: 3600 },
};

export function portalLimitsOf(overrides: Partial<PortalLimits> | undefined): PortalLimits {
  return { ...defaultPortalLimits, ...overrides };
}

/** Counters older than this are deleted when a new window starts: longer than any window. */
const KEEP_MS = 24 * 3600_000;

/**
 * Fixed-window counters in the database (rate_limits), so every server process counts the same
 * requests. One upsert per hit; the returned count says whether the caller is over the limit.
 */
export function createRateLimiter({ db, clock }: { db: Db; clock: Clock }) {
  const windowOf = (limit: Limit, now: Date) => {
    const ms = limit.windowSeconds * 1000;
    const start = Math.floor(now.getTime() / ms) * ms;
    return { start: new Date(start), retryAfterSeconds: Math.max(1, Math.ceil((start + ms - now.getTime()) / 1000)) };
  };

  /** Counts one request under `key`; over when the count passes the limit. */
  async function hit(key: string, limit: Limit): Promise<{ count: number; over: boolean; retryAfterSeconds: number }> {
    const now = clock.now();
    const w = windowOf(limit, now);
    const [row] = await db
      .insert(rateLimits)
      .values({ key, windowStart: w.start, count: 1 })
      .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
      .returning({ count: rateLimits.count });
    const count = row!.count;
    // A new window: the moment to drop old counters, of every key.
    if (count === 1) await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - KEEP_MS)));
    return { count, over: count > limit.max, retryAfterSeconds: w.retryAfterSeconds };
  }

  /** The count so far in the current window, without counting. */
  async function peek(key: string, limit: Limit): Promise<{ count: number; over: boolean; retryAfterSeconds: number }> {
    const w = windowOf(limit, clock.now());
    const rows = await db
      .select({ count: rateLimits.count })
      .from(rateLimits)
      .where(sql`${rateLimits.key} = ${key} and ${rateLimits.windowStart} = ${w.start}`);
    const count = rows[0]?.count ?? 0;
    return { count, over: count >= limit.max, retryAfterSeconds: w.retryAfterSeconds };
  }

  return { hit, peek };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

const PORTAL_PREFIX = '/api/v1/portal/';

/** The one answer to a client over either limit, whatever link it asked about. */
const tooMany = (retryAfterSeconds: number) =>
  new TooManyRequestsError('Too many requests for offer links from your network. Wait a few minutes, then open the link from your e-mail again.', retryAfterSeconds);

/**
 * Rate limits on the candidate portal, per client IP: all requests, and (stricter) requests that
 * found no live link. Once over either, every portal request from that IP gets the same 429, so
 * the answer never tells whether a guessed token exists.
 */
export function registerPortalRateLimit(app: FastifyInstance, { limiter, limits }: { limiter: RateLimiter; limits: PortalLimits }) {
  const isPortal = (url: string) => url.startsWith(PORTAL_PREFIX);

  app.addHook('onRequest', async (req) => {
    if (!isPortal(req.url)) return;
    const ip = req.ip ?? 'unknown';
    const failed = await limiter.peek(`portal:fail:${ip}`, limits.failedLookupsPerIp);
    if (failed.over) throw tooMany(failed.retryAfterSeconds);
    const all = await limiter.hit(`portal:ip:${ip}`, limits.perIp);
    if (all.over) throw tooMany(all.retryAfterSeconds);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode === 404 && isPortal(req.url)) await limiter.hit(`portal:fail:${req.ip ?? 'unknown'}`, limits.failedLookupsPerIp);
    return payload;
  });
}
