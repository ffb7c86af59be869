import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { formFieldSchema } from '../../flow/fields/field-definition.wire';
import { apiRequest } from './api-client';

/**
 * The intake form's custom fields for one business unit, in layout order, as the caller's roles
 * see them (or, for an admin's preview, as one role does). Shared by intake and the admin page's
 * preview, which must look alike; features do not import each other, so it lives here.
 */
export { formFieldSchema };
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
