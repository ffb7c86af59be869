import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export const policyFormats = ['yaml', 'json'] as const;
export type PolicyFormat = (typeof policyFormats)[number];

const versionSummarySchema = z.object({
  id: z.string(),
  number: z.number(),
  format: z.enum(policyFormats),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
const policySchema = z.object({
  id: z.string(),
  businessUnitId: z.string().nullable(),
  currentVersion: z.number(),
  versions: z.array(versionSummarySchema),
});
const versionSchema = z.object({
  policyId: z.string(),
  businessUnitId: z.string().nullable(),
  id: z.string(),
  number: z.number(),
  format: z.enum(policyFormats),
  source: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
const checkSchema = z.object({ ok: z.boolean(), problems: z.array(z.object({ path: z.string(), message: z.string() })) });

export type Policy = z.infer<typeof policySchema>;
export type PolicyVersionSummary = z.infer<typeof versionSummarySchema>;
export type PolicyVersion = z.infer<typeof versionSchema>;
export type PolicyProblem = z.infer<typeof checkSchema>['problems'][number];
export interface PolicySource {
  format: PolicyFormat;
  source: string;
}

const policiesKey = ['policies'] as const;

export const fetchPolicies = () => apiRequest('/policies', { schema: z.array(policySchema) });
export const fetchPolicyVersion = (policyId: string, number: number) => apiRequest(`/policies/${policyId}/versions/${number}`, { schema: versionSchema });
export const checkPolicy = (input: PolicySource) => apiRequest('/policies/validate', { method: 'POST', body: input, schema: checkSchema });
export const savePolicyVersion = (input: PolicySource & { note?: string }) =>
  apiRequest('/policies/versions', { method: 'POST', body: { ...input, businessUnitId: null }, schema: versionSchema });

export function usePolicies() {
  return useQuery({ queryKey: policiesKey, queryFn: fetchPolicies });
}

/** Saved versions never change, so one fetch per version is enough. */
export function usePolicyVersion(policyId: string | undefined, number: number | undefined) {
  return useQuery({
    queryKey: [...policiesKey, policyId, 'versions', number],
    queryFn: () => fetchPolicyVersion(policyId!, number!),
    enabled: !!policyId && !!number,
    staleTime: Infinity,
  });
}

export function useCheckPolicy() {
  return useMutation({ mutationFn: checkPolicy });
}

export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: savePolicyVersion, onSuccess: () => void qc.invalidateQueries({ queryKey: policiesKey }) });
}

/** The server names save problems `policy.stages[1]…`; the check names them `stages[1]…`. */
export const withoutPolicyPrefix = (path: string) => path.replace(/^policy\.?/, '');
