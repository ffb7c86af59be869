import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../server/plugins/auth';
import type { CompensationViews } from './compensation-views.service';

const querySchema = z.strictObject({
  offerId: z.uuid('must be an offer id').optional(),
  actorId: z.uuid('must be a user id').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().regex(/^[1-9][0-9]{0,15}$/, 'is not a cursor from a previous page').optional(),
});

const pageSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      actorId: z.uuid(),
      offerId: z.uuid(),
      fields: z.array(z.string()).describe('The compensation fields the response showed'),
      via: z.string().describe('The endpoint that showed them, e.g. offer.get'),
      at: z.iso.datetime(),
    }),
  ),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page'),
});

export function registerAuditRoutes(app: FastifyInstance, { compensationViews }: { compensationViews: CompensationViews }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/audit/compensation-views', {
    schema: {
      tags: ['audit'],
      summary: "Who viewed which offer's compensation, newest first (admins only)",
      querystring: querySchema,
      response: { 200: pageSchema },
    },
    handler: (req) => compensationViews.list(requireActor(req), req.query),
  });
}
