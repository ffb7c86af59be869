import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const delegationListSchema = z.object({
  delegations: z.array(z.object({ id: z.string(), delegate: z.object({ id: z.string(), name: z.string() }), startsAt: z.string(), endsAt: z.string() })),
});
export type Delegation = z.infer<typeof delegationListSchema>['delegations'][number];
export interface DelegationInput {
  delegateId: string;
  /** ISO date-times; no start means now. */
  startsAt?: string;
  endsAt: string;
}

const delegationKey = ['me', 'delegation'] as const;

export const fetchDelegation = () => apiRequest('/me/delegation', { schema: delegationListSchema });
export const putDelegation = (input: DelegationInput) => apiRequest('/me/delegation', { method: 'PUT', body: input, schema: delegationListSchema });
export const endDelegation = () => apiRequest('/me/delegation', { method: 'DELETE', schema: delegationListSchema });

export function useDelegation() {
  return useQuery({ queryKey: delegationKey, queryFn: fetchDelegation });
}

/** Both writes answer with the delegations now in force, so the cache takes the answer as is. */
function useDelegationWrite<V>(write: (vars: V) => Promise<z.infer<typeof delegationListSchema>>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: (data) => qc.setQueryData(delegationKey, data) });
}

export const useSetDelegation = () => useDelegationWrite(putDelegation);
export const useEndDelegation = () => useDelegationWrite(endDelegation);
