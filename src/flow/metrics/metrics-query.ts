import type { Actor } from '../../core/actor';
import { ForbiddenError, ValidationError } from '../../core/errors';
import type { Role } from '../../core/roles';
import { customFiltersOf, withCustomFilters } from '../fields/custom-params';
import type { CustomFilter } from '../fields/custom-query';
import { DEFAULT_SPAN_DAYS, MAX_SPAN_DAYS, metricsQuerySchema, type MetricsFilters } from './metrics.schema';

/** A metric request as the repository reads it: the period [from, to), the filters, and what the caller may see. */
export interface MetricsRequest {
  from: Date;
  to: Date;
  filters: MetricsFilters;
  /** `custom.<key>` filters on the offers' current custom values, checked against the definitions and the caller's metrics roles. */
  custom: CustomFilter[];
  /** null: the whole organisation; else only these business units. */
  businessUnitIds: string[] | null;
}

const metricsRequestSchema = withCustomFilters(metricsQuerySchema);

const DAY = 86_400_000;

/** Roles that read metrics (aggregates, no pay). */
export const metricsRoles: readonly Role[] = ['admin', 'recruiter', 'hr_ops', 'hrbp', 'finance'];

const instant = (s: string) => new Date(s.length === 10 ? `${s}T00:00:00.000Z` : s);

/** Checks the query (422 naming each bad parameter) and settles the period: default the 90 days ending now, `to` excluded. */
export function parseMetricsQuery(
  raw: unknown,
  now: Date,
): { period: { from: Date; to: Date }; filters: MetricsFilters; custom: Record<string, string>; format: 'json' | 'csv' | undefined } {
  const parsed = metricsRequestSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.flatMap((i) =>
        i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ field: k, message: 'is not a known parameter' })) : [{ field: i.path.map(String).join('.') || '(query)', message: i.message }],
      ),
    );
  }
  const { from: fromText, to: toText, format, businessUnitId, departmentId, recruiterId, level, employmentType } = parsed.data;
  const filters: MetricsFilters = { businessUnitId, departmentId, recruiterId, level, employmentType };
  const custom = customFiltersOf(parsed.data);
  const to = toText ? instant(toText) : now;
  const from = fromText ? instant(fromText) : new Date(to.getTime() - DEFAULT_SPAN_DAYS * DAY);
  if (from.getTime() >= to.getTime()) throw new ValidationError([{ field: 'to', message: `must be after from (${from.toISOString()})` }]);
  if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY) throw new ValidationError([{ field: 'to', message: `must be at most ${MAX_SPAN_DAYS} days after from (${from.toISOString()})` }]);
  return { period: { from, to }, filters, custom, format };
}

/**
 * The business units whose offers the caller's metrics roles reach: null for an organisation-wide
 * grant, else the units of scoped grants. 403 without any metrics role, or when `businessUnitId`
 * names a unit outside them.
 */
/** The roles the caller reads metrics through: each must read a custom field to filter by it. */
export function metricsRolesOf(actor: Pick<Actor, 'roles'>): Role[] {
  return [...new Set(actor.roles.filter((g) => metricsRoles.includes(g.role)).map((g) => g.role))];
}

export function metricsScope(actor: Pick<Actor, 'roles'>, businessUnitId: string | undefined): string[] | null {
  const grants = actor.roles.filter((g) => metricsRoles.includes(g.role));
  if (grants.length === 0) throw new ForbiddenError(`Metrics are for these roles: ${metricsRoles.join(', ')}.`);
  if (grants.some((g) => g.businessUnitId === null)) return null;
  const units = [...new Set(grants.map((g) => g.businessUnitId!))].sort();
  if (businessUnitId && !units.includes(businessUnitId)) {
    throw new ForbiddenError('Your metrics roles do not reach this business unit.', [{ field: 'businessUnitId', message: 'is not a business unit your metrics roles reach' }]);
  }
  return units;
}
