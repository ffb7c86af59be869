import { offerStatuses } from '../../core/lifecycle';

/**
 * How each metric number is defined, as plain functions: percentiles (PostgreSQL's
 * percentile_cont, which the repository computes in SQL), rates and rounding. The SQL computes the
 * same things over the read models; tests use these functions as the oracle.
 */

/** Continuous percentile with linear interpolation between the two nearest ranks (percentile_cont); null for no values. */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Minutes rounded to a tenth: the unit every duration metric answers in. */
export function roundMinutes(minutes: number | null): number | null {
  return minutes === null || !Number.isFinite(minutes) ? null : Math.round(minutes * 10) / 10;
}

/** part / whole as a fraction rounded to four places (0.1234 = 12.34 %); null when the whole is 0. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** Average rounded to two places; null for no values. */
export function average(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}

/** Lifecycle order, so stages read in flow order whatever order the database returns them in. */
export function byLifecycleOrder<T extends { stage: string }>(rows: T[]): T[] {
  const order = (s: string) => {
    const i = (offerStatuses as readonly string[]).indexOf(s);
    return i === -1 ? offerStatuses.length : i;
  };
  return [...rows].sort((a, b) => order(a.stage) - order(b.stage) || a.stage.localeCompare(b.stage));
}

/** Revision buckets of the distribution: 0, 1, 2 and 3 or more versions after the first. */
export const revisionBuckets = ['0', '1', '2', '3+'] as const;
export function revisionBucket(revisions: number): (typeof revisionBuckets)[number] {
  return revisions >= 3 ? '3+' : (String(revisions) as '0' | '1' | '2');
}

/** The exception reasons approval routing records on an offer. */
export const exceptionReasons = ['out_of_band', 'over_budget', 'non_standard_clause'] as const;
export type ExceptionReason = (typeof exceptionReasons)[number];

/** Approval step statuses that an approver's decision closed (time to approve and SLA adherence count these). */
export const decidedStepStatuses = ['approved', 'rejected', 'changes_requested'] as const;

/** The end an outcome is counted under: accepted when the offer was ever accepted (handed off included), else its terminal status. */
export function outcomeStatus(row: { acceptedAt: Date | null; status: string }): string {
  return row.acceptedAt ? 'accepted' : row.status;
}
