import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { holdsOrgWide, type Actor } from '../core/actor';
import { ForbiddenError } from '../core/errors';
import { requireActor } from '../server/plugins/auth';
import { fieldMappingSchema } from './ats-mapping';
import { inboundPayloadSchema, type Ats } from './ats.service';

/** The inbound route authenticates with its own ATS connection token, not a session or API token. */
export const ATS_INBOUND_ROUTE = '/api/v1/inbound/ats/candidate-moved-to-offer';

const connectionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  defaultRecruiterId: z.uuid().nullable(),
  fieldMapping: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});

const inboundResultSchema = z.object({
  offerId: z.uuid(),
  candidateId: z.uuid(),
  requisitionId: z.uuid(),
  eventId: z.string(),
  created: z.boolean().describe('false: this event id was received before; the answer names the draft it made'),
});

function requireAdmin(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only organisation admins manage ATS connections.');
  return actor;
}

export function registerAtsRoutes(app: FastifyInstance, { ats }: { ats: Ats }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ats'];

  r.post('/api/v1/admin/ats-connections', {
    schema: {
      tags,
      summary: 'Connect an ATS: its token is shown once in the answer and stored only as a hash',
      body: z.strictObject({
        name: z.string().trim().min(1).max(200),
        defaultRecruiterId: z.uuid().nullish().describe('The recruiter drafts are created for when the payload names none'),
        fieldMapping: fieldMappingSchema.describe('Payload paths under offer. mapped to offer terms paths, e.g. {"offer.salary": {"to": "terms.compensation.baseSalaryCents", "transform": "dollars_to_cents"}}'),
      }),
      response: { 201: connectionSchema.extend({ token: z.string().describe('Shown once: send it as "Authorization: Bearer <token>"') }) },
    },
    handler: async (req, reply) => {
      const created = await ats.createConnection(requireAdmin(req), req.body);
      reply.code(201);
      return created;
    },
  });

  r.get('/api/v1/admin/ats-connections', {
    schema: { tags, summary: 'ATS connections of your organisation (tokens are never shown again)', response: { 200: z.array(connectionSchema) } },
    handler: (req) => ats.listConnections(requireAdmin(req).orgId),
  });

  r.post('/api/v1/admin/ats-connections/:id/revoke', {
    schema: {
      tags,
      summary: 'Revoke an ATS connection: its token stops working at once',
      params: z.strictObject({ id: z.uuid() }),
      response: { 200: connectionSchema },
    },
    handler: async (req) => {
      // Looked up in the caller's organisation first: another organisation's connection is not found for every caller.
      await ats.getConnection(requireActor(req).orgId, req.params.id);
      return ats.revokeConnection(requireAdmin(req).orgId, req.params.id);
    },
  });

  const connections = new WeakMap<FastifyRequest, Awaited<ReturnType<Ats['authenticate']>>>();
  r.post(ATS_INBOUND_ROUTE, {
    // The token is checked before the body is read, so a caller without one learns nothing about the payload;
    // the body is checked in the handler so that bad fields answer 422 naming each.
    onRequest: async (req) => {
      connections.set(req, await ats.authenticate(req.headers.authorization));
    },
    attachValidation: true,
    schema: {
      tags,
      security: [{ atsToken: [] }],
      summary: 'From an ATS: a candidate moved to offer; creates a draft offer pre-filled from the requisition and the mapped fields',
      description:
        'Authenticate with "Authorization: Bearer <ATS connection token>". The same eventId again answers 200 with the same draft. ' +
        'Unknown or bad fields are refused with 422 naming each by its payload path.',
      body: inboundPayloadSchema,
      response: { 200: inboundResultSchema, 201: inboundResultSchema },
    },
    handler: async (req, reply) => {
      const result = await ats.receive(connections.get(req)!, req.body);
      reply.code(result.created ? 201 : 200);
      return result;
    },
  });
}
