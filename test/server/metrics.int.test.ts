import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, outboundEmails, webhookDeliveries, webhookEndpoints, webhookEvents } from '../../src/db/schema';
import { createOrgFixture, signIn, type OrgFixture } from '../helpers/factories';
import { offerApi } from '../helpers/offer-api';
import { expectProblem } from '../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app';

/** The value of one series (exact name and labels) in a Prometheus text exposition. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let t: TestApp;
let fx: OrgFixture;
let recruiter: string;
let offerId: string;
const portalToken = `ocl_${'x'.repeat(32)}`;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createOrgFixture(t.database.db);
  recruiter = await signIn(t.app, fx.users.recruiter.email);
  const api = offerApi(t.app, recruiter, fx);
  offerId = (await api.createDraft()).id;
  expect((await api.get(offerId)).statusCode).toBe(200);
  expect((await api.get(offerId)).statusCode).toBe(200);
  expect((await t.app.inject({ url: `/api/v1/offers/${randomUUID()}`, headers: { cookie: recruiter } })).statusCode).toBe(404);
  await t.app.inject({ url: `/api/v1/portal/${portalToken}` });
  await t.app.inject({ url: `/nothing/here/${randomUUID()}` });

  const db = t.database.db;
  const minute = 60_000;
  // Two e-mail deliveries due (the older 10 minutes ago), one not yet due.
  await db.insert(jobs).values([
    { kind: 'email.deliver', payload: {}, runAt: new Date(TEST_NOW.getTime() - 10 * minute), state: 'queued' },
    { kind: 'email.deliver', payload: {}, runAt: new Date(TEST_NOW.getTime() - 1 * minute), state: 'queued' },
    { kind: 'email.deliver', payload: {}, runAt: new Date(TEST_NOW.getTime() + 60 * minute), state: 'queued' },
    { kind: 'offer.expire', payload: {}, runAt: TEST_NOW, state: 'failed' },
  ]);
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({ id: randomUUID(), orgId: fx.orgId, url: 'https://hooks.example.test/x', eventTypes: ['*'], secret: 'whsec_test', updatedAt: TEST_NOW })
    .returning();
  const events = ['evt_1', 'evt_2', 'evt_3'].map((id) => ({ id: `${id}_${randomUUID()}`, orgId: fx.orgId, type: 'offer.created', payload: {}, createdAt: TEST_NOW }));
  await db.insert(webhookEvents).values(events);
  await db.insert(webhookDeliveries).values([
    { id: randomUUID(), orgId: fx.orgId, endpointId: endpoint!.id, eventId: events[0]!.id, status: 'pending', nextAttemptAt: new Date(TEST_NOW.getTime() - 2 * minute) },
    { id: randomUUID(), orgId: fx.orgId, endpointId: endpoint!.id, eventId: events[1]!.id, status: 'pending', nextAttemptAt: TEST_NOW },
    { id: randomUUID(), orgId: fx.orgId, endpointId: endpoint!.id, eventId: events[2]!.id, status: 'failed' },
  ]);
  const email = (status: string) => ({ id: randomUUID(), orgId: fx.orgId, toAddress: 'a@b.test', subject: 's', textBody: 't', status });
  await db.insert(outboundEmails).values([email('queued'), email('held'), email('held'), email('failed'), email('sent')]);
});
afterAll(() => t.close());

describe('GET /metrics', () => {
  it('holds the named series with values that match the requests and the queues', async () => {
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;

    // HTTP latency by route pattern: two GETs of one offer, and the 404 of another under the same pattern.
    expect(text).toContain('# TYPE offerline_http_request_duration_seconds histogram');
    expect(sample(text, 'offerline_http_request_duration_seconds_count{method="GET",route="/api/v1/offers/:id",status_code="200"}')).toBe(2);
    expect(sample(text, 'offerline_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/v1/offers/:id",status_code="200"}')).toBe(2);
    expect(sample(text, 'offerline_http_request_duration_seconds_count{method="GET",route="/api/v1/offers/:id",status_code="404"}')).toBe(1);
    expect(sample(text, 'offerline_http_request_duration_seconds_count{method="POST",route="/api/v1/offers",status_code="201"}')).toBe(1);
    expect(text).toMatch(/offerline_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/portal\/:token",status_code="\d+"\} 1/);
    expect(text).toMatch(/offerline_http_request_duration_seconds_count\{method="GET",route="\(unmatched\)",status_code="404"\} 1/);

    // Job queue depth and age.
    expect(sample(text, 'offerline_jobs_due{kind="email.deliver"}')).toBe(2);
    expect(sample(text, 'offerline_jobs_queued{kind="email.deliver"}')).toBe(3);
    expect(sample(text, 'offerline_jobs_oldest_due_age_seconds{kind="email.deliver"}')).toBe(600);
    expect(sample(text, 'offerline_jobs_failed{kind="offer.expire"}')).toBe(1);
    expect(sample(text, 'offerline_jobs_due{kind="offer.expire"}')).toBe(0);

    // Webhook deliveries and outbound e-mail.
    expect(sample(text, 'offerline_webhook_deliveries{status="pending"}')).toBe(2);
    expect(sample(text, 'offerline_webhook_deliveries{status="failed"}')).toBe(1);
    expect(sample(text, 'offerline_webhook_oldest_pending_age_seconds')).toBe(120);
    expect(sample(text, 'offerline_outbound_emails{status="queued"}')).toBe(1);
    expect(sample(text, 'offerline_outbound_emails{status="held"}')).toBe(2);
    expect(sample(text, 'offerline_outbound_emails{status="failed"}')).toBe(1);

    // Process default metrics.
    expect(text).toContain('offerline_process_cpu_user_seconds_total');
    expect(text).toContain('offerline_nodejs_eventloop_lag_seconds');
  });

  it('never puts a raw id or token in a label', async () => {
    const text = (await t.app.inject({ url: '/metrics' })).body;
    expect(text).not.toContain(offerId);
    expect(text).not.toContain(portalToken);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(text).not.toContain('/nothing/here');
  });

  it('a scrape reflects the queue as it is now', async () => {
    await t.database.db.insert(jobs).values({ kind: 'email.deliver', payload: {}, runAt: TEST_NOW, state: 'queued' });
    const text = (await t.app.inject({ url: '/metrics' })).body;
    expect(sample(text, 'offerline_jobs_due{kind="email.deliver"}')).toBe(3);
  });
});

describe('METRICS_TOKEN', () => {
  let guarded: TestApp;
  beforeAll(async () => {
    guarded = await createTestApp({ metricsToken: 'scrape-secret' });
  });
  afterAll(() => guarded.close());

  it('requires Authorization: Bearer <token> when set', async () => {
    expectProblem(await guarded.app.inject({ url: '/metrics' }), 401, { code: 'unauthenticated' });
    const wrong = await guarded.app.inject({ url: '/metrics', headers: { authorization: 'Bearer nope' } });
    expectProblem(wrong, 401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer/);
    const ok = await guarded.app.inject({ url: '/metrics', headers: { authorization: 'Bearer scrape-secret' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('offerline_http_request_duration_seconds');
  });

  it('two apps in one process keep separate registries', async () => {
    await guarded.app.inject({ url: '/api/health' });
    const own = (await guarded.app.inject({ url: '/metrics', headers: { authorization: 'Bearer scrape-secret' } })).body;
    expect(own).not.toContain('route="/api/v1/offers/:id"');
    expect(own).toMatch(/offerline_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status_code="200"\} 1/);
  });
});

describe('GET /api/ready', () => {
  it('answers 200 when the database answers and is migrated; /api/health stays a liveness check', async () => {
    const ready = await t.app.inject({ url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ready: true });
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });

  it('answers the request id on problem responses', async () => {
    const res = await t.app.inject({ url: `/api/v1/offers/${randomUUID()}`, headers: { cookie: recruiter } });
    expectProblem(res, 404);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the request id on answers the router gives before any hook runs', async () => {
    const res = await t.app.inject({ url: '/api/v1/offers/%E0%A4%A' });
    expectProblem(res, 400);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 503 problem+json when migrations are missing', async () => {
    const behind = await createTestApp();
    try {
      await behind.database.exec('delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)');
      const res = await behind.app.inject({ url: '/api/ready' });
      expect(expectProblem(res, 503, { code: 'not_ready' }).detail).toMatch(/migrations/);
    } finally {
      await behind.close();
    }
  });

  it('answers 503 problem+json when the database does not answer', async () => {
    const closed = await createTestApp();
    try {
      await closed.app.ready();
      const { database } = closed;
      const original = database.db.execute.bind(database.db);
      database.db.execute = (() => Promise.reject(new Error('connection refused'))) as unknown as typeof database.db.execute;
      const res = await closed.app.inject({ url: '/api/ready' });
      expect(expectProblem(res, 503, { code: 'not_ready' }).detail).toMatch(/does not answer/);
      expect(res.headers['retry-after']).toBe('5');
      database.db.execute = original;
    } finally {
      await closed.close();
    }
  });
});
