import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { offerIdParamsSchema } from '../../offers/offers.schema';
import { requireActor } from '../../server/plugins/auth';
import { requireIfMatch, setEtag } from '../../server/preconditions';
import type { createPortalService } from './portal.service';
import type { createSendService } from './send.service';

const tokenParams = z.strictObject({ token: z.string().min(10).max(200).regex(/^[\w-]+$/, 'is not a portal link') });

const portalOfferSchema = z.object({
  organizationName: z.string(),
  candidateFirstName: z.string(),
  status: z.string(),
  version: z.int(),
  expiresAt: z.string(),
  offer: z.object({
    title: z.string(),
    startDate: z.string(),
    expiresOn: z.string().nullable(),
    location: z.object({ city: z.string(), state: z.string(), remote: z.boolean() }),
    employmentType: z.string(),
    currency: z.string(),
    payBasis: z.string(),
    baseSalaryCents: z.number().nullable(),
    hourlyRateCents: z.number().nullable(),
    bonusTargetPercent: z.number().nullable(),
    signOnBonusCents: z.number().nullable(),
    equityUnits: z.number().nullable(),
  }),
  documents: z.array(z.object({ name: z.string(), kind: z.string(), sha256: z.string(), mediaType: z.string() })),
});

export function registerPortalRoutes(
  app: FastifyInstance,
  { send, portal }: { send: ReturnType<typeof createSendService>; portal: ReturnType<typeof createPortalService> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/offers/:id/send', {
    schema: {
      tags: ['delivery'],
      summary: "Send an approved offer to the candidate: an e-mail with a portal link bound to this version (If-Match)",
      description: "Refused unless the offer is approved and its packet belongs to the current version. Earlier links stop working.",
      params: offerIdParamsSchema,
      response: { 200: z.object({ id: z.string(), status: z.string(), rowVersion: z.int() }) },
    },
    handler: async (req, reply) => {
      const row = await send.send(requireActor(req), req.params.id, requireIfMatch(req));
      setEtag(reply, row.rowVersion);
      return { id: row.id, status: row.status, rowVersion: row.rowVersion };
    },
  });

  r.get('/api/v1/portal/:token', {
    schema: { tags: ['portal'], security: [], summary: "The candidate's offer behind a portal link, and its documents", params: tokenParams, response: { 200: portalOfferSchema } },
    handler: (req) => portal.open(req.params.token),
  });

  r.get('/api/v1/portal/:token/documents/:sha256', {
    schema: { tags: ['portal'], security: [], summary: 'Download one document of the offer', params: tokenParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') }) },
    handler: async (req, reply) => {
      const doc = await portal.document(req.params.token, req.params.sha256);
      reply.header('content-type', doc.mediaType).header('content-disposition', `attachment; filename="${doc.filename}"`).header('cache-control', 'private, no-store');
      return reply.send(doc.bytes);
    },
  });
}
