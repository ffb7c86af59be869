import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { offerStatuses } from '../../../../core/lifecycle';
import { customColumnsFrom, customFiltersFrom, writeCustom } from '../../../lib/custom-query';
import type { SavedView } from '../../../lib/saved-views';
import { offerSorts, type OfferFilters, type OfferSort } from '../api/offers-list';

/** The address bar for these filters: short names, defaults left out, custom filters under the API's names and columns as `cols`. */
function toParams(next: OfferFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (next.status.length) out.set('status', next.status.join(','));
  if (next.businessUnitId) out.set('bu', next.businessUnitId);
  if (next.departmentId) out.set('dept', next.departmentId);
  if (next.q) out.set('q', next.q);
  if (next.sort !== '-updatedAt') out.set('sort', next.sort);
  writeCustom(out, next.custom, next.columns, 'cols');
  return out;
}

/** Filters live in the address bar so a filtered list can be shared, bookmarked and returned to. */
export function useOfferFilters() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<OfferFilters>(() => {
    const status = (params.get('status') ?? '')
      .split(',')
      .filter((s): s is (typeof offerStatuses)[number] => (offerStatuses as readonly string[]).includes(s));
    const sort = params.get('sort');
    return {
      status,
      businessUnitId: params.get('bu') || undefined,
      departmentId: params.get('dept') || undefined,
      q: params.get('q')?.trim() || undefined,
      sort: offerSorts.includes(sort as OfferSort) ? (sort as OfferSort) : '-updatedAt',
      custom: customFiltersFrom(params),
      columns: customColumnsFrom(params.get('cols')),
    };
  }, [params]);

  const update = useCallback((patch: Partial<OfferFilters>) => setParams(toParams({ ...filters, ...patch }), { replace: true }), [filters, setParams]);

  // Clearing keeps the chosen columns: they say how the list looks, not what it holds.
  const clear = useCallback(() => setParams(toParams({ status: [], sort: '-updatedAt', columns: filters.columns }), { replace: true }), [filters.columns, setParams]);
  const active = filters.status.length > 0 || !!filters.businessUnitId || !!filters.departmentId || !!filters.q || !!filters.custom;

  /** Opens a saved view: its filters and custom columns replace the current ones, as a new entry in the history. */
  const apply = useCallback(
    (view: SavedView) => {
      const f = view.filters;
      const status = (f.status ?? '').split(',').map((s) => s.trim()).filter((s) => (offerStatuses as readonly string[]).includes(s));
      const sort = offerSorts.includes(f.sort as OfferSort) ? (f.sort as OfferSort) : '-updatedAt';
      setParams(
        toParams({ status, businessUnitId: f.businessUnitId, departmentId: f.departmentId, q: f.q, sort, custom: customFiltersFrom(Object.entries(f)), columns: customColumnsFrom(view.columns) }),
      );
    },
    [setParams],
  );

  return { filters, update, clear, active, apply };
}
