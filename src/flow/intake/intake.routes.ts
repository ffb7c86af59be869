import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { offerIdParamsSchema, offerSchema } from '../../offers/offers.schema';
import type { OffersService } from '../../offers/offers.service';
import type { Idempotent } from '../../server/idempotency';
import { requireActor } from '../../server/plugins/auth';
import { requireIfMatch, setEtag } from '../../server/preconditions';
import { createOfferBodySchema, prefillQuerySchema, updateDraftBodySchema } from './intake.schema';
import type { IntakeService } from './intake.service';

interface Deps {
  intake: IntakeService;
  offers: OffersService;
  idempotent: Idempotent;
}

export function registerIntakeRoutes(app: FastifyInstance, { intake, offers, idempotent }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['intake'];

  r.get('/api/v1/intake/prefill', {
    schema: {
      tags,
      summary: 'Suggested terms for a new offer from a requisition, its comp band and the candidate',
      querystring: prefillQuerySchema,
      response: {
        200: z.object({
          terms: z.record(z.string(), z.unknown()).describe('A partial offer terms object to start the intake form from'),
          band: z.object({ minCents: z.number(), midCents: z.number(), maxCents: z.number(), currency: z.string() }).nullable(),
        }),
      },
    },
    handler: (req) => intake.prefill(requireActor(req), req.query.requisitionId, req.query.candidateId),
  });

  r.post('/api/v1/offers', {
    schema: {
      tags,
      summary: 'Create a draft offer',
      description: 'Send Idempotency-Key to make retries safe.',
      body: createOfferBodySchema,
      response: { 201: offerSchema },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      reply.code(201); // a replayed request sets its first status instead
      const dto = await idempotent(req, reply, 201, async () => offers.present(actor, await intake.createOffer(actor, req.body), 'offer.create'));
      if (dto.rowVersion) setEtag(reply, dto.rowVersion);
      return dto;
    },
  });

  r.put('/api/v1/offers/:id/draft', {
    schema: {
      tags,
      summary: "Replace a draft offer's terms",
      description: 'Needs If-Match with the ETag you read; a stale write gets 409.',
      params: offerIdParamsSchema,
      body: updateDraftBodySchema,
      response: { 200: offerSchema },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const row = await intake.updateDraft(actor, req.params.id, requireIfMatch(req), req.body.terms);
      setEtag(reply, row.rowVersion);
      return offers.present(actor, row, 'offer.update_draft');
    },
  });

  r.post('/api/v1/offers/:id/submit', {
    schema: {
      tags,
      summary: 'Submit a draft: freeze it as the next version and start approvals',
      params: offerIdParamsSchema,
      response: { 200: offerSchema },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const expected = requireIfMatch(req);
      const dto = await idempotent(req, reply, 200, async () => offers.present(actor, await intake.submitOffer(actor, req.params.id, expected), 'offer.submit'));
      if (dto.rowVersion) setEtag(reply, dto.rowVersion);
      return dto;
    },
  });
}
