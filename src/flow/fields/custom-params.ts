import { z } from 'zod';
import { FIELD_LIMITS } from './field-definition.schema';

/**
 * Query parameters that name custom fields: `custom.<key>=<value>` equality filters,
 * `custom.<key>.min=<value>` / `custom.<key>.max=<value>` range bounds, and the
 * `columns=custom.<key>,...` list. Shape only; which keys exist, who may read them and whether
 * a value fits the field's type is custom-query.ts's job, against the definitions.
 */

export const CUSTOM_PREFIX = 'custom.';

/** `custom.<key>`: a key as definitions spell it (lower snake case, a letter first). */
const CUSTOM_PATH = new RegExp(`^custom\\.[a-z][a-z0-9_]{0,${FIELD_LIMITS.keyChars - 1}}$`);

export const isCustomPath = (name: string): boolean => CUSTOM_PATH.test(name);
export const keyOfPath = (path: string): string => path.slice(CUSTOM_PREFIX.length);

/** What a filter parameter asks: equal to the value, or at least / at most it (inclusive). */
export const rangeBounds = ['min', 'max'] as const;
export type RangeBound = (typeof rangeBounds)[number];
export type FilterOp = 'eq' | RangeBound;

/**
 * A filter parameter: `custom.<key>` or `custom.<key>.min` / `.max`. A key never holds a dot, so
 * the suffix cannot be mistaken for part of it.
 */
export function parseFilterParam(name: string): { key: string; op: FilterOp } | null {
  if (isCustomPath(name)) return { key: keyOfPath(name), op: 'eq' };
  const dot = name.lastIndexOf('.');
  const op = name.slice(dot + 1);
  const path = name.slice(0, dot);
  if (dot <= CUSTOM_PREFIX.length || !(rangeBounds as readonly string[]).includes(op) || !isCustomPath(path)) return null;
  return { key: keyOfPath(path), op: op as RangeBound };
}

export const isCustomFilterParam = (name: string): boolean => parseFilterParam(name) !== null;

/** At most this many custom filters or custom columns in one request. */
export const MAX_CUSTOM_PARAMS = 20;

/** A filter value as a query string carries it: one value per key (a repeated parameter is refused). */
const filterValue = z.string({ error: 'must be given once, with one value' }).max(200, 'must be at most 200 characters');

/**
 * The page's own query schema, also taking `custom.<key>` parameters. Any other unknown
 * parameter is still refused, naming it. Kept apart from the page schemas so their keys stay
 * listable (saved views read `.shape`), and zod refuses `.omit` once refined.
 */
/** `custom.<key>` filters (and their `.min` / `.max` bounds) beside a page's own parameters, as handlers see them. */
export type CustomFilterParams = { [name: `custom.${string}`]: string };

export function withCustomFilters<S extends z.ZodObject>(schema: S): z.ZodType<z.output<S> & CustomFilterParams, z.input<S> & CustomFilterParams> {
  return schema.catchall(filterValue).superRefine((query, ctx) => {
    let custom = 0;
    for (const name of Object.keys(query)) {
      if (name in schema.shape) continue;
      if (!name.startsWith(CUSTOM_PREFIX)) ctx.addIssue({ code: 'custom', path: [name], message: 'is not a known parameter' });
      else if (!isCustomFilterParam(name))
        ctx.addIssue({ code: 'custom', path: [name], message: 'names no custom field filter: custom.<key>, custom.<key>.min or custom.<key>.max, a key in lower snake case, e.g. custom.cost_center' });
      else if (++custom > MAX_CUSTOM_PARAMS) ctx.addIssue({ code: 'custom', path: [name], message: `is one custom filter too many (at most ${MAX_CUSTOM_PARAMS})` });
    }
  }) as unknown as z.ZodType<z.output<S> & CustomFilterParams, z.input<S> & CustomFilterParams>;
}

/** The `custom.<key>` parameters (bounds too) of a parsed query, by parameter name. */
export function customFiltersOf(query: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) if (name.startsWith(CUSTOM_PREFIX) && typeof value === 'string') out[name] = value;
  return out;
}

/** `columns`: comma-separated `custom.<key>` paths whose values each row should carry. */
export const customColumnsParam = z
  .string()
  .max(1000)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(CUSTOM_PATH, 'must name custom fields as custom.<key>'))
      .max(MAX_CUSTOM_PARAMS, `must name at most ${MAX_CUSTOM_PARAMS} custom fields`)
      .refine((list) => new Set(list).size === list.length, 'must not name a field twice'),
  )
  .describe('Comma-separated custom fields (custom.<key>) whose values each item carries in `custom`, where your roles may read them on that offer');
