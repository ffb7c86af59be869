import { z } from 'zod';

const person = z.object({ id: z.string(), name: z.string() });

export const stepStatuses = ['waiting', 'pending', 'approved', 'rejected', 'changes_requested', 'carried_over', 'not_needed', 'superseded'] as const;
export type StepStatus = (typeof stepStatuses)[number];

/** One approval step as the server presents it (src/flow/approvals/approvals.schema.ts). */
export const stepSchema = z.object({
  id: z.string(),
  versionNumber: z.number(),
  phase: z.enum(['compensation', 'packet', 'rescind']),
  stageKey: z.string(),
  stageName: z.string(),
  stepKey: z.string(),
  stepName: z.string(),
  // Unknown future statuses still render (as words) instead of failing the whole page.
  status: z.string(),
  explanation: z.string().nullable(),
  approvers: z.array(person),
  quorum: z.number(),
  covers: z.array(z.string()),
  carriedFromVersion: z.number().nullable(),
  activatedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  slaBreached: z.boolean(),
  escalatedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type Step = z.infer<typeof stepSchema>;
