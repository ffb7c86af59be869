/** The dashboard's filters as the address bar holds them, and the API query they stand for. */
export const metricNames = ['cycle-time', 'approvals', 'revisions', 'exceptions', 'fall-through', 'outcomes', 'approval-to-send'] as const;
export type MetricName = (typeof metricNames)[number];

export const periods = ['30', '90', '365', 'custom'] as const;
export type Period = (typeof periods)[number];

export const employmentTypes = ['full_time', 'part_time', 'contract_w2', 'contract_1099', 'corp_to_corp', 'temp_to_hire'] as const;

export interface MetricsFilters {
  businessUnitId?: string;
  departmentId?: string;
  recruiterId?: string;
  level?: string;
  employmentType?: string;
  period: Period;
  /** ISO dates, for the custom period only; `to` is excluded, as the API reads it. */
  from?: string;
  to?: string;
}

const DAY_MS = 86_400_000;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const id = (v: string | null) => (v && uuid.test(v) ? v : undefined);
const day = (v: string | null) => (v && isoDay.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined);

export function metricsFiltersFromParams(params: URLSearchParams): MetricsFilters {
  const period = params.get('period');
  const level = params.get('level')?.trim().slice(0, 50);
  const type = params.get('type');
  return {
    businessUnitId: id(params.get('bu')),
    departmentId: id(params.get('dept')),
    recruiterId: id(params.get('recruiter')),
    level: level || undefined,
    employmentType: (employmentTypes as readonly string[]).includes(type ?? '') ? type! : undefined,
    period: (periods as readonly string[]).includes(period ?? '') ? (period as Period) : '90',
    from: day(params.get('from')),
    to: day(params.get('to')),
  };
}

export function metricsFiltersToParams(f: MetricsFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (f.businessUnitId) out.set('bu', f.businessUnitId);
  if (f.departmentId) out.set('dept', f.departmentId);
  if (f.recruiterId) out.set('recruiter', f.recruiterId);
  if (f.level) out.set('level', f.level);
  if (f.employmentType) out.set('type', f.employmentType);
  if (f.period !== '90') out.set('period', f.period);
  if (f.period === 'custom') {
    if (f.from) out.set('from', f.from);
    if (f.to) out.set('to', f.to);
  }
  return out;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The period the API is asked for: the last N days end now (from = N days before today's UTC date, to
 * left to the server), a custom period passes its dates. A custom period missing a date, or ending
 * before it starts, falls back to the server's default rather than sending a request it would refuse.
 */
export function periodRange(f: MetricsFilters, now: Date): { from?: string; to?: string } {
  if (f.period !== 'custom') {
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    return { from: isoDate(today - Number(f.period) * DAY_MS) };
  }
  if (f.from && f.to && f.from >= f.to) return { from: f.from };
  return { from: f.from, to: f.to };
}

/** The API's query string for a metric, the same for the JSON and the CSV. */
export function metricsApiParams(f: MetricsFilters, now: Date, format?: 'csv'): URLSearchParams {
  const out = new URLSearchParams();
  if (f.businessUnitId) out.set('businessUnitId', f.businessUnitId);
  if (f.departmentId) out.set('departmentId', f.departmentId);
  if (f.recruiterId) out.set('recruiterId', f.recruiterId);
  if (f.level) out.set('level', f.level);
  if (f.employmentType) out.set('employmentType', f.employmentType);
  const { from, to } = periodRange(f, now);
  if (from) out.set('from', from);
  if (to) out.set('to', to);
  if (format) out.set('format', format);
  return out;
}

export const csvHref = (metric: MetricName, f: MetricsFilters, now: Date) => `/api/v1/metrics/${metric}?${metricsApiParams(f, now, 'csv')}`;

export const hasMetricsFilters = (f: MetricsFilters) => !!(f.businessUnitId || f.departmentId || f.recruiterId || f.level || f.employmentType || f.period !== '90');

export type DurationUnit = 'minutes' | 'hours' | 'days';

/** One unit for a whole chart, chosen by its largest value so the bars read in small whole numbers. */
export function durationUnit(maxMinutes: number): DurationUnit {
  if (maxMinutes >= 2 * 24 * 60) return 'days';
  if (maxMinutes >= 120) return 'hours';
  return 'minutes';
}

export function inUnit(minutes: number, unit: DurationUnit): number {
  const value = unit === 'days' ? minutes / 1440 : unit === 'hours' ? minutes / 60 : minutes;
  return Math.round(value * 10) / 10;
}
