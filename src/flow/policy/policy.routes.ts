import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/plugins/auth';
import type { createSimulationService } from '../approvals/simulation.service';
import { POLICY_LIMITS, submitPhases } from './policy.schema';
import type { PolicyService } from './policy.service';

const sourceBody = {
  format: z.enum(['yaml', 'json']).describe('How the source is written'),
  source: z.string().min(1, 'is required').max(POLICY_LIMITS.sourceChars, `must be at most ${POLICY_LIMITS.sourceChars} characters`),
};

const versionSchema = z.object({
  policyId: z.string(),
  businessUnitId: z.string().nullable(),
  id: z.string(),
  number: z.int(),
  format: z.enum(['yaml', 'json']),
  source: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

const policyListSchema = z.array(
  z.object({
    id: z.string(),
    businessUnitId: z.string().nullable().describe('Null: the organisation policy'),
    currentVersion: z.int(),
    versions: z.array(
      z.object({ id: z.string(), number: z.int(), format: z.enum(['yaml', 'json']), note: z.string().nullable(), createdAt: z.string(), createdByName: z.string().nullable() }),
    ),
  }),
);

const problemsSchema = z.object({ ok: z.boolean(), problems: z.array(z.object({ path: z.string(), message: z.string() })) });

const person = z.object({ id: z.string(), name: z.string() });
const simulationSchema = z.object({
  policy: z.object({ from: z.enum(['given', 'offer', 'active']), versionNumber: z.int().nullable() }),
  changedFields: z.array(z.string()),
  facts: z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.null(), z.array(z.string())])),
  exceptions: z.array(z.object({ reason: z.enum(['out_of_band', 'over_budget', 'non_standard_clause']), detail: z.string() })),
  steps: z.array(
    z.object({
      phase: z.enum(submitPhases).describe('A simulation is of a submit; rescind stages run only on a rescind request'),
      stageKey: z.string(),
      stageName: z.string(),
      stepKey: z.string(),
      stepName: z.string(),
      outcome: z.enum(['run', 'carry_over', 'not_needed']),
      note: z.string(),
      explanation: z.string(),
      approvers: z.array(person),
      missing: z.string().nullable().describe('Why nobody could be routed to, when a running step has no approver'),
      quorum: z.int(),
      slaBusinessHours: z.int().nullable(),
    }),
  ),
});

export function registerPolicyRoutes(
  app: FastifyInstance,
  { policies, simulation }: { policies: PolicyService; simulation: ReturnType<typeof createSimulationService> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['policy'];

  r.get('/api/v1/policies', {
    schema: { tags, summary: 'Approval policies of your organisation (and its business units) with their version history', response: { 200: policyListSchema } },
    handler: (req) => policies.list(requireActor(req)),
  });

  r.get('/api/v1/policies/:policyId/versions/:number', {
    schema: {
      tags,
      summary: 'One saved version of a policy, as written',
      params: z.strictObject({ policyId: z.uuid('must be a policy id'), number: z.coerce.number().int().min(1).max(1_000_000) }),
      response: { 200: versionSchema },
    },
    handler: (req) => policies.getVersion(requireActor(req), req.params.policyId, req.params.number),
  });

  r.post('/api/v1/policies/versions', {
    schema: {
      tags,
      summary: 'Save a new version of the organisation policy, or of a business unit policy',
      description: 'Refused with 422 naming the path of each problem (for example policy.stages[1].steps[0].approvers[0].role). Offers in flight keep the version they started with.',
      body: z.strictObject({ ...sourceBody, businessUnitId: z.uuid('must be a business unit id').nullable().default(null), note: z.string().trim().max(500).optional() }),
      response: { 201: versionSchema },
    },
    handler: async (req, reply) => {
      const saved = await policies.save(requireActor(req), req.body);
      reply.code(201);
      return saved;
    },
  });

  r.post('/api/v1/policies/validate', {
    schema: {
      tags,
      summary: 'Check a policy without saving it',
      description: 'businessUnitId: check it as that business unit\'s policy (the custom fields it may name are the unit\'s and the organisation-wide ones); left out or null, as the organisation policy.',
      body: z.strictObject({ ...sourceBody, businessUnitId: z.uuid('must be a business unit id').nullable().optional() }),
      response: { 200: problemsSchema },
    },
    handler: (req) => policies.validate(requireActor(req), req.body),
  });

  r.post('/api/v1/policies/simulate', {
    schema: {
      tags,
      summary: 'The steps an offer or a draft would need and why, creating nothing',
      body: z.strictObject({
        offerId: z.uuid('must be an offer id').optional(),
        draft: z.strictObject({ requisitionId: z.uuid('must be a requisition id').optional(), terms: z.unknown() }).optional(),
        policy: z.strictObject(sourceBody).optional(),
      }),
      response: { 200: simulationSchema },
    },
    handler: (req) => simulation.simulate(requireActor(req), req.body),
  });
}
