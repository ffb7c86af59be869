import { timingSafeEqual, createHash } from 'node:crypto';
import { and, count, eq, inArray, lte, min, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../core/clock';
import type { Db } from '../db/client';
import { jobs, outboundEmails, webhookDeliveries } from '../db/schema';
import { problem } from './problem';

export const METRICS_PATH = '/metrics';

/** The route label of a request no route matched (404s): never the raw path, which may hold ids or tokens. */
export const UNMATCHED_ROUTE = '(unmatched)';

const WEBHOOK_STATUSES = ['pending', 'failed'] as const;
const EMAIL_STATUSES = ['queued', 'held', 'failed'] as const;

/**
 * GET /metrics in the Prometheus text format. Each app has its own registry (never
 * prom-client's global one), so several apps in one process (tests) do not collide.
 * Queue gauges are read from the database at scrape time, across all organisations:
 * this is the operator's view, not a tenant's.
 */
export function registerMetrics(app: FastifyInstance, deps: { db: Db; clock: Clock; token?: string | null }) {
  const { db, clock } = deps;
  const registry = new Registry();
  // Process metrics start at the first scrape: an app nobody scrapes (most tests) sets up no
  // GC observer or event-loop monitor.
  let defaultMetricsOn = false;

  const httpDuration = new Histogram({
    name: 'offerline_http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  app.addHook('onResponse', async (req, reply) => {
    httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? UNMATCHED_ROUTE, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // One grouped query of the jobs table per scrape, shared by the job gauges: prom-client
  // collects all metrics at once, so the first collect() starts it and the others join it.
  let pendingJobStats: Promise<JobStats> | null = null;
  const jobStats = () => {
    pendingJobStats ??= readJobStats(db, clock.now()).finally(() => {
      pendingJobStats = null;
    });
    return pendingJobStats;
  };
  const jobGauge = (name: string, help: string, value: (s: JobStats[string]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['kind'] as const,
      registers: [registry],
      async collect() {
        const stats = await jobStats();
        this.reset();
        for (const [kind, s] of Object.entries(stats)) this.set({ kind }, value(s));
      },
    });
  jobGauge('offerline_jobs_due', 'Queued jobs whose run time has come (the backlog no worker has claimed yet), by kind.', (s) => s.due);
  jobGauge('offerline_jobs_queued', 'Jobs waiting in the queue, due now or later, by kind.', (s) => s.queued);
  jobGauge('offerline_jobs_running', 'Jobs leased to a worker right now, by kind.', (s) => s.running);
  jobGauge('offerline_jobs_failed', 'Jobs that gave up after their last attempt (state failed), by kind.', (s) => s.failed);
  jobGauge('offerline_jobs_oldest_due_age_seconds', 'Seconds since the oldest due queued job of each kind became due (0 when none is due).', (s) => s.oldestDueAgeSeconds);

  new Gauge({
    name: 'offerline_webhook_deliveries',
    help: 'Webhook deliveries still to be made (pending) and given up on (failed).',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .select({ status: webhookDeliveries.status, total: count() })
        .from(webhookDeliveries)
        .where(inArray(webhookDeliveries.status, [...WEBHOOK_STATUSES]))
        .groupBy(webhookDeliveries.status);
      for (const status of WEBHOOK_STATUSES) this.set({ status }, rows.find((r) => r.status === status)?.total ?? 0);
    },
  });
  new Gauge({
    name: 'offerline_webhook_oldest_pending_age_seconds',
    help: 'Seconds since the oldest pending webhook delivery was due (0 when none is due).',
    registers: [registry],
    async collect() {
      const now = clock.now();
      const [row] = await db
        .select({ oldest: min(webhookDeliveries.nextAttemptAt) })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)));
      const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
      this.set(oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000));
    },
  });

  new Gauge({
    name: 'offerline_outbound_emails',
    help: 'Outbound e-mail waiting to be sent (queued), kept because no SMTP server is configured (held), or given up on (failed).',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .select({ status: outboundEmails.status, total: count() })
        .from(outboundEmails)
        .where(inArray(outboundEmails.status, [...EMAIL_STATUSES]))
        .groupBy(outboundEmails.status);
      for (const status of EMAIL_STATUSES) this.set({ status }, rows.find((r) => r.status === status)?.total ?? 0);
    },
  });

  const expected = deps.token ? digest(`Bearer ${deps.token}`) : null;
  app.get(METRICS_PATH, { schema: { hide: true } }, async (req, reply) => {
    if (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .type('application/problem+json')
        .send(problem(401, 'unauthenticated', 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.'));
    }
    if (!defaultMetricsOn) {
      collectDefaultMetrics({ register: registry, prefix: 'offerline_' });
      defaultMetricsOn = true;
    }
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });

  return registry;
}

type JobStats = Record<string, { due: number; queued: number; running: number; failed: number; oldestDueAgeSeconds: number }>;

/** Jobs by kind and state, across all organisations; `now` is the app clock, as the workers use it. */
async function readJobStats(db: Db, now: Date): Promise<JobStats> {
  const rows = await db
    .select({
      kind: jobs.kind,
      state: jobs.state,
      total: count(),
      due: sql<number>`count(*) filter (where ${jobs.runAt} <= ${now})`.mapWith(Number),
      oldestDue: sql<Date | string | null>`min(${jobs.runAt}) filter (where ${jobs.runAt} <= ${now})`,
    })
    .from(jobs)
    .where(inArray(jobs.state, ['queued', 'running', 'failed']))
    .groupBy(jobs.kind, jobs.state);
  const stats: JobStats = {};
  for (const r of rows) {
    const s = (stats[r.kind] ??= { due: 0, queued: 0, running: 0, failed: 0, oldestDueAgeSeconds: 0 });
    if (r.state === 'queued') {
      s.queued = r.total;
      s.due = r.due;
      if (r.oldestDue) s.oldestDueAgeSeconds = Math.max(0, (now.getTime() - new Date(r.oldestDue).getTime()) / 1000);
    } else if (r.state === 'running') s.running = r.total;
    else s.failed = r.total;
  }
  return stats;
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
