import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client';
import { offerIdParamsSchema } from '../offers/offers.schema';
import type { OffersService } from '../offers/offers.service';
import { requireActor } from '../server/plugins/auth';
import { listOfferJournal, verifyOfferJournal } from './journal.service';

const entrySchema = z.object({
  seq: z.int(),
  type: z.string(),
  actorId: z.uuid().nullable(),
  at: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

const verdictSchema = z.object({
  offerId: z.uuid(),
  ok: z.boolean(),
  length: z.int(),
  headHash: z.string().optional(),
  brokenAtSeq: z.int().optional().describe('The first entry whose link does not hold'),
  reason: z.string().optional(),
});

/** Journal rows hold ids and hashes, no values: whoever may see the offer may see its journal. */
export function registerJournalRoutes(app: FastifyInstance, { db, offers }: { db: Db; offers: Pick<OffersService, 'requireVisible'> }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['journal'];

  r.get('/api/v1/offers/:id/journal', {
    schema: { tags, summary: "The offer's journal, oldest first", params: offerIdParamsSchema, response: { 200: z.array(entrySchema) } },
    handler: async (req) => {
      const actor = requireActor(req);
      await offers.requireVisible(actor, req.params.id);
      const rows = await listOfferJournal(db, actor.orgId, req.params.id);
      return rows.map(({ offerId: _omit, ...rest }) => rest);
    },
  });

  r.get('/api/v1/offers/:id/journal/verify', {
    schema: { tags, summary: "Check the offer's hash chain and report the first broken link", params: offerIdParamsSchema, response: { 200: verdictSchema } },
    handler: async (req) => {
      const actor = requireActor(req);
      await offers.requireVisible(actor, req.params.id);
      return verifyOfferJournal(db, actor.orgId, req.params.id);
    },
  });
}
