import { offerStatuses, terminalStatuses, type OfferStatus } from '../../../../core/lifecycle';
import { customColumnsFrom, customFiltersFrom, writeCustom, type CustomFilters } from '../../../lib/custom-query';

/** The board's filters as the address bar holds them, so a view can be shared and bookmarked. */
export const openStages = offerStatuses.filter((s) => !terminalStatuses.includes(s));
export const slaStates = ['ok', 'due_soon', 'breached'] as const;
export const boardViews = ['all', 'mine', 'waiting_on_me'] as const;
export const boardSorts = ['oldest', 'newest'] as const;

export type SlaState = (typeof slaStates)[number];
export type BoardView = (typeof boardViews)[number];
export type BoardSort = (typeof boardSorts)[number];

export interface BoardFilters {
  stage?: OfferStatus;
  businessUnitId?: string;
  departmentId?: string;
  recruiterId?: string;
  sla?: SlaState;
  view: BoardView;
  sort: BoardSort;
  /** `custom.<key>` filters, under the API's names in the address bar too. */
  custom?: CustomFilters;
  /** `custom.<key>` columns (`cols` in the address bar). */
  columns?: string[];
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined => (list as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (value: string | null) => (value && uuid.test(value) ? value : undefined);

/** Reads the address bar; anything unknown or malformed is dropped rather than sent to the server. */
export function boardFiltersFromParams(params: URLSearchParams): BoardFilters {
  return {
    stage: oneOf(openStages, params.get('stage')),
    businessUnitId: id(params.get('bu')),
    departmentId: id(params.get('dept')),
    recruiterId: id(params.get('recruiter')),
    sla: oneOf(slaStates, params.get('sla')),
    view: oneOf(boardViews, params.get('view')) ?? 'all',
    sort: oneOf(boardSorts, params.get('sort')) ?? 'oldest',
    custom: customFiltersFrom(params),
    columns: customColumnsFrom(params.get('cols')),
  };
}

/** Writes the filters back, leaving out defaults so a plain board has a plain address. */
export function boardFiltersToParams(f: BoardFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (f.view !== 'all') out.set('view', f.view);
  if (f.stage) out.set('stage', f.stage);
  if (f.businessUnitId) out.set('bu', f.businessUnitId);
  if (f.departmentId) out.set('dept', f.departmentId);
  if (f.recruiterId) out.set('recruiter', f.recruiterId);
  if (f.sla) out.set('sla', f.sla);
  if (f.sort !== 'oldest') out.set('sort', f.sort);
  writeCustom(out, f.custom, f.columns, 'cols');
  return out;
}

/** The API's query string (GET /api/v1/board) for one page. */
export function boardApiParams(f: BoardFilters, limit: number, cursor?: string): URLSearchParams {
  const out = new URLSearchParams({ view: f.view, sort: f.sort, limit: String(limit) });
  if (f.stage) out.set('stage', f.stage);
  if (f.businessUnitId) out.set('businessUnitId', f.businessUnitId);
  if (f.departmentId) out.set('departmentId', f.departmentId);
  if (f.recruiterId) out.set('recruiterId', f.recruiterId);
  if (f.sla) out.set('sla', f.sla);
  writeCustom(out, f.custom, f.columns, 'columns');
  if (cursor) out.set('cursor', cursor);
  return out;
}

/** Filters that narrow the list (the view and the order do not). */
export const hasNarrowingFilters = (f: BoardFilters) => !!(f.stage || f.businessUnitId || f.departmentId || f.recruiterId || f.sla || f.custom);

/** Business hours as people say them, the way the board's sentences do: whole days from 8 hours, else whole hours. */
export function ageWords(hours: number): { key: 'underHour' | 'hour' | 'hours' | 'day' | 'days'; count: number } {
  if (hours >= 8) {
    const days = Math.floor(hours / 8);
    return days === 1 ? { key: 'day', count: 1 } : { key: 'days', count: days };
  }
  const whole = Math.floor(hours);
  if (whole < 1) return { key: 'underHour', count: 0 };
  return whole === 1 ? { key: 'hour', count: 1 } : { key: 'hours', count: whole };
}

/** The filters as a saved view holds them: the board API's own parameters (GET /api/v1/board), defaults left out. */
export function boardFiltersToView(f: BoardFilters): Record<string, string> {
  const out: Record<string, string> = {};
  // Columns are kept apart, in the view's own columns.
  for (const [key, value] of boardApiParams(f, 1)) if (key !== 'limit' && key !== 'columns') out[key] = value;
  if (f.view === 'all') delete out.view;
  if (f.sort === 'oldest') delete out.sort;
  return out;
}

/**
 * A saved view's filters as the address bar holds them. A view saved through the API may name
 * several stages; the board's picker shows one, so such a view opens on every stage.
 */
export function boardFiltersFromView(filters: Record<string, string>, columns: readonly string[] = []): URLSearchParams {
  const params = new URLSearchParams();
  const names: Record<string, string> = { businessUnitId: 'bu', departmentId: 'dept', recruiterId: 'recruiter', stage: 'stage', sla: 'sla', view: 'view', sort: 'sort' };
  for (const [key, value] of Object.entries(filters)) if (names[key]) params.set(names[key], value.trim());
  const custom = customFiltersFrom(Object.entries(filters));
  return boardFiltersToParams({ ...boardFiltersFromParams(params), custom, columns: customColumnsFrom(columns) });
}
