import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { approvalsKey } from './inbox';
import { stepSchema } from './step';

const person = z.object({ id: z.string(), name: z.string() });

const decisionSchema = z.object({
  approver: person,
  /** Differs from approver when a delegate acted. */
  actedBy: person,
  decision: z.string(),
  comment: z.string(),
  via: z.string(),
  at: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

const planStepSchema = stepSchema.extend({ decisions: z.array(decisionSchema) });
export type PlanStep = z.infer<typeof planStepSchema>;

const planSchema = z.object({
  offerId: z.string(),
  currentVersion: z.number(),
  status: z.string(),
  policyVersion: z.object({ id: z.string(), number: z.number() }).nullable(),
  steps: z.array(planStepSchema),
});
export type ApprovalPlan = z.infer<typeof planSchema>;

export const planKey = (offerId: string) => [...approvalsKey, 'plan', offerId] as const;

export const fetchPlan = (offerId: string, signal?: AbortSignal) =>
  apiRequest(`/offers/${encodeURIComponent(offerId)}/approvals`, { schema: planSchema, signal });

export function useApprovalPlan(offerId: string) {
  return useQuery({ queryKey: planKey(offerId), queryFn: ({ signal }) => fetchPlan(offerId, signal) });
}
