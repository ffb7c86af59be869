import type { z } from 'zod';
import type { FieldProblem } from '../../core/errors';
import { roles, type Role } from '../../core/roles';
import { offerListQuerySchema } from '../../offers/offers.schema';
import { boardQuerySchema } from '../board/board.schema';
import { isCustomFilterParam, isCustomPath, withCustomFilters } from '../fields/custom-params';

/**
 * A saved view: a user's named filters and columns of the offers list or the status board,
 * optionally shared with roles and / or a business unit. This file checks a view as sent and
 * says every problem at once, each naming its property; it never reads the database (the
 * service checks names, business units and the ids a filter names).
 *
 * Filters are checked against the page's own query schema (GET /api/v1/board,
 * GET /api/v1/offers), so a saved view holds exactly what those endpoints accept and nothing
 * else: the strings a query string carries, paging (`limit`, `cursor`) left out. Custom field
 * filters are `custom.<key>` (and `custom.<key>.min` / `.max`) parameters as on those endpoints, and custom columns `custom.<key>`
 * beside the page's own; the service checks the keys against the definitions in force.
 */

export const viewPages = ['offers', 'board'] as const;
export type ViewPage = (typeof viewPages)[number];

/** The columns each page can show, in their default order. */
export const viewColumns = {
  board: ['offer', 'stage', 'waitingOn', 'age', 'nextAction', 'sla', 'businessUnit', 'department', 'recruiter'],
  offers: ['title', 'candidate', 'status', 'startDate', 'updatedAt', 'createdAt', 'businessUnit', 'department', 'recruiter'],
} as const satisfies Record<ViewPage, readonly string[]>;

/** What a view shows when it names no columns: what the page shows by itself. */
export const defaultColumns: Record<ViewPage, readonly string[]> = {
  board: ['offer', 'stage', 'waitingOn', 'age', 'nextAction'],
  offers: ['title', 'candidate', 'status', 'startDate', 'updatedAt'],
};

/** Query parameters that page through a list rather than choose what it holds. */
const pagingParams = ['limit', 'cursor'] as const;
/** The query parameter asking for custom columns: a view keeps its columns apart, in `columns`. */
const columnsParam = 'columns';
const notFilters: readonly string[] = [...pagingParams, columnsParam];

const filterSchemas: Record<ViewPage, z.ZodType> = {
  board: withCustomFilters(boardQuerySchema.omit({ limit: true, cursor: true, columns: true })),
  offers: withCustomFilters(offerListQuerySchema.omit({ limit: true, cursor: true, columns: true })),
};

/** The filter names a page's view may hold, besides `custom.<key>` ones. */
export const filterNames: Record<ViewPage, readonly string[]> = {
  board: Object.keys(boardQuerySchema.shape).filter((k) => !notFilters.includes(k)),
  offers: Object.keys(offerListQuerySchema.shape).filter((k) => !notFilters.includes(k)),
};

export const VIEW_LIMITS = { nameChars: 80 } as const;

const bodyKeys = ['page', 'name', 'filters', 'columns', 'sharedWithRoles', 'sharedWithBusinessUnitId'] as const;

export interface SavedViewInput {
  page: ViewPage;
  name: string;
  /** Query-string values by parameter name, as sent (checked, not rewritten). */
  filters: Record<string, string>;
  columns: string[];
  sharedWithRoles: Role[];
  sharedWithBusinessUnitId: string | null;
}

