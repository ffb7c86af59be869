import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookEvents } from '../../../src/db/schema';
import { handoffRecordEmitter, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_SCHEDULE_MS } from '../../../src/flow/webhooks/delivery';
import { approvalsApi, flowPolicy } from '../../helpers/approvals';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { expectProblem } from '../../helpers/problem';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { startReceiver, verifiesWith } from './receiver';

let t: TestApp;
let fx: OrgFixture;
let offers: OfferApi;
let approvals: ReturnType<typeof approvalsApi>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ webhookTimeoutMs: 2_000 });
  fx = await createOrgFixture(t.database.db);
  await signInAll();
  approvals = approvalsApi(t.app);
  await approvals.savePolicy(cookies.admin!, flowPolicy);
  receiver = await startReceiver(t.clock);
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const admin = () => ({ cookie: cookies.admin!, ...csrfHeader });

async function createEndpoint(path: string, eventTypes: string[]) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks/endpoints', headers: admin(), payload: { url: receiver.url(path), description: `receiver ${path}`, eventTypes } });
  expect(res.statusCode, res.body).toBe(201);
  const ep = res.json() as { id: string; secret: string; status: string };
  receiver.setSecrets(path, [ep.secret]);
  return ep;
}

/** Runs queued jobs until none is due. */
async function drain() {
  for (let i = 0; i < 100; i++) if ((await t.app.jobs.runDue()) === 0) return;
  throw new Error('the queue did not drain');
}

/** Sessions end when idle; after the clock jumps everyone signs in again. */
async function signInAll() {
  for (const role of ['admin', 'recruiter', 'finance'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
  offers = offerApi(t.app, cookies.recruiter!, fx);
}

async function advance(ms: number) {
  t.clock.advance(ms);
  await drain();
  await signInAll();
}

/** An above-band offer: submitted to finance, approved by finance, then cancelled. */
async function offerThroughApproval(): Promise<string> {
  const draft = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 224_000_00 } });
  const submitted = await offers.submit(draft.id, draft.rowVersion);
  expect(submitted.statusCode, submitted.body).toBe(200);
  expect(submitted.json().status).toBe('comp_review');
  const decided = await approvals.approve(cookies.finance!, draft.id, 'finance');
  expect(decided.offer.status).toBe('drafting');
  const cancelled = await offers.event(draft.id, decided.offer.rowVersion, 'cancel', 'Role closed');
  expect(cancelled.statusCode, cancelled.body).toBe(200);
  return draft.id;
}

async function eventsOf(offerId: string) {
  return t.database.db.select().from(webhookEvents).where(eq(webhookEvents.offerId, offerId)).orderBy(asc(webhookEvents.offerSeq));
}

