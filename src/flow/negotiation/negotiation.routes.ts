import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import type { TransitionHooks } from '../../offers/offer-events.service';
import { offerIdParamsSchema } from '../../offers/offers.schema';
import { requireActor } from '../../server/plugins/auth';
import { requireIfMatch, setEtag } from '../../server/preconditions';
import { negotiablePaths } from './deltas';
import { createNegotiation, decisions, internalAskRoles, type Negotiation } from './negotiation.service';

const tags = ['negotiation'];
const fieldDoc = `One of: ${negotiablePaths.join(', ')}`;

export function registerNegotiationRoutes(app: FastifyInstance, { negotiation }: { negotiation: Negotiation }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/offers/:id/change-requests', {
    schema: {
      tags,
      summary: 'Ask for changes from inside (recruiter, hiring manager, finance, HR business partner, admin) while the candidate holds the offer',
      description: `Allowed while the offer is sent or negotiating (409 otherwise); the offer moves to negotiating. 1 to 10 changes, no field twice, each value checked like the candidate's (422 naming e.g. \`changes.0.asked\`); \`reason\` is required (at most 500 characters), \`comment\` at most 2000. Roles: ${internalAskRoles.join(', ')}; a field your role may not read cannot be asked about (403 naming it). The journal entry \`offer.change_requested\` names the fields, not the values. No If-Match: requests arriving together are all kept, one after the other.`,
      params: offerIdParamsSchema,
      body: z
        .object({
          changes: z.array(z.object({ field: z.string().describe(fieldDoc), asked: z.unknown() }).loose()).optional().describe('AskedChange[]: required, 1 to 10'),
          reason: z.string().optional().describe('Why the change is asked for; required (422 when missing), at most 500 characters'),
          comment: z.string().optional().describe('At most 2000 characters'),
        })
        .loose(),
      response: { 201: z.object({ id: z.uuid().describe('The change request'), status: z.string().describe("The offer's status"), rowVersion: z.int() }) },
    },
    handler: async (req, reply) => {
      const out = await negotiation.ask(requireActor(req), req.params.id, req.body);
      setEtag(reply, out.rowVersion);
      return reply.code(201).send(out);
    },
  });

  r.post('/api/v1/offers/:id/versions', {
    schema: {
      tags,
      summary: 'Answer the open change requests with a new version: accept, adjust or reject each asked change, add changes of your own (If-Match)',
      description:
        "Only from negotiating. Every open change request must be answered in full (422 naming `answers`). The offer returns to draft with the current version's terms and the accepted, adjusted and own values applied; the candidate's links stop working. Edit the draft if needed and submit it: only approval steps covering changed fields run again. Each answered request records the version that answers it (journal `offer.change_request_answered`), and `offer.counter_proposed` names the changed fields. `note` goes into the journal with the move: write no pay figures in it.",
      params: offerIdParamsSchema,
      body: z
        .object({
          answers: z
            .array(
              z
                .object({
                  requestId: z.uuid(),
                  deltas: z.array(z.object({ field: z.string().describe(fieldDoc), decision: z.string().describe(decisions.join(' | ')), value: z.unknown().optional().describe('Required for adjust, checked like an asked value') }).loose()),
                })
                .loose(),
            )
            .optional(),
          changes: z.array(z.object({ field: z.string().describe(fieldDoc), value: z.unknown() }).loose()).optional().describe("The recruiter's own changes"),
          note: z.string().optional().describe('At most 500 characters'),
        })
        .loose(),
      response: {
        200: z.object({
          id: z.uuid(),
          status: z.string(),
          rowVersion: z.int(),
          draftVersion: z.int().describe('The number the draft takes when it is submitted'),
          changedFields: z.array(z.string()).describe('Term paths that differ from the current version'),
        }),
      },
    },
    handler: async (req, reply) => {
      const out = await negotiation.newVersion(requireActor(req), req.params.id, requireIfMatch(req), req.body);
      setEtag(reply, out.rowVersion);
      return out;
    },
  });

  r.get('/api/v1/offers/:id/versions/diff', {
    schema: {
      tags,
      summary: 'Two versions side by side: each changed term with its value before and after; values your role may not read are masked',
      description: 'By default the current version against the one before. 404 for a version the offer does not have; 422 naming `from` or `to` for something that is not a version number. For the packet text, see /packets/diff.',
      params: offerIdParamsSchema,
      querystring: z.object({ from: z.string().optional().describe('A version number, e.g. 1'), to: z.string().optional().describe('A version number, e.g. 2') }),
      response: {
        200: z.object({
          from: z.int(),
          to: z.int(),
          fields: z.array(
            z.object({
              path: z.string(),
              label: z.string(),
              before: z.unknown().describe('Null when absent or masked'),
              after: z.unknown().describe('Null when absent or masked'),
              masked: z.boolean().describe('Your role may not read this field; the values are left out'),
            }),
          ),
        }),
      },
    },
    handler: (req) => negotiation.diff(requireActor(req), req.params.id, req.query),
  });
}

/** Negotiation from the staff side: internal change requests, new versions answering them, version diffs. */
export function registerNegotiation(app: FastifyInstance, deps: { db: Db; clock: Clock; hooks: TransitionHooks }) {
  registerNegotiationRoutes(app, { negotiation: createNegotiation(deps) });
}
