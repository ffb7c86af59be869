import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { offerStatuses } from '../../../../core/lifecycle';
import { apiRequest } from '../../../lib/api-client';
import { writeCustom, type CustomFilters } from '../../../lib/custom-query';

export const offerSummarySchema = z.object({
  id: z.string(),
  status: z.enum(offerStatuses),
  rowVersion: z.number(),
  businessUnitId: z.string(),
  departmentId: z.string(),
  // Fields a role may not read are absent (src/core/access), so they are optional here.
  candidate: z.object({ id: z.string(), name: z.string().optional() }),
  requisitionId: z.string().nullable(),
  recruiterId: z.string(),
  title: z.string().optional(),
  startDate: z.string().optional(),
  currentVersion: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  // The custom columns asked for, where the caller may read them on this offer.
  custom: z.record(z.string(), z.unknown()).optional(),
});
export type OfferSummary = z.infer<typeof offerSummarySchema>;

const offerPageSchema = z.object({ items: z.array(offerSummarySchema), nextCursor: z.string().nullable() });
export type OfferPage = z.infer<typeof offerPageSchema>;

export const offerSorts = ['-updatedAt', 'updatedAt', '-createdAt', 'startDate', '-startDate', 'title', 'candidateName'] as const;
export type OfferSort = (typeof offerSorts)[number];

export interface OfferFilters {
  status: string[];
  businessUnitId?: string;
  departmentId?: string;
  q?: string;
  sort: OfferSort;
  /** `custom.<key>` filters. */
  custom?: CustomFilters;
  /** `custom.<key>` columns. */
  columns?: string[];
}

const PAGE_SIZE = 25;

/** The list's filters and sort as query parameters, shared by the list and its export. */
function filterParams(filters: OfferFilters): URLSearchParams {
  const params = new URLSearchParams({ sort: filters.sort });
  if (filters.status.length) params.set('status', filters.status.join(','));
  if (filters.businessUnitId) params.set('businessUnitId', filters.businessUnitId);
  if (filters.departmentId) params.set('departmentId', filters.departmentId);
  if (filters.q) params.set('q', filters.q);
  writeCustom(params, filters.custom, undefined, 'columns');
  return params;
}

export function fetchOffers(filters: OfferFilters, cursor: string | undefined, signal?: AbortSignal) {
  const params = filterParams(filters);
  params.set('limit', String(PAGE_SIZE));
  if (filters.columns?.length) params.set('columns', filters.columns.join(','));
  if (cursor) params.set('cursor', cursor);
  return apiRequest(`/offers?${params}`, { schema: offerPageSchema, signal });
}

/** The CSV of every offer the filters match (custom columns: every field the caller reads), as a download link. */
export function offersExportHref(filters: OfferFilters): string {
  const params = filterParams(filters);
  params.set('format', 'csv');
  return `/api/v1/offers/export?${params}`;
}

export const offersListKey = (filters: OfferFilters) => ['offers', 'list', filters] as const;

export function useOffersList(filters: OfferFilters) {
  return useInfiniteQuery({
    queryKey: offersListKey(filters),
    queryFn: ({ pageParam, signal }) => fetchOffers(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep the old rows on screen while a new filter loads, instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });
}

/** The filters as a saved view holds them: the list API's own parameters, the default order left out (columns are kept apart). */
export function offerFiltersToView(f: OfferFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.status.length) out.status = f.status.join(',');
  if (f.businessUnitId) out.businessUnitId = f.businessUnitId;
  if (f.departmentId) out.departmentId = f.departmentId;
  if (f.q) out.q = f.q;
  if (f.sort !== '-updatedAt') out.sort = f.sort;
  return { ...out, ...(f.custom ?? {}) };
}