export type ParsedView = { ok: true; view: SavedViewInput } | { ok: false; problems: FieldProblem[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const quoted = (list: readonly string[]) => list.join(', ');

/**
 * Checks a view as sent (POST, or the whole view on PUT). `currentPage` is the page of the view
 * being changed: a view never moves to another page, and may leave `page` out when changed.
 */
export function parseSavedView(body: unknown, currentPage?: ViewPage): ParsedView {
  if (!isRecord(body)) return { ok: false, problems: [{ field: '(body)', message: 'must be a JSON object with page, name and filters' }] };
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  for (const key of Object.keys(body)) if (!(bodyKeys as readonly string[]).includes(key)) problem(key, `is not a property of a view; send ${quoted(bodyKeys)}`);

  let page: ViewPage | undefined;
  if (body.page === undefined && currentPage) page = currentPage;
  else if (typeof body.page === 'string' && (viewPages as readonly string[]).includes(body.page)) page = body.page as ViewPage;
  else problem('page', body.page === undefined ? `is required: one of ${quoted(viewPages)}` : `must be one of ${quoted(viewPages)}`);
  if (page && currentPage && page !== currentPage) {
    problem('page', `cannot change from ${currentPage} to ${page}: save a new view for the other page`);
    page = undefined;
  }

  let name = '';
  if (typeof body.name !== 'string') problem('name', body.name === undefined ? 'is required' : 'must be text');
  else {
    name = body.name.trim();
    if (!name) problem('name', 'must not be empty');
    else if ([...name].length > VIEW_LIMITS.nameChars) problem('name', `must be at most ${VIEW_LIMITS.nameChars} characters (it has ${[...name].length})`);
    else if (/\p{Cc}/u.test(name)) problem('name', 'must not contain control characters such as line breaks');
  }

  const filters = page ? parseFilters(page, body.filters, problem) : {};
  const columns = page ? parseColumns(page, body.columns, problem) : [];
  const sharedWithRoles = parseRoles(body.sharedWithRoles, problem);

  let sharedWithBusinessUnitId: string | null = null;
  const unit = body.sharedWithBusinessUnitId;
  if (unit !== undefined && unit !== null) {
    if (typeof unit === 'string' && UUID.test(unit)) sharedWithBusinessUnitId = unit.toLowerCase();
    else problem('sharedWithBusinessUnitId', 'must be a business unit id, or null to share with no business unit');
  }

  if (problems.length || !page) return { ok: false, problems };
  return { ok: true, view: { page, name, filters, columns, sharedWithRoles, sharedWithBusinessUnitId } };
}

function parseFilters(page: ViewPage, raw: unknown, problem: (field: string, message: string) => void): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) {
    problem('filters', `must be an object of query parameters of the ${page === 'board' ? 'status board' : 'offers list'}, e.g. {"${filterNames[page][0]}": "…"}`);
    return {};
  }
  const filters: Record<string, string> = {};
  let ok = true;
  for (const [key, value] of Object.entries(raw)) {
    if ((pagingParams as readonly string[]).includes(key)) {
      problem(`filters.${key}`, 'pages through a list and is not kept in a view');
      ok = false;
    } else if (key === columnsParam) {
      problem(`filters.${key}`, 'is kept in the view\'s own columns, not in its filters');
      ok = false;
    } else if (!filterNames[page].includes(key) && !isCustomFilterParam(key)) {
      problem(`filters.${key}`, `is not a filter of ${page === 'board' ? 'the status board' : 'the offers list'}; filters: ${quoted(filterNames[page])}, custom.<key>, custom.<key>.min, custom.<key>.max`);
      ok = false;
    } else if (typeof value !== 'string') {
      problem(`filters.${key}`, 'must be text, as in a query string (several stages or statuses separated by commas)');
      ok = false;
    } else filters[key] = value;
  }
  if (!ok) return {};
  const parsed = filterSchemas[page].safeParse(filters);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      problem(key === undefined ? 'filters' : `filters.${String(key)}`, issue.message);
    }
    return {};
  }
  return filters;
}

function parseColumns(page: ViewPage, raw: unknown, problem: (field: string, message: string) => void): string[] {
  if (raw === undefined || raw === null) return [...defaultColumns[page]];
  const known: readonly string[] = viewColumns[page];
  if (!Array.isArray(raw)) {
    problem('columns', `must be a list of column keys in the order shown: ${quoted(known)}`);
    return [];
  }
  if (raw.length === 0) problem('columns', 'must name at least one column (leave it out for the page\'s own columns)');
  const seen = new Map<string, number>();
  raw.forEach((c, i) => {
    if (typeof c !== 'string' || !(known.includes(c) || isCustomPath(c))) problem(`columns.${i}`, `must be a column of ${page === 'board' ? 'the status board' : 'the offers list'}: ${quoted(known)}, or a custom field as custom.<key>`);
    else if (seen.has(c)) problem(`columns.${i}`, `repeats "${c}" of columns.${seen.get(c)}`);
    else seen.set(c, i);
  });
  return raw as string[];
}

function parseRoles(raw: unknown, problem: (field: string, message: string) => void): Role[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problem('sharedWithRoles', `must be a list of role names: ${quoted(roles)}`);
    return [];
  }
  const seen = new Map<string, number>();
  raw.forEach((r, i) => {
    if (typeof r !== 'string' || !(roles as readonly string[]).includes(r)) problem(`sharedWithRoles.${i}`, `must be a role: ${quoted(roles)}`);
    else if (seen.has(r)) problem(`sharedWithRoles.${i}`, `repeats "${r}" of sharedWithRoles.${seen.get(r)}`);
    else seen.set(r, i);
  });
  return raw as Role[];
}

/**
 * Who a shared view reaches, given the grants of a reader (never the owner, who always sees
 * their own): with roles and a business unit, a reader holding one of the roles in that unit;
 * with roles only, a reader holding one of the roles anywhere; with a business unit only, a
 * reader holding any role in that unit. A grant across the organisation holds in every unit.
 */
export function sharedWith(
  view: { sharedWithRoles: readonly string[]; sharedWithBusinessUnitId: string | null },
  grants: readonly { role: string; businessUnitId: string | null }[],
): boolean {
  const unit = view.sharedWithBusinessUnitId;
  const inUnit = (g: { businessUnitId: string | null }) => unit === null || g.businessUnitId === null || g.businessUnitId === unit;
  if (view.sharedWithRoles.length === 0) return unit !== null && grants.some(inUnit);
  return grants.some((g) => view.sharedWithRoles.includes(g.role) && inUnit(g));
}
