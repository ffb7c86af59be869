import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/plugins/auth';
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_SCHEDULE_MS } from './delivery';
import { webhookEventTypes } from './event-types';
import type { WebhookAdmin } from './webhooks.service';

const endpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  previousSecretExpiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
const endpointWithSecretSchema = endpointSchema.extend({ secret: z.string().describe('whsec_… — shown only now; store it to verify signatures') });

const deliverySchema = z.object({
  id: z.uuid(),
  eventId: z.string().describe('The webhook-id header of every attempt'),
  eventType: z.string(),
  offerId: z.uuid().nullable(),
  offerSeq: z.number().int(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  payload: z.unknown().describe('The body sent: {type, timestamp, data}'),
  attemptLog: z.array(
    z.object({ attemptedAt: z.iso.datetime(), statusCode: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number().int(), responseBody: z.string().nullable() }),
  ),
});

const idParams = z.strictObject({ id: z.uuid() });
const eventTypesField = z.array(z.string().max(100)).max(50).describe('Event types from GET /api/v1/webhooks/event-types, or ["*"] for all');

/** Outbound webhook subscriptions, their delivery log and replay; organisation-wide admins only. */
export function registerWebhookRoutes(app: FastifyInstance, { webhooks }: { webhooks: WebhookAdmin }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['webhooks'];

  r.get('/api/v1/webhooks/event-types', {
    schema: {
      tags,
      summary: 'The event types endpoints may subscribe to, and the retry schedule',
      response: {
        200: z.object({
          items: z.array(z.object({ type: z.string(), description: z.string() })),
          retryScheduleSeconds: z.array(z.number()),
          maxAttempts: z.number().int(),
        }),
      },
    },
    handler: async (req) => {
      requireActor(req);
      return { items: webhookEventTypes.map((e) => ({ ...e })), retryScheduleSeconds: WEBHOOK_RETRY_SCHEDULE_MS.map((ms) => ms / 1000), maxAttempts: WEBHOOK_MAX_ATTEMPTS };
    },
  });

  r.get('/api/v1/webhooks/endpoints', {
    schema: { tags, summary: "Your organisation's webhook endpoints (secrets are never shown again)", response: { 200: z.object({ items: z.array(endpointSchema) }) } },
    handler: async (req) => ({ items: await webhooks.list(requireActor(req)) }),
  });

  r.post('/api/v1/webhooks/endpoints', {
    schema: {
      tags,
      summary: 'Add a webhook endpoint; the signing secret is in this answer only',
      body: z.strictObject({ url: z.string().max(2000), description: z.string().max(1000).optional(), eventTypes: eventTypesField }),
      response: { 201: endpointWithSecretSchema },
    },
    handler: async (req, reply) => reply.code(201).send(await webhooks.create(requireActor(req), req.body)),
  });

  r.get('/api/v1/webhooks/endpoints/:id', {
    schema: { tags, summary: 'One webhook endpoint', params: idParams, response: { 200: endpointSchema } },
    handler: (req) => webhooks.get(requireActor(req), req.params.id),
  });

  r.patch('/api/v1/webhooks/endpoints/:id', {
    schema: {
      tags,
      summary: "Change an endpoint's URL, description or event types",
      params: idParams,
      body: z.strictObject({ url: z.string().max(2000).optional(), description: z.string().max(1000).optional(), eventTypes: eventTypesField.optional() }),
      response: { 200: endpointSchema },
    },
    handler: (req) => webhooks.update(requireActor(req), req.params.id, req.body),
  });

  r.delete('/api/v1/webhooks/endpoints/:id', {
    schema: { tags, summary: 'Delete an endpoint with its delivery log; nothing more is sent to it', params: idParams, response: { 204: z.null().describe('Deleted') } },
    handler: async (req, reply) => {
      await webhooks.remove(requireActor(req), req.params.id);
      return reply.code(204).send(null);
    },
  });

  r.post('/api/v1/webhooks/endpoints/:id/rotate-secret', {
    schema: { tags, summary: 'A new signing secret, shown once; the previous one keeps signing (a second signature) for 24 hours', params: idParams, response: { 200: endpointWithSecretSchema } },
    handler: (req) => webhooks.rotateSecret(requireActor(req), req.params.id),
  });

  r.post('/api/v1/webhooks/endpoints/:id/enable', {
    schema: { tags, summary: 'Enable an endpoint again; its pending deliveries are sent at once, in order per offer', params: idParams, response: { 200: endpointSchema } },
    handler: (req) => webhooks.enable(requireActor(req), req.params.id),
  });

  r.get('/api/v1/webhooks/endpoints/:id/deliveries', {
    schema: {
      tags,
      summary: "An endpoint's delivery log, newest first, each with its attempts",
      params: idParams,
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), status: z.enum(['pending', 'delivered', 'failed']).optional() }),
      response: { 200: z.object({ items: z.array(deliverySchema) }) },
    },
    handler: async (req) => ({ items: await webhooks.deliveries(requireActor(req), req.params.id, req.query) }),
  });

  r.post('/api/v1/webhooks/deliveries/:id/replay', {
    schema: {
      tags,
      summary: 'Send a delivered or failed delivery once more (same webhook-id); the attempt is queued and shows in the log',
      params: idParams,
      response: { 202: z.object({ deliveryId: z.uuid(), queued: z.literal(true) }) },
    },
    handler: async (req, reply) => reply.code(202).send(await webhooks.replay(requireActor(req), req.params.id)),
  });
}
