import { z } from 'zod';
import { policyPhases } from '../policy/policy.schema';
import { decisionKinds } from './decisions.service';

const person = z.object({ id: z.string(), name: z.string() });

export const stepStatuses = ['waiting', 'pending', 'approved', 'rejected', 'changes_requested', 'carried_over', 'not_needed', 'superseded'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export const stepViewSchema = z.object({
  id: z.string(),
  versionNumber: z.int(),
  phase: z.enum(policyPhases).describe('compensation and packet run on submit; rescind runs on a request to rescind a sent offer'),
  stageKey: z.string(),
  stageName: z.string(),
  stepKey: z.string(),
  stepName: z.string(),
  status: z.enum(stepStatuses),
  explanation: z.string().nullable().describe('Why the step is needed; null for roles that may not read pay'),
  approvers: z.array(person),
  quorum: z.int().describe('Approvals the step needs'),
  covers: z.array(z.string()),
  carriedFromVersion: z.int().nullable(),
  activatedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  slaBreached: z.boolean(),
  escalatedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const decisionViewSchema = z.object({
  approver: person,
  actedBy: person.describe('Differs from approver when a delegate acted'),
  decision: z.enum(decisionKinds),
  comment: z.string(),
  via: z.enum(['app', 'email_link']),
  at: z.string(),
});

export const approvalPlanSchema = z.object({
  offerId: z.string(),
  exceptions: z
    .array(z.object({ reason: z.enum(['out_of_band', 'over_budget', 'non_standard_clause']), detail: z.string() }))
    .nullable()
    .describe("The current terms' exceptions with reasons; null for roles that may not read pay"),
  currentVersion: z.int(),
  status: z.string(),
  policyVersion: z.object({ id: z.string(), number: z.int() }).nullable(),
  steps: z.array(stepViewSchema.extend({ decisions: z.array(decisionViewSchema) })),
});

export const inboxSchema = z.object({
  items: z.array(
    stepViewSchema.extend({
      offer: z.object({ id: z.string(), title: z.string(), candidateName: z.string().nullable(), status: z.string() }),
      onBehalfOf: person.nullable(),
      band: z
        .object({
          currency: z.string(),
          minCents: z.number(),
          midCents: z.number(),
          maxCents: z.number(),
          offeredCents: z.number(),
          compaRatio: z.number().nullable(),
        })
        .nullable(),
      changedSinceApproval: z.array(z.string()),
    }),
  ),
});

export const decisionBodySchema = z.strictObject({
  decision: z.enum(decisionKinds),
  comment: z.string().max(4000, 'must be at most 4000 characters').default(''),
});

export const stepIdParamsSchema = z.strictObject({ stepId: z.uuid('must be an approval step id') });

export const decisionResultSchema = z.object({
  step: z.object({ id: z.string(), status: z.enum(stepStatuses) }),
  offer: z.object({ id: z.string(), status: z.string(), rowVersion: z.int() }),
});

export const delegationBodySchema = z.strictObject({
  delegateId: z.uuid('must be a user id'),
  startsAt: z.iso.datetime({ offset: true, message: 'must be a date-time like 2027-03-01T09:00:00Z' }).optional(),
  endsAt: z.iso.datetime({ offset: true, message: 'must be a date-time like 2027-03-08T17:00:00Z' }),
});

export const delegationListSchema = z.object({
  delegations: z.array(z.object({ id: z.string(), delegate: person, startsAt: z.string(), endsAt: z.string() })),
});
