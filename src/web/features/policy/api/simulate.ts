import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import type { PolicySource } from './policies';

const person = z.object({ id: z.string(), name: z.string() });
export const exceptionReasons = ['out_of_band', 'over_budget', 'non_standard_clause'] as const;
export const stepOutcomes = ['run', 'carry_over', 'not_needed'] as const;

const stepSchema = z.object({
  phase: z.enum(['compensation', 'packet']),
  stageKey: z.string(),
  stageName: z.string(),
  stepKey: z.string(),
  stepName: z.string(),
  outcome: z.enum(stepOutcomes),
  note: z.string(),
  explanation: z.string(),
  approvers: z.array(person),
  missing: z.string().nullable(),
  quorum: z.number(),
  slaBusinessHours: z.number().nullable(),
});
const simulationSchema = z.object({
  policy: z.object({ from: z.enum(['given', 'offer', 'active']), versionNumber: z.number().nullable() }),
  changedFields: z.array(z.string()),
  facts: z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.null(), z.array(z.string())])),
  exceptions: z.array(z.object({ reason: z.enum(exceptionReasons), detail: z.string() })),
  steps: z.array(stepSchema),
});

export type Simulation = z.infer<typeof simulationSchema>;
export type SimulatedStep = z.infer<typeof stepSchema>;

/** Runs the given (unsaved) policy over an existing offer; the server creates nothing. */
export const simulatePolicy = (input: { offerId: string; policy?: PolicySource }) =>
  apiRequest('/policies/simulate', { method: 'POST', body: input, schema: simulationSchema });

export function useSimulatePolicy() {
  return useMutation({ mutationFn: simulatePolicy });
}
