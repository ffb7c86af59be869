import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import type { JobRunner } from '../../jobs/worker';
import { WEBHOOK_DELIVER, WEBHOOK_REPLAY, webhookDeliveryHandler, webhookReplayHandler } from './delivery';
import { registerWebhookRoutes } from './webhooks.routes';
import { createWebhookAdmin } from './webhooks.service';

/** Outbound webhooks: the admin API and the delivery jobs (events are raised by the journal, see delivery.ts). */
export function registerWebhooks(app: FastifyInstance, deps: { db: Db; clock: Clock; jobs: Pick<JobRunner, 'register'>; timeoutMs?: number }) {
  const handlerDeps = { db: deps.db, clock: deps.clock, logger: app.log, timeoutMs: deps.timeoutMs };
  deps.jobs.register(WEBHOOK_DELIVER, webhookDeliveryHandler(handlerDeps));
  deps.jobs.register(WEBHOOK_REPLAY, webhookReplayHandler(handlerDeps));
  registerWebhookRoutes(app, { webhooks: createWebhookAdmin(deps) });
}
