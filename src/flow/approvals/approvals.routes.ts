import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { offerIdParamsSchema } from '../../offers/offers.schema';
import type { Idempotent } from '../../server/idempotency';
import { requireActor } from '../../server/plugins/auth';
import {
  approvalPlanSchema,
  decisionBodySchema,
  decisionResultSchema,
  delegationBodySchema,
  delegationListSchema,
  inboxSchema,
  stepIdParamsSchema,
} from './approvals.schema';
import type { createApprovalsView } from './approvals-view.service';
import type { createDecisionsService } from './decisions.service';
import type { DelegationService } from './delegation.service';
import type { createApprovalLinks } from './approval-links.service';
import type { createPolicyMigration } from './policy-migration.service';
import { requireIfMatch, setEtag } from '../../server/preconditions';

interface Deps {
  migration: ReturnType<typeof createPolicyMigration>;
  view: ReturnType<typeof createApprovalsView>;
  decisions: ReturnType<typeof createDecisionsService>;
  delegation: DelegationService;
  idempotent: Idempotent;
}

export function registerApprovalRoutes(app: FastifyInstance, { view, decisions, delegation, idempotent, migration }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['approvals'];

  r.get('/api/v1/offers/:id/approvals', {
    schema: {
      tags,
      summary: "The offer's approval plan and log: every step of every version, who approves, why, and each decision",
      params: offerIdParamsSchema,
      response: { 200: approvalPlanSchema },
    },
    handler: (req) => view.planOf(requireActor(req), req.params.id),
  });

  r.get('/api/v1/approvals/inbox', {
    schema: { tags, summary: 'Steps waiting on you, or on someone you stand in for', response: { 200: inboxSchema } },
    handler: (req) => view.inbox(requireActor(req)),
  });

  r.post('/api/v1/approvals/steps/:stepId/decision', {
    schema: {
      tags,
      summary: 'Approve, reject or request changes on a pending step',
      description: 'A comment is required to reject or request changes. A delegate acts for the approver who delegated; the log names both.',
      params: stepIdParamsSchema,
      body: decisionBodySchema,
      response: { 200: decisionResultSchema },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      return idempotent(req, reply, 200, async () => {
        const { offer, step } = await decisions.decide(actor, req.params.stepId, req.body, 'app');
        return { step: { id: step.id, status: step.status as never }, offer: { id: offer.id, status: offer.status, rowVersion: offer.rowVersion } };
      });
    },
  });

  r.post('/api/v1/offers/:id/policy-migration', {
    schema: {
      tags,
      summary: 'Move an in-flight offer to another policy version (admins; needs If-Match)',
      description: 'The current version is routed again under the chosen policy; approvals already given carry over where the new policy has the same step. Journaled.',
      params: offerIdParamsSchema,
      body: z.strictObject({ policyVersionId: z.uuid('must be a policy version id') }),
      response: { 200: z.object({ id: z.string(), status: z.string(), rowVersion: z.int(), policyVersionId: z.string().nullable() }) },
    },
    handler: async (req, reply) => {
      const row = await migration.move(requireActor(req), req.params.id, req.body.policyVersionId, requireIfMatch(req));
      setEtag(reply, row.rowVersion);
      return { id: row.id, status: row.status, rowVersion: row.rowVersion, policyVersionId: row.policyVersionId };
    },
  });

  r.get('/api/v1/me/delegation', {
    schema: { tags, summary: 'Who approves for you while you are away', response: { 200: delegationListSchema } },
    handler: (req) => delegation.list(requireActor(req)),
  });

  r.put('/api/v1/me/delegation', {
    schema: { tags, summary: 'Let someone approve for you between two times (replaces any earlier delegation)', body: delegationBodySchema, response: { 200: delegationListSchema } },
    handler: (req) => delegation.set(requireActor(req), req.body),
  });

  r.delete('/api/v1/me/delegation', {
    schema: { tags, summary: 'End your delegation now', response: { 200: delegationListSchema } },
    handler: (req) => delegation.clear(requireActor(req)),
  });
}

const tokenParams = z.strictObject({ token: z.string().min(10).max(200).regex(/^[\w-]+$/, 'is not a link token') });

/** The e-mailed approval link: public routes whose credential is the single-use token itself. */
export function registerApprovalLinkRoutes(app: FastifyInstance, { links }: { links: ReturnType<typeof createApprovalLinks> }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['approvals'];
  r.get('/api/v1/approval-links/:token', {
    schema: {
      tags,
      security: [],
      summary: 'What an approval link is for: the offer, the step and why; decides nothing',
      params: tokenParams,
      response: {
        200: z.object({
          approver: z.object({ name: z.string() }),
          offer: z.object({ title: z.string(), candidateName: z.string(), status: z.string() }),
          step: z.object({ stageName: z.string(), stepName: z.string(), status: z.string(), explanation: z.string(), dueAt: z.string().nullable() }),
          expiresAt: z.string(),
        }),
      },
    },
    handler: (req) => links.open(req.params.token),
  });
  r.post('/api/v1/approval-links/:token/decision', {
    schema: {
      tags,
      security: [],
      summary: 'Decide through an approval link (once); the decision is logged as made by e-mail link',
      params: tokenParams,
      body: decisionBodySchema,
      response: { 200: decisionResultSchema },
    },
    handler: async (req) => {
      const result = await links.decide(req.params.token, req.body);
      return { step: { id: result.step.id, status: result.step.status as never }, offer: result.offer };
    },
  });
}