async function deliveryLog(endpointId: string) {
  const res = await t.app.inject({ url: `/api/v1/webhooks/endpoints/${endpointId}/deliveries?limit=200`, headers: { cookie: cookies.admin! } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; eventId: string; eventType: string; status: string; attempts: number; attemptLog: { statusCode: number | null }[] }[];
}

describe('outbound webhooks', () => {
  let main: { id: string; secret: string };

  it('publishes the event types and the retry schedule', async () => {
    const res = await t.app.inject({ url: '/api/v1/webhooks/event-types', headers: { cookie: cookies.recruiter! } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['offer.status_changed', 'approval.decided', 'offer.signed', 'offer.handed_off', 'offer.accepted']));
    expect(body.retryScheduleSeconds).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(body.maxAttempts).toBe(8);
  });

  it('with the receiver down for a while and then back, every event arrives signed, once, in order per offer', async () => {
    main = await createEndpoint('/main', ['*']);
    expect(main.secret).toMatch(/^whsec_/);
    receiver.answer('/main', 503);

    const offerA = await offerThroughApproval();
    const offerB = await offerThroughApproval();
    await drain();
    // Down: the first event of each offer was tried (and refused); the later ones wait behind it.
    const whileDown = receiver.requests.filter((r) => r.path === '/main');
    expect(whileDown.length).toBe(2);
    expect(new Set(whileDown.map((r) => r.parsed.type))).toEqual(new Set(['offer.created']));

    // Through the backoff: 5 s, 5 min, 30 min still down (and one connection reset), then back.
    await advance(WEBHOOK_RETRY_SCHEDULE_MS[1]);
    await advance(WEBHOOK_RETRY_SCHEDULE_MS[2]);
    receiver.answer('/main', 'reset');
    await advance(WEBHOOK_RETRY_SCHEDULE_MS[3]);
    receiver.answer('/main', 200);
    await advance(WEBHOOK_RETRY_SCHEDULE_MS[4]);

    expect(receiver.verifyFailures).toEqual([]);
    expect(receiver.duplicates).toEqual([]);
    for (const offerId of [offerA, offerB]) {
      const stored = await eventsOf(offerId);
      expect(stored.map((e) => e.type)).toEqual([
        'offer.created',
        'offer.status_changed',
        'approval.decided',
        'offer.status_changed',
        'offer.status_changed',
        'offer.cancelled',
      ]);
      const arrived = receiver.accepted.filter((r) => r.path === '/main' && r.parsed.data.offerId === offerId);
      // Every event, in per-offer order, none twice.
      expect(arrived.map((r) => r.id)).toEqual(stored.map((e) => e.id));
      expect(arrived[1]!.parsed.data).toMatchObject({ offerId, event: 'submit', from: 'draft', to: 'comp_review' });
      expect(arrived[2]!.parsed.data).toMatchObject({ offerId, decision: 'approve', stage: 'comp', step: 'finance', approverId: fx.users.finance.id, version: 1 });
      expect(arrived[5]!.parsed).toMatchObject({ type: 'offer.cancelled', data: { offerId, from: 'drafting', status: 'cancelled' } });
    }
    // Nothing about pay, and no approver comment, leaves in a webhook.
    for (const r of receiver.accepted) expect(r.body).not.toMatch(/224000|baseSalary|compensation|Looks right|Role closed/);

    const log = await deliveryLog(main.id);
    expect(log).toHaveLength(12);
    expect(log.every((d) => d.status === 'delivered')).toBe(true);
    const first = log.find((d) => d.eventType === 'offer.created')!;
    expect(first.attempts).toBe(5);
    expect(first.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 503, null, 200]);
  });

  it('after a secret rotation both secrets verify for 24 hours, then only the new one', async () => {
    const rotated = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/endpoints/${main.id}/rotate-secret`, headers: admin() });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret: newSecret, previousSecretExpiresAt } = rotated.json();
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(main.secret);
    expect(previousSecretExpiresAt).not.toBeNull();
    // The secret is shown on create and rotate only.
    const read = await t.app.inject({ url: `/api/v1/webhooks/endpoints/${main.id}`, headers: { cookie: cookies.admin! } });
    expect(read.json()).not.toHaveProperty('secret');
    receiver.setSecrets('/main', [newSecret]);

    const before = receiver.accepted.length;
    await offers.createDraft();
    await drain();
    const during = receiver.accepted.slice(before);
    expect(during).toHaveLength(1);
    const msg = during[0]!;
    expect(msg.signature.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': msg.id, 'webhook-timestamp': msg.timestamp, 'webhook-signature': msg.signature };
    expect(verifiesWith(t.clock, newSecret, msg.body, headers)).toBe(true);
    expect(verifiesWith(t.clock, main.secret, msg.body, headers)).toBe(true);
    for (const single of msg.signature.split(' ')) {
      const oneSig = { ...headers, 'webhook-signature': single };
      expect([verifiesWith(t.clock, newSecret, msg.body, oneSig), verifiesWith(t.clock, main.secret, msg.body, oneSig)].filter(Boolean)).toHaveLength(1);
    }

    await advance(24 * 3_600_000 + 1_000);
    await offers.createDraft();
    await drain();
    const after = receiver.accepted.at(-1)!;
    expect(after.signature.split(' ')).toHaveLength(1);
    const afterHeaders = { 'webhook-id': after.id, 'webhook-timestamp': after.timestamp, 'webhook-signature': after.signature };
    expect(verifiesWith(t.clock, newSecret, after.body, afterHeaders)).toBe(true);
    expect(verifiesWith(t.clock, main.secret, after.body, afterHeaders)).toBe(false);
    expect(receiver.verifyFailures).toEqual([]);
  });

  it('replays a delivered delivery with the same webhook-id as a new attempt in the log', async () => {
    const delivered = (await deliveryLog(main.id)).find((d) => d.status === 'delivered')!;
    receiver.forget('/main', delivered.eventId);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/deliveries/${delivered.id}/replay`, headers: admin() });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ deliveryId: delivered.id, queued: true });
    await drain();
    expect(receiver.accepted.at(-1)!.id).toBe(delivered.eventId);
    const again = (await deliveryLog(main.id)).find((d) => d.id === delivered.id)!;
    expect(again.attempts).toBe(delivered.attempts + 1);
    expect(again.attemptLog).toHaveLength(delivered.attemptLog.length + 1);
    expect(again.attemptLog.at(-1)!.statusCode).toBe(200);
    expect(receiver.verifyFailures).toEqual([]);

    // A pending delivery is not replayed; another organisation's delivery is not found.
    const missing = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/deliveries/00000000-0000-4000-8000-000000000000/replay`, headers: admin() });
    expectProblem(missing, 404);
  });

  it('disables an endpoint whose delivery fails every attempt, tells the admins, and sends what waited once enabled', async () => {
    const down = await createEndpoint('/down', ['offer.created', 'offer.status_changed']);
    receiver.answer('/down', 503);
    const draft = await offers.createDraft();
    await offers.submit(draft.id, draft.rowVersion);
    await drain();
    for (let i = 1; i < WEBHOOK_MAX_ATTEMPTS; i++) await advance(WEBHOOK_RETRY_SCHEDULE_MS[i]!);

    const read = await t.app.inject({ url: `/api/v1/webhooks/endpoints/${down.id}`, headers: { cookie: cookies.admin! } });
    expect(read.json()).toMatchObject({ status: 'disabled', disabledReason: expect.stringContaining('failed 8 attempts'), consecutiveFailures: 8 });
    const log = await deliveryLog(down.id);
    const created = log.find((d) => d.eventType === 'offer.created')!;
    expect(created).toMatchObject({ status: 'failed', attempts: 8 });
    // The submit event waited behind it and was never sent.
    expect(log.find((d) => d.eventType === 'offer.status_changed')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(receiver.requests.filter((r) => r.path === '/down')).toHaveLength(8);

    const inbox = await t.app.inject({ url: '/api/v1/notifications', headers: { cookie: cookies.admin! } });
    expect(inbox.json().items.map((n: { kind: string; title: string }) => `${n.kind} ${n.title}`)).toContain(`webhook.endpoint_disabled Webhook endpoint disabled: ${receiver.url('/down')}`);

    // Disabled: new events are not queued for it.
    await offers.createDraft();
    await drain();
    expect(receiver.requests.filter((r) => r.path === '/down')).toHaveLength(8);
    expect(await deliveryLog(down.id)).toHaveLength(2);

    receiver.answer('/down', 200);
    const enabled = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/endpoints/${down.id}/enable`, headers: admin() });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.json()).toMatchObject({ status: 'active', disabledReason: null, consecutiveFailures: 0 });
    await drain();
    expect((await deliveryLog(down.id)).map((d) => d.status).sort()).toEqual(['delivered', 'failed']);

    // The failed one can be replayed now.
    const failedId = (await deliveryLog(down.id)).find((d) => d.status === 'failed')!.id;
    const replay = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/deliveries/${failedId}/replay`, headers: admin() });
    expect(replay.statusCode, replay.body).toBe(202);
    await drain();
    expect((await deliveryLog(down.id)).map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expect(receiver.duplicates).toEqual([]);
  });

  it('sends the handoff record (with pay) only to endpoints that name handoff.record, never through "*"', async () => {
    const hris = await createEndpoint('/hris', ['handoff.record']);
    const draft = await offers.createDraft();
    const emit = handoffRecordEmitter(t.clock);
    await t.database.db.transaction((tx) => emit(tx, { orgId: fx.orgId, offerId: draft.id, record: { title: 'Backend Engineer', baseSalaryCents: 180_000_00 } }));
    await drain();
    const got = receiver.accepted.filter((r) => r.path === '/hris');
    expect(got.map((r) => r.parsed.type)).toEqual(['handoff.record']);
    expect(got[0]!.parsed.data).toMatchObject({ offerId: draft.id, record: { baseSalaryCents: 180_000_00 } });
    expect(receiver.accepted.filter((r) => r.path === '/main' && r.parsed.type === 'handoff.record')).toEqual([]);
    expect((await deliveryLog(hris.id)).map((d) => d.status)).toEqual(['delivered']);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/endpoints/${hris.id}`, headers: admin() });
  });

  it('refuses bad subscriptions with 422 naming the field', async () => {
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/webhooks/endpoints', headers: admin(), payload });
    expectProblem(await post({ url: 'ftp://example.com/hook', eventTypes: ['*'] }), 422, { fields: ['url'] });
    expectProblem(await post({ url: 'http://example.com/hook', eventTypes: ['*'] }), 422, { fields: ['url'] });
    expectProblem(await post({ url: 'not a url', eventTypes: ['*'] }), 422, { fields: ['url'] });
    expectProblem(await post({ url: 'https://example.com/hook', eventTypes: ['offer.created', 'offer.nope'] }), 422, { fields: ['eventTypes.1'] });
    expectProblem(await post({ url: 'https://example.com/hook', eventTypes: [] }), 422, { fields: ['eventTypes'] });
    const ok = await post({ url: 'https://example.com/hook', eventTypes: ['approval.decided'] });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().id;
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/endpoints/${id}`, headers: admin(), payload: { url: 'http://intranet.example/hook' } });
    expectProblem(patch, 422, { fields: ['url'] });
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/endpoints/${id}`, headers: admin(), payload: { eventTypes: ['offer.accepted', 'offer.signed'], description: 'HRIS' } });
    expect(patched.json()).toMatchObject({ eventTypes: ['offer.accepted', 'offer.signed'], description: 'HRIS' });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/endpoints/${id}`, headers: admin() });
    expect(del.statusCode).toBe(204);
    expectProblem(await t.app.inject({ url: `/api/v1/webhooks/endpoints/${id}`, headers: { cookie: cookies.admin! } }), 404);
  });

  it('is for organisation admins only', async () => {
    const recruiter = { cookie: cookies.recruiter!, ...csrfHeader };
    expectProblem(await t.app.inject({ url: '/api/v1/webhooks/endpoints', headers: recruiter }), 403);
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/webhooks/endpoints', headers: recruiter, payload: { url: 'https://example.com/x', eventTypes: ['*'] } }), 403);
    expectProblem(await t.app.inject({ url: `/api/v1/webhooks/endpoints/${main.id}`, headers: recruiter }), 403);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/endpoints/${main.id}/rotate-secret`, headers: recruiter }), 403);
    expectProblem(await t.app.inject({ url: `/api/v1/webhooks/endpoints/${main.id}/deliveries`, headers: recruiter }), 403);
    const delivery = (await deliveryLog(main.id))[0]!;
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/deliveries/${delivery.id}/replay`, headers: recruiter }), 403);
    const rows = await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, main.id));
    expect(rows.length).toBeGreaterThan(0);
  });
});
