import { useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { decisionResultSchema, type DecisionKind } from './decide';

/** What an e-mailed approval link is for; opening it decides nothing. */
const linkSchema = z.object({
  approver: z.object({ name: z.string() }),
  offer: z.object({ title: z.string(), candidateName: z.string(), status: z.string() }),
  step: z.object({ stageName: z.string(), stepName: z.string(), status: z.string(), explanation: z.string(), dueAt: z.string().nullable() }),
  expiresAt: z.string(),
});
export type ApprovalLink = z.infer<typeof linkSchema>;

const path = (token: string) => `/approval-links/${encodeURIComponent(token)}`;

export function useApprovalLink(token: string) {
  return useQuery({
    queryKey: ['approval-link', token],
    queryFn: ({ signal }) => apiRequest(path(token), { schema: linkSchema, signal }),
    retry: false,
    // The link is single-use: never refetch in the background and show a stale "used" state.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useDecideByLink(token: string) {
  return useMutation({
    mutationFn: ({ decision, comment }: { decision: DecisionKind; comment: string }) =>
      apiRequest(`${path(token)}/decision`, { method: 'POST', body: { decision, comment }, schema: decisionResultSchema }),
  });
}
