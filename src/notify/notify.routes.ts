import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../server/plugins/auth';
import type { Notifications } from './notifications.service';
import type { Outbox } from './outbox';

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.uuid('is not a cursor from a previous page').optional(),
};
const nextCursor = z.uuid().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page');

const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string().describe('e.g. approval.requested, approval.reminder, approval.escalated'),
  title: z.string(),
  body: z.string(),
  offerId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});

const outboxItemSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string().describe('The plain-text body'),
  status: z.enum(['queued', 'sent', 'held', 'failed']).describe('held: no SMTP server is configured, so the mail stays here'),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});

/** The signed-in person's inbox, and the organisation's outgoing e-mail for admins. */
export function registerNotifyRoutes(app: FastifyInstance, { notifications, outbox }: { notifications: Notifications; outbox: Outbox }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  r.get('/api/v1/notifications', {
    schema: {
      tags,
      summary: 'Your notifications, newest first, with the number unread',
      querystring: z.strictObject({ ...pageQuery, unread: z.enum(['true', 'false']).optional().describe('true: unread only') }),
      response: { 200: z.object({ items: z.array(notificationSchema), unreadCount: z.number().int(), nextCursor }) },
    },
    handler: (req) => notifications.list(requireActor(req), { ...req.query, unread: req.query.unread === 'true' }),
  });

  r.post('/api/v1/notifications/:id/read', {
    schema: { tags, summary: 'Mark one of your notifications read', params: z.strictObject({ id: z.uuid() }), response: { 200: notificationSchema } },
    handler: (req) => notifications.markRead(requireActor(req), req.params.id),
  });

  r.post('/api/v1/notifications/read-all', {
    schema: { tags, summary: 'Mark all your notifications read', response: { 200: z.object({ marked: z.number().int() }) } },
    handler: (req) => notifications.markAllRead(requireActor(req)),
  });

  r.get('/api/v1/admin/outbox', {
    schema: {
      tags: ['administration'],
      summary: "Your organisation's outgoing e-mail, newest first (admins only); without SMTP every mail is held here",
      querystring: z.strictObject(pageQuery),
      response: { 200: z.object({ items: z.array(outboxItemSchema), nextCursor }) },
    },
    handler: async (req) => {
      const page = await outbox.list(requireActor(req), req.query);
      return { ...page, items: page.items.map((i) => ({ ...i, status: i.status as z.infer<typeof outboxItemSchema>['status'] })) };
    },
  });
}
