import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../../core/clock';
import type { JournalLink } from '../../core/journal';
import type { Db } from '../../db/client';
import { enqueueJob } from '../../jobs/queue';
import type { JobHandler, JobLogger } from '../../jobs/worker';
import { notifyUser } from '../../notify/notifications.service';
import { customCarryingTypes, eventsForJournalEntry, optInEventTypes } from './event-types';
import { offerCustomData, type OfferCustomData } from './offer-custom';
import * as repo from './webhooks.repo';

/**
 * Outbound webhooks on the job queue. An event is written in the transaction of the change
 * that raised it, with one pending delivery per subscribed active endpoint and a job to send it;
 * the HTTP request is made by the job, after commit, never inside a transaction.
 */
export const WEBHOOK_DELIVER = 'webhook.deliver';
export const WEBHOOK_REPLAY = 'webhook.replay';

/** Wait before each attempt: the first at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts, about 28 h). */
export const WEBHOOK_RETRY_SCHEDULE_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const;
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_SCHEDULE_MS.length;
/** An attempt that has no answer after this long failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** While one worker sends a delivery no other takes it; longer than the timeout. */
const CLAIM_MS = 60_000;
/** After a rotation the previous secret keeps signing this long. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;
const RESPONSE_BODY_LIMIT = 2_000;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function newEventId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

export interface NewWebhookEvent {
  orgId: string;
  /** Null for events not about one offer. */
  offerId: string | null;
  type: string;
  /** The event's `data`; whatever is here reaches every subscriber of the type. */
  payload: Record<string, unknown>;
  now: Date;
}

/**
 * Records one event and fans it out to the organisation's active endpoints subscribed to its
 * type, inside the caller's transaction (which should hold the offer's row lock, as writeOffer
 * does, so per-offer order is the commit order). Without a subscriber nothing is stored.
 * Returns the event id (null when nobody subscribes).
 */
export async function emitWebhookEvent(tx: Db, e: NewWebhookEvent): Promise<string | null> {
  const endpoints = (await repo.activeEndpoints(tx, e.orgId)).filter((ep) => subscribes(ep, e.type));
  return endpoints.length ? insertEventFor(tx, e, endpoints) : null;
}

/** The journal's hook: the webhook events raised by entries just written (see event-types.ts). */
export async function emitJournalWebhooks(tx: Db, orgId: string, links: JournalLink[]): Promise<void> {
  const drafts = links.flatMap((l) => eventsForJournalEntry(l).map((d) => ({ ...d, offerId: l.offerId, now: new Date(l.at) })));
  if (!drafts.length) return;
  const endpoints = await repo.activeEndpoints(tx, orgId);
  if (!endpoints.length) return;
  // Read once per offer and only when someone subscribes: a change raises several events of one offer.
  const customOf = new Map<string, Promise<OfferCustomData | null>>();
  for (const d of drafts) {
    const subscribed = endpoints.filter((ep) => subscribes(ep, d.type));
    if (!subscribed.length) continue;
    let payload = d.data;
    if (customCarryingTypes.has(d.type) && d.offerId) {
      if (!customOf.has(d.offerId)) customOf.set(d.offerId, offerCustomData(tx, orgId, d.offerId));
      const extra = await customOf.get(d.offerId)!;
      if (extra) payload = { ...payload, version: extra.version, custom: extra.custom };
    }
    await insertEventFor(tx, { orgId, offerId: d.offerId, type: d.type, payload, now: d.now }, subscribed);
  }
}

function subscribes(ep: repo.EndpointRow, type: string): boolean {
  const types = (ep.eventTypes ?? []) as string[];
  return types.includes(type) || (types.includes('*') && !optInEventTypes.has(type));
}

/**
 * For the handoff: sends the frozen handoff record as `handoff.record` to the endpoints that
 * subscribe to it by name, in the caller's (handoff) transaction. The offer's `offer.handed_off`
 * (no pay) is raised by the lifecycle move itself.
 */
export function handoffRecordEmitter(clock: Clock) {
  return (tx: Db, e: { orgId: string; offerId: string; record: object }): Promise<unknown> =>
    emitWebhookEvent(tx, { orgId: e.orgId, offerId: e.offerId, type: 'handoff.record', payload: { offerId: e.offerId, occurredAt: clock.now().toISOString(), record: e.record }, now: clock.now() });
}

