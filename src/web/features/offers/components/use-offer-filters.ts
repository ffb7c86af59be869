import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { offerStatuses } from '../../../../core/lifecycle';
import { offerSorts, type OfferFilters, type OfferSort } from '../api/offers-list';

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
    };
  }, [params]);

  const update = useCallback(
    (patch: Partial<OfferFilters>) => {
      const next = { ...filters, ...patch };
      const out = new URLSearchParams();
      if (next.status.length) out.set('status', next.status.join(','));
      if (next.businessUnitId) out.set('bu', next.businessUnitId);
      if (next.departmentId) out.set('dept', next.departmentId);
      if (next.q) out.set('q', next.q);
      if (next.sort !== '-updatedAt') out.set('sort', next.sort);
      setParams(out, { replace: true });
    },
    [filters, setParams],
  );

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  const active = filters.status.length > 0 || !!filters.businessUnitId || !!filters.departmentId || !!filters.q;

  return { filters, update, clear, active };
}
