import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { newIdempotencyKey } from '../../../lib/uuid';
import { approvalsKey } from './inbox';

export const decisionKinds = ['approve', 'request_changes', 'reject'] as const;
export type DecisionKind = (typeof decisionKinds)[number];

export const decisionResultSchema = z.object({
  step: z.object({ id: z.string(), status: z.string() }),
  offer: z.object({ id: z.string(), status: z.string(), rowVersion: z.number() }),
});
export type DecisionResult = z.infer<typeof decisionResultSchema>;

export interface DecisionInput {
  stepId: string;
  decision: DecisionKind;
  comment: string;
}

export const decideStep = ({ stepId, decision, comment }: DecisionInput) =>
  apiRequest(`/approvals/steps/${encodeURIComponent(stepId)}/decision`, {
    method: 'POST',
    headers: { 'Idempotency-Key': newIdempotencyKey() },
    body: { decision, comment },
    schema: decisionResultSchema,
  });

/** A decision moves the offer on: refresh approvals everywhere and the offer lists and detail. */
export function useDecideStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: decideStep,
    onSuccess: (result) => {
      void qc.invalidateQueries({ queryKey: approvalsKey });
      void qc.invalidateQueries({ queryKey: ['offers'] });
      void qc.invalidateQueries({ queryKey: ['journal', result.offer.id] });
    },
  });
}
