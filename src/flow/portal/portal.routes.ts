import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { offerIdParamsSchema } from '../../offers/offers.schema';
import { requireActor } from '../../server/plugins/auth';
import { requireIfMatch, setEtag } from '../../server/preconditions';
import type { createPortalService } from './portal.service';
import type { createSendService } from './send.service';
import { declineReasons, type createCandidateResponses } from './candidate-response.service';
import { signatureSubmissionSchema } from '../signing/consent';
import { negotiablePaths } from '../negotiation/deltas';
import type { createChangeRequestViews } from '../negotiation/change-requests.service';
import type { createChangeAsks } from './ask-changes.service';
import type { createDeliveryViews } from './delivery.service';
import { portalOfferSchema } from './portal.schema';

const tokenParams = z.strictObject({ token: z.string().min(10).max(200).regex(/^[\w-]+$/, 'is not a portal link') });

const staffChangeRequestSchema = z.object({
  id: z.uuid(),
  versionNumber: z.int().describe('The version the request is about'),
  source: z.enum(['candidate', 'internal']),
  requestedBy: z.uuid().nullable(),
  status: z.enum(['open', 'answered', 'rejected']),
  answeredByVersion: z.int().nullable(),
  reason: z.string().nullable(),
  comment: z.string().nullable().describe('Null when a delta is masked for your role: the words may name the figure'),
  createdAt: z.string(),
  deltas: z.array(
    z.object({
      field: z.string(),
      label: z.string(),
      current: z.unknown().describe("The value on the version asked about; null when masked"),
      asked: z.unknown().describe('The value asked for; null when masked'),
      masked: z.boolean().describe('Your role may not read this field; the values are left out'),
    }),
  ),
});

const deliverySchema = z.object({
  sentAt: z.string().nullable(),
  version: z.int().nullable(),
  linkExpiresAt: z.string().nullable(),
  firstOpenedAt: z.string().nullable(),
  lastOpenedAt: z.string().nullable(),
  remindersSent: z.int(),
  linkState: z.enum(['live', 'revoked', 'expired', 'none']),
  revokedReason: z.string().nullable(),
  versionsSent: z.int().describe('How many versions of the offer were sent to the candidate (revisions counted for the metrics)'),
});

export function registerPortalRoutes(
  app: FastifyInstance,
  {
    send,
    portal,
    responses,
    changes,
    changeRequests,
    delivery,
  }: {
    send: ReturnType<typeof createSendService>;
    portal: ReturnType<typeof createPortalService>;
    responses: ReturnType<typeof createCandidateResponses>;
    changes: ReturnType<typeof createChangeAsks>;
    changeRequests: ReturnType<typeof createChangeRequestViews>;
    delivery: ReturnType<typeof createDeliveryViews>;
  },
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

  r.post('/api/v1/portal/:token/code', {
    schema: {
      tags: ['portal'],
      security: [],
      summary: 'E-mail the candidate a one-time code to sign with (works 10 minutes)',
      params: tokenParams,
      response: { 200: z.object({ sentTo: z.string(), expiresInMinutes: z.int() }) },
    },
    handler: (req) => responses.requestCode(req.params.token),
  });

  r.post('/api/v1/portal/:token/sign', {
    bodyLimit: 400 * 1024,
    schema: {
      tags: ['portal'],
      security: [],
      summary: 'Accept and sign: the e-mailed code, the consent version shown, and the adopted signature',
      description: 'Records time, IP address, user agent, the authentication method and the SHA-256 of the consent text. The offer moves to signed.',
      params: tokenParams,
      body: z.strictObject({ code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the e-mail'), consentVersion: z.string().max(60), ...signatureSubmissionSchema.shape }),
      response: { 200: z.object({ status: z.string() }) },
    },
    handler: async (req) => {
      const { code, consentVersion, ...submission } = req.body;
      const row = await responses.sign(req.params.token, { code, consentVersion, submission }, { ipAddress: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
      return { status: row.status };
    },
  });

  r.post('/api/v1/portal/:token/decline', {
    schema: {
      tags: ['portal'],
      security: [],
      summary: 'Decline the offer with a reason and, if you like, a comment for the recruiter',
      params: tokenParams,
      body: z.strictObject({ reason: z.enum(declineReasons), comment: z.string().trim().max(2000).default('') }),
      response: { 200: z.object({ status: z.string() }) },
    },
    handler: async (req) => ({ status: (await responses.decline(req.params.token, req.body)).status }),
  });

  r.post('/api/v1/portal/:token/changes', {
    schema: {
      tags: ['portal'],
      security: [],
      summary: 'Ask for changes: the terms to change, the values wanted, and a comment for the recruiter',
      description:
        "Each change names a negotiable field (see AskedChange) and the value asked for; 1 to 10 changes, no field twice, a comment of at most 2000 characters. Bad values answer 422 naming the field (e.g. `changes.0.asked`). The offer moves to negotiating; the link keeps opening the offer and declining, signing waits for the recruiter's answer.",
      params: tokenParams,
      body: z
        .object({
          changes: z
            .array(z.object({ field: z.string().describe(`One of: ${negotiablePaths.join(', ')}`), asked: z.unknown() }).loose())
            .describe('AskedChange[]: each change is checked after the link is, answering 422 naming the field'),
          comment: z.string().optional().describe('At most 2000 characters; may be empty'),
        })
        .loose(),
      response: { 200: z.object({ id: z.uuid().describe('The change request'), status: z.string().describe("The offer's status") }) },
    },
    handler: (req) => changes.ask(req.params.token, req.body),
  });

  r.get('/api/v1/offers/:id/change-requests', {
    schema: {
      tags: ['delivery'],
      summary: 'What was asked to change on the offer, oldest first; values your role may not read are masked',
      params: offerIdParamsSchema,
      response: { 200: z.array(staffChangeRequestSchema) },
    },
    handler: (req) => changeRequests.list(requireActor(req), req.params.id),
  });

  r.get('/api/v1/offers/:id/delivery', {
    schema: {
      tags: ['delivery'],
      summary: "How the offer reached the candidate: the latest link's sending, expiry, openings, reminders and state",
      params: offerIdParamsSchema,
      response: { 200: deliverySchema },
    },
    handler: (req) => delivery.delivery(requireActor(req), req.params.id),
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