async function insertEventFor(tx: Db, e: NewWebhookEvent, endpoints: repo.EndpointRow[]): Promise<string> {
  const id = newEventId();
  const offerSeq = e.offerId ? await repo.nextOfferSeq(tx, e.offerId) : 0;
  await repo.insertEvent(tx, { id, orgId: e.orgId, offerId: e.offerId, offerSeq, type: e.type, payload: e.payload, createdAt: e.now });
  const deliveries = endpoints.map((ep) => ({ id: randomUUID(), orgId: e.orgId, endpointId: ep.id, eventId: id, offerId: e.offerId, offerSeq, status: 'pending', attempts: 0, nextAttemptAt: e.now, createdAt: e.now }));
  await repo.insertDeliveries(tx, deliveries);
  for (const d of deliveries) await scheduleAttempt(tx, d.orgId, d.id, e.now, 'a0');
  return id;
}

/** Queues a job that tries the delivery at `runAt`; `key` makes a second request for the same reason a no-op. */
export async function scheduleAttempt(tx: Db, orgId: string, deliveryId: string, runAt: Date, key: string): Promise<void> {
  await enqueueJob(tx, { kind: WEBHOOK_DELIVER, orgId, payload: { deliveryId }, runAt, dedupeKey: `webhook:${deliveryId}:${key}`, maxAttempts: 3 });
}

/** The body subscribers receive: Standard Webhooks' {type, timestamp, data}. */
export function webhookBody(event: repo.EventRow): string {
  return JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.payload });
}

/** The signature header: v1 signatures by the current secret and, while it overlaps, the previous one. */
export function signatureHeader(ep: Pick<repo.EndpointRow, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>, msgId: string, at: Date, body: string): string {
  const secrets = [ep.secret];
  if (ep.previousSecret && ep.previousSecretExpiresAt && ep.previousSecretExpiresAt > at) secrets.push(ep.previousSecret);
  return secrets.map((s) => new Webhook(s).sign(msgId, at, body)).join(' ');
}

interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseBody: string | null;
}

async function send(ep: repo.EndpointRow, event: repo.EventRow, now: Date, timeoutMs: number): Promise<AttemptResult> {
  const body = webhookBody(event);
  const started = performance.now();
  try {
    const res = await fetch(ep.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Offerline-Webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signatureHeader(ep, event.id, now, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await res.text().catch(() => '')).slice(0, RESPONSE_BODY_LIMIT);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `The endpoint answered ${res.status}.`, durationMs: Math.round(performance.now() - started), responseBody: text || null };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    const error = timedOut ? `No answer within ${timeoutMs / 1000} s.` : `${err instanceof Error ? err.message : String(err)}${cause}`;
    return { ok: false, statusCode: null, error: error.slice(0, RESPONSE_BODY_LIMIT), durationMs: Math.round(performance.now() - started), responseBody: null };
  }
}

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  logger?: JobLogger;
  /** Tests shorten it; 10 s otherwise. */
  timeoutMs?: number;
}

