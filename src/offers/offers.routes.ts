import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../server/plugins/auth';
import { requireIfMatch, setEtag } from '../server/preconditions';
import type { OfferEventsService } from './offer-events.service';
import { offerEventBodySchema, offerIdParamsSchema, offerListRequestSchema, offerListSchema, offerSchema, versionSchema } from './offers.schema';
import type { OffersService } from './offers.service';

export function registerOfferRoutes(app: FastifyInstance, deps: { offers: OffersService; events: OfferEventsService }) {
  const { offers, events } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['offers'];

  r.get('/api/v1/offers', {
    schema: {
      tags,
      summary: 'List offers with filters, sorting and cursor paging',
      description:
        'Custom fields filter as `custom.<key>=<value>` (several are all required): a select by its option value, a multi select by one choice it includes, ' +
        'a boolean by true or false, text, dates (2027-01-31), numbers and money (cents) by the exact value. Number, money and date fields also take a range: ' +
        '`custom.<key>.min` and / or `custom.<key>.max`, both included. A key no field in force has, a field one of your roles ' +
        'may not read (a filter would show who holds a value), a value the field could never hold, a range on another type or a min above the max gets 400 naming the parameter. ' +
        '`columns=custom.<key>,...` adds each item\'s values of those fields in `custom`, where your roles read them on that offer.',
      querystring: offerListRequestSchema,
      response: { 200: offerListSchema },
    },
    handler: (req) => offers.list(requireActor(req), req.query),
  });

  r.get('/api/v1/offers/:id', {
    schema: { tags, summary: 'One offer with its current terms', params: offerIdParamsSchema, response: { 200: offerSchema } },
    handler: async (req, reply) => {
      const dto = await offers.getOffer(requireActor(req), req.params.id);
      setEtag(reply, dto.rowVersion);
      return dto;
    },
  });

  r.get('/api/v1/offers/:id/versions', {
    schema: { tags, summary: 'Every frozen version of an offer, oldest first', params: offerIdParamsSchema, response: { 200: z.array(versionSchema) } },
    handler: (req) => offers.versions(requireActor(req), req.params.id),
  });

  r.post('/api/v1/offers/:id/events', {
    schema: {
      tags,
      summary: 'Apply a lifecycle event by hand (cancel, withdraw, rescind, verbal acceptance)',
      description:
        'Needs If-Match. An event the current state does not allow gets 409 naming the state and the event. ' +
        "A rescind the offer's approval policy wants approved (rescind stages whose conditions hold) does not move the offer: " +
        'it answers 202 with the unchanged offer, the rescind approval steps start, and the offer is rescinded with this reason once they pass. ' +
        'A second rescind while one waits for approval gets 409.',
      params: offerIdParamsSchema,
      body: offerEventBodySchema,
      response: {
        200: offerSchema.describe('The event was applied'),
        202: offerSchema.describe('A rescind waits for approval: the offer has not moved'),
      },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const { offer: row, awaitingApproval } = await events.applyManualEvent(actor, req.params.id, { type: req.body.type, reason: req.body.reason }, requireIfMatch(req));
      setEtag(reply, row.rowVersion);
      if (awaitingApproval) reply.code(202);
      return offers.present(actor, row, 'offer.event');
    },
  });
}
