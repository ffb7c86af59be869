import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { boardFiltersFromParams, boardFiltersToParams, type BoardFilters } from './board-query';

/** The board's filters live in the address bar, so a view can be shared, bookmarked and returned to. */
export function useBoardFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => boardFiltersFromParams(params), [params]);
  const update = useCallback((patch: Partial<BoardFilters>) => setParams(boardFiltersToParams({ ...filters, ...patch }), { replace: true }), [filters, setParams]);
  // Clearing narrows nothing any more but keeps how the board looks: the view, the order and the columns.
  const clear = useCallback(
    () => setParams(boardFiltersToParams({ view: filters.view, sort: filters.sort, columns: filters.columns }), { replace: true }),
    [filters.view, filters.sort, filters.columns, setParams],
  );
  /** Opens a saved view: its filters replace the current ones, as a new entry in the history. */
  const apply = useCallback((next: URLSearchParams) => setParams(next), [setParams]);
  return { filters, update, clear, apply };
}
