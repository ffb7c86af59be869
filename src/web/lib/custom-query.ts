import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { isCustomFilterParam } from '../../flow/fields/custom-params';
import { queryableFieldSchema } from '../../flow/fields/field-definition.wire';
import { apiRequest } from './api-client';
import { formatDate, formatMoney } from './format';

/**
 * Custom fields on the offers list and the status board: `custom.<key>=<value>` filters (and
 * `custom.<key>.min` / `.max` range bounds, see custom-range.ts) and `custom.<key>` columns, in the address bar under the API's own names (columns as `cols`), so a
 * filtered page can be shared and a saved view opened. Shared by both pages; features do not
 * import each other, so it lives here.
 */

/** Custom filters by parameter name (`custom.<key>`, `custom.<key>.min`, `custom.<key>.max`). */
export type CustomFilters = Record<string, string>;

const CUSTOM_PATH = /^custom\.[a-z][a-z0-9_]{0,39}$/;
export const isCustomPath = (name: string) => CUSTOM_PATH.test(name);
export const keyOf = (path: string) => path.slice('custom.'.length);

/** The custom filters among query parameters (the address bar's, or a saved view's filters); undefined when none. */
export function customFiltersFrom(params: Iterable<[string, string]>): CustomFilters | undefined {
  const out: CustomFilters = {};
  for (const [name, value] of params) if (isCustomFilterParam(name) && value.trim()) out[name] = value.trim();
  return Object.keys(out).length ? out : undefined;
}

/** Custom columns from a comma-separated list, or a saved view's columns (its built-in ones left out); undefined when none. */
export function customColumnsFrom(list: string | readonly string[] | null | undefined): string[] | undefined {
  const items = typeof list === 'string' ? list.split(',') : (list ?? []);
  const out = [...new Set(items.map((c) => c.trim()).filter(isCustomPath))];
  return out.length ? out : undefined;
}

/** Adds the custom filters and columns to a query string, in the API's names (`columns` for the API, `cols` in the address bar). */
export function writeCustom(out: URLSearchParams, custom: CustomFilters | undefined, columns: readonly string[] | undefined, columnsName: 'columns' | 'cols'): void {
  for (const [name, value] of Object.entries(custom ?? {})) out.set(name, value);
  if (columns?.length) out.set(columnsName, columns.join(','));
}

export type QueryableField = z.infer<typeof queryableFieldSchema>;

/** The custom fields the caller can show as columns, and filter by where `filterable` (GET /api/v1/custom-fields/queryable). */
export function useQueryableFields() {
  return useQuery({
    queryKey: ['custom-fields', 'queryable'],
    queryFn: ({ signal }) => apiRequest('/custom-fields/queryable', { schema: z.array(queryableFieldSchema), signal }),
    staleTime: 5 * 60_000,
  });
}

/** A value as a cell shows it: an option's label, yes / no, a list joined, money as dollars, a date in words. */
export function customCellText(field: QueryableField | undefined, value: unknown, words: { yes: string; no: string }): string {
  if (value === undefined || value === null) return '';
  const label = (v: unknown) => field?.options?.find((o) => o.value === v)?.label ?? String(v);
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  // List rows carry no currency; offers with custom money fields are in dollars nearly always.
  if (field?.type === 'money' && typeof value === 'number') return formatMoney(value, 'USD');
  if (field?.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return label(value);
}
