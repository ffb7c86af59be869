import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { fieldTypes } from '../../flow/fields/field-definition.schema';
import { apiRequest } from './api-client';

/**
 * The intake form's custom fields for one business unit, in layout order, as the caller's roles
 * see them (or, for an admin's preview, as one role does). Shared by intake and the admin page's
 * preview, which must look alike; features do not import each other, so it lives here.
 */
export const formFieldSchema = z.object({
  key: z.string(),
  version: z.number(),
  label: z.string(),
  type: z.enum(fieldTypes),
  helpText: z.string().optional(),
  section: z.string(),
  order: z.number(),
  validation: z.object({
    required: z.boolean(),
    requiredWhen: z.unknown().optional(),
    min: z.union([z.number(), z.string()]).optional(),
    max: z.union([z.number(), z.string()]).optional(),
    pattern: z.string().optional(),
  }),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  default: z.unknown().optional(),
  sensitive: z.boolean(),
  writable: z.boolean(),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const offerFormFieldsKey = (businessUnitId: string, asRole?: string) => ['offer-form', 'fields', businessUnitId, asRole ?? null] as const;

export function useOfferFormFields(businessUnitId: string | null | undefined, asRole?: string) {
  return useQuery({
    queryKey: offerFormFieldsKey(businessUnitId ?? '', asRole),
    queryFn: ({ signal }) => {
      const q = new URLSearchParams({ businessUnitId: businessUnitId ?? '', ...(asRole ? { asRole } : {}) });
      return apiRequest(`/offer-form/fields?${q}`, { schema: z.array(formFieldSchema), signal });
    },
    enabled: !!businessUnitId,
  });
}

/** Fields grouped by section, sections in the order of their first field (as the server orders them). */
export function groupBySection<F extends { section: string }>(fields: readonly F[]): { section: string; fields: F[] }[] {
  const groups = new Map<string, F[]>();
  for (const f of fields) groups.set(f.section, [...(groups.get(f.section) ?? []), f]);
  return [...groups].map(([section, list]) => ({ section, fields: list }));
}
