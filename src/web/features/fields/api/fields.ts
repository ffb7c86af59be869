import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { storedDefinitionSchema } from '../../../../flow/fields/field-definition.wire';
import { apiRequest, ifMatch } from '../../../lib/api-client';

/** The admin API of custom offer fields (docs/fields.md): definitions, retirement and the form layout. */
const definitionSchema = storedDefinitionSchema;
export type Definition = z.infer<typeof definitionSchema>;

const userSchema = z.object({ kind: z.string(), id: z.string(), name: z.string(), number: z.number(), current: z.boolean(), description: z.string() });

const fieldSchema = z.object({
  id: z.string(),
  key: z.string(),
  businessUnitId: z.string().nullable(),
  currentVersion: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  retired: z.object({ at: z.string(), byUserId: z.string(), forced: z.boolean(), reason: z.string().nullable(), usedBy: z.array(userSchema) }).nullable(),
  definition: definitionSchema,
});
export type CustomField = z.infer<typeof fieldSchema>;

const layoutResultSchema = z.object({ moved: z.number(), fields: z.array(z.object({ key: z.string(), currentVersion: z.number(), moved: z.boolean() })) });

export interface LayoutEntry {
  key: string;
  section: string;
  order: number;
  version: number;
}

const key = ['admin', 'fields'] as const;
const scopeQuery = (businessUnitId: string | null) => (businessUnitId ? `?businessUnitId=${encodeURIComponent(businessUnitId)}` : '');

export const useCustomFields = () => useQuery({ queryKey: key, queryFn: ({ signal }) => apiRequest('/admin/fields', { schema: z.array(fieldSchema), signal }) });

function useFieldWrite<V, R>(write: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    // The intake form reads the same definitions.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['offer-form'] })]),
  });
}

export const useCreateField = () =>
  useFieldWrite((body: Record<string, unknown> & { businessUnitId: string | null }) => apiRequest('/admin/fields', { method: 'POST', body, schema: fieldSchema }));

export const useUpdateField = () =>
  useFieldWrite(({ field, body }: { field: CustomField; body: Record<string, unknown> }) =>
    apiRequest(`/admin/fields/${encodeURIComponent(field.key)}${scopeQuery(field.businessUnitId)}`, { method: 'PUT', body, headers: ifMatch(field.currentVersion), schema: fieldSchema }),
  );

export const useRetireField = () =>
  useFieldWrite(({ field, force, reason }: { field: CustomField; force?: boolean; reason?: string }) =>
    apiRequest(`/admin/fields/${encodeURIComponent(field.key)}/retire${scopeQuery(field.businessUnitId)}`, { method: 'POST', body: force ? { force, reason } : {}, schema: fieldSchema }),
  );

export const useSaveLayout = () =>
  useFieldWrite((body: { businessUnitId: string | null; fields: LayoutEntry[] }) => apiRequest('/admin/field-layout', { method: 'PUT', body, schema: layoutResultSchema }));
