import { randomUUID } from 'node:crypto';
import { holdsOrgWide, type Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../core/errors';
import type { Db } from '../../db/client';
import { enqueueJob } from '../../jobs/queue';
import { newWebhookSecret, scheduleAttempt, SECRET_OVERLAP_MS, WEBHOOK_REPLAY } from './delivery';
import { webhookEventTypeNames } from './event-types';
import * as repo from './webhooks.repo';

export interface EndpointInput {
  url: string;
  description?: string;
  eventTypes: string[];
}

export interface EndpointDto {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  status: 'active' | 'disabled';
  disabledReason: string | null;
  consecutiveFailures: number;
  /** Until when the previous secret still signs (after a rotation); null otherwise. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AttemptDto {
  attemptedAt: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseBody: string | null;
}

export interface DeliveryDto {
  id: string;
  eventId: string;
  eventType: string;
  offerId: string | null;
  offerSeq: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  payload: unknown;
  attemptLog: AttemptDto[];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The url rule: https, or plain http only to this machine (localhost, 127.0.0.1, ::1) for local receivers. */
export function urlProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'is not an absolute URL';
  }
  if (raw.length > 2000) return 'is longer than 2000 characters';
  if (u.protocol === 'https:') return u.username || u.password ? 'must not carry a user name or password' : null;
  if (u.protocol === 'http:') return LOOPBACK.has(u.hostname) || u.hostname.endsWith('.localhost') ? null : 'must use https (plain http only to localhost)';
  return 'must be an http(s) URL';
}

function validate(input: Partial<EndpointInput>): void {
  const problems: FieldProblem[] = [];
  if (input.url !== undefined) {
    const p = urlProblem(input.url);
    if (p) problems.push({ field: 'url', message: p });
  }
  if (input.eventTypes !== undefined) {
    if (input.eventTypes.length === 0) problems.push({ field: 'eventTypes', message: 'must name at least one event type, or "*" for all' });
    input.eventTypes.forEach((t, i) => {
      if (t !== '*' && !webhookEventTypeNames.includes(t)) problems.push({ field: `eventTypes.${i}`, message: `"${t}" is not an event type (see GET /api/v1/webhooks/event-types)` });
    });
    if (input.eventTypes.includes('*') && input.eventTypes.length > 1) problems.push({ field: 'eventTypes', message: '"*" subscribes to every type and stands alone' });
  }
  if (input.description !== undefined && input.description.length > 500) problems.push({ field: 'description', message: 'is longer than 500 characters' });
  if (problems.length) throw new ValidationError(problems);
}

