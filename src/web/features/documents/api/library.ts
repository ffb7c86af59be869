import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const matchSchema = z.object({
  employmentTypes: z.array(z.string()).optional(),
  states: z.array(z.string()).optional(),
  flsaStatuses: z.array(z.string()).optional(),
  roleFamilies: z.array(z.string()).optional(),
  businessUnitIds: z.array(z.string()).optional(),
});
const clauseSchema = z.object({ key: z.string(), title: z.string(), body: z.string(), appliesTo: matchSchema, version: z.number(), updatedAt: z.string() });
const ruleSchema = z.object({ id: z.string(), templateKey: z.string(), description: z.string(), match: matchSchema });

export type RuleMatch = z.infer<typeof matchSchema>;
export type Clause = z.infer<typeof clauseSchema>;
export type PacketRule = z.infer<typeof ruleSchema>;
export type RuleInput = Omit<PacketRule, 'id'>;

export const clausesKey = ['clauses'] as const;
export const packetRulesKey = ['packet-rules'] as const;

export const fetchClauses = () => apiRequest('/clauses', { schema: z.array(clauseSchema) });
export const saveClause = (key: string, input: Pick<Clause, 'title' | 'body' | 'appliesTo'>) =>
  apiRequest(`/clauses/${encodeURIComponent(key)}`, { method: 'PUT', body: input, schema: clauseSchema });
export const fetchPacketRules = () => apiRequest('/packet-rules', { schema: z.array(ruleSchema) });
export const savePacketRules = (rules: unknown) => apiRequest('/packet-rules', { method: 'PUT', body: { rules }, schema: z.array(ruleSchema) });

export function useClauses() {
  return useQuery({ queryKey: clausesKey, queryFn: fetchClauses });
}

export function useSaveClause() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { key: string; input: Pick<Clause, 'title' | 'body' | 'appliesTo'> }) => saveClause(v.key, v.input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: clausesKey }),
  });
}

export function usePacketRules(enabled = true) {
  return useQuery({ queryKey: packetRulesKey, queryFn: fetchPacketRules, enabled, staleTime: 60_000 });
}

export function useSavePacketRules() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: savePacketRules, onSuccess: (rules) => qc.setQueryData(packetRulesKey, rules) });
}
