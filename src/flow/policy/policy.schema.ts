import { z } from 'zod';
import { roles, type Role } from '../../core/roles';
import type { CustomFieldSnapshot } from './custom-fields';

/**
 * The approval policy document: ordered stages of parallel steps. This file checks shape only
 * (keys, types, limits, known roles and relations); meaning (fields, operators, values,
 * reachability, e-mails) is checked by policy-parse.ts, which needs the field catalogue and
 * the organisation's users.
 */

export const policyPhases = ['compensation', 'packet', 'rescind'] as const;
export type PolicyPhase = (typeof policyPhases)[number];
/** Phases routed when a version is submitted; `rescind` stages run only when someone asks to rescind a sent offer. */
export const submitPhases = ['compensation', 'packet'] as const satisfies readonly PolicyPhase[];
export type SubmitPhase = (typeof submitPhases)[number];

export const policyRelations = ['requisition_hiring_manager', 'department_hrbp', 'hiring_manager_manager'] as const;
export type PolicyRelation = (typeof policyRelations)[number];

export const conditionOps = [
  'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'exists', 'not_exists', 'contains', 'not_contains',
] as const;
export type ConditionOp = (typeof conditionOps)[number];

export type ApproverSpec = { role: Role } | { user: string } | { relation: PolicyRelation };
export type Quorum = 'all' | 'any' | { atLeast: number };
export type ConditionLeaf = { field: string; op: ConditionOp; value?: unknown };
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | ConditionLeaf;

export interface PolicyStep {
  key: string;
  name: string;
  when?: Condition;
  approvers: ApproverSpec[];
  quorum: Quorum;
  sla?: { businessHours: number };
  reminders?: { afterBusinessHours: number[] };
  escalateTo?: ApproverSpec;
  covers: string[];
}
export interface PolicyStage { key: string; name: string; phase: PolicyPhase; when?: Condition; steps: PolicyStep[] }
export interface Policy {
  stages: PolicyStage[];
  /**
   * Set by the parser, never written by hand: the custom fields the policy names, as their
   * definitions stood when it was saved, so routing and explanations need nothing else.
   */
  customFields?: Record<string, CustomFieldSnapshot>;
}

export const POLICY_LIMITS = {
  stages: 20,
  stepsPerStage: 50,
  approversPerStep: 20,
  conditionDepth: 8,
  listValues: 100,
  covers: 50,
  reminders: 10,
  businessHours: 2000,
  sourceChars: 200_000,
} as const;

const keySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a lowercase key like finance_review (letters, digits, _; at most 40)');
const nameSchema = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
const hoursSchema = z
  .int('must be a whole number of business hours')
  .min(1, 'must be at least 1 business hour')
  .max(POLICY_LIMITS.businessHours, `must be at most ${POLICY_LIMITS.businessHours} business hours`);

const listHint = (values: readonly string[]) => values.join(', ');
/** Enum errors that quote what was written, or say it is missing. */
const unknownOf = (what: string, values: readonly string[]) => (iss: { input?: unknown }) =>
  iss.input === undefined ? 'is required' : `unknown ${what} ${JSON.stringify(iss.input)}: use one of ${listHint(values)}`;

// One object with optional keys plus a refinement, rather than a zod union: a union reports
// "invalid input" at the parent, while this names the exact key that is wrong.
export const approverSpecSchema = z
  .strictObject({
    role: z.enum(roles, { error: unknownOf('role', roles) }).optional(),
    user: z.email('must be the e-mail address of a user').max(254).optional(),
    relation: z
      .enum(policyRelations, { error: unknownOf('relation', policyRelations) })
      .optional(),
  })
  .superRefine((a, ctx) => {
    const n = Number(a.role !== undefined) + Number(a.user !== undefined) + Number(a.relation !== undefined);
    if (n !== 1) ctx.addIssue({ code: 'custom', message: 'must name exactly one of role, user or relation' });
  }) as unknown as z.ZodType<ApproverSpec>;

export const quorumSchema = z.union([z.literal('all'), z.literal('any'), z.strictObject({ atLeast: z.int('must be a whole number') })], {
  error: 'must be "all", "any" or { atLeast: N }',
}) as z.ZodType<Quorum>;

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      all: z.array(conditionSchema).min(1, 'must hold at least one condition').max(POLICY_LIMITS.listValues).optional(),
      any: z.array(conditionSchema).min(1, 'must hold at least one condition').max(POLICY_LIMITS.listValues).optional(),
      not: conditionSchema.optional(),
      field: z.string().min(1, 'is required').max(100).optional(),
      op: z.enum(conditionOps, { error: unknownOf('operator', conditionOps) }).optional(),
      value: z.unknown().optional(),
    })
    .superRefine((c, ctx) => {
      const groups = (['all', 'any', 'not'] as const).filter((k) => c[k] !== undefined);
      const leafKeys = (['field', 'op', 'value'] as const).filter((k) => c[k] !== undefined);
      if (groups.length > 1 || (groups.length === 1 && leafKeys.length > 0)) {
        ctx.addIssue({ code: 'custom', message: 'must be one of: all: [...], any: [...], not: {...}, or a field test { field, op, value }' });
      } else if (groups.length === 0) {
        if (c.field === undefined) ctx.addIssue({ code: 'custom', path: ['field'], message: 'is required (or use all / any / not)' });
        if (c.op === undefined) ctx.addIssue({ code: 'custom', path: ['op'], message: 'is required' });
      }
    }),
) as unknown as z.ZodType<Condition>;

export const policyStepSchema = z.strictObject({
  key: keySchema,
  name: nameSchema,
  when: conditionSchema.optional(),
  approvers: z.array(approverSpecSchema).min(1, 'must name at least one approver').max(POLICY_LIMITS.approversPerStep),
  quorum: quorumSchema.default('any'),
  sla: z.strictObject({ businessHours: hoursSchema }).optional(),
  reminders: z.strictObject({ afterBusinessHours: z.array(hoursSchema).min(1, 'must list at least one reminder').max(POLICY_LIMITS.reminders) }).optional(),
  escalateTo: approverSpecSchema.optional(),
  covers: z.array(z.string().min(1).max(100)).max(POLICY_LIMITS.covers).default([]),
});

export const policyStageSchema = z.strictObject({
  key: keySchema,
  name: nameSchema,
  phase: z.enum(policyPhases, { error: unknownOf('phase', policyPhases) }),
  when: conditionSchema.optional(),
  steps: z.array(policyStepSchema).min(1, 'must hold at least one step').max(POLICY_LIMITS.stepsPerStage),
});

export const policySchema = z.strictObject({
  stages: z.array(policyStageSchema).min(1, 'must hold at least one stage').max(POLICY_LIMITS.stages),
});

// The inferred types and the hand-written interfaces above must stay the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _shapeCheck: Same<z.output<typeof policySchema>, Omit<Policy, 'customFields'>> = true;
void _shapeCheck;