function toDto(r: repo.EndpointRow, now: Date): EndpointDto {
  const overlap = r.previousSecretExpiresAt && r.previousSecretExpiresAt > now ? r.previousSecretExpiresAt.toISOString() : null;
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    eventTypes: r.eventTypes as string[],
    status: r.status as EndpointDto['status'],
    disabledReason: r.disabledReason,
    consecutiveFailures: r.consecutiveFailures,
    previousSecretExpiresAt: overlap,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const unique = (types: string[]) => [...new Set(types)];

/** Webhook subscriptions of the caller's organisation; organisation-wide admins only. */
export function createWebhookAdmin({ db, clock }: { db: Db; clock: Clock }) {
  function requireAdmin(actor: Actor): void {
    if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only organisation admins manage webhooks.');
  }

  /** Another organisation's endpoint is not found, whoever asks; then the role check. */
  async function own(actor: Actor, id: string): Promise<repo.EndpointRow> {
    const ep = await repo.findEndpoint(db, actor.orgId, id);
    if (!ep) throw new NotFoundError('webhook endpoint', id);
    requireAdmin(actor);
    return ep;
  }

  return {
    async list(actor: Actor): Promise<EndpointDto[]> {
      requireAdmin(actor);
      const now = clock.now();
      return (await repo.listEndpoints(db, actor.orgId)).map((r) => toDto(r, now));
    },

    async create(actor: Actor, input: EndpointInput): Promise<EndpointDto & { secret: string }> {
      requireAdmin(actor);
      validate(input);
      const now = clock.now();
      const secret = newWebhookSecret();
      const row = await repo.insertEndpoint(db, {
        id: randomUUID(),
        orgId: actor.orgId,
        url: input.url,
        description: input.description ?? '',
        eventTypes: unique(input.eventTypes),
        secret,
        status: 'active',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      return { ...toDto(row, now), secret };
    },

    async get(actor: Actor, id: string): Promise<EndpointDto> {
      return toDto(await own(actor, id), clock.now());
    },

    async update(actor: Actor, id: string, input: Partial<EndpointInput>): Promise<EndpointDto> {
      await own(actor, id);
      validate(input);
      const now = clock.now();
      const row = await repo.updateEndpoint(db, actor.orgId, id, {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.eventTypes !== undefined ? { eventTypes: unique(input.eventTypes) } : {}),
        updatedAt: now,
      });
      return toDto(row!, now);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await own(actor, id);
      await db.transaction((tx) => repo.deleteEndpoint(tx, actor.orgId, id));
    },

    /** A new secret, shown once; the previous one keeps signing for 24 hours. */
    async rotateSecret(actor: Actor, id: string): Promise<EndpointDto & { secret: string }> {
      const ep = await own(actor, id);
      const now = clock.now();
      const secret = newWebhookSecret();
      const row = await repo.updateEndpoint(db, actor.orgId, id, { secret, previousSecret: ep.secret, previousSecretExpiresAt: new Date(now.getTime() + SECRET_OVERLAP_MS), updatedAt: now });
      return { ...toDto(row!, now), secret };
    },

    /** Enables a disabled endpoint: its failure count starts again and its pending deliveries go at once (in order per offer). */
    async enable(actor: Actor, id: string): Promise<EndpointDto> {
      await own(actor, id);
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const updated = await repo.updateEndpoint(tx, actor.orgId, id, { status: 'active', disabledReason: null, consecutiveFailures: 0, updatedAt: now });
        for (const d of await repo.pendingDeliveriesOf(tx, id)) {
          await repo.updateDelivery(tx, d.id, { nextAttemptAt: now });
          await scheduleAttempt(tx, d.orgId, d.id, now, `enable:${now.getTime()}`);
        }
        return updated;
      });
      return toDto(row!, now);
    },

    async deliveries(actor: Actor, id: string, q: { limit: number; status?: string }): Promise<DeliveryDto[]> {
      await own(actor, id);
      const rows = await repo.listDeliveries(db, actor.orgId, id, q);
      const attempts = await repo.attemptsOf(db, rows.map((r) => r.delivery.id));
      return rows.map(({ delivery: d, event }) => ({
        id: d.id,
        eventId: event.id,
        eventType: event.type,
        offerId: d.offerId,
        offerSeq: d.offerSeq,
        status: d.status as DeliveryDto['status'],
        attempts: d.attempts,
        nextAttemptAt: d.status === 'pending' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
        createdAt: d.createdAt.toISOString(),
        payload: { type: event.type, timestamp: event.createdAt.toISOString(), data: event.payload },
        attemptLog: attempts
          .filter((a) => a.deliveryId === d.id)
          .map((a) => ({ attemptedAt: a.attemptedAt.toISOString(), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs, responseBody: a.responseBody })),
      }));
    },

    /** Sends a delivered or failed delivery once more, with the same webhook-id; the attempt is queued. */
    async replay(actor: Actor, deliveryId: string): Promise<{ deliveryId: string; queued: true }> {
      const d = await repo.findOrgDelivery(db, actor.orgId, deliveryId);
      if (!d) throw new NotFoundError('webhook delivery', deliveryId);
      requireAdmin(actor);
      if (d.status === 'pending') throw new ConflictError('This delivery is still pending: it is sent on its own schedule. Replay a delivered or failed one.');
      const ep = await repo.findEndpoint(db, actor.orgId, d.endpointId);
      if (ep?.status !== 'active') throw new ConflictError('The endpoint is disabled; enable it before replaying its deliveries.');
      await enqueueJob(db, { kind: WEBHOOK_REPLAY, orgId: actor.orgId, payload: { deliveryId }, runAt: clock.now(), dedupeKey: `webhook-replay:${deliveryId}:${randomUUID()}`, maxAttempts: 1 });
      return { deliveryId, queued: true };
    },
  };
}

export type WebhookAdmin = ReturnType<typeof createWebhookAdmin>;