/** The 'webhook.deliver' job: one scheduled attempt of a delivery, in order per endpoint and offer. */
export function webhookDeliveryHandler({ db, clock, logger, timeoutMs = WEBHOOK_TIMEOUT_MS }: DeliveryDeps): JobHandler {
  return async (job) => {
    const deliveryId = String(job.payload?.deliveryId ?? '');
    const delivery = await repo.findDelivery(db, deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    const endpoint = await repo.findEndpointById(db, delivery.endpointId);
    // A disabled endpoint keeps its pending deliveries; enabling it queues them again.
    if (!endpoint || endpoint.status !== 'active') return;
    // An earlier event of the same offer is still on its way: this one goes when it is done.
    if (await repo.earlierPending(db, delivery)) return;
    const now = clock.now();
    if (!(await repo.claimDelivery(db, delivery.id, now, CLAIM_MS))) return;
    const event = await repo.findEvent(db, delivery.eventId);
    if (!event) return;
    const result = await send(endpoint, event, now, timeoutMs);
    const attempts = delivery.attempts + 1;
    const done = clock.now();
    await db.transaction(async (tx) => {
      await repo.insertAttempt(tx, { id: randomUUID(), orgId: delivery.orgId, deliveryId: delivery.id, attemptedAt: now, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs, responseBody: result.responseBody });
      if (result.ok) {
        await repo.updateDelivery(tx, delivery.id, { status: 'delivered', attempts, nextAttemptAt: null, deliveredAt: done, lastStatusCode: result.statusCode, lastError: null });
        await repo.updateEndpoint(tx, endpoint.orgId, endpoint.id, { consecutiveFailures: 0 });
        await releaseNext(tx, delivery, done);
        return;
      }
      await repo.updateEndpoint(tx, endpoint.orgId, endpoint.id, { consecutiveFailures: endpoint.consecutiveFailures + 1 });
      if (attempts >= WEBHOOK_MAX_ATTEMPTS) {
        await repo.updateDelivery(tx, delivery.id, { status: 'failed', attempts, nextAttemptAt: null, lastStatusCode: result.statusCode, lastError: result.error });
        await disableEndpoint(tx, endpoint, event, done);
        await releaseNext(tx, delivery, done);
        logger?.warn({ deliveryId: delivery.id, endpointId: endpoint.id }, 'webhook delivery failed after its last attempt; endpoint disabled');
        return;
      }
      const next = new Date(done.getTime() + WEBHOOK_RETRY_SCHEDULE_MS[attempts]!);
      await repo.updateDelivery(tx, delivery.id, { attempts, nextAttemptAt: next, lastStatusCode: result.statusCode, lastError: result.error });
      await scheduleAttempt(tx, delivery.orgId, delivery.id, next, `a${attempts}`);
    });
  };
}

/** The next event of the same offer for this endpoint may go now. */
async function releaseNext(tx: Db, delivery: repo.DeliveryRow, now: Date): Promise<void> {
  const next = await repo.nextPending(tx, delivery);
  if (next) await scheduleAttempt(tx, next.orgId, next.id, now, `after:${delivery.id}`);
}

/** A delivery that failed its last attempt disables its endpoint, and every organisation admin is told. */
async function disableEndpoint(tx: Db, endpoint: repo.EndpointRow, event: repo.EventRow, now: Date): Promise<void> {
  const reason = `Delivery of event ${event.id} (${event.type}) failed ${WEBHOOK_MAX_ATTEMPTS} attempts.`;
  await repo.updateEndpoint(tx, endpoint.orgId, endpoint.id, { status: 'disabled', disabledReason: reason, updatedAt: now });
  for (const userId of await repo.orgAdminIds(tx, endpoint.orgId)) {
    await notifyUser(tx, {
      orgId: endpoint.orgId,
      userId,
      kind: 'webhook.endpoint_disabled',
      title: `Webhook endpoint disabled: ${endpoint.url}`,
      body: `${reason} No more events are sent to it until an admin enables it again; pending events wait and are sent then.`,
      now,
    });
  }
}

/** The 'webhook.replay' job: one more attempt of a delivered or failed delivery, with the same webhook-id. */
export function webhookReplayHandler({ db, clock, timeoutMs = WEBHOOK_TIMEOUT_MS }: DeliveryDeps): JobHandler {
  return async (job) => {
    const delivery = await repo.findDelivery(db, String(job.payload?.deliveryId ?? ''));
    if (!delivery) return;
    const endpoint = await repo.findEndpointById(db, delivery.endpointId);
    const event = await repo.findEvent(db, delivery.eventId);
    if (!endpoint || !event) return;
    const now = clock.now();
    const result = await send(endpoint, event, now, timeoutMs);
    await db.transaction(async (tx) => {
      await repo.insertAttempt(tx, { id: randomUUID(), orgId: delivery.orgId, deliveryId: delivery.id, attemptedAt: now, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs, responseBody: result.responseBody });
      const current = await repo.findDelivery(tx, delivery.id);
      await repo.updateDelivery(tx, delivery.id, {
        attempts: (current?.attempts ?? delivery.attempts) + 1,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        ...(result.ok ? { status: 'delivered', deliveredAt: clock.now() } : {}),
      });
    });
  };
}
